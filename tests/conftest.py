"""Shared fixtures. Models (lingua, e5) load once per session: they are real, not mocked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rashomon.embed import get_embedder
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.text.langid import HybridIdentifier


@pytest.fixture(scope="session")
def embedder():
    return get_embedder("e5")


@pytest.fixture(scope="session")
def langid():
    return HybridIdentifier()


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "test.db")
    yield s
    s.close()


def empty_pg_dsn() -> str:
    """The DSN of the server RASHOMON_TEST_PG_DSN names, its public schema emptied; the
    test is skipped without one."""
    dsn = os.environ.get("RASHOMON_TEST_PG_DSN")
    if not dsn:
        pytest.skip("set RASHOMON_TEST_PG_DSN")
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return dsn


@pytest.fixture(scope="module")
def web_client(tmp_path_factory, embedder, langid):
    """The web app over tests/data/web (token-free), one per test module that asks."""
    from fastapi.testclient import TestClient

    from rashomon.config import Config
    from rashomon.web import create_app

    store = SQLiteStore(tmp_path_factory.mktemp("web") / "w.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest([str(Path(__file__).parent / "data" / "web")])
    config = Config(db=store.path, api_token="", read_token="", web_warm=False)
    yield TestClient(create_app(engine, config=config, warm=False),
                     base_url="http://127.0.0.1", client=("127.0.0.1", 50000))
    store.close()


@pytest.fixture
def pg_store():
    """A PostgreSQL store on an emptied schema of the server RASHOMON_TEST_PG_DSN names
    (CI starts one with .ci/postgres.sh); the test is skipped without one."""
    from rashomon.store.postgres import PostgresStore

    opened = PostgresStore(empty_pg_dsn())
    yield opened
    opened.close()


@pytest.fixture
def engine(store, embedder, langid):
    """An Engine over a fresh SQLite file with the real shared models."""
    return Engine(store, embedder=embedder, langid=langid)


@pytest.fixture(scope="session")
def event_signals(embedder, langid):
    """Clustering signals of the labelled event texts of ``tests/data/cluster/events.json``
    (same-topic reports of different happenings, several languages), by row id."""
    rows = json.loads((Path(__file__).parent / "data" / "cluster" / "events.json")
                      .read_text(encoding="utf-8"))
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder, langid=langid)
    return {row["id"]: engine._signals_of_text(f"{row['title']}\n{row['text']}")
            for row in rows}


@pytest.fixture
def call(capsys, monkeypatch):
    """``rashomon.cli.main(args)`` in-process, with no RASHOMON_* setting of the caller's
    environment: returns (args, exit status, stdout, stderr) as ``subprocess.run`` would;
    ``env`` sets settings for that one call."""
    import subprocess

    from rashomon.cli import main

    for name in [k for k in os.environ if k.startswith("RASHOMON_")]:
        monkeypatch.delenv(name)

    def invoke(*args: str, env: dict[str, str] | None = None):
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        code = main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return invoke


@pytest.fixture
def token_client(engine):
    """The web app over ``engine`` behind a write token ("tk"; send ``TOKEN_HEADERS``), as a
    loopback client that sees server errors as responses."""
    from fastapi.testclient import TestClient

    from rashomon.config import Config
    from rashomon.web import create_app

    config = Config(db=":memory:", api_token="tk", read_token="", allow_private_urls=False,
                    upload_limit=200_000, web_warm=False)
    app = create_app(engine, config=config, host="127.0.0.1", warm=False)
    return TestClient(app, client=("127.0.0.1", 40000), raise_server_exceptions=False,
                      base_url="http://127.0.0.1")
