"""Default online clusterer: joins the best-scoring story inside a time window.

The candidates of a new article are the closest held articles by cosine inside the time
window (``rashomon.cluster.index``: an HNSW graph, exact below a few thousand articles);
only those get the full pair score with names, numbers, dates and time gap.
After each article is placed, ``repair`` merges two stories the article shows to be one,
so an early report that opened a story of its own is not stranded by arrival order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from rashomon.cluster.base import ArticleSignals, OnlineClusterer
from rashomon.cluster.event_repair import EventRepair
from rashomon.cluster.events import EventState, actors_differ, fits, timestamp
from rashomon.cluster.index import CandidateIndex, default_index
from rashomon.cluster.links import closest_members, mean_reaches
from rashomon.cluster.pairs import (
    PAIR_MEMO,
    TOPIC_PENALTY,
    UNANCHORED_PENALTY,
    PairMemo,
    join_penalty,
    penalty_bounds,
)
from rashomon.cluster.topics import TOPIC_STORIES, NameStories
from rashomon.core import Event

# Articles more than this many days apart (by publish time) are never compared: every
# story of the sample corpus spans at most 4 days, and the time penalty in
# cluster.similarity already pushes pairs > 5 days apart far below the join threshold.
# The same window serves an article whose publish time is weak (``signals.weak_publish``),
# around that time. bench/bench_weak_window.py (sample and held-out corpora: each of 105
# dated articles placed again, its time moved d days either way and flagged weak): at 7,
# for d <= 5 candidate recall of its story's other articles 1019/1034 and all 210
# placements right (at 5: 174 right, 36 missed for d = 5; at d = 7: 174 right, 0 wrong).
# The weak times of the real-page bench (bench_pages.py, the 9 candidates below
# TRUSTED_PUBLISH) are 0-2 days off (5) or 27 days to ten years off (4): a window reaching
# 27 days (30) places 183 of 210 right there but 18 wrong (7: 0 right, 10 wrong, 200 a
# story of their own) and reaches none of the years-off ones. 7, as for trusted times.
TIME_WINDOW_DAYS = 7.0
# Minimum story score to join a story, on the scale of cluster.similarity.pair_score
# (the SemEval-fitted (4 - Overall) / 3 scale, plus the name/date bonus). Calibrated on the
# sample corpus (bench_clustering --sweep, 12-feature scorer, contrast penalty 0.2): see
# CONTRAST_PENALTY for the joint sweep; 0.3 is the most order-stable setting. With the
# same-language offset and repair in place: F1 0.991 from 0.2 to 0.3, 0.981 at 0.35,
# 0.972 at 0.4.
JOIN_THRESHOLD = 0.3
# Members fully scored per new article: the closest by cosine. The full score is a
# monotone-ish function of cosine plus overlaps, and a story's matching members sit
# among the 30 closest by cosine on the sample corpus.
CANDIDATES = 30
# Score taken off a pair that carries evidence against one event (see ``contrast``).
# Calibrated on the sample corpus: among pairs inside the time window scoring above the
# join threshold, the evidence holds for 11% (same language) / 21% (across) of same-story
# pairs but 67% / 62% of different-story pairs. Sweep of (penalty, threshold) on the
# sample corpus + seeds (before the same-language offset and repair were added), B-cubed
# F1 in ingest order / mean over 5 shuffled orders:
# (0, 0.3) 0.973 / 0.909; (0.1, 0.3) 0.991 / 0.921; (0.2, 0.3) 0.981 / 0.940;
# (0.3, 0.3) 0.962 / 0.923; (0.2, 0.2) 0.991 / 0.934; (0.2, 0.4) 0.953 / 0.908.
# 0.2 gives the most order-stable grouping at an F1 still above 0.95.
CONTRAST_PENALTY = 0.2
# Score taken off a same-language pair in the join decision. Same-language reports of one
# topic share vocabulary, which lifts both the embedding and the lexical features: on the
# sample corpus (after the contrast penalty) same-story same-language pairs score 0.63-1.0
# while 4 of 152 different-story same-language pairs inside the time window still score
# 0.68-1.0 and 10 more 0.3-0.54. Sweep (penalty 0.2, threshold 0.3), B-cubed F1 ingest
# order / mean over 8 shuffles vs gold: offset 0 0.981 / 0.937; 0.1 0.981 / 0.941;
# 0.2 0.981 / 0.941; 0.3 0.981 / 0.944; 0.4 0.981 / 0.945. 0.3 keeps the weakest
# same-story same-language pair (0.63) above the threshold; 0.4 would not.
SAME_LANGUAGE_OFFSET = 0.3
# Mean story score at which two stories merge (see ``SignalClusterer.repair``): each
# article of the smaller story, scored against the larger one as if it arrived now, must
# on average clear this: the join decision applied to whole stories. Sample corpus +
# seeds, mean B-cubed F1 vs gold over 8 shuffled arrival orders: no repair 0.966, merge
# at 0.3 0.981, 0.4 0.975, 0.5 0.968 (ingest order: 0.981 without, 0.991 with repair).
MERGE_THRESHOLD = JOIN_THRESHOLD
# Event score (same scale as JOIN_THRESHOLD) at which an article joins an event that its
# time and places fit (cluster.events). Calibrated on the SemEval dev sample part
# (bench/bench_events.py --sweep: would the second text join the event the first opened;
# same event = Overall <= 1.5 vs related-but-different 2.5..3.5): threshold 0.2 P/R/F1
# 0.72/0.75/0.74, 0.3 0.79/0.62/0.70, 0.4 0.86/0.58/0.69, 0.5 0.91/0.42/0.57; and on
# the sample corpus (events vs gold stories, ingest order / mean of 5 shuffles): 0.2
# 0.990/0.973, 0.3 0.974/0.978, 0.4 0.954/0.939. 0.3: the most order-stable, with
# SemEval precision 0.79 rather than 0.72 (a mixed event is worse than a split one).
EVENT_THRESHOLD = JOIN_THRESHOLD
@dataclass
class _StoryState:
    members: list[int] = field(default_factory=list)


_timestamp = timestamp


class SignalClusterer(EventRepair, OnlineClusterer):
    """Scores a new article against the closest members of candidate stories.

    Story score = mean of the best two member pair scores (the single score for a
    one-article story), so one chance match with a single member of a large story is not
    enough to join it, and a large story is not favoured for its size.
    """

    def __init__(
        self,
        threshold: float = JOIN_THRESHOLD,
        window_days: float = TIME_WINDOW_DAYS,
        candidates: int = CANDIDATES,
        contrast_penalty: float = CONTRAST_PENALTY,
        same_language_offset: float = SAME_LANGUAGE_OFFSET,
        merge_threshold: float | None = MERGE_THRESHOLD,
        event_threshold: float | None = None,
        index: CandidateIndex | None = None,
        event_contrast_penalty: float = 0.0,
        pair_memo: int = PAIR_MEMO,
        event_actor_penalty: float = 0.0,
        unanchored_penalty: float = UNANCHORED_PENALTY,
        topic_penalty: float = TOPIC_PENALTY,
        topic_stories: int = TOPIC_STORIES,
        name_background: Mapping[str, int] | None = None,
    ):
        self.threshold = threshold
        self.window_days = window_days
        self.candidates = candidates
        self.contrast_penalty = contrast_penalty
        self.same_language_offset = same_language_offset
        self.unanchored_penalty = unanchored_penalty
        self.topic_penalty = topic_penalty
        self.topic_stories = topic_stories
        # the stories of the held articles naming each name key, plus a window's prior
        # (``name_background``: stories outside this clusterer, see ``cluster.topics``)
        self.names = NameStories(name_background)
        self.merge_threshold = merge_threshold  # None: never merge (online assignment only)
        # None: the story threshold (a stricter story decision means a stricter event)
        self.event_threshold = threshold if event_threshold is None else event_threshold
        self.event_contrast_penalty = event_contrast_penalty
        self.event_actor_penalty = event_actor_penalty
        self.stories: dict[int, _StoryState] = {}
        self.article_story: dict[int, int] = {}
        self.events: dict[int, EventState] = {}
        # story id -> ids of events ever given that story id (a superset: an entry is
        # checked against the event's story id when read), so a story merge visits its own
        # events rather than every held event (~16,000 at the scale benchmark: 8 ms a merge)
        self._story_events: dict[int, set[int]] = {}
        self.article_event: dict[int, int] = {}
        self._local_events = 0  # ids of events opened without a caller's id: -1, -2, ...
        self._items: dict[int, ArticleSignals] = {}
        self._memo = PairMemo(pair_memo)  # 0: no memo
        self.index: CandidateIndex = index if index is not None else default_index()
        # the last candidate search and the index state it saw: a placement searches
        # for one article up to four times (event, story, ``repair``, ``repair_events``)
        # and the index changes only when an article is added, removed or re-timed
        # (``_changed``), so the last two searches are one (~1 ms each at the scale
        # benchmark's 15,700 held articles)
        self._changes = 0
        self._searched: tuple | None = None

    # -- storage -----------------------------------------------------------------------
    def _append(self, item: ArticleSignals) -> None:
        self.index.add(item.article_id, item.embedding, _timestamp(item.published))
        self._changes += 1
        self._items[item.article_id] = item

    def _candidates(self, item: ArticleSignals) -> list[ArticleSignals]:
        """The held articles worth scoring against ``item``: the ``candidates`` closest by
        cosine inside the time window (``rashomon.cluster.index``: an HNSW graph, exact
        below a few thousand articles). The one place candidates are looked up."""
        state = (self._changes, self.window_days, self.candidates)
        last = self._searched
        if last is not None and last[0] is item and last[1] is self.index \
                and last[2] == state:
            keys = last[3]
        else:
            keys = self.index.search(item.embedding, _timestamp(item.published),
                                     self.window_days, self.candidates)
            self._searched = (item, self.index, state, keys)
        return [self._items[key] for key in keys]

    def evict(self, before: datetime, undated_before: datetime | None = None) -> list[int]:
        """Drop the stories (and their events) whose newest dated article is older than
        ``before``: closed, no article inside the time window of what arrives now can
        join them (``rashomon.scale.window``). A story without a dated article is dropped
        when every article of it was ingested before ``undated_before`` (None: kept; so is
        one with an article of unknown ingest time). Returns the article ids dropped."""
        cutoff = _timestamp(before)
        undated_cutoff = None if undated_before is None else _timestamp(undated_before)
        dropped: list[int] = []
        for story_id, state in list(self.stories.items()):
            times = [_timestamp(self._items[m].published) for m in state.members]
            known = [t for t in times if not math.isnan(t)]
            if known and max(known) >= cutoff:
                continue
            if not known:
                read = [_timestamp(self._items[m].ingested) for m in state.members]
                if undated_cutoff is None or any(math.isnan(t) or t >= undated_cutoff
                                                 for t in read):
                    continue
            for article_id in state.members:
                self.index.remove(article_id)
                self._changes += 1
                self.names.remove(self._items.pop(article_id).keys, story_id)
                self.article_story.pop(article_id, None)
                event_id = self.article_event.pop(article_id, None)
                if event_id is not None:
                    self.events.pop(event_id, None)
                dropped.append(article_id)
            del self.stories[story_id]
            self._story_events.pop(story_id, None)
        return dropped

    def _pair(self, a: ArticleSignals, b: ArticleSignals) -> tuple[float, bool]:
        """Similarity score and contrast of two articles (``cluster.pairs.PairMemo``)."""
        return self._memo(a, b)

    @property
    def pairs_scored(self) -> int:
        """Pair scores computed (not served by the memo)."""
        return self._memo.scored

    def pair_score(self, a: ArticleSignals, b: ArticleSignals) -> float:
        """The similarity score less the contrast penalty, the same-language offset or
        (across languages, the larger of it and the contrast penalty) the penalty of a
        pair without a shared number, day date or title city: what the join decision
        uses."""
        score, against = self._pair(a, b)
        return score - join_penalty(a, b, against, self.contrast_penalty,
                                    self.same_language_offset, self.unanchored_penalty,
                                    self.topic_penalty, self._topic_only)

    def _topic_only(self, a: ArticleSignals, b: ArticleSignals) -> bool:
        """Are the names the two share all names many other stories of the window name
        (``cluster.topics``)?"""
        story = self.article_story.get
        return self.names.topic_only(a.keys & b.keys,
                                   (story(a.article_id), story(b.article_id)),
                                   self.topic_stories)

    # -- river-style interface ---------------------------------------------------------
    def story_scores(self, item: ArticleSignals) -> dict[int, float]:
        """Score of every candidate story for ``item`` (no state change)."""
        per_story: dict[int, list[ArticleSignals]] = {}
        for member in self._candidates(item):
            per_story.setdefault(self.article_story[member.article_id], []).append(member)
        return {story: self._story_score(item, members) for story, members in per_story.items()}

    def _story_score(self, item: ArticleSignals, members: list[ArticleSignals]) -> float:
        """Mean of the best two member scores: one chance match with a single member of a
        large story is not enough to join it, and size alone does not attract."""
        scores = sorted((self.pair_score(item, m) for m in members), reverse=True)
        return float(np.mean(scores[:2]))

    def event_score(self, item: ArticleSignals, members: list[ArticleSignals]) -> float:
        """The story score with the event's own contrast penalty on each pair."""
        scores = sorted((self.pair_score(item, m)
                         - (self.event_contrast_penalty if self._pair(item, m)[1] else 0.0)
                         for m in members), reverse=True)
        return float(np.mean(scores[:2]))

    def event_decision(self, item: ArticleSignals, event_id: int,
                       members: list[ArticleSignals]) -> float:
        """``event_score`` against ``members`` of one event, less ``event_actor_penalty``
        when the article's lead actors and the event's differ (``events.actors_differ``):
        what decides whether the article joins the event."""
        score = self.event_score(item, members)
        if self.event_actor_penalty and actors_differ(item, self.events[event_id]):
            score -= self.event_actor_penalty
        return score

    def predict_one(self, item: ArticleSignals) -> tuple[int | None, float]:
        scores = self.story_scores(item)
        if not scores:
            return None, 0.0
        best_id = min(scores, key=lambda s: (-scores[s], s))  # ties: the older story
        best = scores[best_id]
        return (best_id if best >= self.threshold else None), best

    def predict_event(
        self, item: ArticleSignals, story_id: int | None = None
    ) -> tuple[int | None, int | None, float]:
        """The event ``item`` reports: among the events of its candidate articles, those
        its time and places fit (``cluster.events.fits``), scored like stories (mean of
        the best two member scores); the best at or above ``event_threshold``."""
        per_event: dict[int, list[ArticleSignals]] = {}
        for member in self._candidates(item):
            event_id = self.article_event[member.article_id]
            if story_id is None or self.events[event_id].story_id == story_id:
                per_event.setdefault(event_id, []).append(member)
        best: tuple[float, int] | None = None
        for event_id, members in per_event.items():
            if not fits(item, self.events[event_id]):
                continue
            score = self.event_decision(item, event_id, members)
            if best is None or (score, -event_id) > (best[0], -best[1]):
                best = (score, event_id)
        if best is None:
            return None, None, 0.0
        score, event_id = best
        if score < self.event_threshold:
            return None, None, score
        return event_id, self.events[event_id].story_id, score

    def story_of(self, article_id: int) -> int | None:
        return self.article_story.get(article_id)

    def event_of(self, article_id: int) -> int | None:
        return self.article_event.get(article_id)

    def event(self, event_id: int) -> Event:
        """The event as the store records it (span, places, members)."""
        return self.events[event_id].as_event()

    def events_of(self, story_id: int) -> list[int]:
        """Ids of the events of one story."""
        return [e for e, state in self.events.items() if state.story_id == story_id]

    def repair(self, story_id: int) -> list[tuple[int, int]]:
        """Merge ``story_id`` with every other story its newest article also scores above
        the join threshold, when the two stories link as a whole (``_link``). The article
        is the bridge: it arrived and showed that two stories told apart earlier (say a
        report that came before its event's main coverage) are one."""
        return list(self.repairs(story_id))

    def repairs(self, story_id: int) -> Iterator[tuple[int, int]]:
        """``repair``, each merge yielded once applied, before the next link is scored."""
        state = self.stories.get(story_id)
        if self.merge_threshold is None or state is None:
            return
        item = self._item(state.members[-1])
        for other, score in sorted(self.story_scores(item).items()):
            if other == story_id or score < self.threshold or other not in self.stories:
                continue
            if self._link(story_id, other):
                absorbed, story_id = self._merge(story_id, other)
                yield absorbed, story_id

    def _median_time(self, members: list[int]) -> datetime | None:
        """Median publish time of dated articles (times read from the text do not
        count: they may cite an older event): what an undated article among them is
        taken to be about (on the sample corpus two Malatya quakes a month apart merged
        through undated reports before undated members were dated)."""
        items = [self._item(m) for m in members]
        times = sorted(_timestamp(i.published) for i in items
                       if i.published is not None and not i.time_estimated)
        if not times:
            return None
        return datetime.fromtimestamp(times[len(times) // 2], tz=UTC)

    def _item(self, article_id: int) -> ArticleSignals:
        return self._items[article_id]

    def _link(self, a: int, b: int) -> bool:
        """Whether two stories link as a whole: the mean story score of the smaller
        story's articles against the larger story reaches ``merge_threshold``. Bounded
        cost: at most ``candidates`` articles of the smaller story (the latest), each
        scored against its ``candidates`` closest members of the larger one, and no more
        pairs than it takes to know the answer (``cluster.links``)."""
        small, large = sorted((a, b), key=lambda s: (len(self.stories[s].members), s))
        closest = closest_members([self._item(m) for m in self.stories[large].members],
                                  self.candidates)
        items = [self._item(m) for m in self.stories[small].members[-self.candidates:]]
        return mean_reaches(items, closest, self.pair_score, self._bounds(),
                            self.merge_threshold)

    def _bounds(self, event: bool = False
                ) -> Callable[[ArticleSignals, ArticleSignals], tuple[float, float]]:
        """(a, b) -> the lowest and highest ``pair_score`` (``event``: ``_event_pair``)
        of two articles can be without computing it: the similarity score lies in
        [0, 1], the same-language offset is known, the contrast and unanchored penalties
        may or may not apply. The settings are read once per link (the function is called
        per pair)."""
        same, other = penalty_bounds(
            self.contrast_penalty, self.same_language_offset, self.unanchored_penalty,
            [self.event_contrast_penalty] if event else [], self.topic_penalty)

        def bounds(a: ArticleSignals, b: ArticleSignals) -> tuple[float, float]:
            return same if a.language is not None and a.language == b.language else other

        return bounds

    def _merge(self, a: int, b: int) -> tuple[int, int]:
        """Move the smaller story's articles into the larger (ties: into the older id);
        returns (absorbed, kept)."""
        absorbed, kept = sorted((a, b), key=lambda s: (len(self.stories[s].members), -s))
        for article_id in self.stories.pop(absorbed).members:
            self.stories[kept].members.append(article_id)
            self.article_story[article_id] = kept
            self.names.move(self._items[article_id].keys, absorbed, kept)
        for event_id in self._story_events.pop(absorbed, ()):  # a story grows only
            event = self.events.get(event_id)  # through its events
            if event is not None and event.story_id == absorbed:
                event.story_id = kept
                self._story_events.setdefault(kept, set()).add(event_id)
        return absorbed, kept

    def learn_one(
        self, item: ArticleSignals, story_id: int, event_id: int | None = None
    ) -> None:
        """Record ``item`` in ``story_id`` and in ``event_id``; without an event id the
        article joins the story's event it fits (``predict_event``) or opens one with a
        local (negative) id."""
        if item.article_id in self._items:
            self.forget_one(item.article_id)
        if event_id is None:
            event_id = self.predict_event(item, story_id)[0]
        if event_id is None:
            self._local_events -= 1
            event_id = self._local_events
        self._append(item)
        self.stories.setdefault(story_id, _StoryState()).members.append(item.article_id)
        self.article_story[item.article_id] = story_id
        self.names.add(item.keys, story_id)
        event = self.events.setdefault(event_id, EventState(event_id, story_id))
        event.story_id = story_id
        self._story_events.setdefault(story_id, set()).add(event_id)
        event.add(item)
        self.article_event[item.article_id] = event_id
        self._date_undated(event_id)

    def _date_undated(self, event_id: int) -> None:
        """Give the event's undated articles the time of its dated coverage (the median
        publish time, see ``_median_time``; failing that, its story's), also when the
        undated one came first: left timeless, an undated member matches later same-place
        stories with no time penalty and chains them into its own."""
        event = self.events[event_id]
        members = event.members
        when = self._median_time(members)
        if when is None:  # no dated coverage of its own: its story's
            when = self._median_time(self.stories[event.story_id].members)
        if when is None:
            return
        for article_id in members:
            item = self._items[article_id]
            if item.published is None:
                # a publish time of its story's coverage, not a date read from its text:
                # gaps count fully (estimated gaps are capped, which let a month-apart
                # story through on the sample corpus)
                self._items[article_id] = replace(item, published=when, time_estimated=False)
                self.index.retime(article_id, _timestamp(when))
                self._changes += 1

    def forget_one(self, article_id: int) -> None:
        story_id = self.article_story.pop(article_id, None)
        item = self._items.pop(article_id, None)
        if item is not None:
            self.index.remove(article_id)
            self._changes += 1
            if story_id is not None:
                self.names.remove(item.keys, story_id)
        event_id = self.article_event.pop(article_id, None)
        if event_id is not None:
            event = self.events[event_id]
            left = [self._item(m) for m in event.members if m != article_id]
            if left:
                event.rebuild(left)
            else:
                del self.events[event_id]
        if story_id is None:
            return
        state = self.stories[story_id]
        state.members = [m for m in state.members if m != article_id]
        if not state.members:
            del self.stories[story_id]
