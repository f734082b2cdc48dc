"""The year of a day written without one (``extract/date_years.py``): the year its weekday
makes true, else the year nearest the publish time (or, without one, the text's own
dated mentions), else no ISO day at all. Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.extract.date_years import WEEKDAY_YEARS, year_of
from rashomon.extract.dates import extract_dates, year_less_days


def _days(text: str, lang: str, published: datetime | None) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in extract_dates(text, lang, published)
            if d.granularity == "day"]


# Published in January 2021: 12 March 2021 is a Friday, 12 March 2020 was a Thursday.
JANUARY_2021 = datetime(2021, 1, 10, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(("text", "lang", "surface"), [
    ("The refinery shut its gates on Thursday, March 12, after the leak.", "en",
     "Thursday, March 12"),
    ("La raffinerie a fermé ses portes jeudi 12 mars, après la fuite.", "fr", "jeudi 12 mars"),
    ("Die Raffinerie schloss am Donnerstag, dem 12. März, ihre Tore.", "de",
     "Donnerstag, dem 12. März"),
    ("La refinería cerró sus puertas el jueves 12 de marzo tras la fuga.", "es",
     "jueves 12 de marzo"),
    ("Нефтезавод остановил работу в четверг, 12 марта, после утечки.", "ru",
     "четверг, 12 марта"),
    ("Rafineri 12 Mart Perşembe günü kapılarını kapattı.", "tr", "12 Mart Perşembe"),
    ("炼油厂于3月12日星期四关闭。", "zh", "3月12日星期四"),
])
def test_the_written_weekday_sets_the_year(text: str, lang: str, surface: str) -> None:
    # the publish year (2021) would make the day a Friday: the weekday says 2020
    assert (surface, "2020-03-12") in _days(text, lang, JANUARY_2021)


def test_a_japanese_weekday_in_brackets_sets_the_year() -> None:
    found = _days("製油所は3月12日（木）に操業を停止した。", "ja", JANUARY_2021)
    assert found == [("3月12日", "2020-03-12")]


def test_a_weekday_no_year_near_fits_leaves_the_nearest_year() -> None:
    # 12 March was no Thursday from 2021 to 2025: the weekday cannot decide
    published = datetime(2023, 6, 1, tzinfo=UTC)
    assert _days("The plant closed on Thursday, March 12.", "en", published) == [
        ("Thursday, March 12", "2023-03-12")]
    # two years on each side hold at most one year where a day falls on a given weekday
    assert WEEKDAY_YEARS == 2


@pytest.mark.parametrize(("text", "lang", "published", "value"), [
    # eleven months "ahead" of the publish day is last year's
    ("Die Prüfung endete am 28. Dezember ohne Ergebnis.", "de",
     datetime(2021, 1, 4, tzinfo=UTC), "2020-12-28"),
    ("L'inchiesta si è chiusa il 15 dicembre senza colpevoli.", "it",
     datetime(2021, 1, 20, tzinfo=UTC), "2020-12-15"),
    # a few days after New Year's Eve in a late-December article is next year's
    ("La nueva tarifa entra en vigor el 2 de enero en todo el país.", "es",
     datetime(2021, 12, 28, tzinfo=UTC), "2022-01-02"),
    # told as coming ("będą"): the next 3 October, not the nearer past one
    ("Rozmowy będą prowadzone 3 października w Warszawie.", "pl",
     datetime(2025, 2, 13, tzinfo=UTC), "2025-10-03"),
])
def test_the_year_nearest_the_publish_time(text: str, lang: str, published: datetime,
                                           value: str) -> None:
    assert [v for _, v in _days(text, lang, published)] == [value]


def test_a_future_verb_does_not_send_a_day_just_passed_to_next_year() -> None:
    # "will end on the 20th": the 13th, five days before publication, stays this year
    text = "Kampanya 13 Şubat'ta başladı ve 20 Şubat'ta sona erecek."
    found = _days(text, "tr", datetime(2020, 2, 18, tzinfo=UTC))
    assert [v for _, v in found] == ["2020-02-13", "2020-02-20"]


def test_days_of_last_year() -> None:
    text = "They were charged over protests on Aug. 18 and Oct. 1 last year."
    found = _days(text, "en", datetime(2020, 4, 19, tzinfo=UTC))
    assert found == [("Aug. 18", "2019-08-18"), ("Oct. 1", "2019-10-01")]
    found = _days("Il porto era stato chiuso il 3 marzo dell'anno scorso.", "it",
                  datetime(2021, 5, 1, tzinfo=UTC))
    assert found == [("3 marzo", "2020-03-03")]


def test_without_a_publish_time_the_texts_own_dates_give_the_year() -> None:
    # the last date written with a year before the day
    text = "Am 20. April 2020 lief die Anlage wieder an. Sie war seit dem 12. März still."
    assert ("12. März", "2020-03-12") in _days(text, "de", None)
    # a range that writes its year once, at its end
    text = "Operasyonlar 1 Nisan-5 Mayıs 2020 tarihleri arasında yapıldı."
    assert ("1 Nisan", "2020-04-01") in _days(text, "tr", None)
    # the same day written with its year elsewhere in the text
    text = "8 Mart'ta yürüyüş yapıldı. Kadınlar 8 Mart 2020 günü meydanı doldurdu."
    assert [v for _, v in _days(text, "tr", None)] == ["2020-03-08", "2020-03-08"]
    # a weekday places the day near a date written much later in the text
    text = ("La audiencia será el viernes 17 de enero, informó el tribunal. La boleta se "
            "aprobó en septiembre de 2018.")
    assert ("17 de enero", "2020-01-17") in _days(text, "es", None)


def test_a_background_date_far_after_the_day_gives_it_no_year() -> None:
    # "1 July" in an undated text whose only dated mention (much later) is background
    text = ("Der neue Chef tritt sein Amt am 1. Juli an. Sein Vorgänger war seit der "
            "Fusion im Herbst und dem Vertrag vom 3. November 2015 im Amt.")
    assert ("1. Juli", "2015-07-01") not in _days(text, "de", None)
    assert [d.value for d in year_less_days(text, "de")] == ["--07-01"]


def test_an_undated_text_shows_its_days_as_day_months() -> None:
    text = "Das Werk schloss am 12. März, wie die Gewerkschaft mitteilte."
    # shown as the text says it, never with a guessed year
    assert [(d.value, d.granularity) for d in extract_dates(text, "de", None)] == [
        ("--03-12", "monthday")]
    [day] = year_less_days(text, "de")
    assert (day.text, day.value, day.granularity) == ("12. März", "--03-12", "monthday")
    assert text[day.start:day.end] == "12. März"


def test_year_of_edges() -> None:
    from datetime import date

    # 29 February: only a leap year has it
    assert year_of(2, 29, date(2021, 3, 1), None) == 2020
    assert year_of(2, 29, date(2022, 6, 1), None) is None
    assert year_of(3, 12, None, None) is None
    # a weekday decides when exactly one year of the window fits
    assert year_of(3, 12, date(2021, 1, 10), 3) == 2020


def test_a_background_date_is_a_floor_for_a_weekday_day() -> None:
    # undated text: a dated mention is background, so the text is written after it, and
    # a day given with its weekday (a recent one) falls after it: Monday 16 March is
    # 2020 here, not 2015 (also a Monday, but before the decree it follows)
    text = ("Am Montag, dem 16. März, verlängerte die Regierung das Programm. Es geht auf "
            "einen Erlass vom 5. Juni 2015 zurück.")
    assert ("16. März", "2020-03-16") in _days(text, "de", None)
    text = ("Archives : le camp photographié le 5 juin 2015. Le lundi 16 mars, deux "
            "convois de vivres sont arrivés au camp.")
    assert ("16 mars", "2020-03-16") in _days(text, "fr", None)


def test_the_texts_own_time_stamp_is_no_floor() -> None:
    # a date with a clock time or a publication cue is the text's own time: the day may
    # come just before it (the night before the stamp); as a floor it would go to 2020,
    # the next year whose 16 March is a Monday
    text = ("Publié le 17/03/2015 à 08:12. Les faits se sont produits dans la nuit du "
            "lundi 16 mars, près de la gare.")
    assert ("16 mars", "2015-03-16") in _days(text, "fr", None)
    text = ("Updated: March 17, 2015. The pumps failed on Monday, March 16, and the "
            "street flooded.")
    assert ("March 16", "2015-03-16") in _days(text, "en", None)
    # the same date without a stamp is a floor
    text = ("The pumps were installed on March 17, 2015. They failed on Monday, March 16, "
            "and the street flooded.")
    assert ("March 16", "2020-03-16") in _days(text, "en", None)


def test_a_month_cited_with_its_year_is_a_floor_from_its_first_day() -> None:
    # Saturday 1 September 2018 lies inside the month the text cites, not after it
    text = ("Die Messe wurde im September 2018 eröffnet. Am Samstag, dem 1. September, kamen "
            "die ersten Besucher.")
    assert ("1. September", "2018-09-01") in _days(text, "de", None)
