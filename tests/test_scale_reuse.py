"""bench/bench_scale.py --reuse: a filled store is measured again without refilling it
(15-30 minutes at 1,000,000 articles), on a copy, so the store stays as filled and the
next measurement (e.g. on a quiet machine) starts from the same state. PostgreSQL too
when RASHOMON_TEST_PG_DSN names a server's database (CI starts one)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rashomon.store import open_store

BENCH = Path(__file__).resolve().parent.parent / "bench"
NO_SEMEVAL = "/nonexistent/semeval.csv"  # tests never read ../shared
PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")


def _bench_scale():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_scale", BENCH / "bench_scale.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _filled(db: str, articles: int = 240) -> dict:
    """A store filled as the benchmark fills it, from 10 real base texts."""
    bench = _bench_scale()
    bases, embedder = bench.prepared_bases(0, Path(NO_SEMEVAL), limit=10)
    store = open_store(db)
    filled = bench.fill(store, articles, 120, bases, embedder)
    store.close()
    return filled


def _state(db: str) -> list:
    store = open_store(db)
    rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in store.query(
        "SELECT id, story_id, event_id, duplicate_of FROM articles ORDER BY id")]
    rows.append(tuple(store.query("SELECT count(*) AS n FROM stories")[0]))
    store.close()
    return rows


def _reuse(db: str, out: Path) -> dict:
    child = subprocess.run(
        [sys.executable, str(BENCH / "bench_scale.py"), "--reuse", db, "--per-day", "120",
         "--new", "3", "--web", "4", "--semeval", NO_SEMEVAL, "--out", str(out)],
        capture_output=True, text=True, timeout=600, env={**os.environ})
    assert child.returncode == 0, child.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def _check(result: dict, filled: dict) -> None:
    assert result["articles"] == filled["articles"] == 240
    assert result["stories"] == filled["stories"]
    assert result["placed"] == 3 and sum(result["vectors"].values()) == 3
    assert result["held_articles"] == 240  # 2 days filled: all inside the 7-day window
    assert "--reuse" in result["measured_on"]
    # where the placements' time went, per placement
    assert result["place_statements_mean"] > 0
    assert 0 < result["place_store_ms_p50"] <= result["place_p95_ms"]
    assert 0 < result["place_thread_cpu_ms_p50"] <= result["place_p95_ms"]
    assert 0 <= result["place_end_wait_ms_p50"] <= result["place_p95_ms"]
    # the lead's embedding before placement, timed apart: 2 of the 3 leads (one warms up)
    assert result["embed_leads_timed"] == 2 and result["embed_lead_cpu_p50_ms"] > 0
    assert result["peak_rss_mb_with_embedder"] >= result["peak_rss_mb"]


def test_reuse_measures_a_copy_and_leaves_the_sqlite_store_as_filled(tmp_path):
    db = str(tmp_path / "scale.db")
    filled = _filled(db)
    before = _state(db)
    _check(_reuse(db, tmp_path / "first.json"), filled)
    # the 3 articles were placed into the copy only: a second run starts from the same state
    assert _state(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.json", "scale.db"]


@pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN")
def test_reuse_on_postgresql_copies_the_database_and_drops_the_copy(tmp_path):
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    filled = _filled(PG_DSN)
    before = _state(PG_DSN)
    with psycopg.connect(PG_DSN, autocommit=True) as conn:  # a database with sessions open
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname "
                     "= current_database() AND pid <> pg_backend_pid()")  # (earlier tests')
    result = _reuse(PG_DSN, tmp_path / "pg.json")  # cannot be copied
    _check(result, filled)
    assert result["backend"] == "postgresql"
    assert "place_server_cpu_ms_p50" in result  # the server backend's share, per placement
    assert _state(PG_DSN) == before
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
    assert not any(n.endswith("_measure") for n in names)


def test_a_store_measured_in_place_gets_new_articles_it_does_not_hold(tmp_path):
    """``--measure`` places the new articles into the store itself; measured again with
    ``--reuse``, the same URLs would be known articles and nothing would be placed. The
    next round has other URLs and other texts."""
    sys.path.insert(0, str(BENCH))
    from rashomon.core import Article
    from scale_tools import free_round, late_url, new_articles

    store = open_store(str(tmp_path / "s.db"))
    assert free_round(store) == 0
    store.add_article(Article(title="t", maintext="x", url=late_url(0)), late_url(0))
    assert free_round(store) == 1
    bases = [Article(title=f"T{i}", maintext=f"text number {i} " * 20, language="en")
             for i in range(12)]
    end = datetime(2025, 5, 15, tzinfo=UTC)
    first, second = (new_articles(bases, end, 5, r) for r in (0, 1))
    assert [a.url for a in first] == [late_url(i) for i in range(5)]  # as every earlier run
    assert not {a.url for a in first} & {a.url for a in second}
    assert [a.maintext for a in first] != [a.maintext for a in second]
    store.close()

