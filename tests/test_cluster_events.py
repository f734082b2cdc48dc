"""The event level: time and place are hard evidence, an event's span is bounded, and the
engine records story > event > article in the store (events listed in time order)."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from rashomon import api
from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.events import EVENT_MAX_SPAN_DAYS, EventState, fits
from rashomon.cluster.signals import event_time, lead_weekday, place_keys
from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.pipeline import Engine

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
DAY0 = datetime(2024, 3, 4, 10, tzinfo=UTC)


def _signals(article_id: int, when: datetime | None, places: set[str] = frozenset(),
             uncertainty: float = 0.0) -> ArticleSignals:
    return ArticleSignals(article_id, np.zeros(4, dtype=np.float32), published=when,
                          event_time=when, places=set(places), time_uncertainty=uncertainty)


def _event(*members: ArticleSignals) -> EventState:
    event = EventState(1, 1)
    for member in members:
        event.add(member)
    return event


def test_reports_days_apart_are_different_events() -> None:
    event = _event(_signals(1, DAY0), _signals(2, DAY0 + timedelta(days=1)))
    assert fits(_signals(3, DAY0 + timedelta(days=2)), event)
    assert not fits(_signals(4, DAY0 + timedelta(days=8)), event)


def test_an_event_span_is_bounded_so_joining_never_chains() -> None:
    """Each report a day after the last: the first ones join, then the span is full."""
    event = _event(_signals(1, DAY0))
    joined = 1
    for day in range(1, 12):
        item = _signals(day + 1, DAY0 + timedelta(days=day))
        if fits(item, event):
            event.add(item)
            joined += 1
    assert joined == int(EVENT_MAX_SPAN_DAYS) + 1
    assert (event.end - event.start) / 86400 <= EVENT_MAX_SPAN_DAYS


def test_a_trial_copy_decides_as_the_event_and_leaves_it_alone() -> None:
    """Trying a group of articles on an event (``SignalClusterer._events_fit``) uses a
    copy without the member list: each article fits the copy exactly when it fits the
    event grown by the ones before, and the event itself is not changed."""
    event = _event(_signals(1, DAY0, {"Aleppo"}), _signals(2, DAY0 + timedelta(days=1)),
                   _signals(3, DAY0 - timedelta(days=2), uncertainty=5.0))
    before = (list(event.members), event.start, event.end, list(event.loose),
              set(event.places))
    trial, grown = event.trial(), _event(*[_signals(m, None) for m in event.members])
    grown.start, grown.end, grown.loose = event.start, event.end, list(event.loose)
    grown.places = set(event.places)
    tried = [_signals(10, DAY0 + timedelta(days=3), {"Aleppo"}), _signals(11, DAY0, {"Idlib"}),
             _signals(12, DAY0 + timedelta(days=4)), _signals(13, DAY0 + timedelta(days=7)),
             _signals(14, DAY0 - timedelta(days=9), uncertainty=4.0)]
    verdicts = []
    for item in tried:
        verdicts.append(fits(item, trial))
        assert verdicts[-1] == fits(item, grown)
        for state in (trial, grown):
            state.add(item)
    assert verdicts == [True, False, True, False, False]
    assert trial.members == [10, 11, 12, 13, 14]
    assert (list(event.members), event.start, event.end, list(event.loose),
            set(event.places)) == before


def test_different_cities_are_different_events() -> None:
    event = _event(_signals(1, DAY0, {"Aleppo"}))
    assert not fits(_signals(2, DAY0, {"Idlib"}), event)
    assert fits(_signals(3, DAY0, {"Aleppo", "Damascus"}), event)
    assert fits(_signals(4, DAY0, set()), event)  # no city named: no evidence against


def test_undated_reports_years_away_stay_apart() -> None:
    """A time read from the text carries its uncertainty: a year-level guess fits an event
    of that year, not one years away; no date at all is no evidence."""
    event = _event(_signals(1, DAY0))
    same_year = _signals(2, datetime(2024, 7, 1, 12, tzinfo=UTC), uncertainty=183)
    years_away = _signals(3, datetime(2019, 7, 1, 12, tzinfo=UTC), uncertainty=183)
    assert fits(same_year, event)
    assert not fits(years_away, event)
    assert fits(_signals(4, None, uncertainty=math.inf), event)


def test_event_time_reads_the_lead_not_the_background() -> None:
    """Undated: the day the lead states is the happening's; an older date cited further
    down (background) is not."""
    article = Article(
        title="Explosión en una fábrica de Valencia deja tres heridos",
        maintext=("Una explosión en una fábrica química del puerto de Valencia dejó el "
                  "martes 12 de marzo de 2024 tres trabajadores heridos, según los bomberos. "
                  "La planta ya había sufrido un incendio el 3 de febrero de 2019, cuando "
                  "fue cerrada durante dos meses."),
        language="es", id=1,
    )
    facts = extract_facts(article)
    when, uncertainty = event_time(article, facts)
    assert when is not None and when.date().isoformat() == "2024-03-12"
    assert uncertainty <= 1.0
    assert "Valencia" in place_keys(article, facts)
    published = datetime(2024, 3, 12, 18, tzinfo=UTC)
    dated = Article(title=article.title, maintext=article.maintext, language="es", id=2,
                    date_publish=published)
    assert event_time(dated, facts) == (published, 0.0)


def _records() -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}


def _jsonl(tmp_path: Path, name: str, rows: list[dict]) -> str:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return str(path)


def _row(record: dict, published: str, source: str | None = None) -> dict:
    source = source or record["source"]
    return {"url": f"https://{source}/{record['id']}", "source_domain": source,
            "title": record["title"], "maintext": record["text"],
            "language": record["language"], "date_publish": published}


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    """The Lisbon tram derailment (en, ru, fa on 4 March) and, ten days later, the same
    kind of report again: a second derailment is a second event."""
    tmp_path = tmp_path_factory.mktemp("events")
    rows = _records()
    engine = Engine(str(tmp_path / "events.db"))
    engine.ingest([_jsonl(tmp_path, "a.jsonl", [
        _row(rows["tram-en"], "2024-03-04T10:20:00+00:00"),
        _row(rows["tram-ru"], "2024-03-04T13:05:00+00:00"),
        _row(rows["tram-fa"], "2024-03-04T15:40:00+00:00"),
        _row(rows["tram-zh"], "2024-03-14T09:00:00+00:00", "later.example"),
    ])])
    return engine


def test_engine_keeps_incidents_ten_days_apart_in_separate_events(engine: Engine) -> None:
    articles = {a.source_domain: a for a in engine.store.iter_articles()}
    first = articles["lisbonpost.example"]
    assert articles["evrovesti.example"].event_id == first.event_id
    assert articles["later.example"].event_id != first.event_id
    events = [e for s in {a.story_id for a in articles.values()} for e in engine.events(s)]
    assert sorted(len(e.article_ids) for e in events) == [1, 3]


def test_story_json_lists_events_in_time_order(engine: Engine) -> None:
    story_id = next(engine.store.iter_articles()).story_id
    data = api.get_story(engine, story_id)
    starts = [e["start"] for e in data["events"]]
    assert starts == sorted(starts)
    assert {i for e in data["events"] for i in e["article_ids"]} == \
        {a["id"] for a in data["articles"]}
    assert all(a["event_id"] in {e["id"] for e in data["events"]} for a in data["articles"])


def test_events_survive_a_restart(engine: Engine) -> None:
    """A new engine on the same store reads the events back: a fourth report of the
    derailment joins the stored event instead of opening one."""
    rows = _records()
    path = engine.store.path if hasattr(engine.store, "path") else None
    assert path is not None
    again = Engine(str(path))
    first = next(a for a in again.store.iter_articles() if a.source_domain == "lisbonpost.example")
    record = dict(rows["tram-en"], id="tram-en-reprint")
    record["text"] = record["text"].replace("Mayor Carlos Moedas", "Lisbon's mayor")
    tmp = Path(str(path)).parent
    [result] = again.ingest([_jsonl(tmp, "b.jsonl", [
        _row(record, "2024-03-04T18:00:00+00:00", "portugal-news.example")])])
    assert result.event_id == first.event_id


def test_weekdays_named_in_undated_leads_tell_days_apart() -> None:
    """Undated reports that only say "on Monday" / "samedi": days two or more apart are
    two incidents; a day apart may be one night told from either side."""
    monday = Article(title="Charkiw: Raketenangriff auf Wohnhaus",
                     maintext="Bei einem Raketenangriff auf ein Wohnhaus in Charkiw sind am "
                              "Montagmorgen vier Menschen getötet worden.", language="de")
    saturday = Article(title="Kharkiv : une bombe frappe un magasin",
                       maintext="Une bombe guidée a frappé samedi après-midi un magasin de "
                                "Kharkiv, tuant deux employés.", language="fr")
    assert lead_weekday(monday) == 0 and lead_weekday(saturday) == 5
    event = _event(replace(_signals(1, None, uncertainty=math.inf), weekday=0))
    assert not fits(replace(_signals(2, None, uncertainty=math.inf), weekday=5), event)
    assert fits(replace(_signals(3, None, uncertainty=math.inf), weekday=1), event)
    assert fits(_signals(4, None, uncertainty=math.inf), event)


def test_persian_weekdays_written_in_two_words_are_read_whole() -> None:
    """"سه‌شنبه" (Tuesday) and "پنج شنبه" (Thursday) end in "شنبه" (Saturday): the
    scanner sees the ZWNJ as a space, and the whole name must still win."""
    tuesday = Article(title="انفجار در پالایشگاه عسلویه",
                      maintext="انفجار در پالایشگاه گاز عسلویه شامگاه سه‌شنبه جان چهار نفر "
                               "از کارکنان را گرفت.", language="fa")
    thursday = Article(title="سیل در مشهد",
                       maintext="سیل روز پنج شنبه چند محله مشهد را فرا گرفت.", language="fa")
    saturday = Article(title="زلزله در کرمان",
                       maintext="زلزله‌ای روز شنبه استان کرمان را لرزاند.", language="fa")
    assert [lead_weekday(a) for a in (tuesday, thursday, saturday)] == [1, 3, 5]


def test_a_weekday_after_publication_is_a_schedule_not_the_happening() -> None:
    """A dated report's lead may name the day a strike ends or a meeting is due; the
    weekday of the happening is the one on or before the publish day."""
    published = datetime(2026, 3, 10, 7, 30, tzinfo=UTC)  # a Tuesday
    ends = Article(title="Bahn strike began", language="en", date_publish=published,
                   maintext="The 48-hour rail strike began today at 2 a.m. The union "
                            "said the strike will last until Thursday, 12 March 2026.")
    began = Article(title="Bahn strike began", language="en", date_publish=published,
                    maintext="The rail strike began on Tuesday, 10 March 2026, at 2 a.m. "
                             "It lasts until Thursday, the union said.")
    assert lead_weekday(ends, extract_facts(ends)) is None
    assert lead_weekday(began, extract_facts(began)) == 1
    # without a publish time there is nothing to be after: the weekday stands
    undated = replace(ends, date_publish=None)
    assert lead_weekday(undated, extract_facts(undated)) == 3


def test_the_weekday_of_a_statement_is_not_the_happenings() -> None:
    """A lead whose first weekday is scheduled ("cancelará este jueves") falls back to the
    next one; when that is the day someone spoke ("anunció este miércoles", "said on
    Wednesday", "teilte ... am Mittwoch mit") it says nothing of the happening's day."""
    published = datetime(2026, 3, 11, 9, tzinfo=UTC)  # a Wednesday
    spanish = Article(
        title="La aerolínea cancelará vuelos por la huelga", language="es",
        date_publish=published,
        maintext="La aerolínea cancelará este jueves 120 vuelos en Barcelona por la huelga "
                 "de controladores, anunció este miércoles la compañía en un "
                 "comunicado. La huelga comenzó el lunes en Valencia.")
    english = Article(
        title="Port workers walk out", language="en", date_publish=published,
        maintext="Dock workers in Rotterdam walked off the job, the union said on "
                 "Wednesday, after talks over pay broke down on Monday night.")
    german = Article(
        title="Streik bei der Müllabfuhr", language="de", date_publish=published,
        maintext="Die Gewerkschaft teilte am Mittwoch in Dortmund mit, dass die Müllabfuhr "
                 "seit Dienstag bestreikt wird.")
    assert lead_weekday(spanish, extract_facts(spanish)) == 0  # el lunes
    assert lead_weekday(english, extract_facts(english)) == 0  # on Monday night
    assert lead_weekday(german, extract_facts(german)) == 1  # seit Dienstag
    # a lead that names only the day of a statement names no happening's day
    statement_only = Article(
        title="Minister on the fuel tax", language="en", date_publish=published,
        maintext="The finance minister said on Tuesday that the fuel tax would not rise "
                 "this year.")
    assert lead_weekday(statement_only, extract_facts(statement_only)) is None
    # a weekday that is the happening's stays, next to a speech verb further off
    happened = Article(
        title="Fire at a warehouse", language="en", date_publish=published,
        maintext="A fire destroyed a warehouse in Lille on Tuesday. Firefighters said "
                 "nobody was hurt.")
    assert lead_weekday(happened, extract_facts(happened)) == 1


def test_an_undated_lead_day_of_a_statement_is_not_the_event_time() -> None:
    """Without a publish time the lead's first day date is the event time, unless it is
    the day something was said: then the next day date of the lead is read."""
    text = ("The regional health office said on 14 May 2025 that the outbreak at the "
            "Porto Alegre hospital began on 9 May 2025.")
    undated = Article(title="Hospital outbreak", maintext=text, language="en")
    when, uncertainty = event_time(undated, extract_facts(undated))
    assert when is not None and when.date().isoformat() == "2025-05-09" and uncertainty == 1.0
    only_said = Article(title="Hospital outbreak", language="en",
                        maintext="The regional health office said on 14 May 2025 that the "
                                 "outbreak is under control.")
    assert event_time(only_said, extract_facts(only_said))[0] is None


def test_a_late_report_bridging_two_events_of_one_incident_merges_them() -> None:
    """Two early reports of one incident scored apart (each opened an event); a third
    that matches both shows they are one: ``repair_events`` merges them. Two incidents
    in different cities are never merged, however close their words."""
    from rashomon.cluster import SignalClusterer

    def item(article_id: int, vector: list[float], places: set[str] = frozenset(),
             hours: float = 0.0) -> ArticleSignals:
        v = np.asarray(vector, dtype=np.float32)
        when = DAY0 + timedelta(hours=hours)
        # one language each and the incident's toll in common (an anchor across
        # languages: pairs.UNANCHORED_PENALTY)
        return ArticleSignals(article_id, v / np.linalg.norm(v), published=when,
                              event_time=when, places=set(places), language=f"l{article_id}",
                              numbers={"25"})

    clusterer = SignalClusterer()
    a, b = item(1, [1, 0, 0, 0]), item(2, [0.6, 0.8, 0, 0], hours=2)
    clusterer.learn_one(a, 1, 11)
    clusterer.learn_one(b, 1, 12)  # scored apart: an event of its own
    bridge = item(3, [0.9, 0.45, 0, 0], hours=4)
    assert clusterer.pair_score(bridge, a) >= 0.3 and clusterer.pair_score(bridge, b) >= 0.3
    clusterer.learn_one(bridge, 1, 11)
    merges = clusterer.repair_events(3)
    assert merges == [(11, [2])]
    assert {clusterer.event_of(i) for i in (1, 2, 3)} == {11}
    # the same words in another city: a different incident, left apart
    elsewhere = SignalClusterer()
    elsewhere.learn_one(item(1, [1, 0, 0, 0], {"Aleppo"}), 1, 11)
    elsewhere.learn_one(item(2, [0.6, 0.8, 0, 0], {"Idlib"}, hours=2), 1, 12)
    elsewhere.learn_one(item(3, [0.9, 0.45, 0, 0], hours=4), 1, 11)
    assert elsewhere.repair_events(3) == []
    assert elsewhere.event_of(2) == 12
