"""Default online clusterer: joins the best-scoring story inside a time window."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from rashomon.cluster.base import ArticleSignals, OnlineClusterer
from rashomon.cluster.similarity import pair_score

# Articles more than this many days apart (by publish time) are never compared:
# a news story's coverage on the sample corpus spans at most 4 days.
TIME_WINDOW_DAYS = 7.0
# Minimum pair score to join a story; see cluster.similarity for calibration.
JOIN_THRESHOLD = 0.5


@dataclass
class _StoryState:
    members: list[ArticleSignals] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None


class SignalClusterer(OnlineClusterer):
    """Scores a new article against every member of candidate stories.

    Story score = mean of the best ``k`` member pair scores, so one off-topic member
    cannot pull in unrelated articles and a large story is not favoured for its size.
    """

    def __init__(self, threshold: float = JOIN_THRESHOLD, window_days: float = TIME_WINDOW_DAYS):
        self.threshold = threshold
        self.window_days = window_days
        self.stories: dict[int, _StoryState] = {}
        self.article_story: dict[int, int] = {}

    def _in_window(self, item: ArticleSignals, state: _StoryState) -> bool:
        if item.published is None or state.first is None or state.last is None:
            return True
        day = 86400.0
        before = (state.first - item.published).total_seconds() / day
        after = (item.published - state.last).total_seconds() / day
        return max(before, after) <= self.window_days

    def story_score(self, item: ArticleSignals, state: _StoryState) -> float:
        scores = sorted((pair_score(item, m) for m in state.members), reverse=True)
        top = scores[:2]
        return float(np.mean(top)) if top else 0.0

    def predict_one(self, item: ArticleSignals) -> tuple[int | None, float]:
        best_id, best = None, -math.inf
        for story_id, state in self.stories.items():
            if not self._in_window(item, state):
                continue
            score = self.story_score(item, state)
            if score > best or (score == best and best_id is not None and story_id < best_id):
                best_id, best = story_id, score
        if best_id is None:
            return None, 0.0
        return (best_id if best >= self.threshold else None), float(best)

    def learn_one(self, item: ArticleSignals, story_id: int) -> None:
        state = self.stories.setdefault(story_id, _StoryState())
        state.members.append(item)
        self.article_story[item.article_id] = story_id
        if item.published is not None:
            state.first = min(filter(None, [state.first, item.published]))
            state.last = max(filter(None, [state.last, item.published]))

    def forget_one(self, article_id: int) -> None:
        story_id = self.article_story.pop(article_id, None)
        if story_id is None:
            return
        state = self.stories[story_id]
        state.members = [m for m in state.members if m.article_id != article_id]
        if not state.members:
            del self.stories[story_id]
