"""PostgreSQL store: for a server that many users share. Same interface as SQLite.

Needs the ``postgres`` extra (psycopg 3); timestamps are kept as UTC ISO text exactly as
in SQLite so both backends sort and compare them the same way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

from rashomon.errors import MissingExtra, StoreError
from rashomon.store.rows import like_pattern, now_iso
from rashomon.store.sql import Run, SQLStore

log = logging.getLogger(__name__)


def pg_migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("rashomon.store") / "migrations_pg"
    found = [
        (int(e.name.split("_", 1)[0]), e.name, e.read_text(encoding="utf-8"))
        for e in folder.iterdir()
        if e.name.endswith(".sql")
    ]
    return sorted(found)


def pg_sql(sql: str) -> str:
    """The shared ``?``-placeholder SQL in psycopg's ``%s`` style (no shared statement
    contains a literal ``?`` or ``%``)."""
    return sql.replace("?", "%s")


class PostgresStore(SQLStore):
    """Store in a PostgreSQL database named by a ``postgresql://`` DSN."""

    def __init__(self, dsn: str, create: bool = True):
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
        self._batching = False  # inside batch(): pipeline mode
        if not create:
            self._refuse_unfilled(dsn)
        self.migrate()

    def _refuse_unfilled(self, dsn: str) -> None:
        """A read-only command on a database ``rashomon ingest`` never filled: E604, the
        database left as it was (`rashomon stories` created every table in it and listed
        no story, as SQLite's read-only commands no longer do on an empty file)."""
        found = self.conn.execute("SELECT to_regclass('schema_migrations') AS t").fetchone()
        if found["t"] is None:
            self.conn.close()
            shown = dsn.split("@")[-1] if "@" in dsn else dsn
            raise StoreError(f"the PostgreSQL database {shown} has no Rashomon tables",
                             hint="fill it first: `rashomon ingest FILES --db URL` (or "
                                  "--sample); read-only commands leave it unchanged",
                             code="E604")

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

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """The writer lock: a session-level advisory lock (key 7266; 7265 is the
        migrations'). Every writer process holds its own connection, so they queue."""
        with self.lock:
            self.conn.execute("SELECT pg_advisory_lock(7266)")
        try:
            yield
        finally:
            with self.lock:
                self.conn.execute("SELECT pg_advisory_unlock(7266)")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """psycopg's pipeline mode for the block: statements are sent without waiting for
        each one's answer, which the server gives all at once where the block reads a
        result (or ends). A placement makes 23 statements at p50 and 85 at p95 (story
        merges) in bench_scale's 1,000,000-article store, each a round trip and most a
        transaction (BEGIN, COMMIT: more round trips); at load ~5 every round trip also
        waited for the server process to get a core: time in store calls p50 / p95
        38 / 442 ms of a 45 / 449 ms placement, 1.5 / 8 ms with this (``place_store_ms``;
        the answers then come at the block's end). The connection is held for the block:
        another thread's statement cannot land in the middle of it.

        The block is one transaction, so it waits for one commit (a flush of the log to
        disk, 3.5-4.6 ms per flush on the benchmark's machine by ``pg_test_fsync``)
        rather than one per transaction inside it: the slowest placements of the
        1,000,000-article store held 3-10 (each story merge and each article moved is
        one), waited for one after the other at the block's end. Other connections see a
        placement whole or not at all."""
        import psycopg
        from psycopg.pq import TransactionStatus

        if not psycopg.Pipeline.is_supported() or self._batching:  # libpq < 14; nested
            yield
            return
        with self.lock:
            # inside a transaction already (psycopg's): that one commits the block
            own = self.conn.info.transaction_status == TransactionStatus.IDLE
            self._batching = True
            try:
                with self.conn.pipeline():
                    if own:
                        self.conn.execute("BEGIN")
                    yield
                    if own:
                        self.conn.execute("COMMIT")
            finally:
                self._batching = False
                if own and self.conn.info.transaction_status != TransactionStatus.IDLE:
                    self.conn.rollback()  # the block failed: none of it is kept

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.lock:
            return self.conn.execute(pg_sql(sql), params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.lock:
            return self.conn.execute(pg_sql(sql), params)

    @contextmanager
    def transaction(self) -> Iterator[Run]:
        def run(sql: str, params: Sequence[Any] = ()) -> Any:
            return self.conn.execute(pg_sql(sql), params)

        with self.lock:
            if not self._batching:
                with self.conn.transaction():
                    yield run
                return
            # in a batch, which is one transaction (``batch``): all or nothing with it
            yield run

    def merge_story(self, absorbed: int, kept: int) -> None:
        """``SQLStore.merge_story``'s statements sent as one: each a data-modifying part
        of one WITH, which sees the rows as they were before it: the parts change disjoint
        rows, and none needs another's change to find its rows (one looks stories up by
        the ``merged_into`` another part writes, but on other rows: ``merge_steps``), and
        the statement fires the story-list triggers once at its end. One parse,
        plan, execution and answer instead of six; the slowest placements of the
        1,000,000-article store merge 4-8 stories."""
        if absorbed == kept:
            return
        steps = self.merge_steps(absorbed, kept)
        parts = ", ".join(f"step{i} AS ({sql})" for i, (sql, _) in enumerate(steps[:-1]))
        self.execute(f"WITH {parts} {steps[-1][0]}",
                     tuple(value for _, params in steps for value in params))

    def set_events(self, article_ids: Sequence[int], event_id: int | None) -> None:
        """One statement for any number of articles, one text for every count (so the
        server plans it once per connection)."""
        self.execute("UPDATE articles SET event_id = ? WHERE id = ANY(?)",
                     (event_id, [int(a) for a in article_ids]))

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.query(sql + " RETURNING id", params)[0]["id"])

    def upsert_sql(self, table: str, columns: Sequence[str], keys: Sequence[str]) -> str:
        marks = ", ".join("?" * len(columns))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
        return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "
                f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}")

    def json_array_length_sql(self, column: str, key: str) -> str:
        return f"json_array_length(({column}::json) -> '{key}')"

    def list_agg_sql(self, expression: str) -> str:
        return f"string_agg(DISTINCT {expression}, ',')"

    def like_sql(self, column: str) -> str:
        return f"{column} ILIKE ?"  # backslash is ILIKE's default escape

    def nocase_equals_sql(self, column: str) -> str:
        return f"lower({column}) = lower(?)"  # served by entity_index_canonical (lower())

    # -- web ----------------------------------------------------------------------
    # No FTS5 here: substring search with ILIKE, titles ranked first.
    def search_article_ids(self, groups: list[list[str]], limit: int = 200) -> list[int]:
        groups = [[t for t in g if t.strip()] for g in groups]
        groups = [g for g in groups if g]
        if not groups:
            return []
        clauses, params = [], []
        for group in groups:
            ors = " OR ".join("(title ILIKE ? OR maintext ILIKE ?)" for _ in group)
            clauses.append(f"({ors})")
            for term in group:
                params += [like_pattern(term), like_pattern(term)]
        title_hits = " + ".join("(title ILIKE ?)::int" for g in groups for _ in g)
        order_params = [like_pattern(t) for g in groups for t in g]
        # article_search: the titles and texts with their trigram indexes, apart from
        # the rows placement keeps updating (migrations_pg/014_search_table.sql)
        rows = self.query(
            f"SELECT article_id FROM article_search WHERE {' AND '.join(clauses)} "
            f"ORDER BY {title_hits} DESC, article_id DESC LIMIT ?",
            (*params, *order_params, limit),
        )
        return [int(r["article_id"]) for r in rows]

