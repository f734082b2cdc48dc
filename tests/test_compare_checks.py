"""Implausible dates and figures, figure slots and date/place conflicts, on sentences run
through the real extraction (no embedder needed: these checks work on facts)."""

from __future__ import annotations

from datetime import datetime

from rashomon import extract
from rashomon.compare import date_slots, implausible, place_slots, slots
from rashomon.compare.units import Unit, build_witnesses, fill_units
from rashomon.core import Article, Quantity


def _units(*specs: tuple[str, str, str, str | None]) -> list[Unit]:
    """Units of articles given as (domain, language, text, ISO publish time)."""
    articles = [
        Article(title=domain, maintext=text, id=i, source_domain=domain, language=lang,
                date_publish=datetime.fromisoformat(pub) if pub else None)
        for i, (domain, lang, text, pub) in enumerate(specs, start=1)
    ]
    facts = {a.id: extract.extract_facts(a) for a in articles}
    witnesses = build_witnesses(articles)
    return fill_units(witnesses, facts, extract.link_entities(articles, facts))


def _article(units: list[Unit], article_id: int) -> tuple[Article, list[Unit]]:
    own = [u for u in units if u.article_id == article_id]
    text = own[0].text if own else ""
    return Article(title="", maintext=text, id=article_id), own


SWAP_EN = ("The two sides exchanged 115 prisoners each on Saturday, 24 August 2024, the "
           "ministry said. According to the ministry, the handover was carried out overnight "
           "on 26 August 2024 at the border. Talks on the next exchange will resume on 2 "
           "September 2024, officials said.")


def test_event_dated_after_publication_is_implausible():
    units = _units(("wire.example.com", "en", SWAP_EN, "2024-08-24T15:20:00"))
    article = Article(title="", maintext=SWAP_EN, id=1,
                      date_publish=datetime(2024, 8, 24, 15, 20))
    found = implausible.future_checks(article, units, stated_elsewhere=set())
    assert [f.evidence.sentence for f in found] == [units[1].text]
    assert "2024-08-26" in found[0].reason


def test_future_date_stated_elsewhere_or_announced_is_not_flagged():
    units = _units(("wire.example.com", "en", SWAP_EN, "2024-08-24T15:20:00"))
    article = Article(title="", maintext=SWAP_EN, id=1,
                      date_publish=datetime(2024, 8, 24, 15, 20))
    # "will resume on 2 September" is a plan; 26 August corroborated by another source.
    assert implausible.future_checks(article, units, stated_elsewhere={"2024-08-26"}) == []


def test_reference_date_another_source_gives_is_not_a_failed_deadline():
    text = ("گزارش آژانس که امروز شنبه 10 خرداد 1404 منتشر شد، می‌گوید ذخیره اورانیوم ایران "
            "تا 27 اردیبهشت 1404 به حدود 409 کیلوگرم رسیده است.")
    units = _units(("khabar.example.ir", "fa", text, "2025-05-31T18:00:00"))
    article = Article(title="", maintext=text, id=1, date_publish=datetime(2025, 5, 31, 18))
    days = {d.value for u in units for d in u.dates if d.granularity == "day"}
    assert "2025-05-17" in days
    assert implausible.deadline_checks(article, units, frozenset({"2025-05-17"})) == []


def _observations(values: list[tuple[str, float, str]]) -> list[slots.Observation]:
    found = []
    for i, (source, value, text) in enumerate(values):
        unit = Unit(i, i + 1, source, "en", 0, len(text), text, 0)
        found.append(slots.Observation(unit, Quantity(0, len(text), text, value)))
    return found


def test_slipped_digit_is_an_outlier_a_disputed_figure_is_not():
    spectators = _observations([
        ("deportes.example.es", 64327, "64.327"), ("quotidien.example.fr", 64327, "64 327"),
        ("stadtblatt.example.de", 64000, "rund 64.000"),
        ("desporto.example.pt", 640000, "640 mil"),
    ])
    flagged = implausible.outlier_checks("spectators", spectators)
    assert [f.value for f in flagged] == ["640 mil"]
    fines = _observations([
        ("digest.example.eu", 5e8, "€500 million"), ("dnz.example.de", 5e8, "500 Millionen"),
        ("caijing.example.cn", 5e8, "5亿欧元"), ("biznes.example.pl", 1.8e9, "1,8 mld euro"),
    ])
    assert implausible.outlier_checks("fine", fines) == []  # 3.6x: a contradiction
    found, _ = slots.contradictions_of("fine", fines)
    assert len(found) == 1 and len(found[0].values) == 4


