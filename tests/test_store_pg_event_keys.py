"""PostgreSQL serves the deletes of one story's event comparisons (a story merge, a
pruned report) from the key's index (migrations_pg/016_event_report_keys.sql): under
the database's default collation the LIKE '<id>:%' they used read the whole table at
every merge. Needs a server: RASHOMON_TEST_PG_DSN (CI starts one)."""

from __future__ import annotations

import os

import pytest

from rashomon.store.sql import STORY_EVENT_KEYS, story_event_keys

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
pytestmark = pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN")


def _plan(store, sql: str, params) -> str:
    with store.transaction() as run:
        run("SET LOCAL enable_seqscan = off", ())  # a tiny table: make the index the aim
        rows = run("EXPLAIN " + sql, params).fetchall()
    return "\n".join(r["QUERY PLAN"] for r in rows)


def test_the_event_comparisons_of_a_story_are_found_through_the_key_index(pg_store):
    for key in ("7:1", "7:a3", "70:2", "8:4"):
        pg_store.put_document("event_reports", key, "v", {"x": key})
    plan = _plan(pg_store, f"DELETE FROM event_reports WHERE {STORY_EVENT_KEYS}",
                 story_event_keys(7))
    assert "Index" in plan and "Seq Scan" not in plan, plan
    collation = pg_store.query(  # byte order: a range of keys is a range of the index
        "SELECT collation_name FROM information_schema.columns "
        "WHERE table_name = 'event_reports' AND column_name = 'event_key'")
    assert collation[0]["collation_name"] == "C"
    pg_store.merge_story(7, pg_store.new_story("kept"))
    left = [r["event_key"] for r in pg_store.query(
        "SELECT event_key FROM event_reports ORDER BY event_key")]
    assert left == ["70:2", "8:4"]
