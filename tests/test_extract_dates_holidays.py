"""Dates a reader sees in an undated article: feast days named instead of dated
(``extract/holiday_dates.py``), bare years told by the word or case ending after them,
and days whose year nothing tells, shown as day-months. Sentences written for these
tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.extract.dates import extract_dates


def _dates(text: str, lang: str, published: datetime | None = None) -> list[tuple]:
    return [(d.text, d.value, d.granularity) for d in extract_dates(text, lang, published)]


@pytest.mark.parametrize(("text", "lang", "surface", "day"), [
    ("Fireworks set a barn alight in the village on New Year's Eve, the fire service said.",
     "en", "New Year's Eve", "--12-31"),
    ("Die Feuerwehr rückte in der Silvesternacht zu elf Bränden aus.", "de",
     "Silvesternacht", "--12-31"),
    ("Am Neujahrstag blieb die Fähre wegen Sturm im Hafen.", "de", "Neujahrstag", "--01-01"),
    ("El incendio comenzó en Nochevieja en una nave del polígono.", "es", "Nochevieja",
     "--12-31"),
    ("Les pompiers sont intervenus le soir de la Saint-Sylvestre dans trois quartiers.", "fr",
     "Saint-Sylvestre", "--12-31"),
    ("Strażacy interweniowali w sylwestra ponad sto razy.", "pl", "sylwestra", "--12-31"),
    ("Il traghetto è rimasto in porto la vigilia di Natale.", "it", "vigilia di Natale",
     "--12-24"),
])
def test_a_named_feast_day_is_a_day_month(text: str, lang: str, surface: str, day: str) -> None:
    assert (surface, day, "monthday") in _dates(text, lang)


def test_a_feast_day_takes_the_year_the_publish_time_or_a_written_year_tells() -> None:
    published = datetime(2021, 1, 2, 8, 0, tzinfo=UTC)
    assert ("Silvester", "2020-12-31", "day") in _dates(
        "An Silvester brannte in der Altstadt ein Dachstuhl.", "de", published)
    assert _dates("Horse racing on New Year's Day 2021 drew big crowds.", "en") == [
        ("New Year's Day 2021", "2021-01-01", "day")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Sylwester Nowak został nowym trenerem drużyny.", "pl"),  # a first name
    ("Die Silvester-Party im Rathaus fiel aus.", "de"),  # a compound
    ("Życzymy wszystkim szczęśliwego Nowego Roku.", "pl"),  # the new year, no day
])
def test_no_feast_day(text: str, lang: str) -> None:
    assert _dates(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "surface", "year"), [
    ("Köprüde 2008 yılında bir restorasyon çalışması yapıldı.", "tr", "2008 yılında", "2008"),
    ("Ajans, ilk insanlı uçuşu 2028 yılına kadar ertelemeyi planlıyor.", "tr", "2028 yılına",
     "2028"),
    ("Şirket 2019'da üç yeni fabrika açtı.", "tr", "2019'da", "2019"),
    ("Zwycięzca konkursu z 2019 roku wystąpi w finale.", "pl", "2019 roku", "2019"),
    ("El 2019 concluyó con cifras récord de visitantes.", "es", "2019", "2019"),
])
def test_a_year_told_by_the_word_after_it(text: str, lang: str, surface: str,
                                          year: str) -> None:
    assert (surface, year, "year") in _dates(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Bu bölgede 2000 yıl önce bir liman vardı.", "tr"),  # a count of years
    ("Kampanyaya 2000'den fazla kişi katıldı.", "tr"),  # "more than 2000"
])
def test_a_count_is_no_year(text: str, lang: str) -> None:
    assert not any(granularity == "year" for _, _, granularity in _dates(text, lang))


def test_a_day_nothing_dates_is_shown_without_a_year() -> None:
    # no publish time, no year anywhere: the weekday fits many years, so none is guessed
    assert _dates("The union said the plant would close on Thursday, March 12.", "en") == [
        ("March 12", "--03-12", "monthday")]


def test_spanish_desde_leads_a_year_and_a_code_holds_no_day() -> None:
    assert ("1960", "1960", "year") in _dates("El fármaco se conoce desde 1960.", "es")
    assert _dates("Pieza de recambio X-12-Mar-08-B en stock.", "en") == []
