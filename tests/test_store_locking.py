"""Opening a SQLite store beside another connection that holds a lock on the same file.

SQLite waits (its busy timeout, 30 s here) for most locks, but answers "database is
locked" at once in one case of a first open: switching a fresh, rollback-journal file to
WAL while another connection holds that file's write lock. That is the state a second
process opening the same fresh file meets while the first one switches it, and how a
clean-clone CI run once failed one of two concurrent first ingests with E606. The store
retries the switch within the busy timeout (``SQLiteStore._write_ahead_log``); without the
retry the "write" cases below fail at once. Each case holds one kind of lock in another
connection for a moment, opens the store beside it, then writes through the store's
writer lock.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from rashomon.store import SQLiteStore

HOLD = 0.3  # seconds the other connection keeps its lock


def _prepare(path, state: str) -> None:
    if state == "empty file":
        path.write_bytes(b"")
    elif state == "rollback tables":  # another program's tables, rollback journal
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
    elif state == "migrated":
        SQLiteStore(path).close()


def _hold(path, lock: str, taken: threading.Event) -> None:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    if lock == "read":
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    else:
        conn.execute("BEGIN IMMEDIATE" if lock == "write" else "BEGIN EXCLUSIVE")
    taken.set()
    time.sleep(HOLD)
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("state", ["fresh", "empty file", "rollback tables", "migrated"])
@pytest.mark.parametrize("lock", ["read", "write", "exclusive"])
def test_the_store_opens_and_writes_beside_another_connection_lock(tmp_path, state, lock):
    path = tmp_path / "shared.db"
    _prepare(path, state)
    taken = threading.Event()
    other = threading.Thread(target=_hold, args=(path, lock, taken))
    other.start()
    assert taken.wait(10)
    started = time.monotonic()
    try:
        store = SQLiteStore(path)
        with store.writer() as generation:
            store.execute("UPDATE store_generation SET value = value WHERE id = 1")
    finally:
        other.join()
    waited = time.monotonic() - started
    assert store.query("PRAGMA journal_mode")[0][0] == "wal"
    assert store.migrate() == []  # every migration applied, once
    with store.writer() as after:
        assert after == generation + 1
    store.close()
    if lock != "read" or state in ("fresh", "empty file", "rollback tables"):
        # the other connection's lock did stand in the way: the open waited for it
        # (a reader blocks a rollback-journal file's switch to WAL; in WAL it does not)
        assert waited >= HOLD * 0.8, waited
