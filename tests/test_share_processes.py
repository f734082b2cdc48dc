"""Two ``rashomon ingest`` processes into one PostgreSQL database at once, each ingesting
half of the sample corpus (alternate files, so most stories have reports in both
halves): both finish, every article is in exactly one story, every pair of same-story
reports of the sample gold that a sequential ingest joins is joined, and the two ingests
ran at the same time, their holds of the writer lock interleaved (a lock per ingest made
the second wait for the whole first run). Skipped without RASHOMON_TEST_PG_DSN (CI
starts a server with .ci/postgres.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
SAMPLE = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "sample"
CORPUS = SAMPLE / "corpus"

# The real CLI with the store's writer lock observed, not replaced: each hold's times
# (reached the lock, got in, left) are appended to a file of the process; at its first
# hold a process waits until the other has reached the lock too (the models load at
# different speeds), so the two runs certainly start together.
_DRIVER = r"""
import os, sys, time
from contextlib import contextmanager
from pathlib import Path
from rashomon.store.sql import SQLStore

marks, args = Path(sys.argv[1]), sys.argv[2:]
writer = SQLStore.writer
first = [True]
@contextmanager
def observed(self):
    arrived = time.time()
    if first[0]:
        first[0] = False
        (marks / f"arrived-{os.getpid()}").write_text("")
        deadline = time.monotonic() + 300
        while len(list(marks.glob("arrived-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    with writer(self) as generation:
        inside = time.time()
        yield generation
        left = time.time()  # before the lock is let go
    with open(marks / f"holds-{os.getpid()}", "a") as holds:
        holds.write(f"{arrived!r} {inside!r} {left!r}\n")
SQLStore.writer = observed
from rashomon.cli import main
sys.exit(main(args))
"""


def _halves(tmp_path: Path) -> tuple[Path, Path]:
    """The sample corpus's files dealt alternately into two folders (paths kept)."""
    halves = (tmp_path / "one", tmp_path / "two")
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    for n, path in enumerate(files):
        target = halves[n % 2] / path.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return halves


def _gold() -> dict[tuple[str, str | None], str]:
    import json

    found = {}
    for path in sorted((SAMPLE / "gold").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            found[(row["file"], row.get("url"))] = row["story"]
    return found


def _key(source_path: str, url: str | None, root: Path) -> tuple[str, str | None]:
    """(file relative to the corpus, entry URL) of an article read from a copy under
    ``root`` (a feed's "#n" or a JSONL's ":n" entry suffix dropped)."""
    path = source_path.split("#", 1)[0]
    if ":" in path and path.rsplit(":", 1)[1].isdigit():
        path = path.rsplit(":", 1)[0]
    relative = Path(path).resolve().relative_to(root.resolve())
    return str(Path(*relative.parts[1:])), url  # without the half's folder


def _stories(store, root: Path, gold: dict) -> dict[str, int]:
    """gold item -> story of every stored article (each matched to one gold item)."""
    found = {}
    for article in store.iter_articles():
        assert article.junk is None and article.story_id is not None, article.source_path
        rel, url = _key(article.source_path, article.url, root)
        key = (rel, url) if (rel, url) in gold else (rel, None)
        assert key in gold and key not in found, key
        found[key] = article.story_id
    return found


@pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN (.ci/postgres.sh)")
def test_two_ingest_processes_share_one_postgresql_database(tmp_path, embedder, langid):
    from conftest import empty_pg_dsn
    from rashomon.store.postgres import PostgresStore

    one, two = _halves(tmp_path)
    gold = _gold()
    sequential = Engine(SQLiteStore(tmp_path / "sequential.db"), embedder=embedder,
                        langid=langid)
    sequential.ingest([str(one), str(two)])
    alone = _stories(sequential.store, tmp_path, gold)
    sequential.close()

    dsn = empty_pg_dsn()
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [subprocess.Popen([sys.executable, "-c", _DRIVER, str(marks), "ingest",
                              str(half), "--db", dsn], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for half in (one, two)]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert "Traceback" not in err, err

    holds = sorted(((tuple(float(t) for t in line.split()), run.pid) for run in runs
                    for line in (marks / f"holds-{run.pid}").read_text().splitlines()),
                   key=lambda hold: hold[0][1])  # in the order they got in
    for (a, _), (b, _) in pairwise(holds):
        assert b[1] >= a[2], (a, b)  # one holder at a time
    turns = sum(pa != pb for (_, pa), (_, pb) in pairwise(holds))
    assert turns >= 4, holds  # the two ingests ran at once, taking turns at the lock

    store = PostgresStore(dsn)
    shared = _stories(store, tmp_path, gold)
    assert store.count_articles() == len(alone) == len(shared)
    store.close()
    joined = [(x, y) for x, y in combinations(sorted(alone), 2)
              if gold[x] == gold[y] and alone[x] == alone[y]]
    assert len(joined) > 150
    missed = [(x, y) for x, y in joined if shared[x] != shared[y]]
    assert not missed
