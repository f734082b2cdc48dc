"""What every SQL backend shares: the statements are written once, here, in ``?``
placeholder style; a backend supplies its connection, its placeholder translation and the
few dialect pieces that really differ (how an insert returns its id, how an upsert is
spelt, how a JSON array is measured, full-text search, the story-list aggregate).

Why: the SQLite and PostgreSQL stores used to carry twin copies of thirty methods, which
drift — a fix in one was forgotten in the other. Now a change to a query is made once and
the contract tests (tests/test_store_contract.py) check it on both backends.
"""

from __future__ import annotations

import json
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import numpy as np

from rashomon.core import Article, Event, Story
from rashomon.errors import NotFound, StoryMerged
from rashomon.store.base import ArticleChanges, Store, StoryFilter
from rashomon.store.rows import (
    ARTICLE_COLUMNS,
    ARTICLE_DOCUMENTS,
    DOCUMENT_TABLES,
    article_from_row,
    article_values,
    event_from_row,
    from_iso,
    now_iso,
    story_from_row,
    to_iso,
)
from rashomon.store.sql_web import WebTables

#: Runs one statement inside an open transaction.
Run = Callable[[str, Sequence[Any]], Any]

#: The stored event comparisons of one story (``story_event_keys``). Their keys are
#: "<story id>:<event>" (``compare.story.event_key``), so they lie in ["<id>:", "<id>;")
#: (";" follows ":" in byte order; "12:..." is in it, "125:..." and "1:..." are not): a
#: range the key's own index serves, under SQLite's binary collation and PostgreSQL's
#: C-collated key (migrations_pg/016_event_report_keys.sql). ``LIKE '<id>:%'`` cannot use
#: a btree index under PostgreSQL's default collation (C.UTF-8 is not "C" to version 15):
#: it read the whole table at each story merge.
STORY_EVENT_KEYS = "event_key >= ? AND event_key < ?"


def story_event_keys(story_id: int) -> tuple[str, str]:
    """The parameters of ``STORY_EVENT_KEYS`` for one story."""
    return f"{story_id}:", f"{story_id};"


