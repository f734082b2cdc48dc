"""Read-only commands on a PostgreSQL database that `rashomon ingest` never filled: E604,
the database left as it was. `rashomon stories --db postgresql://…` on a fresh
`createdb` created every table and listed no story (2026-12-05), where the same command on
an empty SQLite file is E604."""

from __future__ import annotations

import pytest

from conftest import empty_pg_dsn
from rashomon.cli import main


@pytest.fixture
def empty_pg():
    return empty_pg_dsn()


def _tables(dsn: str) -> list[str]:
    import psycopg

    with psycopg.connect(dsn) as conn:
        return [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]


@pytest.mark.parametrize("command", [["stories"], ["story", "1"], ["export", "stories"]])
def test_a_read_only_command_leaves_an_unfilled_database_unchanged(empty_pg, command, capsys):
    assert main([*command, "--db", empty_pg]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("E604 ") and "rashomon ingest" in err and "Traceback" not in err
    assert _tables(empty_pg) == []


def test_once_filled_the_read_only_commands_read_it(empty_pg, capsys):
    from rashomon.store import open_store

    open_store(empty_pg).close()  # what `rashomon ingest` opens: the schema applied
    assert main(["stories", "--db", empty_pg]) == 0
    assert capsys.readouterr().out.startswith("id")
