"""The store interface: what every backend (SQLite, PostgreSQL) must provide.

Stages never write SQL; they call these methods, so swapping the backend touches only
``rashomon.store``. Bodies of facts, entities and reports are stored as JSON documents
with a version string: a newer extractor simply rebuilds what carries an older version.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from rashomon.core import Article, Event, Story


@dataclass
class StoryFilter:
    """Filters of the story list; every field is optional."""

    language: str | None = None
    source: str | None = None
    since: str | None = None  # ISO date: stories whose last article is on/after it
    until: str | None = None
    entity: str | None = None  # entity id or canonical name
    query: str | None = None  # full-text search words
    story_ids: list[int] | None = None


@dataclass
class ArticleChanges:
    """What ``Store.changed_articles`` read from the change journal."""

    articles: list[Article]  # written since the watermark, the latest written last
    deleted: list[int]  # ids of articles deleted since the watermark
    seq: int  # the watermark after these changes


class Store(ABC):
    """Persistent home of articles, stories and everything derived from them."""

    # -- articles -----------------------------------------------------------------
    @abstractmethod
    def find_article(self, canonical_url: str | None, content_hash: str) -> Article | None:
        """The stored article with this canonical URL, else the same content, else None."""

    @abstractmethod
    def add_article(self, article: Article, canonical_url: str | None) -> int:
        """Insert a new article and return its id."""

    @abstractmethod
    def update_article(self, article_id: int, article: Article) -> None:
        """Replace the content of a stored article (a changed version of the same URL)."""

    @abstractmethod
    def get_article(self, article_id: int, with_raw: bool = False) -> Article:
        """One article; raises ``NotFound`` if absent."""

    @abstractmethod
    def iter_articles(
        self, story_id: int | None = None, with_raw: bool = False
    ) -> Iterator[Article]:
        """All articles (of one story) in id order."""

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def set_story(self, article_id: int, story_id: int, duplicate_of: int | None) -> None:
        """Record the story an article joined and the original it copies, if any."""

    # -- stories -----------------------------------------------------------------
    @abstractmethod
    def new_story(self, title: str) -> int: ...

    @abstractmethod
    def set_story_title(self, story_id: int, title: str) -> None: ...

    @abstractmethod
    def merge_story(self, absorbed: int, kept: int) -> None:
        """Move all articles of story ``absorbed`` into ``kept``; remember the merge so
        ``get_story(absorbed)`` raises ``StoryMerged`` naming ``kept``."""

    @abstractmethod
    def list_stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        """Stories, newest activity first, with their counts, languages and sources."""

    @abstractmethod
    def get_story(self, story_id: int) -> Story:
        """One story with its articles; raises ``NotFound`` if absent."""

    @abstractmethod
    def count_stories(self, filters: StoryFilter | None = None) -> int: ...

    # -- events (one incident inside a story; migration 007) -------------------------
    # Not abstract, so a backend without events still serves stories.
    def new_event(self, story_id: int, title: str) -> int:
        """Open an event in ``story_id`` and return its id."""
        raise self._web_unsupported("events")

    def save_event(self, event: Event) -> None:
        """Record an event's story, span, places and title."""
        raise self._web_unsupported("events")

    def set_event(self, article_id: int, event_id: int | None) -> None:
        """Record the event an article belongs to."""
        raise self._web_unsupported("events")

    def set_events(self, article_ids: Sequence[int], event_id: int | None) -> None:
        """Record that the articles ``article_ids`` belong to one event (an event merge
        moves them all); a backend may do it in one statement."""
        for article_id in article_ids:
            self.set_event(article_id, event_id)

    def events_of_story(self, story_id: int) -> list[Event]:
        """The events of one story in time order, each with its article ids."""
        raise self._web_unsupported("events")

    def prune_event_reports(self, story_id: int, keep: Iterable[str]) -> None:
        """Drop the stored event comparisons of one story except those keyed ``keep``
        (a backend without events has none to drop)."""
        return None

    # -- derived data -------------------------------------------------------------
    @abstractmethod
    def put_embedding(self, article_id: int, kind: str, model: str, vector: np.ndarray) -> None:
        ...

    @abstractmethod
    def get_embedding(self, article_id: int, kind: str, model: str) -> np.ndarray | None: ...

    @abstractmethod
    def put_document(self, table: str, key: int, version: str, body: dict) -> None:
        """Store a JSON document in ``facts``, ``story_entities`` or ``reports``."""

    @abstractmethod
    def get_document(self, table: str, key: int) -> tuple[str, dict] | None:
        """(version, body) of a stored JSON document, or None."""

    @abstractmethod
    def close(self) -> None: ...

    @contextmanager
    def writer(self) -> Iterator[int]:
        """Hold the store's one writer lock (across threads and processes) for one
        sequential step of an ingest (admitting a wave, placing one: ``pipeline.sharing``);
        yields the writer generation at entry and bumps it on a clean exit. Articles are
        written only inside it, so the steps of several ingests take turns, and an engine
        seeing a generation it did not leave catches up with the others' writes first
        (``changed_articles``). This default serialises threads of one process only (SQL
        backends go further)."""
        lock = self.__dict__.setdefault("_writer_thread_lock", threading.Lock())
        with lock:
            yield 0

    # -- the change journal (several ingest processes on one store; migration 018) --
    # Not abstract: a backend without it answers None and an engine that finds another
    # process wrote rebuilds its clustering state from the store instead.
    def change_seq(self) -> int | None:
        """The journal's watermark: the number of the latest change recorded (0 on a
        store no article was written to since the journal came), or None without one."""
        return None

    def changed_articles(self, after: int) -> ArticleChanges | None:
        """The articles written (inserted, or their story, event, original or content
        updated) and deleted since watermark ``after``, in the order they were written,
        and the new watermark; None when this store keeps no journal. Articles are
        written only under the writer lock, one holder at a time, so journal order is
        commit order: what a process reads past its own last watermark is exactly what
        other processes wrote since it last held the lock."""
        return None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the statements of one unit of work (an article's placement) so a
        client-server backend sends them together instead of one round trip each; reads
        inside still see every earlier write. Nothing to group for an in-process store."""
        yield

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- web ----------------------------------------------------------------------
    # Used by the web UI and REST API (rashomon.web.queries). Not abstract, so a backend
    # without them still serves the CLI; each raises a clear error until implemented.
    def _web_unsupported(self, what: str):
        from rashomon.errors import StoreError

        return StoreError(
            f"{what} is not available on the {type(self).__name__} backend",
            hint="serve the web UI from a SQLite store (rashomon serve --db FILE.db)",
            code="E610",
        )

    def search_article_ids(self, groups: list[list[str]], limit: int = 200) -> list[int]:
        """Ids of articles whose title/text contain, for every group, one of its terms
        (best match first). Groups are AND-ed, the terms of a group OR-ed."""
        raise self._web_unsupported("full-text search")

    def story_ids_of_articles(self, article_ids: list[int]) -> list[int]:
        """Distinct story ids of these articles, in the order of ``article_ids``."""
        raise self._web_unsupported("story lookup by article")

    def story_updated_at(self, story_ids: list[int]) -> dict[int, str]:
        """story id -> ISO time the story last gained an article."""
        raise self._web_unsupported("story update times")

    def contradiction_counts(self, story_ids: list[int]) -> dict[int, int]:
        """story id -> number of contradictions in its cached report (absent if none)."""
        raise self._web_unsupported("contradiction counts")

    def add_watchlist(
        self, name: str, query: str, entities: list[str], languages: list[str]
    ) -> int:
        raise self._web_unsupported("watchlists")

    def list_watchlists(self) -> list[dict]:
        raise self._web_unsupported("watchlists")

    def get_watchlist(self, watchlist_id: int) -> dict:
        """One watchlist; raises ``NotFound`` if absent."""
        raise self._web_unsupported("watchlists")

    def mark_watchlist_seen(
        self, watchlist_id: int, when: str, stories: dict[int, str] | None = None
    ) -> None:
        """Record a visit: its time and (optionally) the update time of each story shown;
        backends that keep the map return it as ``seen_stories`` from get_watchlist."""
        raise self._web_unsupported("watchlists")

    def delete_watchlist(self, watchlist_id: int) -> None:
        raise self._web_unsupported("watchlists")

    def entity_index_versions(self) -> dict[int, str]:
        """story id -> version of the entities indexed for it."""
        raise self._web_unsupported("the entity index")

    def entity_index_version(self, story_id: int) -> str | None:
        """Version of the entities indexed for one story (None if never indexed)."""
        return self.entity_index_versions().get(story_id)

    def put_entity_index(self, story_id: int, version: str, rows: list[dict]) -> None:
        """Replace the indexed entities of one story (rows: entity_id, canonical, label,
        forms)."""
        raise self._web_unsupported("the entity index")

    def find_entity_rows(self, key: str) -> list[dict]:
        """Index rows whose entity id or canonical name is ``key`` (case-insensitive)."""
        raise self._web_unsupported("the entity index")

    def search_entity_rows(self, text: str, limit: int = 20) -> list[dict]:
        """Index rows whose canonical name or a surface form contains ``text``."""
        raise self._web_unsupported("the entity index")

    def story_page_ids(self, filters: StoryFilter, limit: int, offset: int) -> list[int]:
        """Ids of one page of the story list (same order as ``list_stories``), fast.
        Generic version: through ``list_stories``; SQLite overrides it with an index."""
        return [s.id for s in self.list_stories(filters, limit, offset)]

    def facet_values(self) -> dict[str, list[str]]:
        """Languages and source domains present, for the filter menus."""
        stories = self.list_stories(limit=500)
        return {"languages": sorted({x for s in stories for x in s.languages}),
                "sources": sorted({x for s in stories for x in s.sources})}
