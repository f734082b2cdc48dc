"""Cascade: decide the clear cases of placement before the lead is embedded.

Embedding the lead is ~80% of the ingest time of a distinct article. Near-copies already
skip it (they borrow their original's vector). The first pass here works on what
extraction gives without any embedding — names as skeleton keys (comparable across
scripts), numbers, day dates — and looks, among the held articles inside the window,
for one the new article *clearly* reports the same event as: several names in common
making up much of both, a number or a date in common, no evidence against one event
(``online.contrast``), close in time. Such an article joins that article's story and
borrows its vector as a near-copy does; only the undecided ones need the full embedding.

Only "clearly the same event" is decided here: an article decided "clearly new" would
have no vector for later articles to find it by, so it is embedded as before. Nor is an
article decided that clearly reports the event of held articles in two different
stories: it is the evidence that those stories are one (``OnlineClusterer.repair``),
which only its own vector can give (with a borrowed one it would look like one side).
Thresholds are calibrated on SemEval 2022 dev pairs and replayed on the sample and
held-out corpora by ``bench/bench_cascade.py`` (figures in docs/benchmarks.md, Scale).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.pairs import contrast
from rashomon.cluster.similarity import overlap

# Fewest names the two articles share. bench/bench_cascade.py on SemEval dev pairs: see
# docs/benchmarks.md (Scale, cascade) for the precision and share decided at 2, 3, 4 and 5.
CLEAR_NAMES = 4
# Share of the names in common (``similarity.overlap``, cosine of the key sets): two
# reports naming the same four places and people out of dozens each can still be two
# events of one topic.
CLEAR_NAME_SHARE = 0.5
# Publish-time gap beyond which a pair is never decided early (the time penalty of
# ``similarity`` starts after 2 days).
CLEAR_GAP_DAYS = 2.0
# Names naming more held articles than this are not looked up (a country's name in a
# week of news): they cannot single out an event and would make the lookup linear.
MAX_POSTING = 2000


def clearly_same(a: ArticleSignals, b: ArticleSignals) -> bool:
    """Does the cheap evidence alone say that ``a`` and ``b`` report one event?"""
    shared = a.keys & b.keys
    if len(shared) < CLEAR_NAMES or overlap(a.keys, b.keys) < CLEAR_NAME_SHARE:
        return False
    if not (a.numbers & b.numbers or a.dates & b.dates) or contrast(a, b):
        return False
    if a.published is not None and b.published is not None:
        try:
            gap = abs((a.published - b.published).total_seconds()) / 86400.0
        except TypeError:  # one aware, one naive: wall-clock gap
            gap = abs((a.published.replace(tzinfo=None)
                       - b.published.replace(tzinfo=None)).total_seconds()) / 86400.0
        if gap > CLEAR_GAP_DAYS:
            return False
    return True


class Cascade:
    """Held articles by name key, for the first pass of placement."""

    def __init__(self) -> None:
        self._by_key: dict[str, set[int]] = {}
        self._items: dict[int, ArticleSignals] = {}

    def add(self, item: ArticleSignals) -> None:
        self.remove(item.article_id)
        self._items[item.article_id] = item
        for key in item.keys:
            self._by_key.setdefault(key, set()).add(item.article_id)

    def remove(self, article_id: int) -> None:
        item = self._items.pop(article_id, None)
        if item is None:
            return
        for key in item.keys:
            posting = self._by_key.get(key)
            if posting is not None:
                posting.discard(article_id)
                if not posting:
                    del self._by_key[key]

    def __len__(self) -> int:
        return len(self._items)

    def decide(
        self, batch: list[tuple[ArticleSignals, bool]],
        story_of: Callable[[int], int | None] = lambda article_id: None,
    ) -> list[int | None]:
        """The first pass over a batch in input order, before any of it is placed: for
        each ``(signals, open)`` the id of the article an open one clearly reports the
        event of (a held one or an earlier one of the batch), else None. Every item is
        held afterwards (its placement replaces it with the vector it ends up with), so
        the decisions are those of one article after the other whatever the batching.
        ``story_of`` gives a placed article's story: clear matches in two stories leave
        an article undecided (module doc); an earlier article of the batch, not placed
        yet, counts as a story of its own unless it was decided itself."""
        twins: list[int | None] = []
        pending: dict[int, int] = {}  # batch article -> the held article it follows

        def story(article_id: int) -> object:
            article_id = pending.get(article_id, article_id)
            found = story_of(article_id)
            return found if found is not None else ("unplaced", article_id)

        for item, undecided in batch:
            twin = self.first_pass(item, story) if undecided else None
            twins.append(twin.article_id if twin is not None else None)
            if twin is not None:
                pending[item.article_id] = pending.get(twin.article_id, twin.article_id)
            self.add(item)
        return twins

    def first_pass(
        self, item: ArticleSignals, story_of: Callable[[int], object] | None = None,
    ) -> ArticleSignals | None:
        """The held article ``item`` clearly reports the same event as (most names in
        common first, then the earlier id), or None: undecided, embed the lead. With
        ``story_of``, None too when the clear matches lie in two different stories."""
        if len(item.keys) < CLEAR_NAMES:
            return None
        counts: Counter[int] = Counter()
        for key in item.keys:
            posting = self._by_key.get(key, ())
            if len(posting) <= MAX_POSTING:
                counts.update(posting)
        first: ArticleSignals | None = None
        for article_id, shared in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if shared < CLEAR_NAMES:
                break
            other = self._items[article_id]
            if other.article_id == item.article_id or not clearly_same(item, other):
                continue
            if story_of is None:
                return other
            if first is None:
                first = other
            elif story_of(other.article_id) != story_of(first.article_id):
                return None  # it links two stories: its own vector must show it
        return first