def test_word_numbers_cannot_be_slipped_digits():
    aftershocks = _observations([
        ("a.example.com", 200, "more than 200"), ("b.example.ru", 210, "более 210"),
        ("c.example.ir", 200, "200"), ("d.example.com", 24, "dozens"),
    ])
    assert implausible.outlier_checks("aftershocks", aftershocks) == []


def test_figures_far_apart_are_different_things_not_a_conflict():
    assert not slots.same_thing(Quantity(0, 1, "7", 7), Quantity(0, 3, "300", 300))
    assert slots.same_thing(Quantity(0, 3, "115", 115), Quantity(0, 3, "116", 116))
    crew_and_tugs = _observations([
        ("qanat.example.eg", 8, "8 قاطرات"), ("haiyun.example.cn", 8, "8艘拖船"),
        ("maritime.example.com", 1426, "14.26"),
    ])
    found, _ = slots.contradictions_of("tugs", crew_and_tugs)
    assert found == []  # the clock time is off the slot's scale


def test_unwritten_year_difference_is_not_a_date_conflict():
    # The German page's date line is a year off, so "21. Februar" resolves to 2024.
    schools = [
        ("malatya.example.tr", "tr", "Okullar 21 Şubat 2025 Cuma gününe kadar tatil edildi.",
         "2025-02-13T16:40:00"),
        ("tagesblick.example.de", "de", "In Malatya bleiben die Schulen bis zum 21. Februar "
         "geschlossen.", "2024-02-13T10:00:00"),
    ]
    units = _units(*schools)
    dates = {u.source: [d.value for d in u.dates] for u in units}
    assert dates == {"malatya.example.tr": ["2025-02-21"],
                     "tagesblick.example.de": ["2024-02-21"]}
    assert date_slots.date_contradictions(units, [[u.index for u in units]]) == []
    # A written year that differs is a real conflict.
    schools[1] = ("tagesblick.example.de", "de", "In Malatya bleiben die Schulen bis zum "
                  "21. Februar 2024 geschlossen.", "2024-02-13T10:00:00")
    units = _units(*schools)
    assert len(date_slots.date_contradictions(units, [[u.index for u in units]])) == 1


def test_place_spelled_two_ways_is_not_a_place_conflict():
    assert place_slots._spelled_alike([{"emilia-romagna"}, {"emilia-romana"}])
    assert not place_slots._spelled_alike([{"rome"}, {"muscat"}])


QUAKE_AR = ("ضرب زلزال بقوة 6.1 درجات ولاية ملاطية التركية فجر الخميس. "
            "وتواصل فرق الإنقاذ عملها منذ 72 ساعة دون توقف في الأحياء المتضررة.")
QUAKE_DE = ("Ein Erdbeben der Stärke 6,1 hat am Donnerstag, 13. Februar 2025, Malatya erschüttert. "
            "Die Rettungskräfte sind seit 12 Stunden im Einsatz.")


def test_ongoing_work_longer_than_the_event_is_old_is_implausible():
    """A report published on the quake's afternoon cannot have rescuers at work "for 72
    hours"; twelve hours is fine."""
    for text, lang, flagged in ((QUAKE_AR, "ar", True), (QUAKE_DE, "de", False)):
        article = Article(title="", maintext=text, id=1, language=lang,
                          date_publish=datetime.fromisoformat("2025-02-13T15:10:00+00:00"))
        facts = {1: extract.extract_facts(article)}
        units = fill_units(build_witnesses([article]), facts,
                           extract.link_entities([article], facts))
        found = implausible.elapsed_checks(article, units)
        assert bool(found) is flagged, (lang, found)
        if flagged:
            assert "72" in found[0].value and "72" in found[0].evidence.sentence
