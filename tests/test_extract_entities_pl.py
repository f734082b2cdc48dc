"""Polish entities on ordinary news sentences: a person after a title (prezydent, premier,
minister, ...) in every grammatical case, the surname alone, and a place after the same
titles. The Polish CRF once read "prezydent <Name>" as a place (model card, "Polish: modern
news sentences we wrote"). The names below are invented and in none of the written training
sentences (tools/data/ner-written.pl.txt; ``test_the_example_names_are_not_in_the_written_
sentences`` checks it), so each test measures what the model generalises to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.extract.entities import extract_mentions

WRITTEN = Path(__file__).resolve().parent.parent / "tools" / "data" / "ner-written.pl.txt"


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(text, "pl")]


# (sentence, the person as written there): one title per block, its six cases in order
# nominative, genitive, dative, accusative, instrumental, locative.
TITLE_CASES = [
    ("Prezydent Wiesław Kotarba podpisał w piątek ustawę.", "Wiesław Kotarba"),
    ("Doradca prezydenta Wiesława Kotarby złożył dymisję.", "Wiesława Kotarby"),
    ("Prezydentowi Wiesławowi Kotarbie wręczono petycję rolników.", "Wiesławowi Kotarbie"),
    ("Posłowie krytykują prezydenta Wiesława Kotarbę za weto.", "Wiesława Kotarbę"),
    ("Z prezydentem Wiesławem Kotarbą rozmawiał ambasador.", "Wiesławem Kotarbą"),
    ("O prezydencie Wiesławie Kotarbie mówi się coraz więcej.", "Wiesławie Kotarbie"),
    ("Premier Marian Kusiak zapowiedział zmiany w rządzie.", "Marian Kusiak"),
    ("Decyzja premiera Mariana Kusiaka zaskoczyła posłów.", "Mariana Kusiaka"),
    ("Premierowi Marianowi Kusiakowi zarzucono brak konsultacji.", "Marianowi Kusiakowi"),
    ("Opozycja chce odwołać premiera Mariana Kusiaka.", "Mariana Kusiaka"),
    ("Rozmowa z premierem Marianem Kusiakiem trwała godzinę.", "Marianem Kusiakiem"),
    ("W rządzie kierowanym przez premiera Mariana Kusiaka są trzy kobiety.",
     "Mariana Kusiaka"),
    ("Minister Zenon Szydłowski odwołał wizytę w stolicy.", "Zenon Szydłowski"),
    ("Słowa ministra Zenona Szydłowskiego wywołały burzę.", "Zenona Szydłowskiego"),
    ("Ministrowi Zenonowi Szydłowskiemu postawiono zarzuty.", "Zenonowi Szydłowskiemu"),
    ("Dziennikarze zapytali ministra Zenona Szydłowskiego o podwyżki.",
     "Zenona Szydłowskiego"),
    ("Z ministrem Zenonem Szydłowskim spotkali się lekarze.", "Zenonem Szydłowskim"),
    ("O ministrze Zenonie Szydłowskim pisały wszystkie gazety.", "Zenonie Szydłowskim"),
    ("Minister Bożena Rakowska przedstawiła projekt ustawy.", "Bożena Rakowska"),
    ("Projekt minister Bożeny Rakowskiej trafi do Sejmu.", "Bożeny Rakowskiej"),
    ("Z minister Bożeną Rakowską rozmawiali dyrektorzy szkół.", "Bożeną Rakowską"),
]


@pytest.mark.parametrize(("text", "person"), TITLE_CASES)
def test_a_person_after_a_title_is_a_person_in_every_case(text: str, person: str) -> None:
    assert (person, "PER") in _found(text)


@pytest.mark.parametrize(("text", "person"), [
    ("W czwartek prezydent Wiesław Kotarba spotkał się z rolnikami.", "Wiesław Kotarba"),
    ("Wczoraj premier Ihor Marczenko ogłosił stan wyjątkowy.", "Ihor Marczenko"),
    ("Jak zapowiedział wicepremier Olgierd Pasek, ceny spadną.", "Olgierd Pasek"),
    ("W sobotę kanclerz Ulrich Brenner przyleciał do stolicy.", "Ulrich Brenner"),
])
def test_a_title_inside_a_sentence_before_a_full_name_gives_a_person(
        text: str, person: str) -> None:
    found = _found(text)
    assert (person, "PER") in found
    assert all(label == "PER" for name, label in found if name in person or person in name)


@pytest.mark.parametrize(("text", "person"), [
    ("Prezydent Kotarba podpisał ustawę o mediach.", "Kotarba"),
    ("Poparcie dla premiera Kusiaka spadło w sondażu.", "Kusiaka"),
    ("Obrońcy Szydłowskiego złożyli zażalenie.", "Szydłowskiego"),
])
def test_a_surname_alone_after_a_title_or_a_noun_is_a_person(text: str, person: str) -> None:
    assert _found(text) == [(person, "PER")]


@pytest.mark.xfail(strict=True, reason="known limit (model card): an unseen surname in -a "
                   "alone at a sentence end after a title still reads as a place (0.71)")
def test_a_surname_in_a_alone_at_the_sentence_end_after_a_title() -> None:
    assert _found("Sprawą zajmie się prezydent Kotarba.") == [("Kotarba", "PER")]


@pytest.mark.parametrize(("text", "place", "person"), [
    ("Prezydent Ukrainy Ihor Marczenko przyjechał z wizytą.", "Ukrainy", "Ihor Marczenko"),
    ("Premier Kanady Daniel Fortier spotkał się z rolnikami.", "Kanady", "Daniel Fortier"),
])
def test_a_place_between_a_title_and_a_person_stays_a_place(
        text: str, place: str, person: str) -> None:
    assert _found(text) == [(place, "LOC"), (person, "PER")]


def test_the_example_names_are_not_in_the_written_sentences() -> None:
    written = set(re.findall(r"\w+", WRITTEN.read_text(encoding="utf-8")))
    names = {"Kotarba", "Kotarby", "Kusiak", "Kusiaka", "Szydłowski", "Szydłowskiego",
             "Rakowska", "Marczenko", "Pasek", "Brenner", "Fortier", "Olgierd", "Ihor",
             "Wiesław", "Marian", "Zenon", "Bożena", "Ulrich", "Daniel"}
    assert not names & written, names & written
