"""Pairwise 'same story' score from language-independent signals.

The score is a linear combination of a few features, fitted by least squares on the
SemEval 2022 task 8 dev pairs (796 human-rated news article pairs, 8 language pairs) to
predict the human ``Overall`` rating mapped to [0, 1] (1 = same story ... 4 = unrelated
-> 1.0 ... 0.0). ``bench/bench_similarity.py`` refits it with 5-fold cross-validation and
prints the held-out figures recorded next to ``COEFFICIENTS``.

SemEval pairs carry no publish times, so the time term is not fitted there: it is a
separate penalty calibrated on the sample corpus (see ``TIME_GRACE_DAYS``).
"""

from __future__ import annotations

import numpy as np

from rashomon.cluster.base import ArticleSignals

#: Feature names, in the order of ``pair_features``' output.
FEATURES = ("cos", "cos_cross", "cross", "names", "numbers", "words", "dates")

#: Fitted on all 796 SemEval dev pairs by bench/bench_similarity.py (least squares on
#: (4 - Overall) / 3). Held-out (5-fold CV) figures of this feature set: see the README
#: benchmark section and bench/results/similarity.json.
INTERCEPT = -4.6
COEFFICIENTS = np.array([6.0, 0.0, 0.0, 0.3, 0.15, 0.3, 0.0])

#: Days of publish-time gap that cost nothing: coverage of one event spreads over a day
#: or two (time zones, follow-ups).
TIME_GRACE_DAYS = 2.0
#: Score lost per further day of gap. Same-topic stories of other dates embed as close as
#: the same event, so time separates them; calibrated on the sample corpus.
TIME_PENALTY_PER_DAY = 0.08


def overlap(a: set[str], b: set[str]) -> float:
    """Set overlap normalized by the geometric mean of the sizes (cosine of indicator
    vectors): a long article is not rewarded just for naming more things."""
    if not a or not b:
        return 0.0
    return len(a & b) / float(np.sqrt(len(a) * len(b)))


def pair_features(a: ArticleSignals, b: ArticleSignals) -> np.ndarray:
    """The feature vector of one pair, in ``FEATURES`` order."""
    cosine = float(np.dot(a.embedding, b.embedding))
    cross = 1.0 if (a.language and b.language and a.language != b.language) else 0.0
    return np.array(
        [
            cosine,
            cosine * cross,
            cross,
            overlap(a.keys, b.keys),
            overlap(a.numbers, b.numbers),
            overlap(a.words, b.words),
            overlap(a.dates, b.dates),
        ]
    )


def content_score(features: np.ndarray) -> float:
    """The fitted linear score of a feature vector (unclipped)."""
    return float(INTERCEPT + features @ COEFFICIENTS)


def time_penalty(a: ArticleSignals, b: ArticleSignals) -> float:
    """Score lost to the publish-time gap beyond the grace period (0 when unknown)."""
    if a.published is None or b.published is None:
        return 0.0
    try:
        days = abs((a.published - b.published).total_seconds()) / 86400.0
    except TypeError:  # one aware, one naive datetime: compare wall-clock times
        days = abs((a.published.replace(tzinfo=None) - b.published.replace(tzinfo=None))
                   .total_seconds()) / 86400.0
    return max(0.0, days - TIME_GRACE_DAYS) * TIME_PENALTY_PER_DAY


def pair_score(a: ArticleSignals, b: ArticleSignals) -> float:
    """Score in [0, 1] that two articles report the same story (1 = surely the same)."""
    score = content_score(pair_features(a, b)) - time_penalty(a, b)
    return min(1.0, max(0.0, score))
