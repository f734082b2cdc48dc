"""PostgreSQL store: for a server that many users share. Same interface as SQLite.

Needs the ``postgres`` extra (psycopg 3); timestamps are kept as UTC ISO text exactly as
in SQLite so both backends sort and compare them the same way.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from importlib import resources
from typing import Any

import numpy as np

from rashomon.core import Article, Story
from rashomon.errors import MissingExtra, NotFound, StoreError
from rashomon.store.base import Store, StoryFilter
from rashomon.store.sqlite import (
    _ARTICLE_COLUMNS,
    DOCUMENT_TABLES,
    SQLiteStore,
    now_iso,
    to_iso,
)

log = logging.getLogger(__name__)


def pg_migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("rashomon.store") / "migrations_pg"
    found = [
        (int(e.name.split("_", 1)[0]), e.name, e.read_text(encoding="utf-8"))
        for e in folder.iterdir()
        if e.name.endswith(".sql")
    ]
    return sorted(found)


class PostgresStore(Store):
    """Store in a PostgreSQL database named by a ``postgresql://`` DSN."""

    def __init__(self, dsn: str):
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise MissingExtra("postgres", "postgres") from None
        try:
            self.conn = psycopg.connect(dsn, row_factory=dict_row, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL: {exc}",
                hint="check the postgresql:// URL, that the server runs and accepts you",
            ) from exc
        self.lock = threading.RLock()
        self.migrate()

    def migrate(self) -> list[str]:
        with self.lock, self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(7265)")  # one migrator at a time
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {r["number"] for r in self.conn.execute("SELECT number FROM schema_migrations")}
            applied = []
            for number, name, sql in pg_migrations():
                if number in done:
                    continue
                self.conn.execute(sql)
                self.conn.execute(
                    "INSERT INTO schema_migrations VALUES (%s, %s, %s)", (number, name, now_iso())
                )
                applied.append(name)
                log.info("applied PostgreSQL migration %s", name)
            return applied

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def execute(self, sql: str, params: tuple | dict = ()) -> Any:
        with self.lock:
            return self.conn.execute(sql, params)

    # -- articles -----------------------------------------------------------------
    def find_article(self, canonical_url: str | None, content_hash: str) -> Article | None:
        rows = []
        if canonical_url:
            rows = self.query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE canonical_url = %s LIMIT 1",
                (canonical_url,),
            )
        if not rows:
            rows = self.query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE content_hash = %s "
                "ORDER BY id LIMIT 1",
                (content_hash,),
            )
        return SQLiteStore._article(rows[0]) if rows else None

    def add_article(self, article: Article, canonical_url: str | None) -> int:
        values = SQLiteStore._article_values(article)
        values.update(canonical_url=canonical_url, ingested_at=now_iso(), updated_at=now_iso())
        names = ", ".join(values)
        marks = ", ".join(f"%({k})s" for k in values)
        row = self.query(f"INSERT INTO articles ({names}) VALUES ({marks}) RETURNING id", values)
        return int(row[0]["id"])

    def update_article(self, article_id: int, article: Article) -> None:
        values = SQLiteStore._article_values(article)
        values["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = %({k})s" for k in values)
        values["id"] = article_id
        with self.lock, self.conn.transaction():
            self.conn.execute(f"UPDATE articles SET {sets} WHERE id = %(id)s", values)
            for table in ("embeddings", "facts"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = %s", (article_id,))

    def get_article(self, article_id: int, with_raw: bool = False) -> Article:
        cols = _ARTICLE_COLUMNS + (", raw" if with_raw else "")
        rows = self.query(f"SELECT {cols} FROM articles WHERE id = %s", (article_id,))
        if not rows:
            raise NotFound(
                f"no article with id {article_id}", hint="list ids with `rashomon stories`"
            )
        return _with_bytes(SQLiteStore._article(rows[0]))

    def iter_articles(
        self, story_id: int | None = None, with_raw: bool = False
    ) -> Iterator[Article]:
        cols = _ARTICLE_COLUMNS + (", raw" if with_raw else "")
        if story_id is None:
            rows = self.query(f"SELECT {cols} FROM articles ORDER BY id")
        else:
            rows = self.query(
                f"SELECT {cols} FROM articles WHERE story_id = %s ORDER BY id", (story_id,)
            )
        for row in rows:
            yield _with_bytes(SQLiteStore._article(row))

    def count_articles(self) -> int:
        return int(self.query("SELECT count(*) AS n FROM articles")[0]["n"])

    def set_story(self, article_id: int, story_id: int, duplicate_of: int | None) -> None:
        with self.lock, self.conn.transaction():
            self.conn.execute(
                "UPDATE articles SET story_id = %s, duplicate_of = %s WHERE id = %s",
                (story_id, duplicate_of, article_id),
            )
            self.conn.execute(
                "UPDATE stories SET updated_at = %s WHERE id = %s", (now_iso(), story_id)
            )

    # -- stories ------------------------------------------------------------------
    def new_story(self, title: str) -> int:
        row = self.query(
            "INSERT INTO stories (title, created_at, updated_at) VALUES (%s, %s, %s) RETURNING id",
            (title, now_iso(), now_iso()),
        )
        return int(row[0]["id"])

    def set_story_title(self, story_id: int, title: str) -> None:
        self.execute("UPDATE stories SET title = %s WHERE id = %s", (title, story_id))

    def list_stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        f = filters or StoryFilter()
        where, params = ["TRUE"], []
        for column, value in (("language", f.language), ("source_domain", f.source)):
            if value:
                where.append(
                    f"EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id AND x.{column} = %s)"
                )
                params.append(value)
        if f.story_ids is not None:
            where.append("s.id = ANY(%s)")
            params.append(list(f.story_ids))
        having = []
        if f.since:
            having.append("max(coalesce(a.date_publish, a.ingested_at)) >= %s")
            params.append(f.since)
        if f.until:
            having.append("min(coalesce(a.date_publish, a.ingested_at)) <= %s")
            params.append(f.until + "T23:59:59" if len(f.until) == 10 else f.until)
        sql = f"""
            SELECT s.id, s.title,
                   count(a.id) AS article_count,
                   count(DISTINCT a.source_domain) AS source_count,
                   count(DISTINCT CASE WHEN a.duplicate_of IS NULL
                         THEN coalesce(a.source_domain, a.id::text) END) AS independent_count,
                   string_agg(DISTINCT a.language, ',') AS languages,
                   string_agg(DISTINCT a.source_domain, ',') AS sources,
                   min(coalesce(a.date_publish, a.ingested_at)) AS first_seen,
                   max(coalesce(a.date_publish, a.ingested_at)) AS last_seen
            FROM stories s JOIN articles a ON a.story_id = s.id
            WHERE {" AND ".join(where)}
            GROUP BY s.id
            {"HAVING " + " AND ".join(having) if having else ""}
            ORDER BY last_seen DESC, article_count DESC, s.id DESC
            LIMIT %s OFFSET %s"""
        rows = self.query(sql, (*params, limit, offset))
        return [SQLiteStore._story(r) for r in rows]

    def count_stories(self, filters: StoryFilter | None = None) -> int:
        return len(self.list_stories(filters, limit=10**9))

    def get_story(self, story_id: int) -> Story:
        found = self.list_stories(StoryFilter(story_ids=[story_id]), limit=1)
        if not found:
            raise NotFound(f"no story with id {story_id}", hint="list ids with `rashomon stories`")
        story = found[0]
        story.articles = sorted(
            self.iter_articles(story_id), key=lambda a: (to_iso(a.date_publish) or "", a.id or 0)
        )
        return story

    # -- derived data -------------------------------------------------------------
    def put_embedding(self, article_id: int, kind: str, model: str, vector: np.ndarray) -> None:
        blob = np.asarray(vector, dtype=np.float32).tobytes()
        self.execute(
            "INSERT INTO embeddings (article_id, kind, model, vector) VALUES (%s,%s,%s,%s) "
            "ON CONFLICT (article_id, kind, model) DO UPDATE SET vector = EXCLUDED.vector",
            (article_id, kind, model, blob),
        )

    def get_embedding(self, article_id: int, kind: str, model: str) -> np.ndarray | None:
        rows = self.query(
            "SELECT vector FROM embeddings WHERE article_id = %s AND kind = %s AND model = %s",
            (article_id, kind, model),
        )
        return np.frombuffer(bytes(rows[0]["vector"]), dtype=np.float32).copy() if rows else None

    def put_document(self, table: str, key: int, version: str, body: dict) -> None:
        column = DOCUMENT_TABLES[table]
        text = json.dumps(body, ensure_ascii=False)
        if table == "facts":
            self.execute(
                f"INSERT INTO {table} ({column}, version, body) VALUES (%s,%s,%s) "
                f"ON CONFLICT ({column}) DO UPDATE SET version = EXCLUDED.version, "
                "body = EXCLUDED.body",
                (key, version, text),
            )
        else:
            self.execute(
                f"INSERT INTO {table} ({column}, version, body, built_at) VALUES (%s,%s,%s,%s) "
                f"ON CONFLICT ({column}) DO UPDATE SET version = EXCLUDED.version, "
                "body = EXCLUDED.body, built_at = EXCLUDED.built_at",
                (key, version, text, now_iso()),
            )

    def get_document(self, table: str, key: int) -> tuple[str, dict] | None:
        column = DOCUMENT_TABLES[table]
        rows = self.query(f"SELECT version, body FROM {table} WHERE {column} = %s", (key,))
        return (rows[0]["version"], json.loads(rows[0]["body"])) if rows else None

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _with_bytes(article: Article) -> Article:
    """psycopg returns BYTEA as memoryview; the Article contract is ``bytes``."""
    if isinstance(article.raw, memoryview):
        article.raw = bytes(article.raw)
    return article
