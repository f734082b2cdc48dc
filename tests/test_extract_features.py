"""How the NER features are computed (per distinct word, filtered to the model's attributes,
or summed into label scores on the model's arrays) must not change what the tagger sees:
the same strings as the plain feature functions that training uses, and the same tags and
marginals as a plain per-sentence CRF computation (python-crfsuite's own tagger is compared
with the packed arrays in ``test_extract_crf_pack.py``, on a model trained there)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.extract import crf_model, memo, ner, ner_states, tagger_lexicons
from rashomon.extract.crf_model import load, read_crfsuite
from rashomon.text.long_text import long_article, sample_texts

#: Japanese news sentences (no Japanese sample article): kana, kanji, a Latin name, digits.
JAPANESE = ("東京都の小池百合子知事は3日、記者会見で新しい防災計画を発表した。"
            "トヨタ自動車は名古屋市で開かれた説明会で、EVの生産を2026年から増やすと述べた。"
            "国連のグテーレス事務総長はニューヨークで、停戦を呼びかけた。")


#: Languages without a sample article read one in the same script.
_TEXTS_OF = {"fa": "ar"}


def _sentences(language: str, count: int = 60) -> list[list[str]]:
    out = []
    char_level = language in ner.CHAR_LANGUAGES
    texts = (JAPANESE, *sample_texts()["zh"]) if language == "ja" else \
        sample_texts()[_TEXTS_OF.get(language, language)]
    for text in texts:
        for _, chunk in ner._blocks(text):
            words = [chunk[s:e] for s, e in ner.tokenize(chunk, char_level)]
            if words:
                out.append(words)
            if len(out) >= count:
                return out
    return out


def test_every_shipped_model_has_its_attribute_table_read() -> None:
    paths = sorted(ner.MODELS.glob("ner-*.crf.npz"))
    assert len(paths) >= 14
    for path in paths:
        known = load(path).attributes
        assert len(known) > 10_000, path.name
        word_level = path.name.split(".")[0][4:] not in ner.CHAR_LANGUAGES
        assert ("BOS" in known) == word_level and ("sc=latin" in known), path.name


def test_the_crfsuite_reader_refuses_a_file_in_another_layout(tmp_path) -> None:
    path = tmp_path / "ner-xx.crfsuite"
    path.write_bytes(b"lCRF" + bytes(60))
    assert read_crfsuite(path) is None
    assert read_crfsuite(tmp_path / "missing.crfsuite") is None


@pytest.mark.parametrize("language", ["en", "ru", "ar", "zh", "tr", "de"])
def test_kept_features_are_the_known_subset_and_weigh_the_same(language) -> None:
    model = ner.Tagger(ner.model_language(language))  # the CRF (ner.tagger may pair it)
    known = model.known
    dropped = 0
    for words in _sentences(language):
        full = ner.features(words, model.language)
        kept = ner.features(words, model.language, known)
        assert kept == [[f.encode() for f in feats if f in known] for feats in full]
        dropped += sum(len(f) for f in full) - sum(len(f) for f in kept)
        for strings, encoded in zip(full, kept, strict=True):
            np.testing.assert_array_equal(model.model.vector([f.decode() for f in encoded]),
                                          model.model.vector(strings))
    assert dropped > 0  # the filter did leave unknown strings out


def test_features_are_the_same_when_the_word_tables_start_afresh(monkeypatch) -> None:
    sentences = _sentences("en", 20) + _sentences("zh", 10)
    expected = [ner.features(w, "zh" if i >= 20 else "en") for i, w in enumerate(sentences)]
    monkeypatch.setattr(memo, "LIMIT", 7)
    memo._tables.clear()
    got = [ner.features(w, "zh" if i >= 20 else "en") for i, w in enumerate(sentences)]
    assert got == expected
    # a table is started afresh before a sentence once it holds the limit: it never holds
    # more than the limit plus one sentence's tokens (and the pairs around them)
    longest = max(len(w) for w in sentences) + 3
    assert all(len(table) <= 7 + longest for table in memo._tables.values())


def _reference(state: np.ndarray, transition: np.ndarray) -> tuple[list[int], np.ndarray]:
    """One sentence's Viterbi labels and label marginals, computed plainly in log space
    (no scaling, no batching): the check on ``crf_model``'s batched, scaled arithmetic."""
    steps, width = state.shape
    best, back = state[0].copy(), np.zeros((steps, width), dtype=np.intp)
    for t in range(1, steps):
        paths = best[:, None] + transition
        back[t] = paths.argmax(axis=0)
        best = paths.max(axis=0) + state[t]
    labels = [int(best.argmax())]
    for t in range(steps - 1, 0, -1):
        labels.append(int(back[t][labels[-1]]))
    alpha, beta = np.zeros((steps, width)), np.zeros((steps, width))
    alpha[0] = state[0]
    for t in range(1, steps):
        alpha[t] = np.logaddexp.reduce(alpha[t - 1][:, None] + transition, axis=0) + state[t]
    for t in range(steps - 2, -1, -1):
        beta[t] = np.logaddexp.reduce(transition + (state[t + 1] + beta[t + 1])[None, :],
                                      axis=1)
    total = np.logaddexp.reduce(alpha[-1])
    return labels[::-1], np.exp(alpha + beta - total)


