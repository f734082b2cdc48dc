"""SQLite store: the embedded default — one file, WAL journal, numbered migrations."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import numpy as np

from rashomon.core import Article, Story
from rashomon.errors import NotFound, StoreError
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

def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every bundled migration, in order."""
    folder = resources.files("rashomon.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(Store):
    """Store in one SQLite file. Safe to share between threads of one process."""

    def __init__(self, path: str | Path = "rashomon.db"):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open database {self.path}: {exc}",
                hint="check the path and that its folder is writable",
            ) from exc
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    # -- schema -------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply migrations not yet applied; returns the names applied now."""
        with self.lock:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in self.conn.execute("SELECT number FROM schema_migrations")}
            applied = []
            for number, name, sql in migrations():
                if number in done:
                    continue
                try:
                    self.conn.executescript("BEGIN;" + sql + ";COMMIT;")
                except sqlite3.Error as exc:
                    self.conn.rollback()
                    raise StoreError(f"migration {name} failed: {exc}") from exc
                self.conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, now_iso())
                )
                self.conn.commit()
                applied.append(name)
                log.info("applied migration %s to %s", name, self.path)
            return applied

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        """Run one statement under the store lock and commit (for writes)."""
        with self.lock:
            cur = self.conn.execute(sql, params)
            self.conn.commit()
            return cur

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    # -- articles -----------------------------------------------------------------
    def find_article(self, canonical_url: str | None, content_hash: str) -> Article | None:
        row = None
        if canonical_url:
            row = self._one("canonical_url = ?", (canonical_url,))
        if row is None:
            row = self._one("content_hash = ?", (content_hash,))
        return article_from_row(row) if row else None

    def _one(self, where: str, params: tuple) -> sqlite3.Row | None:
        rows = self.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {where} LIMIT 1", params)
        return rows[0] if rows else None

    def add_article(self, article: Article, canonical_url: str | None) -> int:
        values = article_values(article)
        values.update(canonical_url=canonical_url, ingested_at=now_iso(), updated_at=now_iso())
        names = ", ".join(values)
        marks = ", ".join(f":{k}" for k in values)
        cur = self.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", values)
        return int(cur.lastrowid)

    def update_article(self, article_id: int, article: Article) -> None:
        values = article_values(article)
        values["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = :{k}" for k in values)
        values["id"] = article_id
        self.execute(f"UPDATE articles SET {sets} WHERE id = :id", values)
        with self.lock:
            for table in ("embeddings", "facts"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            self.conn.commit()

    def get_article(self, article_id: int, with_raw: bool = False) -> Article:
        cols = ARTICLE_COLUMNS + (", raw" if with_raw else "")
        rows = self.query(f"SELECT {cols} FROM articles WHERE id = ?", (article_id,))
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
                f"SELECT {cols} FROM articles WHERE story_id = ? ORDER BY id", (story_id,)
            )
        for row in rows:
            yield article_from_row(row)

    def count_articles(self) -> int:
        return int(self.query("SELECT count(*) FROM articles")[0][0])

    def set_story(self, article_id: int, story_id: int, duplicate_of: int | None) -> None:
        self.execute(
            "UPDATE articles SET story_id = ?, duplicate_of = ? WHERE id = ?",
            (story_id, duplicate_of, article_id),
        )
        self.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (now_iso(), story_id))

    # -- stories ------------------------------------------------------------------
    def new_story(self, title: str) -> int:
        cur = self.execute(
            "INSERT INTO stories (title, created_at, updated_at) VALUES (?, ?, ?)",
            (title, now_iso(), now_iso()),
        )
        return int(cur.lastrowid)

    def set_story_title(self, story_id: int, title: str) -> None:
        self.execute("UPDATE stories SET title = ? WHERE id = ?", (title, story_id))

    def _story_where(self, filters: StoryFilter | None) -> tuple[str, list]:
        clauses, params = ["1 = 1"], []
        f = filters or StoryFilter()
        if f.language:
            clauses.append(
                "EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id AND x.language = ?)"
            )
            params.append(f.language)
        if f.source:
            clauses.append(
                "EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id AND x.source_domain = ?)"
            )
            params.append(f.source)
        if f.story_ids is not None:
            clauses.append(f"s.id IN ({','.join('?' * len(f.story_ids)) or 'NULL'})")
            params.extend(f.story_ids)
        return " AND ".join(clauses), params

    def list_stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        where, params = self._story_where(filters)
        having, hparams = [], []
        f = filters or StoryFilter()
        if f.since:
            having.append("last_seen >= ?")
            hparams.append(f.since)
        if f.until:
            having.append("first_seen <= ?")
            hparams.append(f.until + "T23:59:59" if len(f.until) == 10 else f.until)
        sql = f"""
            SELECT s.id, s.title,
                   count(a.id) AS article_count,
                   count(DISTINCT a.source_domain) AS source_count,
                   count(DISTINCT CASE WHEN a.duplicate_of IS NULL
                         THEN coalesce(a.source_domain, a.id) END) AS independent_count,
                   group_concat(DISTINCT a.language) AS languages,
                   group_concat(DISTINCT a.source_domain) AS sources,
                   coalesce(min(a.date_publish), min(a.ingested_at)) AS first_seen,
                   coalesce(max(a.date_publish), max(a.ingested_at)) AS last_seen
            FROM stories s JOIN articles a ON a.story_id = s.id
            WHERE {where}
            GROUP BY s.id
            {"HAVING " + " AND ".join(having) if having else ""}
            ORDER BY last_seen DESC, article_count DESC, s.id DESC
            LIMIT ? OFFSET ?"""
        rows = self.query(sql, (*params, *hparams, limit, offset))
        return [story_from_row(r) for r in rows]

    def count_stories(self, filters: StoryFilter | None = None) -> int:
        return len(self.list_stories(filters, limit=10**9))

    def get_story(self, story_id: int) -> Story:
        found = self.list_stories(StoryFilter(story_ids=[story_id]), limit=1)
        if not found:
            raise NotFound(f"no story with id {story_id}", hint="list ids with `rashomon stories`")
        story = found[0]
        story.articles = sorted(
            self.iter_articles(story_id),
            key=lambda a: (to_iso(a.date_publish) or "", a.id or 0),
        )
        return story

    # -- derived data -------------------------------------------------------------
    def put_embedding(self, article_id: int, kind: str, model: str, vector: np.ndarray) -> None:
        blob = np.asarray(vector, dtype=np.float32).tobytes()
        self.execute(
            "INSERT OR REPLACE INTO embeddings (article_id, kind, model, vector) VALUES (?,?,?,?)",
            (article_id, kind, model, blob),
        )

    def get_embedding(self, article_id: int, kind: str, model: str) -> np.ndarray | None:
        rows = self.query(
            "SELECT vector FROM embeddings WHERE article_id = ? AND kind = ? AND model = ?",
            (article_id, kind, model),
        )
        return np.frombuffer(rows[0][0], dtype=np.float32).copy() if rows else None

    def put_document(self, table: str, key: int, version: str, body: dict) -> None:
        column = DOCUMENT_TABLES[table]
        text = json.dumps(body, ensure_ascii=False)
        if table == "facts":
            self.execute(
                f"INSERT OR REPLACE INTO {table} ({column}, version, body) VALUES (?,?,?)",
                (key, version, text),
            )
        else:
            self.execute(
                f"INSERT OR REPLACE INTO {table} ({column}, version, body, built_at) "
                "VALUES (?,?,?,?)",
                (key, version, text, now_iso()),
            )

    def get_document(self, table: str, key: int) -> tuple[str, dict] | None:
        column = DOCUMENT_TABLES[table]
        rows = self.query(f"SELECT version, body FROM {table} WHERE {column} = ?", (key,))
        return (rows[0][0], json.loads(rows[0][1])) if rows else None

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- web ----------------------------------------------------------------------
    # FTS5 (trigram), watchlists and the entity index of migration 002_web.sql.
    def search_article_ids(self, groups: list[list[str]], limit: int = 200) -> list[int]:
        """FTS5 for terms of 3+ characters (trigram needs three), LIKE for shorter ones."""
        groups = [[t for t in g if t.strip()] for g in groups]
        groups = [g for g in groups if g]
        if not groups:
            return []
        fts = [g for g in groups if all(len(t) >= 3 for t in g)]
        like = [g for g in groups if g not in fts]
        clauses, params = [], []
        for group in like:
            ors = " OR ".join("(a.title LIKE ? ESCAPE '\\' OR a.maintext LIKE ? ESCAPE '\\')"
                              for _ in group)
            clauses.append(f"({ors})")
            for term in group:
                pattern = like_pattern(term)
                params += [pattern, pattern]
        where = " AND ".join(clauses) or "1 = 1"
        if fts:
            match = " AND ".join(
                "(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in g) + ")" for g in fts
            )
            sql = (
                "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                f"WHERE articles_fts MATCH ? AND {where} ORDER BY bm25(articles_fts, 4.0, 1.0), "
                "a.id DESC LIMIT ?"
            )
            rows = self.query(sql, (match, *params, limit))
        else:
            sql = f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id DESC LIMIT ?"
            rows = self.query(sql, (*params, limit))
        return [int(r[0]) for r in rows]

    def story_ids_of_articles(self, article_ids: list[int]) -> list[int]:
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = self.query(
            f"SELECT id, story_id FROM articles WHERE id IN ({marks}) AND story_id IS NOT NULL",
            tuple(article_ids),
        )
        by_article = {r[0]: r[1] for r in rows}
        seen: dict[int, None] = {}
        for aid in article_ids:
            if aid in by_article:
                seen.setdefault(int(by_article[aid]), None)
        return list(seen)

    def story_updated_at(self, story_ids: list[int]) -> dict[int, str]:
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        rows = self.query(f"SELECT id, updated_at FROM stories WHERE id IN ({marks})",
                          tuple(story_ids))
        return {int(r[0]): r[1] for r in rows}

    def contradiction_counts(self, story_ids: list[int]) -> dict[int, int]:
        if not story_ids:
            return {}
        marks = ",".join("?" * len(story_ids))
        rows = self.query(
            "SELECT story_id, json_array_length(body, '$.contradictions') FROM reports "
            f"WHERE story_id IN ({marks})",
            tuple(story_ids),
        )
        return {int(r[0]): int(r[1]) for r in rows if r[1]}

    def add_watchlist(
        self, name: str, query: str, entities: list[str], languages: list[str]
    ) -> int:
        cur = self.execute(
            "INSERT INTO watchlists (name, query, entities, languages, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, query, json.dumps(entities, ensure_ascii=False),
             json.dumps(languages), now_iso()),
        )
        return int(cur.lastrowid)

    def list_watchlists(self) -> list[dict]:
        return [watchlist_from_row(r) for r in self.query("SELECT * FROM watchlists ORDER BY id")]

    def get_watchlist(self, watchlist_id: int) -> dict:
        rows = self.query("SELECT * FROM watchlists WHERE id = ?", (watchlist_id,))
        if not rows:
            raise NotFound(f"no watchlist with id {watchlist_id}",
                           hint="list them at /watchlists or GET /api/watchlists")
        return watchlist_from_row(rows[0])

    def mark_watchlist_seen(
        self, watchlist_id: int, when: str, stories: dict[int, str] | None = None
    ) -> None:
        self.execute(
            "UPDATE watchlists SET seen_at = ?, seen_stories = ? WHERE id = ?",
            (when, json.dumps({str(k): v for k, v in (stories or {}).items()}), watchlist_id),
        )

    def delete_watchlist(self, watchlist_id: int) -> None:
        self.get_watchlist(watchlist_id)
        self.execute("DELETE FROM watchlists WHERE id = ?", (watchlist_id,))

    def entity_index_versions(self) -> dict[int, str]:
        rows = self.query("SELECT story_id, max(version) FROM entity_index GROUP BY story_id")
        return {int(r[0]): r[1] for r in rows}

    def entity_index_version(self, story_id: int) -> str | None:
        rows = self.query("SELECT version FROM entity_index WHERE story_id = ? LIMIT 1",
                          (story_id,))
        return rows[0][0] if rows else None

    def put_entity_index(self, story_id: int, version: str, rows: list[dict]) -> None:
        with self.lock:
            self.conn.execute("DELETE FROM entity_index WHERE story_id = ?", (story_id,))
            # A story without entities still records its version, so it is not redone.
            rows = rows or [{"entity_id": "", "canonical": "", "label": "", "forms": {}}]
            self.conn.executemany(
                "INSERT OR REPLACE INTO entity_index "
                "(entity_id, story_id, canonical, label, forms, version) VALUES (?,?,?,?,?,?)",
                [(r["entity_id"], story_id, r["canonical"], r["label"],
                  json.dumps(r["forms"], ensure_ascii=False), version) for r in rows],
            )
            self.conn.commit()

    def find_entity_rows(self, key: str) -> list[dict]:
        rows = self.query(
            "SELECT * FROM entity_index WHERE entity_id != '' AND (entity_id = ? "
            "OR canonical = ? COLLATE NOCASE) ORDER BY story_id DESC",
            (key, key),
        )
        return [entity_from_row(r) for r in rows]

    def search_entity_rows(self, text: str, limit: int = 20) -> list[dict]:
        pattern = like_pattern(text)
        rows = self.query(
            "SELECT * FROM entity_index WHERE entity_id != '' AND (canonical LIKE ? ESCAPE '\\' "
            "OR forms LIKE ? ESCAPE '\\') LIMIT ?",
            (pattern, pattern, limit),
        )
        return [entity_from_row(r) for r in rows]

    def story_page_ids(self, filters: StoryFilter, limit: int, offset: int) -> list[int]:
        """From the trigger-kept ``story_stats`` table and its ordering index."""
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
        return [int(r[0]) for r in rows]

    def facet_values(self) -> dict[str, list[str]]:
        languages = self.query("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL "
                               "ORDER BY language")
        sources = self.query("SELECT DISTINCT source_domain FROM articles "
                             "WHERE source_domain IS NOT NULL ORDER BY source_domain LIMIT 500")
        return {"languages": [r[0] for r in languages], "sources": [r[0] for r in sources]}
