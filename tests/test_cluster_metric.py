"""The learned diagonal metric of the pair scorer (``cluster.similarity.METRIC``): it
belongs to the embedding model it was fitted on, applies to same-language pairs only, and
keeps same-topic reports of different happenings apart in one language."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rashomon.cluster import similarity as sim
from rashomon.cluster.online import SignalClusterer

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
ROWS = {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}


def test_metric_belongs_to_the_shipped_embedder(embedder) -> None:
    body = json.loads(sim.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert body["metric_model"] == embedder.name
    assert sim.METRIC.shape == (embedder.dim,)
    assert np.isfinite(sim.METRIC).all() and np.abs(sim.METRIC).max() > 0


def test_metric_applies_within_one_language_only(event_signals) -> None:
    same_language = sim.metric_term(event_signals["rate-ru"], event_signals["riksbank-ru"])
    assert same_language != 0.0
    assert sim.metric_term(event_signals["rate-ru"], event_signals["rate-de"]) == 0.0
    assert sim.metric_term(event_signals["tram-en"], event_signals["tram-zh"]) == 0.0
    placeholder = replace(event_signals["rate-ru"], embedding=np.zeros(1, dtype=np.float32))
    assert sim.metric_term(placeholder, event_signals["riksbank-ru"]) == 0.0


@pytest.mark.parametrize("first, second", [("rate-ru", "riksbank-ru"),
                                           ("mine-en", "tramstrike-en")])
def test_same_language_reports_of_other_happenings_do_not_join(
    event_signals, first, second
) -> None:
    """Two Russian reports of two central banks' decisions; English reports of a mine
    collapse and of a tram strike. Same language (the metric applies), different
    happenings: the join decision keeps them apart, dates or not (these are undated)."""
    assert sim.metric_term(event_signals[first], event_signals[second]) != 0.0
    clusterer = SignalClusterer()
    assert clusterer.pair_score(event_signals[first], event_signals[second]) < clusterer.threshold