@pytest.mark.parametrize("language", sorted(p.name.split(".")[0][4:]
                                            for p in ner.MODELS.glob("ner-*.crf.npz")))
def test_label_scores_on_the_arrays_tag_as_a_plain_crf_does(language) -> None:
    """Every shipped model: the scores summed per distinct word equal the sums over the
    feature strings, and Viterbi labels and marginals over all sentences at once equal a
    plain log-space computation, sentence by sentence."""
    model = ner.Tagger(ner.model_language(language))  # the CRF (ner.tagger may pair it)
    arrays = model.model
    sentences = _sentences(language)
    assert len(sentences) >= 3
    words = [w for sentence in sentences for w in sentence]
    lengths = [len(sentence) for sentence in sentences]
    states = (ner_states.char_states if model.char_level else ner_states.word_states)(
        arrays, words, lengths, language)
    expected = np.array([arrays.vector(f) for sentence in sentences
                         for f in ner.features(sentence, language)])
    np.testing.assert_allclose(states, expected, rtol=0, atol=1e-9)
    labels, marginals = crf_model.tag(arrays, states, lengths)
    full = crf_model.marginals(arrays, states, lengths)
    at = 0
    names = set()
    for sentence in sentences:
        here = slice(at, at + len(sentence))
        ref_labels, ref_marginals = _reference(states[here], arrays.transition)
        assert labels[here].tolist() == ref_labels
        np.testing.assert_allclose(full[here], ref_marginals, rtol=0, atol=1e-9)
        np.testing.assert_allclose(marginals[here], ref_marginals[np.arange(len(sentence)),
                                                                  ref_labels], rtol=0, atol=1e-9)
        names.update(arrays.labels[k] for k in ref_labels)
        at += len(sentence)
    assert "O" in names and len(names) > 2  # names were tagged, not only O


@pytest.mark.parametrize("language", ["en", "zh", "ja", "ar"])
def test_a_text_tagged_at_once_equals_its_sentences_tagged_alone(language) -> None:
    """A text of many sentences goes through the arrays in one batch; each sentence tagged
    alone gives the same labels and the same marginals (to the last bits)."""
    model = ner.Tagger(ner.model_language(language))  # the CRF (ner.tagger may pair it)
    source = [JAPANESE] if language == "ja" else sample_texts()[language]
    text = long_article(source, 20_000, seed=3)
    _, words, lengths = ner._sentences(text, model.char_level)
    assert len(lengths) > 20
    together = model._read(words, lengths)
    at = 0
    for sentence in words:
        labels, marginals = model._read([sentence], [len(sentence)])
        assert labels.tolist() == together[0][at:at + len(sentence)].tolist()
        np.testing.assert_allclose(marginals, together[1][at:at + len(sentence)],
                                   rtol=0, atol=1e-12)
        at += len(sentence)
    assert len(model.spans(text)) > 20


