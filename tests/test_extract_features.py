"""How the NER features are computed (per distinct word, filtered to the model's attributes)
must not change what the tagger sees: the same strings as the plain feature functions that
training uses, the same tags and the same marginals."""

from __future__ import annotations

import pytest

from rashomon.extract import memo, ner
from rashomon.extract.crf_attributes import model_attributes
from rashomon.text.long_text import sample_texts


def _sentences(language: str, count: int = 60) -> list[list[str]]:
    out = []
    char_level = language in ner.CHAR_LANGUAGES
    for text in sample_texts()[language]:
        for _, chunk in ner._blocks(text):
            words = [chunk[s:e] for s, e in ner.tokenize(chunk, char_level)]
            if words:
                out.append(words)
            if len(out) >= count:
                return out
    return out


def test_every_shipped_model_has_its_attribute_table_read() -> None:
    for path in sorted(ner.MODELS.glob("ner-*.crfsuite")):
        known = model_attributes(path)
        assert known is not None and len(known) > 10_000, path.name
        word_level = path.stem[4:] not in ner.CHAR_LANGUAGES
        assert ("BOS" in known) == word_level and ("sc=latin" in known), path.name


def test_model_attributes_refuses_a_file_in_another_layout(tmp_path) -> None:
    path = tmp_path / "ner-xx.crfsuite"
    path.write_bytes(b"lCRF" + bytes(60))
    assert model_attributes(path) is None
    assert model_attributes(tmp_path / "missing.crfsuite") is None


@pytest.mark.parametrize("language", ["en", "ru", "ar", "zh", "tr", "de"])
def test_kept_features_are_the_known_subset_and_tag_identically(language) -> None:
    model = ner.tagger(language)
    known = model.known
    assert known is not None
    dropped = 0
    for words in _sentences(language):
        full = ner.features(words, model.language)
        kept = ner.features(words, model.language, known)
        assert kept == [[f.encode() for f in feats if f in known] for feats in full]
        dropped += sum(len(f) for f in full) - sum(len(f) for f in kept)
        crf = model._tagger
        tags = crf.tag(full)
        marginals = [crf.marginal(t, i) for i, t in enumerate(tags)]
        assert crf.tag(kept) == tags
        assert [crf.marginal(t, i) for i, t in enumerate(tags)] == marginals
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
