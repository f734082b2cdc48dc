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
from rashomon.store.rows import (
    ARTICLE_COLUMNS,
    DOCUMENT_TABLES,
    article_from_row,
    article_values,
    entity_from_row,
    like_pattern,
    now_iso,
    story_from_row,
    to_iso,
    watchlist_from_row,
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


class _PostgresWeb:
    """Web-UI methods of the PostgreSQL store (twins of SQLiteStore's '-- web' section)."""

    query: Any
    execute: Any
    lock: Any
    conn: Any

    def search_article_ids(self, groups: list[list[str]], limit: int = 200) -> list[int]:
        groups = [[t for t in g if t.strip()] for g in groups]
        groups = [g for g in groups if g]
        if not groups:
            return []
        clauses, params = [], []
        for group in groups:
            ors = " OR ".join("(title ILIKE %s OR maintext ILIKE %s)" for _ in group)
            clauses.append(f"({ors})")
            for term in group:
                params += [like_pattern(term), like_pattern(term)]
        title_hits = " + ".join("(title ILIKE %s)::int" for g in groups for _ in g)
        order_params = [like_pattern(t) for g in groups for t in g]
        rows = self.query(
            f"SELECT id FROM articles WHERE {' AND '.join(clauses)} "
            f"ORDER BY {title_hits} DESC, id DESC LIMIT %s",
            (*params, *order_params, limit),
        )
        return [int(r["id"]) for r in rows]

    def story_ids_of_articles(self, article_ids: list[int]) -> list[int]:
        if not article_ids:
            return []
        rows = self.query(
            "SELECT id, story_id FROM articles WHERE id = ANY(%s) AND story_id IS NOT NULL",
            (list(article_ids),),
        )
        by_article = {r["id"]: r["story_id"] for r in rows}
        ordered = (int(by_article[a]) for a in article_ids if a in by_article)
        return list(dict.fromkeys(ordered))

    def story_updated_at(self, story_ids: list[int]) -> dict[int, str]:
        rows = self.query(
            "SELECT id, updated_at FROM stories WHERE id = ANY(%s)", (list(story_ids),)
        )
        return {int(r["id"]): r["updated_at"] for r in rows}

    def contradiction_counts(self, story_ids: list[int]) -> dict[int, int]:
        rows = self.query(
            "SELECT story_id, json_array_length((body::json) -> 'contradictions') AS n "
            "FROM reports WHERE story_id = ANY(%s)",
            (list(story_ids),),
        )
        return {int(r["story_id"]): int(r["n"]) for r in rows if r["n"]}

    def add_watchlist(
        self, name: str, query: str, entities: list[str], languages: list[str]
    ) -> int:
        rows = self.query(
            "INSERT INTO watchlists (name, query, entities, languages, created_at) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (name, query, json.dumps(entities, ensure_ascii=False), json.dumps(languages),
             now_iso()),
        )
        return int(rows[0]["id"])

    def list_watchlists(self) -> list[dict]:
        return [watchlist_from_row(r) for r in self.query("SELECT * FROM watchlists ORDER BY id")]

    def get_watchlist(self, watchlist_id: int) -> dict:
        rows = self.query("SELECT * FROM watchlists WHERE id = %s", (watchlist_id,))
        if not rows:
            raise NotFound(f"no watchlist with id {watchlist_id}",
                           hint="list them at /watchlists or GET /api/watchlists")
        return watchlist_from_row(rows[0])

    def mark_watchlist_seen(
        self, watchlist_id: int, when: str, stories: dict[int, str] | None = None
    ) -> None:
        self.execute(
            "UPDATE watchlists SET seen_at = %s, seen_stories = %s WHERE id = %s",
            (when, json.dumps({str(k): v for k, v in (stories or {}).items()}), watchlist_id),
        )

    def delete_watchlist(self, watchlist_id: int) -> None:
        self.get_watchlist(watchlist_id)
        self.execute("DELETE FROM watchlists WHERE id = %s", (watchlist_id,))

    def entity_index_versions(self) -> dict[int, str]:
        rows = self.query(
            "SELECT story_id, max(version) AS v FROM entity_index GROUP BY story_id"
        )
        return {int(r["story_id"]): r["v"] for r in rows}

    def entity_index_version(self, story_id: int) -> str | None:
        rows = self.query(
            "SELECT version FROM entity_index WHERE story_id = %s LIMIT 1", (story_id,)
        )
        return rows[0]["version"] if rows else None

    def story_page_ids(self, filters: StoryFilter, limit: int, offset: int) -> list[int]:
        """Ids of one page of the story list (aggregated on the fly; no stats table)."""
        return [s.id for s in self.list_stories(filters, limit, offset)]  # type: ignore[attr-defined]

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

    def put_entity_index(self, story_id: int, version: str, rows: list[dict]) -> None:
        rows = rows or [{"entity_id": "", "canonical": "", "label": "", "forms": {}}]
        with self.lock, self.conn.transaction():
            self.conn.execute("DELETE FROM entity_index WHERE story_id = %s", (story_id,))
            with self.conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO entity_index (entity_id, story_id, canonical, label, forms, "
                    "version) VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (entity_id, story_id) "
                    "DO NOTHING",
                    [(r["entity_id"], story_id, r["canonical"], r["label"],
                      json.dumps(r["forms"], ensure_ascii=False), version) for r in rows],
                )

    def find_entity_rows(self, key: str) -> list[dict]:
        rows = self.query(
            "SELECT * FROM entity_index WHERE entity_id != '' AND (entity_id = %s "
            "OR lower(canonical) = lower(%s)) ORDER BY story_id DESC",
            (key, key),
        )
        return [entity_from_row(r) for r in rows]

    def search_entity_rows(self, text: str, limit: int = 20) -> list[dict]:
        rows = self.query(
            "SELECT * FROM entity_index WHERE entity_id != '' AND (canonical ILIKE %s "
            "OR forms ILIKE %s) LIMIT %s",
            (like_pattern(text), like_pattern(text), limit),
        )
        return [entity_from_row(r) for r in rows]


