"""Topic names: the names many stories of the window share.

A name two reports share across languages ties them to one happening only if few other
stories name it: the happening's people, places and firms turn up in its own coverage,
while a head of government, a football club or a pandemic turn up in story after story
(the topic's names). The clusterer counts, for each name key, the stories of its held
articles that name it (``NameStories``); a cross-language pair with no anchor
(``pairs.anchored``) whose shared names are all topic names (``topic_only``) pays more
in the story and event decisions (``pairs.TOPIC_PENALTY``). A pair sharing no name at all
is not such a pair: it pays the anchor penalty only, as before.

Stories, not articles, are counted: a happening covered by forty reports names its
protagonist in forty articles but in one story, so its own names do not become topic
names by being much reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

# Other stories (beyond the pair's own) that must name a key before it counts as a topic
# name: a name at most this many other stories of the window name is the happening's.
# Calibrated on the SemEval 2022 dev sample part (bench_pair_joins.py and bench_events.py
# --sweep; the window: the 1,564 dev texts, each taken as a story of its own, the two
# texts of the pair left out), with ``pairs.TOPIC_PENALTY`` 0.1: sample part unrelated
# cross-language pairs joined 3/42 at 0 to 3 other stories -> 2/42, at 5 and 8 still
# 3/42 (same-story 12/13 at every setting; the event decision F1 0.7463 at every one).
# 2: the middle of that plateau. In a window smaller than a few stories nothing is a
# topic name and the decisions are as without this rule.
TOPIC_STORIES = 2


class NameStories:
    """For each name key, how many of the clusterer's held articles of each story name
    it; ``others`` answers how many stories besides the given ones name it, plus the
    stories outside the clusterer a ``background`` counts (a window's prior: the bench
    gives the SemEval texts, one story each)."""

    def __init__(self, background: Mapping[str, int] | None = None):
        self._stories: dict[str, Counter[int]] = {}
        self.background = background

    def add(self, keys: Iterable[str], story: int) -> None:
        for key in keys:
            self._stories.setdefault(key, Counter())[story] += 1

    def remove(self, keys: Iterable[str], story: int) -> None:
        for key in keys:
            stories = self._stories.get(key)
            if stories is None or story not in stories:
                continue
            stories[story] -= 1
            if stories[story] <= 0:
                del stories[story]
            if not stories:
                del self._stories[key]

    def move(self, keys: Iterable[str], absorbed: int, kept: int) -> None:
        """Story ``absorbed`` merged into ``kept``: its counts of ``keys`` move over."""
        for key in keys:
            stories = self._stories.get(key)
            if stories is not None and absorbed in stories:
                stories[kept] += stories.pop(absorbed)

    def others(self, key: str, besides: tuple[int | None, ...] = ()) -> int:
        """Stories naming ``key`` other than those in ``besides`` (held and background)."""
        stories = self._stories.get(key)
        held = 0 if stories is None else len(stories) - sum(
            1 for s in set(besides) if s is not None and s in stories)
        return held + (self.background.get(key, 0) if self.background is not None else 0)

    def topic_only(self, shared: Iterable[str], besides: tuple[int | None, ...] = (),
                   limit: int = TOPIC_STORIES) -> bool:
        """Are the ``shared`` keys (at least one) all topic names: each named by more than
        ``limit`` stories besides ``besides``?"""
        found = False
        for key in shared:
            if self.others(key, besides) <= limit:
                return False
            found = True
        return found
