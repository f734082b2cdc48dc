"""The neural NER tagger's numpy runtime (extract/tagger_nn.py): its forward pass, Viterbi and
marginals against references computed another way (explicit loops, enumeration of every tag
sequence) on a tiny random model, and the shipped model on realistic multilingual sentences."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rashomon.extract import nn_pieces, tagger_nn
from rashomon.extract.ner import tagger

TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def _tiny(tmp_path, dim=8, dilations=(1, 2), chars=0):
    rng = np.random.default_rng(7)
    vocab = {"shape": ["<unk>", "Xx", "x"], "script": ["<unk>", "latin", "punct"],
             "gz": ["", "gz=LOC", "gz=ORG", "gz=geo"], "lang": ["<unk>", "en", "de", "zh"]}
    if chars:
        vocab["char"] = ["<pad>", "<unk>", *"aeiouAMPHBbcdgklnrst北京."]
    w = {f"W_{s}": rng.normal(0, 0.5, (384, dim)) for s in ("first", "mean", "cb", "ce")}
    w["b_in"] = rng.normal(0, 0.3, dim)
    for k, v in vocab.items():
        w[f"E_{k}"] = rng.normal(0, 0.3, (len(v), dim))
    for k in range(len(dilations)):
        w[f"conv{k}"] = rng.normal(0, 0.4, (3, dim, dim))
        w[f"conv{k}_b"] = rng.normal(0, 0.1, dim)
    w["out_W"] = rng.normal(0, 0.5, (dim, len(TAGS)))
    w["out_b"] = rng.normal(0, 0.1, len(TAGS))
    if chars:
        w["E_char"] = rng.normal(0, 0.5, (len(vocab["char"]), chars))
        w["E_char"][0] = 0  # the padding
        w["char_conv"] = rng.normal(0, 0.5, (3, chars, dim))
        w["char_conv_b"] = rng.normal(0, 0.1, dim)
    w["trans"] = rng.normal(0, 1.0, (len(TAGS), len(TAGS)))
    w["start"] = rng.normal(0, 1.0, len(TAGS))
    w["end"] = rng.normal(0, 1.0, len(TAGS))
    path = tmp_path / "tiny.npz"
    tagger_nn.save(path, w, {"tags": TAGS, "dilations": list(dilations), "vocab": vocab,
                             "languages": [], "dim": dim})
    return tagger_nn.Model(path)


def _reference_emissions(model, tokens, language):
    """The forward pass with explicit per-position loops and per-token sums."""
    w, p = model.w, nn_pieces.pieces()
    index = model.vocab
    f = tagger_nn.token_features(tokens, language, index)
    x = []
    for i in range(len(tokens)):
        v = w["b_in"] + w["E_shape"][f["shape"][i]] + w["E_script"][f["script"][i]] + \
            w["E_gz"][f["gz"][i]] + w["E_lang"][index["lang"][language]]
        if f["first"][i] >= 0:
            v = v + p.vectors([f["first"][i]])[0] @ w["W_first"]
        mine = [pid for pid, o in zip(f["pieces"], f["owner"], strict=True) if o == i]
        if mine:
            v = v + p.vectors(mine).mean(axis=0) @ w["W_mean"]
        for slot, key in (("cb", "cjk_b"), ("ce", "cjk_e")):
            if f[key][i] >= 0:
                v = v + p.vectors([f[key][i]])[0] @ w["W_" + slot]
        if "E_char" in w:  # max over the word's characters of a kernel-3 convolution
            word = tokens[i] if len(tokens[i]) <= 16 else tokens[i][:8] + tokens[i][-8:]
            ids = [index["char"].get(c, 1) for c in word]
            best = None
            for j in range(len(ids)):
                y = w["char_conv_b"].copy()
                for tap in range(3):
                    if 0 <= j + tap - 1 < len(ids):
                        y = y + w["E_char"][ids[j + tap - 1]] @ w["char_conv"][tap]
                best = y if best is None else np.maximum(best, y)
            v = v + best
        x.append(v)
    h = np.maximum(np.array(x), 0)
    n = len(tokens)
    for k, d in enumerate(model.dilations):
        y = np.tile(w[f"conv{k}_b"], (n, 1))
        for t in range(n):
            for tap in range(3):
                src = t + (tap - 1) * d
                if 0 <= src < n:
                    y[t] += h[src] @ w[f"conv{k}"][tap]
        h = h + np.maximum(y, 0)
    return h @ w["out_W"] + w["out_b"]


def test_forward_equals_loop_reference(tmp_path):
    model = _tiny(tmp_path)
    sentences = [["Angela", "Merkel", "visited", "Paris", "."],
                 ["Volkswagen", "AG"], ["Berlin"],
                 ["The", "mayor", "of", "Hamburg", "said", "so", "yesterday", "."]]
    got = model.emissions(sentences, "en")
    for tokens, e in zip(sentences, got, strict=True):
        ref = _reference_emissions(model, tokens, "en")
        assert e.shape == (len(tokens), len(TAGS))
        np.testing.assert_allclose(e, ref, rtol=1e-4, atol=1e-4)


def test_forward_with_the_character_convolution(tmp_path):
    """Words of one to 23 characters (cut to their first and last 8), unknown characters."""
    model = _tiny(tmp_path, chars=4)
    assert model.chars
    sentences = [["Angela", "Merkel", "visited", "Paris", "."], ["A"],
                 ["Donaudampfschifffahrtsgesellschaft", "Ölkonzern", "北京", "x"]]
    for tokens, e in zip(sentences, model.emissions(sentences, "en"), strict=True):
        np.testing.assert_allclose(e, _reference_emissions(model, tokens, "en"), rtol=1e-4,
                                   atol=1e-4)


def test_forward_characters_with_cjk_words(tmp_path):
    model = _tiny(tmp_path)
    chars = list("普京在北京会见了习近平")
    (got,) = model.emissions([chars], "zh")
    f = tagger_nn.token_features(chars, "zh", model.vocab)
    assert max(f["cjk_b"]) >= 0 and max(f["cjk_e"]) >= 0  # 北京 and the like are pieces
    np.testing.assert_allclose(got, _reference_emissions(model, chars, "zh"), rtol=1e-4,
                               atol=1e-4)


def _sequence_scores(model, e):
    w = model.w
    out = {}
    for seq in itertools.product(range(len(TAGS)), repeat=len(e)):
        s = w["start"][seq[0]] + w["end"][seq[-1]] + sum(e[t, seq[t]] for t in range(len(e)))
        s += sum(w["trans"][seq[t - 1], seq[t]] for t in range(1, len(e)))
        out[seq] = s
    return out


def test_viterbi_and_marginals_equal_enumeration(tmp_path):
    model = _tiny(tmp_path)
    rng = np.random.default_rng(3)
    batch = [rng.normal(0, 2.0, (n, len(TAGS))) for n in (2, 3, 1, 3)]
    paths, margs = model.viterbi(batch), model.marginals(batch)
    for e, path, got in zip(batch, paths, margs, strict=True):
        scores = _sequence_scores(model, e)
        assert tuple(path) == max(scores, key=scores.get)
        z = np.logaddexp.reduce(list(scores.values()))
        marg = np.zeros_like(e)
        for seq, s in scores.items():
            for t, tag in enumerate(seq):
                marg[t, tag] += np.exp(s - z)
        np.testing.assert_allclose(got, marg, rtol=1e-4, atol=1e-6)


def _found(language, text):
    """The shipped model's names in ``text``, whether or not it serves ``language``."""
    assert tagger_nn.model() is not None
    return {(text[s.start:s.end], s.label) for s in tagger_nn.NnTagger(language).spans(text)}