def test_label_scores_are_the_same_when_the_tables_start_afresh(monkeypatch) -> None:
    for language in ("en", "zh"):
        model = ner.Tagger(ner.model_language(language))  # the CRF (ner.tagger may pair it)
        sentences = _sentences(language, 30)
        words = [w for sentence in sentences for w in sentence]
        lengths = [len(sentence) for sentence in sentences]
        states = ner_states.char_states if model.char_level else ner_states.word_states
        expected = states(model.model, words, lengths, language)
        monkeypatch.setattr(memo, "LIMIT", 50)
        tables = dict(model.model.tables)
        model.model.tables.clear()
        try:
            for k in range(0, len(sentences), 5):  # a few sentences per call, tables refilled
                part = sentences[k:k + 5]
                at = sum(lengths[:k])
                got = states(model.model, [w for s in part for w in s], [len(s) for s in part],
                             language)
                np.testing.assert_array_equal(got, expected[at:at + len(got)])
            assert all(len(t.keys) <= 50 + 200 for t in model.model.tables.values()
                       if isinstance(t, ner_states._Rows))
        finally:
            monkeypatch.setattr(memo, "LIMIT", 300_000)
            model.model.tables.clear()
            model.model.tables.update(tables)


def test_lexicon_marks_with_the_prefix_cut_are_the_same() -> None:
    ranks = tagger_lexicons.ranks("zh")
    prefixes = ner_states._prefixes("zh")
    for sentence in _sentences("zh", 20):
        assert ner._lexicon_marks(sentence, ranks, prefixes) == ner._lexicon_marks(sentence, ranks)


def _tokenized_per_block(text: str, char_level: bool):
    pieces, words, lengths = [], [], []
    for base, chunk in ner._blocks(text):
        offsets = ner.tokenize(chunk, char_level)
        if offsets:
            pieces.append((0, [(base + s, base + e) for s, e in offsets]))
            words.append([chunk[s:e] for s, e in offsets])
            lengths.append(len(offsets))
    return pieces, words, lengths


def test_one_tokenization_of_the_text_gives_each_blocks_own_tokens() -> None:
    """The text is tokenized once and its tokens handed to the blocks: the same tokens as
    tokenizing each block, also where a run-on is cut at _MAX_BLOCK inside a word."""
    texts = sample_texts()
    words = " ".join(t for language in ("en", "ru", "de") for t in texts[language]).split()
    run_on = " ".join(w.strip(".!?") for w in words)[:9000]  # blocks cut at 2,000 chars
    cases = [long_article(texts[language], 30_000, seed=5) for language in ("en", "zh", "ar")]
    cases += [run_on, "x" * 4500 + " y", "中" * 4100 + "。好", "U.S. " * 900, "O'Brien " * 600,
              "", "  \n\n ", "A.\n\nB! c? 中国。美国"]
    for text in cases:
        for char_level in (False, True):
            assert ner._sentences(text, char_level) == _tokenized_per_block(text, char_level)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_rows_added_on_the_flat_view_sum_as_numpy_adds_them(dtype) -> None:
    """``ner_states.add_rows`` gives ``np.add.at``'s bits: a row named many times gets its
    values summed in the same order (float sums depend on it), in a contiguous target and
    in a non-contiguous one (its fallback)."""
    rng = np.random.default_rng(7)
    rows = rng.normal(scale=3.0, size=(500, 9)).astype(dtype)
    rows[::17] = 0.0
    at = rng.integers(0, 40, 500)  # ~12 additions per target row, in no order
    want = np.zeros((40, 9), dtype)
    np.add.at(want, at, rows)
    got = np.zeros((40, 9), dtype)
    ner_states.add_rows(got, at.tolist(), rows)
    assert got.tobytes() == want.tobytes()
    wide = np.zeros((40, 18), dtype)
    ner_states.add_rows(wide[:, ::2], at, rows)
    assert wide[:, ::2].tobytes() == want.tobytes() and not wide[:, 1::2].any()
