"""Several ingest processes on one PostgreSQL database: the same distinct texts ingested by
one ``rashomon ingest`` process, then by two processes at once (each its half of the
files), each into a fresh database. Reports wall time, articles/s and stories of each
run, how the two processes took turns at the writer lock (holds, turns, and the seconds
both spent ingesting at once), and how the two-process stories agree with the
one-process ones (pairwise precision/recall/F1 of "same story" and the adjusted Rand
index, the one-process stories taken as the truth). Online clustering depends on the
order articles arrive in, and two processes place theirs interleaved: the third run,
one process ingesting the first half and then the second, measures that order effect
alone against the same truth.

Texts: the bundled sample corpus and ``bench/heldout`` as they are, plus ``--articles``
distinct SemEval 2022 dev texts when ../shared holds them (skipped cleanly without; the
loaders are ``bench_throughput``'s). Each process loads its own models, so the wall times
include two model loads running at once on the two-process side and one on the other.

On a machine whose cores the one process already keeps busy (the ingest overlaps its
embedder calls with the rest: ``embed.background``), two processes mostly compete for
the same CPUs: the figure to read is that both run at once and give the same stories,
not a speed-up. The number of cores is in the results.

Run: .venv/bin/python bench/bench_share.py --pg postgresql://USER@HOST/DB [--articles 200]
     [--out bench/results/share.json]      (.ci/postgres.sh starts a throwaway server)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations, pairwise
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_throughput import load_average, write_distinct, write_inrepo
from common import SEMEVAL, skip

RESULTS = Path(__file__).resolve().parent / "results" / "share.json"

# The CLI with each hold of the store's writer lock noted (got in, left: before the lock
# is let go), so the results can say how the runs interleaved.
_DRIVER = r"""
import os, sys, time
from contextlib import contextmanager
from pathlib import Path
from rashomon.store.sql import SQLStore

marks, args = Path(sys.argv[1]), sys.argv[2:]
writer = SQLStore.writer
@contextmanager
def observed(self):
    with writer(self) as generation:
        inside = time.time()
        yield generation
        left = time.time()
    with open(marks / f"holds-{os.getpid()}", "a") as holds:
        holds.write(f"{inside!r} {left!r}\n")