def _served(language, text):
    """The served tagger's names in ``text`` (network with the CRF beside it)."""
    assert isinstance(tagger(language), tagger_nn.NnTagger)
    return {(text[s.start:s.end], s.label) for s in tagger(language).spans(text)}


def test_dispatch_serves_the_shipped_languages_only():
    served = tagger_nn.languages()
    assert {"de", "fr", "nl"} <= served
    for language in ("en", "es", "zh", "de", "ru", "it", "pl"):
        assert isinstance(tagger(language), tagger_nn.NnTagger) == (language in served)


def test_each_served_language_has_one_model_file():
    """Several trainings of the network ship side by side (``nn-ner*.npz``); each language
    is served by the one file that lists it, and a tagger runs that file's weights."""
    files = tagger_nn.model_files()
    assert tagger_nn.MODEL in files
    listed = [lang for path in files for lang in tagger_nn._meta(path)["languages"]]
    assert len(listed) == len(set(listed)) == len(tagger_nn.languages())
    for path in files:
        for language in tagger_nn._meta(path)["languages"]:
            assert tagger_nn.model(language).path == path
            assert tagger(language)._model is tagger_nn.model(language)
    # a language no file serves (the network alone, as the tests below read it) gets nn-ner.npz
    assert tagger_nn.model("pl").path == tagger_nn.MODEL


