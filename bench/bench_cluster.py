"""The cluster path at bench size: PostgreSQL + `dask scheduler` + 1 or 2 `dask worker`
processes, `rashomon ingest --scheduler` of a folder of distinct real articles (SemEval
2022 dev texts, or the sample + held-out corpora without ../shared), against a plain
in-process ingest of the same folder into SQLite: the same stories (compared by URL)
and the articles/s of each run.

Needs a PostgreSQL server (``--pg DSN`` or RASHOMON_TEST_PG_DSN; its public schema is
dropped and recreated) and the dask command; skips cleanly without either.

Each run records its wall time and the CPU seconds of all its processes (the ingest,
and for the cluster runs the scheduler and workers: ``cpu_seconds``), with the load
average: on a shared machine the CPU figure is the stable one. The in-process run
defers a distinct article's lead to the placement cascade (``pipeline._decide``); Dask
workers embed every lead (the cascade then decides the same way), so their CPU is higher.

Run: python bench/bench_cluster.py --pg postgresql://... [--articles 200]
(results: bench/results/cluster.json)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEMEVAL, skip, title_first_line, write_results

ROOT = Path(__file__).resolve().parent.parent
DASK = shutil.which("dask") or str(Path(sys.executable).with_name("dask"))
RASHOMON = shutil.which("rashomon") or str(Path(sys.executable).with_name("rashomon"))


def write_folder(folder: Path, count: int, semeval: Path) -> int:
    """Distinct real articles as one JSONL file; returns how many."""
    rows, seen = [], set()
    if semeval.exists():
        csv.field_size_limit(10**8)
        with semeval.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for key in ("text1", "text2"):
                    text = row[key].strip()
                    if len(rows) < count and len(text) > 300 and text[:200] not in seen:
                        seen.add(text[:200])
                        title, _, body = title_first_line(text).partition("\n")
                        # an article's URL (a bare "/12" path reads as a front page, E204)
                        rows.append({"url": f"https://src{len(rows) % 50}.example/news/"
                                            f"2024/story-{len(rows)}.html",
                                     "title": title, "maintext": body.strip() or text,
                                     "date_publish": f"2024-01-{1 + len(rows) % 28:02d}"
                                                     "T12:00:00+00:00"})
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def grouping(store) -> list[tuple]:
    articles = list(store.iter_articles())
    first: dict = {}
    for a in articles:
        first.setdefault(a.story_id, a.url)
    return sorted((a.url, first[a.story_id]) for a in articles)


def fresh_postgres(dsn: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def start_cluster(workers: int, tmp: Path, env: dict) -> tuple[str, list]:
    address_file = tmp / f"scheduler-{workers}.json"
    common = ["--scheduler-file", str(address_file), "--no-dashboard"]
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                               *common], env=env, stderr=subprocess.DEVNULL)]
    deadline = time.monotonic() + 120
    while not address_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    for _ in range(workers):
        procs.append(subprocess.Popen([DASK, "worker", "--nthreads", "1", "--host",
                                       "127.0.0.1", *common], env=env,
                                      stderr=subprocess.DEVNULL))
    address = json.loads(address_file.read_text())["address"]
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(workers, timeout=300)
        client.run(lambda: __import__("rashomon.scale.work"))  # import before timing
    return address, procs


def stop(procs: list) -> None:
    for proc in reversed(procs):
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def children_cpu() -> float:
    """CPU seconds of the finished child processes (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_ingest(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([RASHOMON, "ingest", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("RASHOMON_TEST_PG_DSN"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--semeval", default=str(SEMEVAL))
    args = parser.parse_args()
    if not args.pg:
        skip("no PostgreSQL DSN (--pg or RASHOMON_TEST_PG_DSN)")
    if not Path(DASK).exists():
        skip("no dask command (pip install 'rashomon[scale]')")
    from rashomon.store import SQLiteStore
    from rashomon.store.postgres import PostgresStore

    tmp = Path(tempfile.mkdtemp(prefix="rashomon-cluster-"))
    count = write_folder(tmp / "in", args.articles, Path(args.semeval))
    if not count:
        skip(f"no SemEval texts at {args.semeval}")
    env = {**os.environ, "OMP_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    load, cpu = [round(x, 2) for x in os.getloadavg()], children_cpu()
    seconds = timed_ingest([str(tmp / "in"), "--db", str(tmp / "plain.db")], env)
    expected = grouping(SQLiteStore(tmp / "plain.db"))
    runs: dict = {"in_process_sqlite": {"seconds": round(seconds, 1),
                                        "articles_per_second": round(count / seconds, 2),
                                        "cpu_seconds": round(children_cpu() - cpu, 1),
                                        "load_average_before": load}}
    for workers in (1, 2):
        fresh_postgres(args.pg)
        cpu = children_cpu()
        address, procs = start_cluster(workers, tmp, env)
        try:
            load = [round(x, 2) for x in os.getloadavg()]
            seconds = timed_ingest([str(tmp / "in"), "--scheduler", address, "--db", args.pg],
                                   env)
        finally:
            stop(procs)
        same = grouping(PostgresStore(args.pg)) == expected
        runs[f"postgres_dask_{workers}_workers"] = {
            "seconds": round(seconds, 1), "articles_per_second": round(count / seconds, 2),
            # scheduler + workers (model loads included) + the ingest process
            "cpu_seconds": round(children_cpu() - cpu, 1),
            "same_stories_as_in_process": same, "load_average_before": load,
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}
        print(workers, "workers:", runs[f"postgres_dask_{workers}_workers"], flush=True)
    result = {"articles": count, "stories": len({s for _, s in expected}),
              "cores": os.cpu_count(), "runs": runs}
    print(json.dumps(result, indent=2))
    write_results("cluster", result)


if __name__ == "__main__":
    main()
