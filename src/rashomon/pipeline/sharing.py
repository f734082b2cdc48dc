"""Several ingest processes on one store: the writer lock is held per step, not per
ingest, and an engine that finds another process wrote since its last hold reads only
what changed (the store's change journal) instead of rebuilding its clustering state.

An ingest takes the store's writer lock (``Store.writer``) around its sequential steps
only: the admission of a wave (store lookups, near-copy detection, article rows) and
the placement of the previous wave (candidates, scoring, store writes), with the
cascade's decision for the next one. The analysis between them (fact extraction, lead
vectors: most of the work) runs unlocked, so the analyses of several processes run at
once while their placements interleave one step at a time. One process alone takes the
same steps in the same order as before: the same stories.

Each hold starts by comparing the store's writer generation with the one this engine
left; when another process held the lock since, the journal (``Store.changed_articles``)
lists the articles written after this engine's watermark: each one held is dropped from
the clusterer, near-copy index, cascade and copy groups, and held again from its stored
row, vector and signals when it has a story (a story not held yet is read whole; the
eviction sweeps drop it again once closed, as they do what this engine placed).
Articles are written only under the lock, so the journal's order is commit order and
what lies past the watermark is exactly the others' writes. A store without a journal
falls back to ``_start_over`` (a rebuild from the store)."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from rashomon.core import Article
from rashomon.scale.window import WorkingSet

log = logging.getLogger("rashomon.pipeline")


class Sharing:
    """The writer lock per step and the catch-up with other processes' writes; mixed
    into ``Engine``."""

    def _init_sharing(self) -> None:
        self._generation: int | None = None  # store writer generation after our last hold
        self._seq: int | None = None  # the change journal's watermark after our last hold
        self._one_ingest = threading.Lock()  # one ingest at a time per engine
        self._admitting: list = []  # the wave admitted last (batches of ``_Fresh``)
        #: Articles another process admitted and has not placed yet: not "never placed"
        #: (``Engine._never_placed``), that process places them.
        self._theirs: set[int] = set()
        #: What sharing cost: "holds" of the lock, "catch_ups" (another process wrote
        #: since our last hold), "changed" articles read from the journal, "held_again"
        #: (dropped and held from the store), "read_whole" (articles of stories read
        #: whole), "rebuilds" (no journal: ``_start_over``).
        self.sharing: Counter[str] = Counter()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the store's writer lock for one sequential step, caught up first with
        what other processes wrote since this engine's last hold."""
        with self.store.writer() as generation:
            self.sharing["holds"] += 1
            if self._restored and generation != self._generation:
                self._catch_up()
            self._generation = generation + 1  # what our clean exit leaves
            yield
            self._seq = self.store.change_seq()

    def _catch_up(self) -> None:
        """Mirror into the held clustering state what other processes wrote since our
        last hold (never writes clustering decisions: the store is the truth here)."""
        self.sharing["catch_ups"] += 1
        changes = None if self._seq is None else self.store.changed_articles(self._seq)
        if changes is None:  # no journal (or no watermark): read everything again
            self.sharing["rebuilds"] += 1
            self._start_over(keep_work=True)
            self._restore()
            self._index_pending()
            return
        started = time.perf_counter()
        self._seq = changes.seq
        articles = [a for a in changes.articles if a.id is not None]
        self.sharing["changed"] += len(articles) + len(changes.deleted)
        ids = {a.id for a in articles} | set(changes.deleted)
        for article in articles:
            if article.story_id is None and article.junk is None \
                    and article.id not in self._unplaced:
                self._theirs.add(article.id)
            else:
                self._theirs.discard(article.id)
        self._theirs.difference_update(changes.deleted)
        self._claimed.difference_update(ids)  # their vectors may be gone with the text
        self._drop_held(ids)
        back = self._hold_again(articles)
        for article in articles:  # admitted by another process, placed later: a reprint
            if article.id in self._theirs:  # admitted here meanwhile is its copy
                self.copies.add_sketch(article.id, self.copies.sketch(article.text))
        log.info("caught up with %d changed articles (%d held again) in %.3f s",
                 len(ids), back, time.perf_counter() - started)

    def _drop_held(self, ids: set[int]) -> None:
        """Drop the changed articles from everything held. Their copy groups are dropped
        whole, and the unchanged members registered again from their stored rows."""
        affected: set[int] = set()
        for article_id in ids:
            affected.update(self.groups.members(self.groups.root(article_id)))
        for article_id in ids:
            if self.clusterer.story_of(article_id) is not None:
                self.clusterer.forget_one(article_id)
            self.copies.remove(article_id)
            if self.cascade is not None:
                self.cascade.remove(article_id)
        self.groups.drop(sorted(affected | ids))
        kept = [self.store.get_article(m) for m in sorted(affected - ids)]
        for article in kept:
            self.groups.restore(article.id, article.date_publish, article.duplicate_of)

    def _hold_again(self, articles: list[Article]) -> int:
        """Hold the changed articles that have a story (not junk), in journal order; a
        story this engine does not hold is read whole. As the process that placed them
        holds them (whatever their date: ``window.reload`` read an older story back for
        a backdated one), so does this one, until an eviction sweep (``_evict``) drops
        the closed ones: the near-copy index then finds a reprint of a backdated report
        either process placed (one engine alone did; held by window only, a reprint of a
        May report placed after June news was not seen as a copy on the sample corpus).
        Returns how many articles were held."""
        held = getattr(self.clusterer, "stories", {})
        wanted = [a for a in articles if a.story_id is not None and a.junk is None]
        new_stories = sorted({a.story_id for a in wanted if a.story_id not in held})
        changed = {a.id for a in articles}
        whole = [a for a in WorkingSet._articles_of(self.store, new_stories)
                 if a.id not in changed and self.clusterer.story_of(a.id) is None]
        self.sharing["read_whole"] += len(whole)
        self._hold(whole + wanted, stored_only=True)
        self.sharing["held_again"] += len(whole) + len(wanted)
        return len(whole) + len(wanted)

    def _index_pending(self) -> None:
        """After a rebuild in the middle of an ingest: the near-copy sketches of our own
        admitted articles still waiting for placement, indexed again."""
        pending = self._pending[0] if self._pending is not None else []
        for batch in [*pending, *self._admitting]:
            for entry in batch:
                if entry.article.junk is None and entry.article.id is not None:
                    self.copies.add_sketch(entry.article.id, entry.sketch)
