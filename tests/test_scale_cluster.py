"""The cluster path end to end: PostgreSQL + a Dask scheduler and two workers started as
separate processes (`dask scheduler`, `dask worker`), `rashomon ingest --scheduler`
writing while the web API reads the same database, and the stories exactly those of a
plain in-process ingest. Skips without a PostgreSQL server (RASHOMON_TEST_PG_DSN, CI
starts one with .ci/postgres.sh) or without the dask command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rashomon.cli import main
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

pytest.importorskip("distributed")
PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
DASK = shutil.which("dask") or str(Path(sys.executable).with_name("dask"))
pytestmark = [
    pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN (.ci/postgres.sh)"),
    pytest.mark.skipif(not Path(DASK).exists(), reason="no dask command"),
]
SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture
def dask_cluster(tmp_path):
    """A scheduler and two single-thread workers, each its own process, on loopback."""
    from distributed import Client

    address_file = tmp_path / "scheduler.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    common = ["--scheduler-file", str(address_file), "--no-dashboard"]
    processes = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   *common], env=env, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        for _ in range(2):
            processes.append(subprocess.Popen(
                [DASK, "worker", "--nthreads", "1", "--host", "127.0.0.1", *common],
                env=env, stderr=subprocess.DEVNULL))
        address = json.loads(address_file.read_text())["address"]
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _fresh_postgres(dsn: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _grouping(store) -> list[tuple]:
    """Story partition and originals by URL (ids differ between the two databases)."""
    articles = list(store.iter_articles())
    by_id = {a.id: a.url for a in articles}
    first = {}
    for a in articles:
        first.setdefault(a.story_id, a.url)
    return sorted((a.url, first[a.story_id], by_id.get(a.duplicate_of)) for a in articles)


def test_postgres_and_dask_processes_give_the_in_process_stories(
    tmp_path, dask_cluster, embedder, langid
):
    from fastapi.testclient import TestClient

    from rashomon.store.postgres import PostgresStore
    from rashomon.web.app import create_app
    from test_scale_dask import _write

    data = _write(tmp_path)
    plain = SQLiteStore(tmp_path / "plain.db")
    Engine(plain, embedder=embedder, langid=langid).ingest([str(data)])
    expected = _grouping(plain)

    _fresh_postgres(PG_DSN)
    PostgresStore(PG_DSN).close()  # schema in place before the reader starts
    reader = TestClient(create_app(PG_DSN, warm=False))
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:  # `rashomon serve` on the same database while the ingest runs
        while not done.is_set():
            response = reader.get("/api/stories?limit=50")
            assert response.status_code == 200
            seen.append(len(response.json()["stories"]))
            time.sleep(0.05)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        assert main(["ingest", str(data), "--scheduler", dask_cluster, "--db", PG_DSN]) == 0
    finally:
        done.set()
        thread.join()
    scaled = PostgresStore(PG_DSN)
    assert _grouping(scaled) == expected
    final = reader.get("/api/stories?limit=50").json()["stories"]
    assert len(final) == plain.count_stories() and seen and max(seen) <= len(final)
