"""A number that belongs to a name ("the Big Ten 12", "Formula 1", "Ligue 1") is not a
quantity; a count after a capitalised word that is no name still is."""

import pytest

from rashomon.extract.dates import extract_dates
from rashomon.extract.quantities import extract_quantities


def _values(text: str, lang: str) -> list[float]:
    return [q.value for q in extract_quantities(text, lang, extract_dates(text, lang, None))]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The driver won his first Formula 1 race at the age of twenty.", "en"),
        ("The club finished the season with a Big 12 title in hand.", "en"),
        ("Ses supporters rêvent déjà d'une place en Ligue 1 cette saison.", "fr"),
        ("El piloto explicó en Radio 5 que la carrera fue difícil.", "es"),
        ("Il servizio di Canale 5 ha mostrato le immagini del porto.", "it"),
        ("Otomobilin plakası TR 482 olarak kaydedildi.", "tr"),
        # German capitalises nouns: a name number shows by the lower-case words after it
        ("Die Schalter am Gleis 4 waren nur kurz geöffnet.", "de"),
    ],
)
def test_number_of_a_name_is_no_quantity(text, lang) -> None:
    assert _values(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        # a capital that opens the sentence says nothing about a name
        ("After the storm, the town counted the damage. Some 40 houses lost their roofs.",
         "en", 40),
        # a weekday is a date's word, not a name's
        ("The river rose overnight and on Monday 12 families left their homes.", "en", 12),
        # a currency word keeps its figure
        ("The new bridge cost Rs 250 crore, the state said.", "en", 250),
        # German capitalises every noun: the capital before a count is no name
        ("In der Stadt haben die Behörden 300 Menschen in Sicherheit gebracht.", "de", 300),
        ("Im Landkreis wurden am Abend 25 leicht verletzte Fahrgäste versorgt.", "de", 25),
        ("Im Bezirk 40 bestätigte Fälle, meldete das Amt.", "de", 40),
        # a word the text also writes in lower case is a common word, not a name
        ("the list of the dead grew. Rescuers said the Dead 20 people were all found near "
         "the dead end of the valley road.", "en", 20),
        # a known counted noun after the number: a place before a count
        ("В прошлом году в Норвегии 850 человек получили эту награду.", "ru", 850),
        # an abbreviated unit after the number: a height, not a name
        ("The hut stands below Mount Ashgrove 2310 m high.", "en", 2310),
        # Turkish: a subject stands right before a count
        ("Başkent Ankara 12 milletvekili ile temsil ediliyor.", "tr", 12),
    ],
)
def test_counts_after_a_capital_stay(text, lang, value) -> None:
    assert value in _values(text, lang)


def test_arabic_clock_times_are_no_counts() -> None:
    text = "تنطلق الحافلة الأولى الساعة 6 صباحًا والأخيرة 11 ليلًا، وتنقل 40 راكبًا في كل رحلة."
    assert _values(text, "ar") == [40]


def test_german_clock_time_in_words_is_no_count() -> None:
    text = "Der Markt öffnet um acht Uhr, und zwölf Händler bieten Obst an."
    assert _values(text, "de") == [12]
