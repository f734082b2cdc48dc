"""The centrality term and the calibration of the rating (``cluster.similarity.rating``,
``TOPIC_MEAN`` / ``CALIBRATION``): the term belongs to the embedding model it was fitted
on and lowers pairs that sit near the centre of everyday news; the calibration increases
on its range; the rating stays in [0, 1], ranks reports of one happening above the others
and leaves the story decision's score alone."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from rashomon.cluster import similarity as sim

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
ROWS = {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}


def test_centrality_belongs_to_the_shipped_embedder(embedder, event_signals) -> None:
    assert sim.TOPIC_MEAN.shape == (embedder.dim,)
    assert sim.CENTRALITY_WEIGHT < 0  # nearer the centre, the same cosine means less
    placeholder = replace(event_signals["rate-ru"], embedding=np.zeros(1, dtype=np.float32))
    assert sim.centrality_term(placeholder, event_signals["rate-de"]) == 0.0
    assert sim.centrality_term(event_signals["rate-ru"], event_signals["rate-de"]) != 0.0


def test_a_pair_nearer_the_centre_scores_lower(event_signals) -> None:
    """The same pair, one lead pulled towards the mean of news (renormalised): its
    cosine with the other lead changes too, so only the term itself is compared."""
    a, b = event_signals["mine-en"], event_signals["mine-es"]
    mean = sim.TOPIC_MEAN / np.linalg.norm(sim.TOPIC_MEAN)
    pulled = a.embedding + 0.5 * mean
    central = replace(a, embedding=(pulled / np.linalg.norm(pulled)).astype(np.float32))
    assert sim.centrality_term(central, b) < sim.centrality_term(a, b)


def test_the_calibration_increases_where_it_is_used() -> None:
    low, high = sim.CALIBRATION_RANGE
    assert low < high
    grid = np.linspace(low - 0.5, high + 0.5, 301)
    values = np.array([sim.calibrate(float(x)) for x in grid])
    assert np.all(np.diff(values) >= 0)
    inside = (grid > low) & (grid < high) & (values > 0) & (values < 1)
    assert inside.sum() > 100 and np.all(np.diff(values[inside]) > 0)


def test_rating_is_the_calibrated_score_with_centrality(event_signals) -> None:
    """Every pair of the 14 multilingual reports (tram derailment, rate rise, mine
    collapse, ...): the rating is the calibrated score plus centrality term, within
    [0, 1], ranks the pairs as that sum does, and rates reports of one happening above
    reports of different ones; the story decision's ``pair_score`` has no centrality."""
    rows = []
    for a, b in itertools.combinations(sorted(event_signals), 2):
        first, second = event_signals[a], event_signals[b]
        raw = sim.unclipped_score(first, second)
        assert sim.pair_score(first, second) == min(1.0, max(0.0, raw))
        combined = raw + sim.centrality_term(first, second)
        rating = sim.rating(first, second)
        assert rating == sim.calibrate(combined)
        rows.append((combined, rating, ROWS[a]["event"] == ROWS[b]["event"]))
    rows.sort()
    ratings = [r for _, r, _ in rows]
    assert all(0.0 <= r <= 1.0 for r in ratings)
    assert all(x <= y for x, y in itertools.pairwise(ratings))
    same = [r for _, r, s in rows if s]
    other = [r for _, r, s in rows if not s]
    assert min(same) > np.median(other) and np.mean(same) > np.mean(other) + 0.2