SQLStore.writer = observed
from rashomon.cli import main
sys.exit(main(args))
"""


def empty(dsn: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def inputs(folder: Path, articles: int) -> int:
    """The texts under ``folder``: the in-repo corpora and ``articles`` SemEval texts."""
    count = write_inrepo(folder / "inrepo")
    if articles and SEMEVAL.exists():
        (folder / "semeval").mkdir()
        count += write_distinct(articles, folder / "semeval")
    elif articles:
        print(f"no SemEval texts at {SEMEVAL}: the in-repo corpora only")
    return count


def halves(folder: Path, target: Path) -> list[Path]:
    """The files under ``folder`` dealt alternately into two folders (paths kept); the
    lines of a JSONL file of more than 50 records dealt alternately too."""
    parts = [target / "one", target / "two"]
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for n, path in enumerate(files):
        relative = path.relative_to(folder)
        lines = path.read_text(encoding="utf-8").splitlines() if path.suffix == ".jsonl" \
            else []
        for k, part in enumerate(parts):
            out = part / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            if len(lines) > 50:
                out.write_text("".join(line + "\n" for line in lines[k::2]), encoding="utf-8")
            elif n % 2 == k:
                out.write_bytes(path.read_bytes())
    return parts


def run(dsn: str, folders: list[list[Path]], marks: Path) -> dict:
    """``rashomon ingest`` of each list of folders, one process each, started together."""
    empty(dsn)
    marks.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    started = time.time()
    procs = [subprocess.Popen([sys.executable, "-c", _DRIVER, str(marks), "ingest",
                               *map(str, paths), "--db", dsn], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for paths in folders]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"ingest failed:\n{err[-3000:]}")
    wall = time.time() - started
    holds = sorted((tuple(float(t) for t in line.split()), proc.pid) for proc in procs
                   for line in (marks / f"holds-{proc.pid}").read_text().splitlines())
    spans = [(min(h[0] for h, p in holds if p == proc.pid),
              max(h[1] for h, p in holds if p == proc.pid)) for proc in procs]
    both = max(0.0, min(e for _, e in spans) - max(s for s, _ in spans)) \
        if len(spans) > 1 else None
    return {"processes": len(folders), "wall_s": round(wall, 1), "holds": len(holds),
            "turns": sum(a[1] != b[1] for a, b in pairwise(holds)),
            "both_ingesting_s": None if both is None else round(both, 1),
            "stories": stories(dsn)}


def stories(dsn: str) -> dict[str, int]:
    """content hash -> story of every placed article (junk has none)."""
    from rashomon.store.postgres import PostgresStore

    store = PostgresStore(dsn)
    try:
        return {a.content_hash: a.story_id for a in store.iter_articles()
                if a.story_id is not None}
    finally:
        store.close()


def agreement(truth: dict[str, int], found: dict[str, int]) -> dict:
    """Pairwise P/R/F1 of "same story" and the adjusted Rand index of ``found``
    against ``truth`` over the articles both placed."""
    keys = sorted(set(truth) & set(found))
    same = {(a, b) for a, b in combinations(keys, 2) if truth[a] == truth[b]}
    joined = {(a, b) for a, b in combinations(keys, 2) if found[a] == found[b]}
    hit = len(same & joined)
    precision = hit / len(joined) if joined else 1.0
    recall = hit / len(same) if same else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cells = Counter((truth[k], found[k]) for k in keys)
    rows, cols = Counter(truth[k] for k in keys), Counter(found[k] for k in keys)
    index = sum(comb(n, 2) for n in cells.values())
    a, b, total = (sum(comb(n, 2) for n in rows.values()),
                   sum(comb(n, 2) for n in cols.values()), comb(len(keys), 2))
    expected = a * b / total if total else 0.0
    top = (a + b) / 2
    ari = (index - expected) / (top - expected) if top != expected else 1.0
    return {"articles": len(keys), "pairs_same_story": len(same), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4), "adjusted_rand": round(ari, 4),
            "identical": truth_partition(truth, keys) == truth_partition(found, keys)}


def truth_partition(stories_of: dict[str, int], keys: list[str]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for key in keys:
        groups.setdefault(stories_of[key], set()).add(key)
    return {frozenset(g) for g in groups.values()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("RASHOMON_TEST_PG_DSN"),
                        help="a PostgreSQL DSN whose public schema may be emptied")
    parser.add_argument("--articles", type=int, default=200, help="SemEval texts added")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--repeat", type=int, default=2,
                        help="rounds of the three runs (wall times: the median round)")
    args = parser.parse_args()
    if not args.pg:
        skip("no PostgreSQL: pass --pg DSN (bash .ci/postgres.sh start DIR starts one)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "all"
        count = inputs(folder, args.articles)
        print(f"{count} texts; {os.cpu_count()} cores, load {load_average()}")
        parts = halves(folder, Path(tmp) / "halves")
        rounds: dict[str, list[dict]] = {}
        loads = [load_average()]
        for k in range(args.repeat):  # the runs alternate: a busy spell hits all of them
            for name, paths in (("one_process", [[folder]]),
                                ("two_processes", [[part] for part in parts]),
                                # the order effect alone: one process, one half then the other
                                ("one_process_halves_in_turn", [parts])):
                rounds.setdefault(name, []).append(
                    run(args.pg, paths, Path(tmp) / f"marks-{name}-{k}"))
                loads.append(load_average())
    runs: list[tuple[str, dict]] = []
    result = {"texts": count, "cores": os.cpu_count(), "load_min": min(loads),
              "load_max": max(loads)}
    for name, figures_of in rounds.items():
        walls = sorted(f["wall_s"] for f in figures_of)
        figures = figures_of[-1]
        figures["wall_s_rounds"] = [f["wall_s"] for f in figures_of]
        figures["wall_s"] = walls[(len(walls) - 1) // 2]  # the median (lower of two)
        # online clustering is deterministic for one process; two interleave as the
        # scheduler lets them, so their stories may differ from round to round
        figures["same_stories_every_round"] = len({frozenset(truth_partition(
            f["stories"], sorted(f["stories"]))) for f in figures_of}) == 1
        runs.append((name, figures))
    for name, figures in runs:
        placed = figures.pop("stories")
        figures.update(articles=len(placed), stories=len(set(placed.values())),
                       articles_per_s=round(len(placed) / figures["wall_s"], 2))
        result[name] = figures
        if name == "one_process":
            truth = placed
        else:
            figures["vs_one_process"] = agreement(truth, placed)
    body = {"benchmark": "share", "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **result}
    print(json.dumps(body, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