def test_ensemble_averages_network_and_crf_marginals():
    """The served reading is the mean of the network's and the CRF's token marginals,
    checked against the two computed apart (the CRF's straight from its arrays)."""
    from rashomon.extract import crf_model, ner_states
    from rashomon.extract.ner import Tagger

    words = ["Angela", "Merkel", "traf", "in", "Berlin", "Vertreter", "von", "Siemens", "."]
    served = tagger("de")
    assert served._crf is not None
    paths, marginals_of = served.read([words])
    (mixed,) = marginals_of([0])
    m = served._model
    (nn,) = m.marginals(m.emissions([words], "de"))
    crf = Tagger("de").model
    states = ner_states.word_states(crf, words, [len(words)], "de")
    full = crf_model.marginals(crf, states, [len(words)])
    ref = np.array([[full[i, crf.labels.index(t)] if t in crf.labels else 0.0 for t in m.tags]
                    for i in range(len(words))])
    np.testing.assert_allclose(mixed, (nn + ref) / 2, atol=1e-5)
    assert [m.tags[k] for k in paths[0]][:2] == ["B-PER", "I-PER"]


_PAIR_TEXTS = {
    "de": [["Angela", "Merkel", "traf", "in", "Berlin", "Vertreter", "von", "Siemens", "."],
           ["Die", "Deutsche", "Bahn", "streikt", "."], ["Hamburg"]],
    "ar": [["التقى", "الرئيس", "عبد", "الفتاح", "السيسي", "في", "القاهرة", "بوفد", "من",
            "شركة", "سيمنس", "."], ["قال", "البنك", "الدولي", "إن", "مصر", "تحتاج", "."]],
    "zh": [list("通用汽车公司总裁玛丽·博拉访问了上海。"), list("欧洲央行行长拉加德说")],
    "ru": [["Спецпредставитель", "ЕС", "Тойво", "Клаар", "прибыл", "в", "Ереван", "."]],
}


@pytest.mark.parametrize("language", sorted(_PAIR_TEXTS))
def test_pair_reads_the_crf_marginals_from_its_arrays(language):
    """The pair's CRF marginals, all sentences at once from the model's arrays
    (``crf_model.marginals``), equal the CRF's own marginals of each sentence alone, label
    by label and token by token (python-crfsuite's are checked against the arrays in
    ``test_extract_crf_pack.py``), and sum to one over the network's tags."""
    from rashomon.extract import crf_model, ner_states
    from rashomon.extract.ner import Tagger

    sentences = _PAIR_TEXTS[language]
    crf = Tagger(language)
    pair = tagger_nn.NnTagger(language, crf=crf)
    got = pair._crf_marginals(sentences)
    tags = pair._model.tags
    states = ner_states.char_states if crf.char_level else ner_states.word_states
    for words, marg in zip(sentences, got, strict=True):
        full = crf_model.marginals(crf.model, states(crf.model, words, [len(words)], language),
                                   [len(words)])
        ref = np.array([[full[i, crf.model.labels.index(t)] if t in crf.model.labels else 0.0
                         for t in tags] for i in range(len(words))])
        np.testing.assert_allclose(marg, ref, atol=1e-6)
        np.testing.assert_allclose(marg.sum(axis=1), 1.0, atol=1e-5)


def test_served_german_nouns_are_not_names():
    found = _served("de", "Am Tag danach fuhr Angela Merkel in Richtung Berlin, wo Siemens und "
                          "die Deutsche Bahn warteten.")
    assert {("Angela Merkel", "PER"), ("Berlin", "LOC"), ("Deutsche Bahn", "ORG")} <= found
    assert not {text for text, _ in found} & {"Tag", "Richtung", "Am Tag"}


def test_served_portuguese_french_dutch():
    assert {("Philips", "ORG"), ("Den Haag", "LOC")} <= _served(
        "nl", "Topman Frans Timmermans sprak in Den Haag met vertegenwoordigers van Philips en "
              "Shell.")
    assert {("Luiz Inácio Lula da Silva", "PER"), ("Petrobras", "ORG"),
            ("Rio de Janeiro", "LOC")} <= _served(
        "pt", "O presidente Luiz Inácio Lula da Silva visitou a Petrobras no Rio de Janeiro.")
    assert {("Emmanuel Macron", "PER"), ("Paris", "LOC")} <= _served(
        "fr", "Le PDG de Renault, Luca de Meo, a rencontré Emmanuel Macron à Paris.")


def _found(language, text):
    """The network's own names in ``text`` (no CRF), whether or not it serves ``language``."""
    assert tagger_nn.model() is not None
    plain = tagger_nn.NnTagger(language, crf=False)
    return {(text[s.start:s.end], s.label) for s in plain.spans(text)}


