"""Pairwise 'same story' score from language-independent signals.

A first, hand-set combination; calibrated weights replace it once the SemEval benchmark
(bench/bench_similarity.py) has been run.
"""

from __future__ import annotations

import math

import numpy as np

from rashomon.cluster.base import ArticleSignals


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def pair_score(a: ArticleSignals, b: ArticleSignals) -> float:
    """Probability-like score in [0, 1] that two articles report the same story."""
    cosine = float(np.dot(a.embedding, b.embedding))
    names = _overlap(a.keys, b.keys)
    numbers = _overlap(a.numbers, b.numbers)
    dates = _overlap(a.dates, b.dates)
    days = 0.0
    if a.published and b.published:
        days = abs((a.published - b.published).total_seconds()) / 86400
    z = 40 * (cosine - 0.84) + 3 * names + 1.5 * numbers + 1.5 * dates - 0.5 * days
    return 1 / (1 + math.exp(-z))
