"""The pair scorer outside the range it was fitted on: identical and near-identical texts
must score high in every script (an uncapped fit scored a text 0.23-0.44 against itself),
and the score must stay in [0, 1] and be symmetric."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.cluster.similarity import pair_score
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
ROWS = {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}
REPRINT = "\n\nRegional mining unions said they would ask the ministry for an inspection."


def _text(key: str) -> str:
    return f"{ROWS[key]['title']}\n{ROWS[key]['text']}"


@pytest.fixture(scope="module")
def signals(embedder, langid):
    """Signals of every event text as ``rashomon.similarity`` builds them."""
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder, langid=langid)
    built = {key: engine._signals_of_text(_text(key)) for key in ROWS}
    built["reprint"] = engine._signals_of_text(_text("mine-en") + REPRINT)
    return built


@pytest.mark.parametrize("key", ["tram-en", "rate-ru", "mine-ar", "tram-fa", "rate-zh"])
def test_a_text_scores_high_against_itself(signals, key: str) -> None:
    itself = pair_score(signals[key], signals[key])
    other_events = [pair_score(signals[key], signals[k]) for k in ROWS
                    if ROWS[k]["event"] != ROWS[key]["event"]]
    assert itself >= 0.8
    assert itself > max(other_events)


def test_reprint_with_an_added_paragraph_scores_as_the_same_story(signals) -> None:
    assert pair_score(signals["mine-en"], signals["reprint"]) >= 0.8


def test_score_is_symmetric_and_bounded(signals) -> None:
    for a, b in (("rate-de", "riksbank-ru"), ("tram-zh", "tram-fa"), ("mine-es", "rate-ar")):
        forward, backward = pair_score(signals[a], signals[b]), pair_score(signals[b], signals[a])
        assert forward == pytest.approx(backward)
        assert 0.0 <= forward <= 1.0
