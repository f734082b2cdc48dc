"""What a number counts when the sentence names it before the number ("the number of
cases rose to 448"; ``extract/quantity_heads.py``), and Polish case forms of the number
words. Sentences written for these tests."""

from __future__ import annotations

import pytest

from rashomon.extract.quantities import extract_quantities


def _counts(text: str, lang: str) -> list[tuple[float, str | None]]:
    return [(q.value, q.counted) for q in extract_quantities(text, lang, [])]


@pytest.mark.parametrize(("text", "lang", "value", "counted"), [
    ("Die Zahl der bestätigten Infektionen im Landkreis stieg am Abend auf 412.", "de", 412,
     "Infektionen"),
    ("Le nombre de morts s'élève désormais à 57, selon la préfecture.", "fr", 57, "morts"),
    ("La cifra de desaparecidos en la provincia se mantiene en 23.", "es", 23,
     "desaparecidos"),
    ("Kentteki vaka sayısı dün akşam 448'e yükseldi.", "tr", 448, "vaka"),
    ("Liczba ewakuowanych mieszkańców wzrosła do 305.", "pl", 305, "ewakuowanych"),
    ("وقالت الوزارة إن عدد الوفيات في المدينة ارتفع إلى 107.", "ar", 107, "الوفيات"),
])
def test_the_counted_noun_named_before_the_number(text: str, lang: str, value: float,
                                                  counted: str) -> None:
    assert (value, counted) in _counts(text, lang)


def test_a_number_with_its_own_noun_keeps_it() -> None:
    counts = _counts("The number of flights fell as 40 airports closed.", "en")
    assert (40, "airports") in counts


def test_a_number_after_another_number_takes_no_noun_from_before_them() -> None:
    # the phrase belongs to the first number; the second is a bare figure
    counts = _counts("Die Zahl der Verletzten stieg auf 12, 2019 waren es weniger.", "de")
    assert (12, "Verletzten") in counts
    assert all(value != 2019 for value, _ in counts)


@pytest.mark.parametrize(("text", "value", "counted"), [
    ("Uchwała trzech izb sądu wywołała spór.", 3, "izb"),
    ("W szpitalu zmarło dwóch pacjentów.", 2, "pacjentów"),
    ("Ratownicy wyciągnęli z wody pięciu turystów.", 5, "turystów"),
    ("Rodzina ma czworo dzieci.", 4, "dzieci"),
])
def test_polish_case_forms_of_number_words(text: str, value: float, counted: str) -> None:
    assert (value, counted) in _counts(text, "pl")


def test_a_preposition_after_a_number_is_not_what_it_counts() -> None:
    [q] = extract_quantities("Gas averaged $4.11 on Monday in the state.", "en", [])
    assert (q.value, q.unit, q.counted) == (4.11, "USD", None)


def test_a_dotted_magnitude_abbreviation_multiplies() -> None:
    # CLDR writes Polish thousands as "0 tys'.'": the abbreviation, dot and all
    [q] = extract_quantities("Na ten cel gmina przeznaczy 650 tys. zł.", "pl", [])
    assert q.value == 650_000
