"""A geographic kind noun written before a name types it a place (extract/kind_before.py),
in the languages that write a place's kind first (it, es, fr, pt)."""

from __future__ import annotations

import pytest

from rashomon.extract import kind_before
from rashomon.extract.entities import extract_mentions


def _labels(text: str, lang: str) -> dict[str, str]:
    return {m.text: m.label for m in extract_mentions(text, lang)}


def _without_step(text: str, lang: str) -> dict[str, str]:
    kind_before.ENABLED = False
    try:
        return _labels(text, lang)
    finally:
        kind_before.ENABLED = True


CORRIDOR = ("Gli Stati Uniti hanno chiesto all'Azerbaigian di porre fine al blocco del "
            "corridoio Lachin, durato più di nove mesi.")


def test_a_corridor_name_is_a_place_not_a_person():
    assert _labels(CORRIDOR, "it")["Lachin"] == "LOC"
    # the tagger alone reads the surname-like word as a person: the step is what types it
    assert _without_step(CORRIDOR, "it").get("Lachin") == "PER"


@pytest.mark.parametrize("text, lang, name", [
    ("Il ministro Calvetti ha visitato ieri la scuola di Brescia.", "it", "Calvetti"),
    ("La portavoz del Gobierno, Marta Iriondo, confirmó ayer la cifra a los periodistas.", "es",
     "Marta Iriondo"),
    ("Le maire Olivier Thévenard a présenté le budget jeudi soir.", "fr", "Olivier Thévenard"),
])
def test_a_role_noun_is_no_place_kind(text, lang, name):
    assert _labels(text, lang).get(name) == "PER"


def test_a_capitalised_kind_is_the_names_own():
    # "Monte Carlo", "Rio Grande": the kind noun capitalised belongs to the name; the
    # pattern only reads a lower-case kind before the name
    pattern = kind_before._pattern("pt")
    assert pattern is not None
    assert pattern.search("a cidade de ") is not None
    assert pattern.search("o presidente ") is None


def test_a_language_without_kind_nouns_is_left_alone():
    assert kind_before._pattern("de") is None
    text = "Der Korridor Lachin blieb monatelang gesperrt."
    assert _labels(text, "de") == _without_step(text, "de")