class SQLStore(WebTables, Store):
    """Store methods written once for every SQL dialect (``?`` placeholders)."""

    conn: Any  # the backend's DB-API connection
    lock: Any  # serialises use of ``conn`` between threads

    # -- what a backend provides ---------------------------------------------------
    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Rows (mappings by column name) of one statement."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one write statement in its own transaction."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Run]:
        """A context whose statements commit together or not at all."""

    @abstractmethod
    def exclusive(self) -> AbstractContextManager[None]:
        """The inter-process writer lock of this database (not re-entrant)."""

    @contextmanager
    def writer(self) -> Iterator[int]:
        """See ``Store.writer``: a thread lock, then the database's writer lock."""
        lock = self.__dict__.setdefault("_writer_thread_lock", threading.Lock())
        with lock, self.exclusive():
            rows = self.query("SELECT value FROM store_generation WHERE id = 1")
            generation = int(rows[0]["value"]) if rows else 0
            yield generation
            self.execute("UPDATE store_generation SET value = ? WHERE id = 1",
                         (generation + 1,))

    def change_seq(self) -> int:
        """The journal's watermark (migration 018): the highest change number stamped on
        an article row or a tombstone (both index-served maxima)."""
        rows = self.query("SELECT max(change_seq) AS n FROM articles")
        dead = self.query("SELECT max(change_seq) AS n FROM article_tombstones")
        return max(int(rows[0]["n"] or 0), int(dead[0]["n"] or 0))

    def changed_articles(self, after: int) -> ArticleChanges:
        """See ``Store.changed_articles``: the rows stamped past ``after`` (their
        ``articles_change_seq`` index range) and the tombstones past it."""
        rows = self.query(f"SELECT {ARTICLE_COLUMNS}, change_seq FROM articles "
                          "WHERE change_seq > ? ORDER BY change_seq", (after,))
        dead = self.query("SELECT change_seq, article_id FROM article_tombstones "
                          "WHERE change_seq > ? ORDER BY change_seq", (after,))
        seq = max([after, *(int(r["change_seq"]) for r in rows),
                   *(int(r["change_seq"]) for r in dead)])
        return ArticleChanges([article_from_row(r) for r in rows],
                              [int(r["article_id"]) for r in dead], seq)

    @abstractmethod
    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the new row's id."""

    @abstractmethod
    def upsert_sql(self, table: str, columns: Sequence[str], keys: Sequence[str]) -> str:
        """INSERT that replaces the row with the same ``keys``."""

    @abstractmethod
    def json_array_length_sql(self, column: str, key: str) -> str:
        """SQL expression: length of the JSON array at ``key`` of a JSON text column."""

    @abstractmethod
    def list_agg_sql(self, expression: str) -> str:
        """SQL aggregate: the distinct values of ``expression`` joined by commas."""

    @abstractmethod
    def like_sql(self, column: str) -> str:
        """SQL condition: ``column`` matches one ``?`` pattern (``like_pattern``), ignoring
        case where the dialect can."""

    @abstractmethod
    def nocase_equals_sql(self, column: str) -> str:
        """SQL condition: ``column`` equals one ``?`` ignoring ASCII case, in the form the
        backend's index on that column serves."""

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- articles -----------------------------------------------------------------
    def find_article(self, canonical_url: str | None, content_hash: str) -> Article | None:
        rows = []
        if canonical_url:
            rows = self._articles("canonical_url = ? LIMIT 1", (canonical_url,))
        if not rows:
            rows = self._articles("content_hash = ? ORDER BY id LIMIT 1", (content_hash,))
        return article_from_row(rows[0]) if rows else None

    def _articles(self, where: str, params: Sequence[Any], raw: bool = False) -> list[Any]:
        cols = ARTICLE_COLUMNS + (", raw" if raw else "")
        return self.query(f"SELECT {cols} FROM articles WHERE {where}", params)

    def add_article(self, article: Article, canonical_url: str | None) -> int:
        values = article_values(article)
        stamp = now_iso()
        values.update(canonical_url=canonical_url, ingested_at=stamp, updated_at=stamp)
        marks = ", ".join("?" * len(values))
        sql = f"INSERT INTO articles ({', '.join(values)}) VALUES ({marks})"
        new_id = self.insert_id(sql, tuple(values.values()))
        article.ingested_at = from_iso(stamp)  # the row's stamp (clustering's clock of it)
        return new_id

    def update_article(self, article_id: int, article: Article) -> None:
        """New content for an article; its embeddings and facts are dropped with it."""
        values = article_values(article)
        values["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as run:
            run(f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), article_id))
            for table in ("embeddings", *ARTICLE_DOCUMENTS):
                run(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def get_article(self, article_id: int, with_raw: bool = False) -> Article:
        rows = self._articles("id = ?", (article_id,), raw=with_raw)
        if not rows:
            raise NotFound(
                f"no article with id {article_id}",
                hint="a story's article ids are listed by `rashomon story STORY_ID`",
            ).worded("no_article", id=str(article_id))
        return article_from_row(rows[0])

    def iter_articles(
        self, story_id: int | None = None, with_raw: bool = False
    ) -> Iterator[Article]:
        if story_id is None:
            rows = self._articles("1 = 1 ORDER BY id", (), raw=with_raw)
        else:
            rows = self._articles("story_id = ? ORDER BY id", (story_id,), raw=with_raw)
        for row in rows:
            yield article_from_row(row)

    def count_articles(self) -> int:
        return int(self.query("SELECT count(*) AS n FROM articles")[0]["n"])

    def set_story(self, article_id: int, story_id: int, duplicate_of: int | None) -> None:
        with self.transaction() as run:
            run("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE id = ?",
                (story_id, duplicate_of, article_id))
            run("UPDATE stories SET updated_at = ? WHERE id = ?", (now_iso(), story_id))

    # -- stories ------------------------------------------------------------------
    def new_story(self, title: str) -> int:
        return self.insert_id(
            "INSERT INTO stories (title, created_at, updated_at) VALUES (?, ?, ?)",
            (title, now_iso(), now_iso()),
        )

    def set_story_title(self, story_id: int, title: str) -> None:
        self.execute("UPDATE stories SET title = ? WHERE id = ?", (title, story_id))

    def get_story(self, story_id: int) -> Story:
        found = self.list_stories(StoryFilter(story_ids=[story_id]), limit=1)
        if not found:
            into = self.merged_into(story_id)
            if into is not None:
                raise StoryMerged(story_id, into)
            raise NotFound(f"no story with id {story_id}",
                           hint="list ids with `rashomon stories`").worded("no_story",
                                                                         id=str(story_id))
        story = found[0]
        story.articles = sorted(
            self.iter_articles(story_id), key=lambda a: (to_iso(a.date_publish) or "", a.id or 0)
        )
        return story

    def list_stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        """Stories with counts and time span, newest activity first. An article without a
        publish time counts from when it was ingested."""
        where, params = self.story_where(filters)
        first = "coalesce(min(a.date_publish), min(a.ingested_at))"
        last = "coalesce(max(a.date_publish), max(a.ingested_at))"
        having, f = [], filters or StoryFilter()
        if f.since:
            having.append(f"{last} >= ?")
            params.append(f.since)
        if f.until:
            having.append(f"{first} <= ?")
            params.append(f.until + "T23:59:59" if len(f.until) == 10 else f.until)
        sql = f"""
            SELECT s.id, s.title,
                   count(a.id) AS article_count,
                   count(DISTINCT a.source_domain) AS source_count,
                   count(DISTINCT CASE WHEN a.duplicate_of IS NULL
                         THEN coalesce(a.source_domain, CAST(a.id AS TEXT)) END)
                         AS independent_count,
                   {self.list_agg_sql("a.language")} AS languages,
                   {self.list_agg_sql("a.source_domain")} AS sources,
                   {first} AS first_seen,
                   {last} AS last_seen
            FROM stories s JOIN articles a ON a.story_id = s.id
            WHERE {where}
            GROUP BY s.id, s.title
            {"HAVING " + " AND ".join(having) if having else ""}
            ORDER BY last_seen DESC, article_count DESC, s.id DESC
            LIMIT ? OFFSET ?"""
        rows = self.query(sql, (*params, limit, offset))
        return [story_from_row(r) for r in rows]

    def story_page_ids(self, filters: StoryFilter, limit: int, offset: int) -> list[int]:
        """From the trigger-kept ``story_stats`` table and its ordering index (SQLite:
        migration 002_web.sql; PostgreSQL: migrations_pg/012_merge_index.sql)."""
        clauses, params = ["1 = 1"], []
        if filters.language:
            clauses.append("EXISTS (SELECT 1 FROM articles x WHERE x.story_id = st.story_id "
                           "AND x.language = ?)")
            params.append(filters.language)
        if filters.source:
            clauses.append("EXISTS (SELECT 1 FROM articles x WHERE x.story_id = st.story_id "
                           "AND x.source_domain = ?)")
            params.append(filters.source)
        if filters.since:
            clauses.append("st.last_seen >= ?")
            params.append(filters.since)
        if filters.until:
            clauses.append("st.first_seen <= ?")
            until = filters.until
            params.append(until + "T23:59:59" if len(until) == 10 else until)
        if filters.story_ids is not None:
            clauses.append(f"st.story_id IN ({','.join('?' * len(filters.story_ids)) or 'NULL'})")
            params.extend(filters.story_ids)
        rows = self.query(
            f"SELECT st.story_id FROM story_stats st WHERE {' AND '.join(clauses)} "
            "ORDER BY st.last_seen DESC, st.article_count DESC, st.story_id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [int(r["story_id"]) for r in rows]

    def merge_story(self, absorbed: int, kept: int) -> None:
        """Move every article of ``absorbed`` into ``kept`` in one transaction and record
        the merge, so the absorbed id still leads somewhere."""
        if absorbed == kept:
            return
        with self.transaction() as run:
            for sql, params in self.merge_steps(absorbed, kept):
                run(sql, params)

    @staticmethod
    def merge_steps(absorbed: int, kept: int) -> list[tuple[str, tuple]]:
        """The statements of ``merge_story``, in order. Each changes rows no other one
        changes, and none needs another's change to find its rows (PostgreSQL sends
        them as one statement, whose parts all see the rows as they were)."""
        now = now_iso()
        return [
            ("UPDATE articles SET story_id = ? WHERE story_id = ?", (kept, absorbed)),
            ("UPDATE events SET story_id = ? WHERE story_id = ?", (kept, absorbed)),
            # the absorbed story's event comparisons are keyed by its id: never read again
            (f"DELETE FROM event_reports WHERE {STORY_EVENT_KEYS}", story_event_keys(absorbed)),
            ("UPDATE stories SET merged_into = ?, updated_at = ? WHERE id = ?",
             (kept, now, absorbed)),
            ("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (kept, absorbed)),
            ("UPDATE stories SET updated_at = ? WHERE id = ?", (now, kept)),
        ]

    # -- events (migration 007) ------------------------------------------------------
    def new_event(self, story_id: int, title: str) -> int:
        return self.insert_id(
            "INSERT INTO events (story_id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (story_id, title, now_iso(), now_iso()),
        )

    def save_event(self, event: Event) -> None:
        """Record an event's story, span, places and title (its articles are recorded
        one by one with ``set_event``)."""
        self.execute(
            "UPDATE events SET story_id = ?, title = ?, start_time = ?, end_time = ?, "
            "places = ?, updated_at = ? WHERE id = ?",
            (event.story_id, event.title, to_iso(event.start), to_iso(event.end),
             json.dumps(sorted(event.places), ensure_ascii=False), now_iso(), event.id),
        )

    def set_event(self, article_id: int, event_id: int | None) -> None:
        self.execute("UPDATE articles SET event_id = ? WHERE id = ?", (event_id, article_id))

    def set_events(self, article_ids: Sequence[int], event_id: int | None) -> None:
        ids = list(article_ids)
        for at in range(0, len(ids), 500):  # SQLite's bound parameters: 999 before 3.32
            self.execute(f"UPDATE articles SET event_id = ? WHERE id IN "
                         f"({_marks(ids[at:at + 500])})", (event_id, *ids[at:at + 500]))

    def events_of_story(self, story_id: int) -> list[Event]:
        """The events of a story in time order (undated last), each with its articles
        in publish order. Events left without articles (their articles were updated and
        placed elsewhere) are not listed."""
        members: dict[int, list[int]] = {}
        rows = self.query(
            "SELECT id, event_id FROM articles WHERE story_id = ? AND event_id IS NOT NULL "
            "ORDER BY coalesce(date_publish, ingested_at), id", (story_id,))
        for row in rows:
            members.setdefault(int(row["event_id"]), []).append(int(row["id"]))
        if not members:
            return []
        events = self.query(
            f"SELECT * FROM events WHERE id IN ({_marks(list(members))})", tuple(members))
        found = [event_from_row(r, members[int(r["id"])]) for r in events]
        return sorted(found, key=lambda e: (e.start is None, to_iso(e.start) or "", e.id))

    def prune_event_reports(self, story_id: int, keep: Iterable[str]) -> None:
        """Delete the stored event comparisons of ``story_id`` whose keys are not in
        ``keep`` (events whose members changed their key, merged away or emptied)."""
        keep = sorted(set(keep))
        sql = f"DELETE FROM event_reports WHERE {STORY_EVENT_KEYS}"
        if keep:
            sql += f" AND event_key NOT IN ({_marks(keep)})"
        self.execute(sql, (*story_event_keys(story_id), *keep))

    def merged_into(self, story_id: int) -> int | None:
        """The live story an absorbed story id now lives in (None if it was not merged).
        Earlier merges are re-pointed when their target is merged, so one hop suffices."""
        rows = self.query("SELECT merged_into FROM stories WHERE id = ?", (story_id,))
        return int(rows[0]["merged_into"]) if rows and rows[0]["merged_into"] else None

    def count_stories(self, filters: StoryFilter | None = None) -> int:
        return len(self.list_stories(filters, limit=10**9))

    def story_where(self, filters: StoryFilter | None) -> tuple[str, list[Any]]:
        """WHERE clause (over ``stories s``) and parameters of the story-list filters."""
        clauses, params = ["1 = 1"], []
        f = filters or StoryFilter()
        for column, value in (("language", f.language), ("source_domain", f.source)):
            if value:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id AND x.{column} = ?)"
                )
                params.append(value)
        if f.story_ids is not None:
            clauses.append(f"s.id IN ({','.join('?' * len(f.story_ids)) or 'NULL'})")
            params.extend(f.story_ids)
        return " AND ".join(clauses), params

    # -- derived data -------------------------------------------------------------
    def put_embedding(self, article_id: int, kind: str, model: str, vector: np.ndarray) -> None:
        blob = np.asarray(vector, dtype=np.float32).tobytes()
        sql = self.upsert_sql("embeddings", ("article_id", "kind", "model", "vector"),
                              ("article_id", "kind", "model"))
        self.execute(sql, (article_id, kind, model, blob))

    def get_embedding(self, article_id: int, kind: str, model: str) -> np.ndarray | None:
        rows = self.query(
            "SELECT vector FROM embeddings WHERE article_id = ? AND kind = ? AND model = ?",
            (article_id, kind, model),
        )
        return np.frombuffer(bytes(rows[0]["vector"]), dtype=np.float32).copy() if rows else None

    def put_document(self, table: str, key: int, version: str, body: dict) -> None:
        column = DOCUMENT_TABLES[table]
        text = json.dumps(body, ensure_ascii=False)
        if table in ARTICLE_DOCUMENTS:  # no build time: the version says enough
            sql = self.upsert_sql(table, (column, "version", "body"), (column,))
            self.execute(sql, (key, version, text))
        else:
            sql = self.upsert_sql(table, (column, "version", "body", "built_at"), (column,))
            self.execute(sql, (key, version, text, now_iso()))

    def get_document(self, table: str, key: int) -> tuple[str, dict] | None:
        column = DOCUMENT_TABLES[table]
        rows = self.query(f"SELECT version, body FROM {table} WHERE {column} = ?", (key,))
        return (rows[0]["version"], json.loads(rows[0]["body"])) if rows else None

    # -- web: story lookups ---------------------------------------------------------
    def story_ids_of_articles(self, article_ids: list[int]) -> list[int]:
        """Story ids of the given articles, in the articles' order, each once."""
        if not article_ids:
            return []
        rows = self.query(
            f"SELECT id, story_id FROM articles WHERE id IN ({_marks(article_ids)}) "
            "AND story_id IS NOT NULL",
            tuple(article_ids),
        )
        by_article = {r["id"]: r["story_id"] for r in rows}
        ordered = (int(by_article[a]) for a in article_ids if a in by_article)
        return list(dict.fromkeys(ordered))

    def story_updated_at(self, story_ids: list[int]) -> dict[int, str]:
        if not story_ids:
            return {}
        rows = self.query(
            f"SELECT id, updated_at FROM stories WHERE id IN ({_marks(story_ids)})",
            tuple(story_ids),
        )
        return {int(r["id"]): r["updated_at"] for r in rows}

    def contradiction_counts(self, story_ids: list[int]) -> dict[int, int]:
        if not story_ids:
            return {}
        length = self.json_array_length_sql("body", "contradictions")
        rows = self.query(
            f"SELECT story_id, {length} AS n FROM reports "
            f"WHERE story_id IN ({_marks(story_ids)})",
            tuple(story_ids),
        )
        return {int(r["story_id"]): int(r["n"]) for r in rows if r["n"]}

    def facet_values(self) -> dict[str, list[str]]:
        languages = self.query(
            "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language"
        )
        sources = self.query(
            "SELECT DISTINCT source_domain FROM articles WHERE source_domain IS NOT NULL "
            "ORDER BY source_domain LIMIT 500"
        )
        return {"languages": [r["language"] for r in languages],
                "sources": [r["source_domain"] for r in sources]}


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))
