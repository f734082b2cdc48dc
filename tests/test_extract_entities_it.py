"""Italian entities on ordinary modern news sentences: the general behaviours the Italian
CRF lacked while it was trained on lower-cased Italian and its neighbours' sentences only
(a person named alone, a place then a person, a capitalised sentence start, a descriptive
noun before a place). The names below are in none of the written training sentences
(tools/data/ner-written.it.txt; ``test_the_example_names_are_not_in_the_written_sentences``
checks it), so each test measures what the model generalises to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.extract.entities import extract_mentions

WRITTEN = Path(__file__).resolve().parent.parent / "tools" / "data" / "ner-written.it.txt"


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(text, "it")]


@pytest.mark.parametrize("text", [
    "Putin ha detto che i colloqui continueranno.",
    "rappresentante speciale di Putin per la normalizzazione",
])
def test_a_person_named_alone_by_surname_is_a_person(text: str) -> None:
    assert _found(text) == [("Putin", "PER")]


def test_a_capitalised_adverb_before_a_person_stays_out_of_the_name() -> None:
    assert _found("Ieri Macron ha incontrato Scholz a Berlino.") == [
        ("Macron", "PER"), ("Scholz", "PER"), ("Berlino", "LOC")]


@pytest.mark.parametrize(("text", "place", "person"), [
    ("Il presidente dell'Ucraina Volodymyr Zelensky ha detto.", "Ucraina", "Volodymyr Zelensky"),
    ("Il presidente dell'Azerbaigian Ilham Aliyev ha detto.", "Azerbaigian", "Ilham Aliyev"),
])
def test_a_place_after_an_elided_article_is_not_glued_to_the_person(
        text: str, place: str, person: str) -> None:
    assert _found(text) == [(place, "LOC"), (person, "PER")]


@pytest.mark.parametrize(("text", "name"), [
    ("Il Tribunale federale ha respinto il ricorso.", "Tribunale federale"),
    ("L'Agenzia federale per il lavoro ha pubblicato i dati.", "Agenzia federale"),
])
def test_an_institution_noun_with_its_adjective_is_one_organisation(text: str, name: str) -> None:
    assert _found(text) == [(name, "ORG")]


def test_a_capitalised_sentence_start_is_not_a_name() -> None:
    assert _found("Tutti gli organi di sicurezza di Baku sono in allerta.") == [("Baku", "LOC")]


def test_a_place_after_a_descriptive_noun_is_not_a_person() -> None:
    labels = dict(_found("Le truppe controllano il corridoio Lachin da mesi."))
    assert labels.get("Lachin", "LOC") == "LOC"


def test_the_example_names_are_not_in_the_written_sentences() -> None:
    names = ("Putin", "Macron", "Scholz", "Zelensk", "Ucraina", "Azerbaig", "Aliyev",
             "Lachin", "Commissione europea", "Tribunale federale", "Agenzia federale", "Tutti")
    lines = [line for line in WRITTEN.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) > 900
    for line in lines:
        text = re.sub(r"\[(?:PER|ORG|LOC|MISC) ([^\[\]]+)\]", r"\1", line)  # marks dropped
        assert not [name for name in names if name in text], text
