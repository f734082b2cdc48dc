"""Durations compared on one scale (``compare/slots.py``, ``[quantities.time_scale]``): a
day and a half is 36 hours in every language the quantity extractor reads, so the two
agree, and two days against 36 hours is a dispute. Sentences written for these tests,
run through the real extraction; every sentence of a test is in one claim."""

from __future__ import annotations

import pytest

from rashomon.compare import date_slots, durations, slots
from rashomon.core import Quantity
from test_compare_checks import _units  # one-sentence articles through real extraction

#: Each language's "the dockers' strike lasted a day and a half" / "... 36 hours".
DAY_AND_A_HALF = {
    "en": "The dockers' strike at the container terminal lasted a day and a half.",
    "it": "Lo sciopero dei portuali al terminal container è durato un giorno e mezzo.",
    "fr": "La grève des dockers au terminal à conteneurs a duré un jour et demi.",
    "es": "La huelga de los estibadores en la terminal de contenedores duró un día y medio.",
    "pt": "A greve dos estivadores no terminal de contentores durou um dia e meio.",
    "de": "Der Streik der Hafenarbeiter am Containerterminal dauerte anderthalb Tage.",
    "nl": "De staking van de havenarbeiders bij de containerterminal duurde anderhalve dag.",
    "ru": "Забастовка докеров на контейнерном терминале длилась полтора дня.",
    "uk": "Страйк докерів на контейнерному терміналі тривав півтори доби.",
    "pl": "Strajk dokerów na terminalu kontenerowym trwał półtora dnia.",
    "tr": "Konteyner terminalindeki liman işçilerinin grevi bir buçuk gün sürdü.",
    "fa": "اعتصاب کارگران بندر در پایانه کانتینری یک روز و نیم طول کشید.",
}
THIRTY_SIX_HOURS = {
    "en": "The dockers' strike at the container terminal lasted 36 hours.",
    "ja": "コンテナターミナルの港湾労働者のストライキは約36時間続いた。",
    "zh": "集装箱码头的码头工人罢工持续了36个小时。",
    "de": "Der Streik der Hafenarbeiter am Containerterminal dauerte 36 Stunden.",
    "ar": "استمر إضراب عمال الميناء في محطة الحاويات 36 ساعة.",
    "el": "Η απεργία των λιμενεργατών στον σταθμό εμπορευματοκιβωτίων κράτησε 36 ώρες.",
    "nl": "De staking van de havenarbeiders bij de containerterminal duurde 36 uur.",
    "pt": "A greve dos estivadores no terminal de contentores durou 36 horas.",
}


def _disputes(units) -> list:
    claim = [[u.index for u in units]]
    found = []
    for slot, observations in slots.quantity_slots(units, claim).items():
        found += slots.contradictions_of(slot, observations)[0]
    return found


def _one_figure(lang: str, text: str) -> Quantity:
    [unit] = _units(("port.example.org", lang, text, None))
    [q] = unit.quantities
    return q


@pytest.mark.parametrize("lang", sorted(DAY_AND_A_HALF))
def test_a_day_and_a_half_is_36_hours(lang: str) -> None:
    q = durations.on_shared_scale(_one_figure(lang, DAY_AND_A_HALF[lang]))
    assert (q.value, q.unit) == (36.0, "hour")


@pytest.mark.parametrize("lang", sorted(THIRTY_SIX_HOURS))
def test_36_hours_stays_36_hours(lang: str) -> None:
    q = durations.on_shared_scale(_one_figure(lang, THIRTY_SIX_HOURS[lang]))
    assert (q.value, q.unit) == (36.0, "hour")


def test_equal_durations_in_different_units_and_languages_agree() -> None:
    units = _units(
        ("porto.example.it", "it", DAY_AND_A_HALF["it"], None),
        ("kaiun.example.jp", "ja", THIRTY_SIX_HOURS["ja"], None),
        ("wire.example.com", "en", THIRTY_SIX_HOURS["en"], None),
        ("dock.example.co.uk", "en", DAY_AND_A_HALF["en"].replace("dockers'", "dock workers'"),
         None),
    )
    claim = [[u.index for u in units]]
    [observations] = slots.quantity_slots(units, claim).values()
    assert len(observations) == 4  # one slot: the four figures are compared
    assert _disputes(units) == []


def test_different_durations_are_a_dispute_shown_as_written() -> None:
    units = _units(
        ("porto.example.it", "it", "Lo sciopero dei portuali al terminal container è durato "
         "due giorni.", None),
        ("wire.example.com", "en", THIRTY_SIX_HOURS["en"], None),
    )
    [conflict] = _disputes(units)
    assert conflict.kind == "duration"
    shown = {v["source"]: (v["value"], v["unit"], v["text"]) for v in conflict.values}
    assert shown == {"porto.example.it": (2.0, "day", "due giorni"),
                     "wire.example.com": (36.0, "hour", "36 hours")}


def test_minutes_and_weeks_join_the_scale_months_do_not() -> None:
    units = _units(
        ("tagesblick.example.de", "de", "Die Sitzung des Krisenstabs dauerte 90 Minuten.",
         None),
        ("quotidien.example.fr", "fr", "La réunion de la cellule de crise a duré une heure et "
         "demie.", None),
    )
    assert _disputes(units) == []
    two_weeks = durations.on_shared_scale(Quantity(0, 0, "two weeks", 2.0, "week"))
    assert (two_weeks.value, two_weeks.unit) == (336.0, "hour")
    months = Quantity(0, 0, "18 months", 18.0, "month")
    assert durations.on_shared_scale(months) is months  # a month has no fixed length


def test_a_scaled_figure_keeps_the_slack_of_the_figure_as_written() -> None:
    five_days = durations.on_shared_scale(Quantity(0, 0, "5 days", 5.0, "day"))
    assert slots.interval(five_days) == (120.0, 120.0)  # exact, not a "round" 120 hours
    about = durations.on_shared_scale(Quantity(0, 0, "about 2 days", 2.0, "day", hedge="about"))
    low, high = slots.interval(about)
    assert (round(low, 6), round(high, 6)) == (43.2, 52.8)


def test_the_hour_of_a_day_is_no_duration() -> None:
    q = _units(("noticias.example.pt", "pt", "A reunião começou às 10 horas e durou três "
                "horas, segundo o sindicato.", None))[0].quantities
    assert [(x.text, x.unit) for x in q] == [("três horas", "hour")]


def test_an_undated_articles_day_is_set_against_the_others_date() -> None:
    units = _units(
        ("wire.example.com", "en", "The dockers walked out on 12 March 2025 at the container "
         "terminal of the port.", "2025-03-12T18:00:00"),
        ("porto.example.it", "it", "I portuali hanno scioperato il 12 marzo al terminal "
         "container del porto.", None),
        ("tagesblick.example.de", "de", "Die Hafenarbeiter streikten am 11. März am "
         "Containerterminal des Hafens.", None),
    )
    # no year to give them alone: shown as day-months ("--03-12"), no ISO day
    assert [(d.value, d.granularity) for u in units[1:] for d in u.dates] == [
        ("--03-12", "monthday"), ("--03-11", "monthday")]
    [conflict] = date_slots.date_contradictions(units, [[u.index for u in units]],
                                                frozenset({1}))
    assert {v["source"]: v["value"] for v in conflict.values} == {
        "wire.example.com": "2025-03-12", "porto.example.it": "2025-03-12",
        "tagesblick.example.de": "2025-03-11"}