def test_network_alone_reads_unserved_languages():
    """Spanish, Persian and Polish are not served (see the model card), but the network
    alone reads them, as it reads Russian, Chinese and Japanese without their CRFs."""
    assert {("Martin Scorsese", "PER"), ("Kraków", "LOC"), ("Microsoft", "ORG")} <= _found(
        "pl", "Martin Scorsese odwiedził Kraków, a Microsoft otworzył biuro w Gdańsku.")
    found = _found("ru", "Глава ВТБ Андрей Костин заявил, что Иванов и Петров прибыли в Москву.")
    assert {("Андрей Костин", "PER"), ("Иванов", "PER"), ("Петров", "PER"),
            ("Москву", "LOC")} <= found
    found = _found("zh", "通用汽车公司总裁玛丽·博拉访问了上海。")
    assert {("通用汽车公司", "ORG"), ("玛丽·博拉", "PER"), ("上海", "LOC")} <= found
    assert {("General Motors", "ORG"), ("Mary Barra", "PER"), ("Madrid", "LOC"),
            ("Martin Scorsese", "PER")} <= _found(
        "es", "El consejero delegado de General Motors, Mary Barra, se reunió en Madrid con "
              "Martin Scorsese.")
    assert ("ولادیمیر پوتین", "PER") in _found(
        "fa", "ولادیمیر پوتین رئیس جمهور روسیه در مسکو با نمایندگان گازپروم دیدار کرد.")
    assert {("トヨタ自動車", "ORG"), ("東京", "LOC")} <= _found(
        "ja", "トヨタ自動車の豊田章男会長は東京で記者会見を開いた。")


_FIRST = "Microsoft said its cloud revenue grew."
_RIVAL = "Shares rose, while rival Chrysler reported higher sales."


def _read(spans, text):
    return [(text[s.start:s.end], s.label, s.score) for s in spans]


def test_past_the_network_budget_the_crf_alone_reads():
    """English is served by its pair; an article's sentences past the network's budget
    (``NETWORK_TOKENS``) are read by the CRF alone: the same spans and scores as the CRF
    on them, where the pair reads "Chrysler" otherwise (ORG, not the CRF's MISC)."""
    from rashomon.extract.ner import Tagger, tokenize

    pair, crf = tagger("en"), Tagger("en")
    assert isinstance(pair, tagger_nn.NnTagger) and pair.crf is pair._crf
    text = _FIRST + " " + _RIVAL
    at = len(_FIRST) + 1
    by_pair = _read(pair.spans(_RIVAL), _RIVAL)
    by_crf = _read(crf.spans(_RIVAL), _RIVAL)
    assert by_pair != by_crf and ("Chrysler", "ORG") in {r[:2] for r in by_pair}
    assert _read(pair.spans(text), text) == _read(pair.spans(_FIRST), _FIRST) + by_pair
    with tagger_nn.network_budget(len(tokenize(_FIRST))):  # the first sentence uses it up
        late = pair.spans(text)
    assert _read(late, text) == _read(pair.spans(_FIRST), _FIRST) + by_crf
    assert [s.start for s in late][-1] == at + _RIVAL.index("Chrysler")
    with tagger_nn.network_budget(0):
        assert _read(pair.spans(text), text) == _read(crf.spans(text), text)


def test_the_budget_is_the_articles_over_its_pieces(monkeypatch):
    """A long article is analysed in pieces (``entities.PIECE`` characters); the network's
    budget runs over all of them, so the pieces past it are read by the CRF alone."""
    from rashomon.extract import entities
    from rashomon.extract.ner import Tagger

    monkeypatch.setattr(tagger_nn, "NETWORK_TOKENS", 2_000)
    filler = ("The council met on Tuesday and said the budget would be discussed again next "
              "week, after the hearing.\n")
    head = filler * (entities.PIECE // len(filler))
    text = head + _RIVAL + "\n"
    assert len(text) > entities.PIECE

    def chrysler(mentions):
        return [(m.label, m.score) for m in mentions if m.text == "Chrysler"]

    alone = chrysler(entities.extract_mentions(_RIVAL, "en"))  # within the budget: the pair's
    late = chrysler(entities.extract_mentions(text, "en"))
    crf_score = Tagger("en").spans(_RIVAL)[0].score
    assert alone and late and alone[0][1] != late[0][1]
    assert late[0][1] == crf_score


def test_the_network_alone_has_no_budget():
    """``crf=False`` (the network alone, as the tests above read unserved languages) reads
    every sentence whatever the budget."""
    from rashomon.extract.ner import Tagger

    plain = tagger_nn.NnTagger("en", crf=False)
    assert plain.crf is None
    read = _read(plain.spans(_RIVAL), _RIVAL)
    assert read != _read(Tagger("en").spans(_RIVAL), _RIVAL)
    with tagger_nn.network_budget(0):
        assert _read(plain.spans(_RIVAL), _RIVAL) == read
