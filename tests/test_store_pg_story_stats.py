"""PostgreSQL keeps the story list's counts with statement triggers
(migrations_pg/015_story_stats_statement.sql): a store filled under the row trigger
of 012 migrates cleanly and its counts stay those of a recount. Needs a server:
RASHOMON_TEST_PG_DSN (CI starts one with .ci/postgres.sh)."""

from __future__ import annotations

import os

import pytest

from rashomon.core import Article

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
pytestmark = pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN")

RECOUNT = ("SELECT story_id, count(*) AS n, coalesce(min(date_publish), min(ingested_at)) "
           "AS f, coalesce(max(date_publish), max(ingested_at)) AS l FROM articles "
           "WHERE story_id IS NOT NULL GROUP BY story_id ORDER BY story_id")


def _counts(conn) -> tuple[list, list]:
    kept = conn.execute("SELECT story_id, article_count, first_seen, last_seen "
                        "FROM story_stats ORDER BY story_id").fetchall()
    return [tuple(r) for r in kept], [tuple(r) for r in conn.execute(RECOUNT).fetchall()]


def test_a_store_filled_before_015_migrates_and_keeps_its_counts() -> None:
    import psycopg

    from rashomon.store.postgres import PostgresStore, pg_migrations

    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
        conn.execute("CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for number, name, sql in pg_migrations():  # the store as 014 left it
            if number < 15:
                conn.execute(sql)
                conn.execute("INSERT INTO schema_migrations VALUES (%s, %s, 'then')",
                             (number, name))
        now = "2025-06-01T00:00:00+00:00"
        for story in (1, 2, 3):
            conn.execute("INSERT INTO stories (id, title, created_at, updated_at) "
                         "VALUES (%s, 'Streik', %s, %s)", (story, now, now))
        for number in range(1, 10):  # counted by the row trigger of 012
            conn.execute("INSERT INTO articles (id, title, maintext, story_id, "
                         "date_publish, ingested_at, updated_at, content_hash) VALUES "
                         "(%s, 'Streik', 'Die Bahn steht.', %s, %s, %s, %s, %s)",
                         (number, 1 + number % 3, f"2025-06-0{number}T10:00:00+00:00",
                          now, now, f"hash{number}"))
        conn.execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), 9)")
        conn.execute("SELECT setval(pg_get_serial_sequence('stories', 'id'), 3)")
        before = _counts(conn)
        assert before[0] == before[1] and len(before[0]) == 3
    store = PostgresStore(PG_DSN)  # applies 015 only
    try:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            assert _counts(conn) == before
            triggers = {r[0] for r in conn.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'articles'::regclass "
                "AND NOT tgisinternal").fetchall()}
            assert "story_stats_change" not in triggers
            assert {"story_stats_inserted", "story_stats_updated",
                    "story_stats_deleted"} <= triggers
        store.merge_story(2, 1)
        store.set_story(2, 1, None)  # from story 3
        added = store.add_article(Article(title="Streik", maintext="Auch heute.",
                                          language="de"), None)
        store.set_story(added, 3, None)
        store.execute("DELETE FROM articles WHERE id = ?", (6,))
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            kept, recount = _counts(conn)
            assert kept == recount and [r[0] for r in kept] == [1, 3]
            assert [r[1] for r in kept] == [6, 3]  # 3 + story 2's 3 + 1 moved - 1 deleted
    finally:
        store.close()