class PostgresStore(_PostgresWeb, Store):
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
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE canonical_url = %s LIMIT 1",
                (canonical_url,),
            )
        if not rows:
            rows = self.query(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE content_hash = %s "
                "ORDER BY id LIMIT 1",
                (content_hash,),
            )
        return article_from_row(rows[0]) if rows else None

    def add_article(self, article: Article, canonical_url: str | None) -> int:
        values = article_values(article)
        values.update(canonical_url=canonical_url, ingested_at=now_iso(), updated_at=now_iso())
        names = ", ".join(values)
        marks = ", ".join(f"%({k})s" for k in values)
        row = self.query(f"INSERT INTO articles ({names}) VALUES ({marks}) RETURNING id", values)
        return int(row[0]["id"])

    def update_article(self, article_id: int, article: Article) -> None:
        values = article_values(article)
        values["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = %({k})s" for k in values)
        values["id"] = article_id
        with self.lock, self.conn.transaction():
            self.conn.execute(f"UPDATE articles SET {sets} WHERE id = %(id)s", values)
            for table in ("embeddings", "facts"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = %s", (article_id,))

    def get_article(self, article_id: int, with_raw: bool = False) -> Article:
        cols = ARTICLE_COLUMNS + (", raw" if with_raw else "")
        rows = self.query(f"SELECT {cols} FROM articles WHERE id = %s", (article_id,))
        if not rows:
            raise NotFound(
                f"no article with id {article_id}", hint="list ids with `rashomon stories`"
            )
        return article_from_row(rows[0])

    def iter_articles(
        self, story_id: int | None = None, with_raw: bool = False
    ) -> Iterator[Article]:
        cols = ARTICLE_COLUMNS + (", raw" if with_raw else "")
        if story_id is None:
            rows = self.query(f"SELECT {cols} FROM articles ORDER BY id")
        else:
            rows = self.query(
                f"SELECT {cols} FROM articles WHERE story_id = %s ORDER BY id", (story_id,)
            )
        for row in rows:
            yield article_from_row(row)

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
            having.append("coalesce(max(a.date_publish), max(a.ingested_at)) >= %s")
            params.append(f.since)
        if f.until:
            having.append("coalesce(min(a.date_publish), min(a.ingested_at)) <= %s")
            params.append(f.until + "T23:59:59" if len(f.until) == 10 else f.until)
        sql = f"""
            SELECT s.id, s.title,
                   count(a.id) AS article_count,
                   count(DISTINCT a.source_domain) AS source_count,
                   count(DISTINCT CASE WHEN a.duplicate_of IS NULL
                         THEN coalesce(a.source_domain, a.id::text) END) AS independent_count,
                   string_agg(DISTINCT a.language, ',') AS languages,
                   string_agg(DISTINCT a.source_domain, ',') AS sources,
                   coalesce(min(a.date_publish), min(a.ingested_at)) AS first_seen,
                   coalesce(max(a.date_publish), max(a.ingested_at)) AS last_seen
            FROM stories s JOIN articles a ON a.story_id = s.id
            WHERE {" AND ".join(where)}
            GROUP BY s.id
            {"HAVING " + " AND ".join(having) if having else ""}
            ORDER BY last_seen DESC, article_count DESC, s.id DESC
            LIMIT %s OFFSET %s"""
        rows = self.query(sql, (*params, limit, offset))
        return [story_from_row(r) for r in rows]

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

