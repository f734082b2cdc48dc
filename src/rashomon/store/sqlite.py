"""SQLite store: the embedded default — one file, WAL journal, numbered migrations."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no flock; one writer process is then the user's affair
    fcntl = None  # type: ignore[assignment]

from rashomon.errors import StoreError
from rashomon.store.rows import like_pattern, now_iso
from rashomon.store.sql import Run, SQLStore

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


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (``executescript`` would commit
    the enclosing transaction first); triggers keep their inner semicolons."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \t\r\n;"):
                yield buffer
            buffer = ""


class SQLiteStore(SQLStore):
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
            self._write_ahead_log()
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    def _write_ahead_log(self) -> None:
        """Switch the file to WAL. The switch needs the file alone, and SQLite answers
        "database is locked" at once (no busy wait) when a second process opening the same
        fresh file switches it at that moment: seen in CI as one of two concurrent first
        ingests failing with E606. Retried within the same 30 s the busy timeout allows."""
        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # -- schema -------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply migrations not yet applied; returns the names applied now. All of it runs
        in one ``BEGIN IMMEDIATE`` transaction: a second process opening a fresh database
        at the same moment waits for the first (up to the 30 s busy timeout), then finds
        the migrations applied (it used to fail with "table articles already exists")."""
        with self.lock:
            if self._migrated():
                return []  # the common case: no write lock taken
            applied, name = [], "schema_migrations"
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                done = {r[0] for r in self.conn.execute("SELECT number FROM schema_migrations")}
                for number, name, sql in migrations():
                    if number in done:
                        continue
                    for statement in _statements(sql):
                        self.conn.execute(statement)
                    self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                      (number, name, now_iso()))
                    applied.append(name)
                self.conn.commit()
            except sqlite3.Error as exc:
                self.conn.rollback()
                raise StoreError(f"migration {name} failed: {exc}",
                                 hint="is another program holding the database?") from exc
            for name in applied:
                log.info("applied migration %s to %s", name, self.path)
            return applied

    def _migrated(self) -> bool:
        try:
            done = {r[0] for r in self.conn.execute("SELECT number FROM schema_migrations")}
        except sqlite3.Error:
            return False
        return {number for number, _, _ in migrations()} <= done

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """The writer lock: ``flock`` on a ``<database>-lock`` file beside the database
        (the database file itself must not be opened a second time: closing that handle
        would drop SQLite's own POSIX locks). An in-memory database has one process."""
        if self.path == ":memory:" or fcntl is None:
            yield
            return
        with open(self.path + "-lock", "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement under the store lock and commit (for writes)."""
        with self.lock:
            cur = self.conn.execute(sql, params)
            self.conn.commit()
            return cur

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Run]:
        with self.lock:
            try:
                yield self.conn.execute
                self.conn.commit()
            except BaseException:
                self.conn.rollback()
                raise

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.execute(sql, params).lastrowid)

    def upsert_sql(self, table: str, columns: Sequence[str], keys: Sequence[str]) -> str:
        marks = ", ".join("?" * len(columns))
        return f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})"

    def json_array_length_sql(self, column: str, key: str) -> str:
        return f"json_array_length({column}, '$.{key}')"

    def list_agg_sql(self, expression: str) -> str:
        return f"group_concat(DISTINCT {expression})"

    def like_sql(self, column: str) -> str:
        return f"{column} LIKE ? ESCAPE '\\'"

    def nocase_equals_sql(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"  # served by entity_index_canonical (NOCASE)

    # -- web ----------------------------------------------------------------------
    # FTS5 (trigram) and the trigger-kept story_stats table of migration 002_web.sql.
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
