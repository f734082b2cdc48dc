"""Two incidents of one topic, day and country (two strikes of one Tuesday in Portugal:
nurses and dockers, each reported in English, French, Spanish and German) share time,
place and most of their words; what tells them apart is who acts in them, the names
their titles and leads give (``signals.lead_names``, ``events.actors_differ``)."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from rashomon.cluster import SignalClusterer
from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.events import EVENT_CONTRAST_PENALTY, EventState, actors_differ
from rashomon.cluster.online import EVENT_THRESHOLD
from rashomon.cluster.signals import lead_names
from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.pipeline import Engine

STRIKES = Path(__file__).parent / "data" / "cluster" / "two_strikes.json"


def _records() -> list[dict]:
    return json.loads(STRIKES.read_text(encoding="utf-8"))


def _signals(actors: set[str], names: set[str]) -> ArticleSignals:
    return ArticleSignals(0, np.zeros(4, dtype=np.float32), actors=set(actors),
                          lead_names=set(names))


def _event(*members: ArticleSignals) -> EventState:
    event = EventState(1, 1)
    for member in members:
        event.add(member)
    return event


def test_actors_differ_needs_actors_on_both_sides_and_reads_the_whole_event() -> None:
    nurses = _signals({"krsn"}, {"krsn", "prtkl"})
    dockers = _signals({"nsln"}, {"nsln", "prtkl"})
    assert actors_differ(dockers, _event(nurses))
    # no actor named on one side: no evidence either way
    assert not actors_differ(_signals(set(), {"prtkl"}), _event(nurses))
    assert not actors_differ(dockers, _event(_signals(set(), {"prtkl"})))
    # an actor named among the other side's lead names (typed otherwise there) links them
    assert not actors_differ(_signals({"krsn"}, {"krsn"}), _event(_signals({"x"}, {"krsn"})))
    # one member of the event that names the article's actor is enough
    assert not actors_differ(_signals({"krsn"}, {"krsn"}), _event(dockers, nurses))


def test_lead_actors_link_one_strike_across_languages_and_tell_two_strikes_apart() -> None:
    records = _records()
    signals = {}
    for r in records:
        article = Article(title=r["title"], maintext=r["text"], language=r["language"])
        actors, names = lead_names(article, extract_facts(article))
        assert actors, r["id"]
        signals[r["id"]] = _signals(actors, names)
    for a, b in combinations(records, 2):
        differ = actors_differ(signals[a["id"]], _event(signals[b["id"]]))
        assert differ == (a["incident"] != b["incident"]), (a["id"], b["id"])


def _ingest(tmp_path: Path, clusterer: SignalClusterer | None = None) -> dict[str, tuple]:
    """Ingest the eight reports, published one an hour on the Tuesday, languages
    interleaved; returns id -> (story, event)."""
    records = sorted(_records(), key=lambda r: (r["language"], r["incident"]))
    rows = [{"url": f"https://{r['source']}/{r['id']}", "source_domain": r["source"],
             "title": r["title"], "maintext": r["text"], "language": r["language"],
             "date_publish": f"2025-10-14T{9 + i:02d}:00:00+00:00"}
            for i, r in enumerate(records)]
    path = tmp_path / "strikes.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                    encoding="utf-8")
    engine = Engine(str(tmp_path / "strikes.db"), clusterer=clusterer)
    results = engine.ingest([str(path)])
    return {r["id"]: (res.story_id, res.event_id)
            for r, res in zip(records, results, strict=True)}


@pytest.fixture(scope="module")
def placed(tmp_path_factory) -> dict[str, tuple]:
    return _ingest(tmp_path_factory.mktemp("strikes"))


def test_two_strikes_of_one_day_in_one_country_are_two_events(placed) -> None:
    incidents = {r["id"]: r["incident"] for r in _records()}
    events = {incident: {placed[i][1] for i in placed if incidents[i] == incident}
              for incident in set(incidents.values())}
    # each strike, told in four languages, is one event; the two are different events
    assert all(len(e) == 1 for e in events.values()), events
    assert events["nurses"] != events["dockers"]


def test_without_the_actor_evidence_the_two_strikes_merge(tmp_path) -> None:
    """What the evidence is for: the same reports, the event decision without it, make
    one event of both strikes (their words, time and country agree)."""
    clusterer = SignalClusterer(event_threshold=EVENT_THRESHOLD,
                                event_contrast_penalty=EVENT_CONTRAST_PENALTY,
                                event_actor_penalty=0.0)
    placed = _ingest(tmp_path, clusterer)
    assert len({event for _, event in placed.values()}) == 1
