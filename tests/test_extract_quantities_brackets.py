"""Counts in brackets after a word: tallies per region and ages of persons. Sentences
written for these tests."""

import pytest

from rashomon.extract.quantities import extract_quantities


def _values(text: str, lang: str) -> list[float]:
    return [q.value for q in extract_quantities(text, lang, [])]


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("Nowe zakażenia: Pomorskie (14), Lubuskie (6), Opolskie (3).", "pl", [14, 6, 3]),
    ("Ein Radfahrer (27) wurde bei dem Zusammenstoß schwer verletzt.", "de", [27]),
    ("Kavgada Mehmet K. (34) hafif yaralandı.", "tr", [34]),
    ("Entre los detenidos está Julio Pérez (41), vecino del barrio.", "es", [41]),
    ("Casos por provincia: Sevilla (12) y Huelva (4).", "es", [12, 4]),
])
def test_a_bracketed_number_after_a_word_is_a_count(text: str, lang: str,
                                                    values: list[float]) -> None:
    assert _values(text, lang) == values


@pytest.mark.parametrize(("text", "lang"), [
    ("Nach Art. 5 (2) der Satzung entscheidet der Rat.", "de"),  # a paragraph
    ("(3) Die Gemeinde trägt die Kosten.", "de"),  # an enumeration
    ("Anfragen unter (030) 1234 567.", "de"),  # a telephone number
    ("Das Album (2019) verkaufte sich schlecht.", "de"),  # a year
    ("Siehe dazu die Anmerkung (1) am Ende.", "de"),  # a footnote
    ("Der Plan (B) scheiterte.", "de"),
])
def test_other_bracketed_numbers_are_no_counts(text: str, lang: str) -> None:
    assert _values(text, lang) == []
