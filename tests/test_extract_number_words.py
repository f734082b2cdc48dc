"""Counts written without a plain cardinal, and numbers that count nothing: approximate
nouns ("une trentaine"), unit nouns ("nearly a decade"), "a"/"un" before a magnitude,
compound number words, Russian/Ukrainian case and collective forms, Turkish case forms,
a number after a phrase that reports a count, clock times and the days of undated dates.
Sentences written for these tests (not taken from any evaluation article)."""

from rashomon.extract.dates import extract_dates
from rashomon.extract.quantities import extract_quantities


def _found(text: str, lang: str) -> list[tuple]:
    dates = extract_dates(text, lang, None)  # an undated text: day-month dates have no year
    return [(q.value, q.unit, q.hedge) for q in extract_quantities(text, lang, dates)]


def _values(text: str, lang: str) -> list[float]:
    return [value for value, _, _ in _found(text, lang)]


def test_approximate_nouns_count_what_follows_them() -> None:
    assert _found("Selon la préfecture, une trentaine de pompiers ont été mobilisés.", "fr") \
        == [(30, None, "about")]
    assert _found("Plus d'une centaine de familles ont quitté le quartier.", "fr") \
        == [(100, None, "more_than")]
    assert _found("Sono stati evacuati una ventina di residenti.", "it") == [(20, None, "about")]
    assert _found("La tormenta dejó una docena de heridos leves.", "es") == [(12, None, "about")]
    assert _found("Около десятка домов остались без света.", "ru") == [(10, None, "about")]
    # multiplied by a number before them; vague without one
    assert _values("Rund zwei Dutzend Feuerwehrleute waren im Einsatz.", "de") == [24]
    assert _values("Mehrere Dutzend Anwohner protestierten.", "de") == []
    assert _values("Des dizaines de manifestants se sont rassemblés.", "fr") == []
    assert _values("Rescuers freed about half a dozen hikers.", "en") == [6]


def test_unit_nouns_and_one_before_a_magnitude() -> None:
    assert _found("The bridge has been closed for nearly a decade.", "en") == \
        [(10, "year", "about")]
    assert _found("Война в регионе длилась более десятилетия.", "ru") == [(10, "year", "more_than")]
    assert _values("The last decade was the warmest.", "en") == []
    assert _found("Le projet a coûté plus d'un milliard d'euros.", "fr") == \
        [(1e9, "EUR", "more_than")]
    assert _values("Ha donato un milione di euro.", "it") == [1e6]
    assert _values("La piena è durata due giorni e mezzo, poi un'ora e mezza di pioggia.", "it") \
        == [2.5, 1.5]
    assert _values("Un uomo e mezzo paese sono rimasti senza acqua.", "it") == []


def test_compound_number_words() -> None:
    assert _values("Thirty-two miners were brought to the surface.", "en") == [32]
    assert _values("Einundzwanzig Flüge wurden gestrichen.", "de") == [21]
    assert _values("A bordo c'erano trentadue passeggeri e ventotto marinai.", "it") == [32, 28]
    assert _values("El choque dejó treinta y cinco heridos.", "es") == [35]
    assert _values("A cheia destruiu vinte e três casas.", "pt") == [23]
    assert _values("Vingt et une communes ont été touchées.", "fr") == [21]


def test_case_and_collective_forms() -> None:
    assert _values("На месте работали трое спасателей.", "ru") == [3]
    assert _values("Врачи осмотрели четверых пострадавших.", "ru") == [4]
    assert _values("Судьба пятерых туристов неизвестна.", "ru") == [5]
    # a typographic apostrophe
    assert _values("На місці працювали п’ятеро рятувальників.", "uk") == [5]
    assert _values("Допомогу отримали шістьох постраждалих.", "uk") == [6]
    assert _values("Yaralananlardan üçünün durumu ciddi.", "tr") == [3]
    # a word that only folds to a number's case form is none
    assert _values("Uçuş iptal edildi ve besinin fiyatı arttı.", "tr") == []


def test_a_number_after_a_phrase_reporting_a_count() -> None:
    assert _found("Число пострадавших выросло до пяти.", "ru") == [(5, None, None)]
    assert _values("The number of injured climbed to seven overnight.", "en") == [7]
    assert _values("Die Zahl der Verletzten stieg auf 14.", "de") == [14]
    assert _values("Кількість постраждалих зросла до восьми.", "uk") == [8]


def test_clock_times_are_not_quantities() -> None:
    assert _values("Le train partira à 6 heures du matin, après 3 heures d'attente.", "fr") == [3]
    assert _values("Die Sitzung beginnt um 14.30 Uhr, die Pause gegen 19 Uhr.", "de") == []
    assert _values("The shelter opens at 7 p.m. for 40 families.", "en") == [40]
    assert _values("De winkel gaat om 8 uur open.", "nl") == []
    assert _values("La reunión empezó a las 9 horas con 12 delegados.", "es") == [12]
    assert _values("Toplantı saat 08.15'te başladı.", "tr") == []
    assert _found("停電は約12時間続いた。", "ja") == [(12, "hour", "about")]


def test_days_of_undated_dates_are_not_counts() -> None:
    assert _values("La gara si terrà giovedì 14 maggio con 300 atleti.", "it") == [300]
    assert _values("El plazo vence el 3 de marzo.", "es") == []
    assert _values("Voting closes on March 12 in 40 districts.", "en") == [40]
    assert _values("展览于5月3日开幕，12日闭幕。", "zh") == []
    assert _values("会期は2日間。", "ja") == [2]
