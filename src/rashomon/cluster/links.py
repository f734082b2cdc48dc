"""Whether two groups of articles (two stories, two events) link as a whole, scoring no
more pairs than the answer needs.

A link asks whether the mean, over some articles of the smaller group, of each article's
group score against its closest members of the larger one reaches a threshold; a group
score is the mean of the article's best two pair scores (``online.SignalClusterer``).
Every pair score lies between bounds known without computing it (``pair_score`` is held
to [0, 1] and the penalties are known or bounded), so each article's group score lies
between the mean of its best two bounds, and once the sums of those bounds decide the
answer the remaining pairs are not scored. The pairs are scored in the order that
tightens the bounds fastest: first the two closest members of every article (a group
score is at least the mean of any two of its pair scores, which decides a link of two
tellings of one story after ~2 pairs per article instead of ~30), then the rest of each
article's members, article by article. An answer given early is always the one the full
mean gives, unless that mean lies within ``DECIDED`` of the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from rashomon.cluster.base import ArticleSignals

# Margin by which the bounds must decide a link before the pairs left are skipped: far
# above the rounding error of a sum of at most ``online.CANDIDATES`` scores (~1e-15), far
# below any score difference that matters, so the early answer is always the one the full
# mean gives.
DECIDED = 1e-9
# Members scored first for every article: a group score is the mean of the best two.
FIRST = 2


def group_score(scores: Sequence[float]) -> float:
    """Mean of the best two scores (the single score when there is one)."""
    return float(np.mean(sorted(scores, reverse=True)[:2]))


def _best_two(values: list[float]) -> float:
    first = second = -np.inf
    for value in values:
        if value > first:
            first, second = value, first
        elif value > second:
            second = value
    return first if second == -np.inf else (first + second) / 2


class _Article:
    """One article's pair scores against its members: known ones, and for the rest the
    bounds each can take."""

    def __init__(self, item: ArticleSignals, members: list[ArticleSignals],
                 bounds: Callable[[ArticleSignals, ArticleSignals], tuple[float, float]]):
        self.item, self.members = item, members
        self.scores: list[float | None] = [None] * len(members)
        self.lows, self.highs = zip(*(bounds(item, m) for m in members), strict=True)
        self.low, self.high = _best_two(list(self.lows)), _best_two(list(self.highs))

    def score(self, upto: int, pair: Callable[[ArticleSignals, ArticleSignals], float]
              ) -> tuple[float, float]:
        """Score the members before ``upto``; returns the change of (low, high)."""
        for i in range(min(upto, len(self.members))):
            if self.scores[i] is None:
                self.scores[i] = pair(self.item, self.members[i])
        scores = self.scores
        low = _best_two([lo if s is None else s
                         for s, lo in zip(scores, self.lows, strict=True)])
        high = _best_two([hi if s is None else s
                          for s, hi in zip(scores, self.highs, strict=True)])
        change = (low - self.low, high - self.high)
        self.low, self.high = low, high
        return change

    def exact(self) -> float:
        return group_score([s for s in self.scores if s is not None])


def mean_reaches(items: list[ArticleSignals],
                 closest: Callable[[ArticleSignals], list[ArticleSignals]],
                 pair: Callable[[ArticleSignals, ArticleSignals], float],
                 bounds: Callable[[ArticleSignals, ArticleSignals], tuple[float, float]],
                 threshold: float) -> bool:
    """Whether the mean over ``items`` of ``group_score`` of each item's ``pair`` scores
    against ``closest(item)`` (closest first) reaches ``threshold``; ``bounds(item,
    member)``: the lowest and highest that pair's score can be."""
    if not items:
        return False
    articles = [_Article(item, closest(item), bounds) for item in items]
    need = threshold * len(articles)
    low = sum(a.low for a in articles)
    high = sum(a.high for a in articles)
    for upto in (FIRST, None):
        for article in articles:
            up, down = article.score(len(article.members) if upto is None else upto, pair)
            low, high = low + up, high + down
            if low > need + DECIDED:
                return True
            if high < need - DECIDED:
                return False
    return float(np.mean([a.exact() for a in articles])) >= threshold


def closest_members(members: Sequence[ArticleSignals], k: int
                    ) -> Callable[[ArticleSignals], list[ArticleSignals]]:
    """item -> the ``k`` members closest to it by cosine (all if fewer), closest first:
    what a story or event link scores an article against."""
    matrix = np.stack([m.embedding for m in members])

    def closest(item: ArticleSignals) -> list[ArticleSignals]:
        cosine = matrix @ item.embedding
        chosen = np.argpartition(-cosine, k - 1)[:k] if len(members) > k \
            else np.arange(len(members))
        return [members[i] for i in chosen[np.argsort(-cosine[chosen], kind="stable")]]

    return closest
