"""Names at a sentence end glued to the next sentence (extract/glued_sentences.py) and the
news agencies and platforms of the gazetteer (extract/gazetteer.toml), through the whole
entity extraction. Sentences written for these tests."""

from __future__ import annotations

import pytest

from rashomon.extract import glued_sentences
from rashomon.extract.entities import extract_mentions


@pytest.mark.parametrize(("text", "kept"), [
    ("sagte Weber.Danach", "sagte Weber"),            # the name ended the sentence
    ("Kraft arrangiert.Bocelli sang", "Bocelli sang"),  # the name opened the next one
    ("the U.S. Army", "the U.S. Army"),               # initials, no glued stop
    ("Nestlé S.A. said", "Nestlé S.A. said"),
    ("Euronews.com", "Euronews.com"),                  # a web address
])
def test_a_span_is_cut_at_a_glued_sentence_end(text: str, kept: str) -> None:
    start, end = glued_sentences.cut(text, 0, len(text))
    assert text[start:end] == kept


def test_a_span_of_two_lower_case_halves_is_dropped() -> None:
    text = "dann weiter.und so"
    assert glued_sentences.cut(text, 0, len(text)) is None


def test_the_extraction_stops_a_name_at_the_glued_full_stop() -> None:
    text = "Das sei sehr schlecht, sagte Anton Weber.Danach sprach der Minister in Bremen."
    names = {(m.text, m.label) for m in extract_mentions(text, "de")}
    assert not [n for n, _ in names if "." in n], names
    assert ("Anton Weber", "PER") in names


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("pl", "Posłanka opisała całą sprawę na swoim koncie w Twitterze.", "Twitterze"),
    ("tr", "Kazada iki kişi yaralandı, sürücü gözaltına alındı. (DHA)", "DHA"),
    ("es", "El ministro habló con la prensa en Lima. (EFE)", "EFE"),
])
def test_agencies_and_platforms_are_organisations(lang: str, text: str, name: str) -> None:
    labels = {m.text: m.label for m in extract_mentions(text, lang)}
    assert labels.get(name) == "ORG", labels
