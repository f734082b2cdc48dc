"""Dates in several scripts and calendars, relative dates, and duration false positives."""

from datetime import datetime

import pytest

from rashomon.extract.dates import extract_dates

PUBLISHED = datetime(2023, 9, 21, 10, 0)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Il vertice si è tenuto il 17 settembre 2023 a Ginevra.", "it", ("2023-09-17", "day")),
        ("The summit took place on September 17, 2023 in Geneva.", "en", ("2023-09-17", "day")),
        ("Der Gipfel fand am 17. September 2023 in Genf statt.", "de", ("2023-09-17", "day")),
        ("Саммит прошёл 17 сентября 2023 года в Женеве.", "ru", ("2023-09-17", "day")),
        ("این نشست در 17 سپتامبر 2023 در ژنو برگزار شد.", "fa", ("2023-09-17", "day")),
        ("عقدت القمة في 17 سبتمبر 2023 في جنيف.", "ar", ("2023-09-17", "day")),
        ("峰会于2023年9月17日在日内瓦举行。", "zh", ("2023-09-17", "day")),
        ("Η σύνοδος έγινε στις 17 Σεπτεμβρίου 2023 στη Γενεύη.", "el", ("2023-09-17", "day")),
        ("La cumbre se celebró el 17 de septiembre de 2023.", "es", ("2023-09-17", "day")),
        ("Le sommet a eu lieu le 1er mars 2022 à Genève.", "fr", ("2022-03-01", "day")),
        ("Published 2023-09-17 by the desk.", "en", ("2023-09-17", "day")),
        ("Termine: 17.09.2023, Genf.", "de", ("2023-09-17", "day")),
    ],
)
def test_absolute_dates_in_many_scripts(text: str, lang: str, expected: tuple[str, str]) -> None:
    dates = extract_dates(text, lang, None)
    assert [(d.value, d.granularity) for d in dates] == [expected]
    assert text[dates[0].start:dates[0].end] == dates[0].text


def test_month_granularity() -> None:
    dates = extract_dates("L'invasione è iniziata nel febbraio 2022.", "it", None)
    assert [(d.value, d.granularity) for d in dates] == [("2022-02", "month")]
    fa = extract_dates("در مارس 2023 دیدار کردند.", "fa", None)
    assert [(d.value, d.granularity) for d in fa] == [("2023-03", "month")]


def test_solar_hijri_and_hijri_calendars() -> None:
    fa = extract_dates("این دیدار روز 26 شهریور 1402 انجام شد.", "fa", None)
    assert [(d.value, d.calendar) for d in fa] == [("2023-09-17", "persian")]
    nowruz = extract_dates("جشن در 1 فروردین 1403 آغاز شد.", "fa", None)
    assert nowruz[0].value == "2024-03-20"
    ar = extract_dates("وصل الوفد في 2 ربيع الأول 1445 هـ إلى العاصمة.", "ar", None)
    assert [(d.value, d.calendar) for d in ar] == [("2023-09-17", "hijri")]


def test_year_of_a_dayless_year_comes_from_context() -> None:
    text = "Tutto è iniziato il 17 settembre 2023. Dopo la crisi del febbraio 2022, il 19 settembre"
    values = [d.value for d in extract_dates(text, "it", None)]
    assert values == ["2023-09-17", "2022-02", "2023-09-19"]
    assert extract_dates("Il 19 settembre ha parlato.", "it", PUBLISHED)[0].value == "2023-09-19"


def test_relative_dates_resolve_against_publish_time() -> None:
    cases = [("Ieri il ministro ha parlato.", "it", "2023-09-20"),
             ("Yesterday the minister spoke, three days ago too.", "en", "2023-09-20"),
             ("Вчера министр выступил.", "ru", "2023-09-20"),
             ("وزیر دیروز سخنرانی کرد.", "fa", "2023-09-20"),
             ("部长昨天发表讲话。", "zh", "2023-09-20")]
    for text, lang, value in cases:
        dates = extract_dates(text, lang, PUBLISHED)
        assert dates and dates[0].value == value and dates[0].relative, (text, dates)
    assert [d.value for d in extract_dates("It happened 3 days ago.", "en", PUBLISHED)] == [
        "2023-09-18"]
    # Thursday 21 Sep 2023: "Tuesday" is the 19th.
    assert extract_dates("On Tuesday they met.", "en", PUBLISHED)[0].value == "2023-09-19"


def test_relative_dates_skipped_without_publish_time() -> None:
    assert extract_dates("Ieri il ministro ha parlato.", "it", None) == []


def test_durations_are_not_dates() -> None:
    text = "Il blocco è durato più di 9 mesi e l'operazione si è chiusa in 24 ore."
    assert extract_dates(text, "it", PUBLISHED) == []
    assert extract_dates("Переговоры длились 3 месяца.", "ru", PUBLISHED) == []


def test_invalid_dates_are_dropped() -> None:
    assert extract_dates("il 31 febbraio 2023", "it", None) == []
    assert extract_dates("on 45/13/2023", "en", None) == []
