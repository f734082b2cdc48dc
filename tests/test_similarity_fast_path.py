"""The pair score's fast path (``similarity.unclipped_score``: the features of weight 0
left uncomputed, the caps applied in place) gives the fitted score of the full feature
vector bit for bit: real multilingual reports of four events and two same-topic hard
negatives (tests/data/cluster/events.json), with every kind of publish time."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from rashomon.cluster import similarity as sim

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"


def _items(event_signals) -> dict[str, object]:
    rows = json.loads(EVENTS.read_text(encoding="utf-8"))
    items = {}
    for number, row in enumerate(rows, start=1):
        when = datetime.fromisoformat(row["published"])
        items[row["id"]] = replace(event_signals[row["id"]], article_id=number, published=when,
                                   event_time=when, time_uncertainty=0.0, time_estimated=False)
    return items


def _variants(items: list) -> list:
    """The items as they are and with every kind of publish time the score reads: none,
    naive (wall clock), estimated from the text, days later."""
    out = list(items)
    for i, item in enumerate(items):
        when = item.published
        out.append(replace(item, article_id=100 + i, published=None))
        out.append(replace(item, article_id=200 + i, published=when.replace(tzinfo=None)
                           + timedelta(hours=5 * i)))
        out.append(replace(item, article_id=300 + i, time_estimated=True,
                           published=when + timedelta(days=i)))
        out.append(replace(item, article_id=400 + i, published=when + timedelta(days=i / 2)))
    return out


def test_the_fast_pair_score_is_the_fitted_score_bit_for_bit(event_signals) -> None:
    """``unclipped_score`` skips the features of weight 0 and caps in place: the same
    float as the fitted score of the full feature vector, for every pair."""
    items = _variants(list(_items(event_signals).values()))
    for a in items:
        for b in items:
            features = sim.pair_features(a, b)  # as unclipped_score computed it before
            bonus = (sim.NAME_BONUS * features[3] + sim.DATE_BONUS * features[6]) * features[2]
            full = sim.content_score(features, sim.metric_term(a, b)) + bonus \
                - sim.time_penalty(a, b)
            assert sim.unclipped_score(a, b) == full
