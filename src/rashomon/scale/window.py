"""The working set of online clustering: only the stories still open are held in memory.

An article can join only a story with an article within the time window of it
(``cluster.online.TIME_WINDOW_DAYS``), so once the newest article is more than a window
past a story's last article, nothing arriving in order can join it: the story is
*closed* and is dropped from memory (its articles, vectors and signals stay in the
store). A late or backdated article (an archive ingested after today's news, an undated
one whose text dates it) reloads the stories active around its time first, so it is
placed exactly as if everything had stayed in memory. Memory is O(articles per window),
not O(archive); a restart reads back only the open stories.

The store queries are plain SQL over the ``articles`` and ``embeddings`` tables (both
SQL backends); a store without ``query`` falls back to reading every article.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from rashomon.cluster.online import TIME_WINDOW_DAYS
from rashomon.core import Article
from rashomon.store.rows import ARTICLE_COLUMNS, article_from_row, to_iso

log = logging.getLogger(__name__)

# Extra days a closed story is kept past the window: publish times of one event's
# coverage spread over time zones and late updates; a day of slack costs a day of memory.
MARGIN_DAYS = 1.0
# Placements between two eviction sweeps: a sweep walks every held story (linear in the
# held articles; not separately measured), so it runs once per 500 placements rather
# than after each one. Closed stories stay at most 500 placements longer than needed.
EVICT_EVERY = 500
# Publish times later than this past the wall clock are not trusted as "the newest
# article" (a mistyped 2099 date would close every story).
FUTURE_SLACK = timedelta(days=1)
# The cutoff of a sweep before any dated article was seen: no dated story is closed.
EARLIEST = datetime(1, 1, 1, tzinfo=UTC)
# Ids per IN (...) list: below SQLite's default limit of 999 bound parameters.
CHUNK = 900


class WorkingSet:
    """Decides which stories online clustering holds: restore, reload, evict."""

    def __init__(self, window_days: float = TIME_WINDOW_DAYS, margin_days: float = MARGIN_DAYS,
                 evict_every: int = EVICT_EVERY):
        self.span = timedelta(days=window_days + margin_days)
        self.window = timedelta(days=window_days)
        self.evict_every = evict_every
        self.newest: datetime | None = None  # newest trusted publish time seen
        self.held_from: datetime | None = None  # stories active since then are held
        self._placed = 0

    # -- which articles to read back -----------------------------------------------------
    def restore(self, store: Any) -> list[Article]:
        """The placed articles of every open story (all placed articles on a store
        without SQL), in id order."""
        if not hasattr(store, "query"):
            return [a for a in store.iter_articles() if a.story_id is not None]
        limit = to_iso(datetime.now(UTC) + FUTURE_SLACK)
        rows = store.query("SELECT max(date_publish) AS newest FROM articles "
                           "WHERE story_id IS NOT NULL AND date_publish <= ?", (limit,))
        newest = rows[0]["newest"] if rows else None
        undated = self._undated_since(store, self.undated_cutoff())
        if newest is None:  # nothing dated: the stories ingested within the span
            self.held_from = None
            return self._articles_of(store, undated)
        self.newest = datetime.fromisoformat(newest)
        self.held_from = self.newest - self.span
        dated = self._stories_between(store, self.held_from, None)
        return self._articles_of(store, sorted(set(dated) | set(undated)))

    def reload(self, store: Any, when: datetime | None, held: Iterable[int]) -> list[Article]:
        """Articles of the stories active within the window of ``when`` that are not
        held (their period was evicted); [] when ``when`` falls in the held period."""
        if when is None or self.held_from is None or not hasattr(store, "query"):
            return []
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        start = when - self.window
        if start >= self.held_from:
            return []
        held = set(held)
        wanted = [s for s in self._stories_between(store, start, min(when + self.window,
                                                                     self.held_from))
                  if s not in held]
        log.info("reloading %d stories around %s", len(wanted), when.isoformat())
        return self._articles_of(store, wanted)

    # -- what to drop --------------------------------------------------------------------
    def placed(self, when: datetime | None, estimated: bool = False) -> datetime | None:
        """Note a placement; every ``evict_every`` placements returns the cutoff before
        which closed stories may be dropped (None otherwise)."""
        if when is not None and not estimated:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            if when <= datetime.now(UTC) + FUTURE_SLACK and (self.newest is None
                                                            or when > self.newest):
                self.newest = when
        self._placed += 1
        if self._placed % self.evict_every:
            return None
        if self.newest is None:  # a sweep for the undated stories only (``undated_cutoff``)
            return EARLIEST
        cutoff = self.newest - self.span
        self.held_from = cutoff if self.held_from is None else max(self.held_from, cutoff)
        return cutoff

    def undated_cutoff(self) -> datetime:
        """A story with no dated article is closed once none of its articles was ingested
        within the span before now: its time is when it was read, and a report of the same
        happening arrives within the same days as the others (the window's own reason).
        Without this such stories were held for as long as the process ran, and none was
        read back at a restart."""
        return datetime.now(UTC) - self.span

    # -- store reads ---------------------------------------------------------------------
    @staticmethod
    def _undated_since(store: Any, since: datetime) -> list[int]:
        """Stories with an article of no stated publish time ingested since ``since`` (the
        publish-time index finds the undated rows)."""
        rows = store.query("SELECT DISTINCT story_id FROM articles WHERE date_publish IS NULL "
                           "AND story_id IS NOT NULL AND ingested_at >= ?", (to_iso(since),))
        return sorted(int(r["story_id"]) for r in rows)

    @staticmethod
    def _stories_between(store: Any, start: datetime, end: datetime | None) -> list[int]:
        clauses, params = ["story_id IS NOT NULL", "date_publish >= ?"], [to_iso(start)]
        if end is not None:
            clauses.append("date_publish <= ?")
            params.append(to_iso(end))
        rows = store.query(f"SELECT DISTINCT story_id FROM articles WHERE {' AND '.join(clauses)}",
                           params)
        return sorted(int(r["story_id"]) for r in rows)

    @staticmethod
    def _articles_of(store: Any, story_ids: list[int]) -> list[Article]:
        found: list[Article] = []
        for i in range(0, len(story_ids), CHUNK):
            chunk = story_ids[i : i + CHUNK]
            rows = store.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id IN "
                               f"({','.join('?' * len(chunk))})", chunk)
            found.extend(article_from_row(r) for r in rows)
        return sorted(found, key=lambda a: a.id or 0)


def vectors_and_signals(store: Any, ids: list[int], kind: str, model: str
                        ) -> tuple[dict[int, np.ndarray], dict[int, tuple[str, dict]]]:
    """Stored vectors and signal documents of many articles in a few queries (restore
    reads thousands; one query per article cost ~0.1 ms each)."""
    if not hasattr(store, "query"):
        vectors = {i: v for i in ids if (v := store.get_embedding(i, kind, model)) is not None}
        documents = {i: d for i in ids if (d := store.get_document("signals", i)) is not None}
        return vectors, documents
    vectors, documents = {}, {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        for r in store.query(f"SELECT article_id, vector FROM embeddings WHERE kind = ? AND "
                             f"model = ? AND article_id IN ({marks})", (kind, model, *chunk)):
            vectors[int(r["article_id"])] = np.frombuffer(bytes(r["vector"]), dtype=np.float32)
        for r in store.query(f"SELECT article_id, version, body FROM signals WHERE "
                             f"article_id IN ({marks})", chunk):
            documents[int(r["article_id"])] = (r["version"], json.loads(r["body"]))
    return vectors, documents
