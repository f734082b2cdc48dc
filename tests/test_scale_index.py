"""Contract every registered candidate index must meet: the k nearest inside the time
window, removals and re-timing honoured. Runs on each registry name, on real e5 vectors
of multilingual news texts (tests/data/cluster/events.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from rashomon.cluster.index import DAY, ExactIndex, UsearchIndex
from rashomon.cluster.signals import embedding_text
from rashomon.core import Article
from rashomon.registry import available, create

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
T0 = datetime(2023, 9, 17).timestamp()


@pytest.fixture(scope="module")
def vectors(embedder):
    rows = json.loads(EVENTS.read_text(encoding="utf-8"))
    articles = [Article(title=r["title"], maintext=r["text"], language=r["language"])
                for r in rows]
    return embedder.passages([embedding_text(a) for a in articles])


@pytest.fixture(params=available("index")["index"])
def index(request):
    return create("index", request.param)


def _true_nearest(vectors, times, query, when, window, k):
    ok = np.abs(times - when) / DAY <= window
    rows = np.flatnonzero(ok)
    order = np.argsort(-(vectors[rows] @ query))
    return set(rows[order[:k]].tolist())


def test_nearest_inside_the_window_only(index, vectors) -> None:
    times = T0 + np.arange(len(vectors)) * DAY  # one article a day
    for key, (vector, when) in enumerate(zip(vectors, times, strict=True)):
        index.add(key, vector, float(when))
    assert len(index) == len(vectors) and 3 in index and 99 not in index
    query, when = vectors[5], float(times[5])
    found = set(index.search(query, when, 3.0, 4))
    assert found == _true_nearest(vectors, times, query, when, 3.0, 4)
    assert all(abs(times[key] - when) <= 3 * DAY for key in found)
    assert len(index.search(query, when, 3.0, 50)) == 7  # fewer than k inside: all of them


def test_undated_articles_are_candidates_of_every_time(index, vectors) -> None:
    index.add(1, vectors[0], T0)
    index.add(2, vectors[1], float("nan"))
    assert set(index.search(vectors[0], T0 + 30 * DAY, 7.0, 5)) == {2}
    assert set(index.search(vectors[0], float("nan"), 7.0, 5)) == {1, 2}


def test_remove_and_retime(index, vectors) -> None:
    index.add(1, vectors[0], T0)
    index.add(2, vectors[1], T0)
    index.remove(1)
    index.remove(42)  # unknown keys are ignored
    assert index.search(vectors[0], T0, 7.0, 5) == [2] and 1 not in index
    index.retime(2, T0 + 20 * DAY)
    assert index.search(vectors[0], T0, 7.0, 5) == []
    index.add(2, vectors[1], T0)  # re-adding replaces
    assert index.search(vectors[0], T0, 7.0, 5) == [2] and len(index) == 1


def test_graph_search_recalls_the_exact_nearest(vectors) -> None:
    """Past its exhaustive threshold the HNSW index must find >= 0.98 of the true 30
    nearest in the window: 3,000 variants of the real vectors over 60 days."""
    rng = np.random.default_rng(7)
    n = 3000
    base = vectors[rng.integers(0, len(vectors), n)]
    noisy = base + rng.normal(0, 0.03, base.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    times = T0 + rng.uniform(0, 60, n) * DAY
    graph, exact = UsearchIndex(exact_below=100), ExactIndex()
    graph.add_many(list(range(n)), noisy, times.tolist())
    for key in range(n):
        exact.add(key, noisy[key], float(times[key]))
    hits = total = 0
    for q in rng.integers(0, n, 100):
        truth = set(exact.search(noisy[q], float(times[q]), 7.0, 30))
        found = set(graph.search(noisy[q], float(times[q]), 7.0, 30))
        assert len(found) == 30
        hits, total = hits + len(truth & found), total + len(truth)
    assert hits / total >= 0.98
    for key in range(0, n, 2):  # tombstones past the live count: the graph is rebuilt
        graph.remove(key)
    assert len(graph) == n // 2
    assert set(graph.search(noisy[1], float(times[1]), 7.0, 30)) <= set(range(1, n, 2))
