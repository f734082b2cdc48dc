"""Scale: a store of N articles, then the costs that must not grow with it.

Fill (``--articles N``): real texts — the bundled sample corpus, bench/heldout and (when
../shared is present) SemEval 2022 dev — varied into N distinct articles: each story is
one real text reprinted by 1-8 outlets within a day (new URL, outlet, headline prefix,
publish time), stories spread evenly over ``N / --per-day`` days. The bulk is inserted
straight through the store's connection with **stored vectors** (the real text's e5 vector
plus small noise, cosine ~0.97 to it), its stored facts and clustering signals: what an
ingest would have written, without spending hours embedding N texts. The FTS and
story-list triggers index every row as in a real ingest.

Measure (a fresh process, so ``peak_rss_mb`` is the engine's, not the fill's):
restart (``restore_s``, articles held in memory), recall of the candidate index against
exact search (the true 30 nearest within the window), placement of new distinct
articles (real texts spliced from two others and really embedded, dated after the
filled period) through ``Engine.ingest_articles`` (``place_p50/p95_ms``: the sequential
placement step — candidates, scoring, store writes — without extraction/embedding),
and the web API on the filled store through the ASGI app in-process (story list, story
page, search p95; a story's first request, which answers without its comparison, and the
time until the builder has stored that comparison), database size.

The lead's embedding, which an ingest does before ``place``, is timed apart
(``embed_lead_*``: one lead per call, wall and CPU; the timed ingest reads its leads from
the cache the parent process filled).

The placement figures are also given in CPU time of the measuring process
(``place_cpu_p95_ms``; ``place_per_cpu_s_p95`` = 1000 / that, the figure the gate
floors, higher is better), because wall times on a shared machine mostly measure the
wait for a core. The placed articles go through the cascade as in a real ingest
(``vectors``: how many were embedded, near-copies, decided by the cascade); their claim
sentences are not embedded (``RASHOMON_CLAIM_VECTORS`` off: not placement work).

Run: python bench/bench_scale.py --articles 100000 [--pg DSN] [--out FILE | --name NAME]
(``--name`` writes bench/results/NAME.json, or under RASHOMON_BENCH_RESULTS for the gate)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, SEMEVAL, CachedEmbedder, write_results
from scale_tools import (
    PlacementProbe,
    copy_store,
    drop_copy,
    embedding_cost,
    free_round,
    is_postgres,
    late_file,
    normalized_bases,
)

START = datetime(2024, 1, 1, tzinfo=UTC)
PREFIXES = ("", "Update: ", "Report: ", "Live: ", "Analysis: ", "Explainer: ", "Wire: ", "")
NOISE = 0.0125  # per-dimension sd of the stored-vector noise: cosine ~0.97 to the real one
NEW_ARTICLES = 100
WEB_REQUESTS = 40
PAGE_STORIES = 10
SEMEVAL_TEXTS = 600  # real SemEval texts used as bases (embedding all 1,600 costs minutes)


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2) if values else float("nan")


def prepared_bases(semeval: int, path: Path = SEMEVAL, limit: int | None = None):
    """Bases with language, facts, signals document, sketch and vector."""
    from rashomon import extract
    from rashomon.cluster.dedup import NearCopyIndex
    from rashomon.cluster.signals import build_signals, embedding_text, signals_document
    from rashomon.embed import get_embedder

    embedder = CachedEmbedder(get_embedder("e5"), "scale")
    articles = normalized_bases(semeval, path, limit)
    vectors = embedder.passages([embedding_text(a) for a in articles])
    embedder.save()
    bases = []
    for article, vector in zip(articles, vectors, strict=True):
        facts = extract.extract_facts(article)
        signals = build_signals(article, facts, vector)
        doc = signals_document(signals)
        sketch = NearCopyIndex.sketch(article.text)
        facts_body = asdict(facts)
        bases.append((article, vector, doc, sketch.to_dict() if sketch else None, facts_body))
    return bases, embedder


def fill(store, n: int, per_day: int, bases: list, embedder, seed: int = 7) -> dict:
    """Insert ``n`` articles in stories of 1-8 reprints of one real text."""
    from rashomon import extract
    from rashomon.cluster.signals import EMBED_KIND
    from rashomon.core.article import content_hash
    from rashomon.pipeline import _signals_version

    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    days = max(1.0, n / per_day)
    sqlite = type(store).__name__ == "SQLiteStore"
    article_sql = (
        "INSERT INTO articles (id, url, canonical_url, source_domain, title, maintext, "
        "date_publish, language, content_hash, story_id, event_id, duplicate_of, ingested_at, "
        "updated_at, raw_format) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'text')")
    event_sql = ("INSERT INTO events (id, story_id, title, start_time, end_time, created_at, "
                 "updated_at) VALUES (?,?,?,?,?,?,?)")
    story_sql = "INSERT INTO stories (id, title, created_at, updated_at) VALUES (?,?,?,?)"
    vector_sql = "INSERT INTO embeddings (article_id, kind, model, vector) VALUES (?,?,?,?)"
    doc_sql = "INSERT INTO {} (article_id, version, body) VALUES (?,?,?)"
    version = _signals_version()
    started = time.perf_counter()
    article_id = story_id = 0
    rows: dict[str, list] = {"a": [], "s": [], "e": [], "v": [], "g": [], "f": []}

    def flush() -> None:
        conn = store.conn
        statements = (("s", story_sql), ("e", event_sql), ("a", article_sql), ("v", vector_sql),
                      ("g", doc_sql.format("signals")), ("f", doc_sql.format("facts")))
        if sqlite:
            with store.lock:
                for key, sql in statements:
                    conn.executemany(sql, rows[key])
                conn.commit()
        else:
            from rashomon.store.postgres import pg_sql

            with store.lock, conn.transaction(), conn.cursor() as cur:
                for key, sql in statements:
                    if rows[key]:
                        cur.executemany(pg_sql(sql), rows[key])
        for key in rows:
            rows[key].clear()

    while article_id < n:
        story_id += 1
        base, vector, doc, sketch, facts = bases[rng.randrange(len(bases))]
        when = START + timedelta(days=days * article_id / n)
        now = when.isoformat(timespec="seconds")
        rows["s"].append((story_id, base.title, now, now))  # one event per story
        rows["e"].append((story_id, story_id, base.title, now,
                          (when + timedelta(days=1)).isoformat(timespec="seconds"), now, now))
        original = None
        for _ in range(min(rng.randint(1, 8), n - article_id)):
            article_id += 1
            outlet = f"outlet{rng.randrange(400)}.example"
            published = when + timedelta(minutes=rng.randrange(24 * 60))
            title = rng.choice(PREFIXES) + base.title
            url = f"https://{outlet}/{story_id}/{article_id}"
            stamp = published.isoformat(timespec="seconds")
            rows["a"].append((article_id, url, url, outlet, title, base.maintext, stamp,
                              base.language, content_hash(title, base.maintext), story_id,
                              story_id, original, now, now))
            noisy = vector + nprng.normal(0, NOISE, vector.shape).astype(np.float32)
            noisy /= np.linalg.norm(noisy)
            rows["v"].append((article_id, EMBED_KIND, embedder.name, noisy.tobytes()))
            body = {"signals": {**doc, "published": published.isoformat(), "title": title},
                    "sketch": sketch}
            rows["g"].append((article_id, version, json.dumps(body, ensure_ascii=False)))
            rows["f"].append((article_id, extract.EXTRACTOR_VERSION,
                              json.dumps({**facts, "article_id": article_id},
                                         ensure_ascii=False)))
            original = original or article_id
        if len(rows["a"]) >= 5000:
            flush()
    flush()
    if not sqlite:  # ids were given explicitly: move the sequences past them
        for table in ("articles", "stories", "events"):
            store.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                          f"(SELECT max(id) FROM {table}))")
    return {"articles": n, "stories": story_id, "days": round(days, 1),
            "base_texts": len(bases), "fill_s": round(time.perf_counter() - started, 1)}


def _say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def measure(db: str, late_path: str, web: int = WEB_REQUESTS) -> dict:
    from fastapi.testclient import TestClient

    from rashomon.cluster.index import ExactIndex
    from rashomon.cluster.online import TIME_WINDOW_DAYS, _timestamp
    from rashomon.cluster.signals import embedding_text
    from rashomon.config import Config
    from rashomon.core import Article
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.store import StoryFilter, open_store
    from rashomon.web.app import create_app
    from rashomon.web.builds import BUILDS

    body = json.loads(Path(late_path).read_text())
    late = [Article(**{**r, "date_publish": datetime.fromisoformat(r["date_publish"])})
            for r in body["late"]]
    words = body["words"]
    embedder = CachedEmbedder(get_embedder("e5"), "scale")
    store = open_store(db)
    engine = Engine(store, embedder=embedder, config=Config(claim_vectors=False))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    engine.ingest_articles([])  # restart as an ingest does (under the writer lock)
    clusterer = engine.clusterer
    if hasattr(clusterer.index, "_flush"):  # the graph takes the restored vectors now,
        clusterer.index._flush()  # not during the first timed placement
    restore_s, restore_cpu = time.perf_counter() - started, time.process_time() - cpu
    _say(f"restored in {restore_s:.1f} s")
    held = len(clusterer.article_story)  # type: ignore[attr-defined]

    # recall of the index vs exact search over the held articles, real queries
    exact = ExactIndex()
    for key, item in clusterer._items.items():  # type: ignore[attr-defined]
        exact.add(key, item.embedding, _timestamp(item.published))
    query_vectors = embedder.passages([embedding_text(a) for a in late])
    hits = total = 0
    search_ms = []
    for article, vector in zip(late, query_vectors, strict=True):
        when = _timestamp(article.date_publish - timedelta(days=1))
        truth = set(exact.search(vector, when, TIME_WINDOW_DAYS, 30))
        t = time.perf_counter()
        found = set(clusterer.index.search(vector, when, TIME_WINDOW_DAYS, 30))
        search_ms.append((time.perf_counter() - t) * 1000)
        hits, total = hits + len(truth & found), total + len(truth)
    del exact

    # placement through the real ingest path, timed per article
    place_ms: list[float] = []
    inner = engine._place

    place_cpu_ms: list[float] = []

    probe = PlacementProbe(store)  # where the wall time goes besides our CPU

    def timed(entry, analysis):
        t, c = time.perf_counter(), time.process_time()
        with probe.placement():
            inner(entry, analysis)
        place_ms.append((time.perf_counter() - t) * 1000)
        place_cpu_ms.append((time.process_time() - c) * 1000)

    _say(f"recall {hits / max(1, total):.3f}")
    engine._place = timed  # type: ignore[method-assign]
    started = time.perf_counter()
    engine.ingest_articles(late)
    ingest_s = time.perf_counter() - started
    _say(f"placed {len(place_ms)} in {ingest_s:.1f} s")

    # web API on the filled store, in-process (ASGI), no background warming
    client = TestClient(create_app(engine, warm=False))
    # the app loads the embedding model in the background as it starts (a server's
    # start-up, not a request's cost): wait for it, so no timed request shares the cores
    # with it (the story list's p95 rose 12 -> 62 ms beside it, a cross-script story
    # page waited for the load)
    from rashomon.extract.linking import load_name_model

    load_name_model()
    rng = random.Random(3)
    top = store.story_page_ids(StoryFilter(), 200, 0)
    total_stories = store.query("SELECT max(id) AS m FROM stories")[0]["m"]
    # a story page's first request links its entities and hands its comparison to the
    # builder: a per-story cost independent of the store size, so few stories, twice each
    pages = min(PAGE_STORIES, max(1, web // 4))  # 10 + the 5 largest at the default
    story_ids = [rng.randrange(1, total_stories) for _ in range(pages)] + top[:(pages + 1) // 2]
    cold_cpu_ms: list[float] = []
    cold_blocks: list[int] = []

    def timed_get(path: str, cold: bool = False) -> float:
        """Wall ms of one request; a cold one also records its CPU ms (all threads of the
        process) and the blocks it read from disk, which tell the wait for a core from
        the wait for the file's pages."""
        t, c = time.perf_counter(), time.process_time()
        blocks = resource.getrusage(resource.RUSAGE_SELF).ru_inblock
        response = client.get(path)
        elapsed = (time.perf_counter() - t) * 1000
        if cold:
            cold_cpu_ms.append((time.process_time() - c) * 1000)
            cold_blocks.append(resource.getrusage(resource.RUSAGE_SELF).ru_inblock - blocks)
        if response.status_code >= 500:
            raise RuntimeError(f"{path}: {response.status_code}")
        return elapsed

    languages = ["", "&language=en", "&language=de", "&language=ru"]
    list_ms = [timed_get(f"/api/stories?limit=20{rng.choice(languages)}")
               for _ in range(web)]
    _say("story list done")
    ready_ms: list[float] = []

    def first_request(story_id: int) -> float:
        """A story's first request (its entities are linked in it, its comparison is
        handed to the builder), then, untimed, the wait until the builder has built the
        comparison (``ready_ms``: from the request to the comparison stored), so the next
        first request does not share the cores with it."""
        started = time.perf_counter()
        elapsed = timed_get(f"/api/stories/{story_id}", cold=True)
        while not BUILDS.idle():
            time.sleep(0.005)
        ready_ms.append((time.perf_counter() - started) * 1000)
        return elapsed

    cold_ms = [first_request(s) for s in story_ids]
    page_ms = [timed_get(f"/api/stories/{s}") for s in story_ids]
    _say("story pages done")
    text_search_ms = [timed_get(f"/api/search?q={rng.choice(words)}")
                      for _ in range(max(1, web // 2))]
    if db.startswith("postgres"):
        size = store.query("SELECT pg_database_size(current_database()) AS s")[0]["s"]
    else:
        size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    result = {
        "restore_s": round(restore_s, 2),
        "restore_cpu_s": round(restore_cpu, 2),
        "held_articles": held,
        "index": type(clusterer.index).__name__,
        "index_recall_at_30": round(hits / max(1, total), 4),
        "index_search_p95_ms": _pct(search_ms, 95),
        "place_p50_ms": _pct(place_ms, 50),
        "place_p95_ms": _pct(place_ms, 95),
        "place_cpu_p95_ms": _pct(place_cpu_ms, 95),
        "place_cpu_p50_ms": _pct(place_cpu_ms, 50),
        "place_per_cpu_s_p95": round(1000 / max(_pct(place_cpu_ms, 95), 1e-3), 2),
        "restore_articles_per_cpu_s": round(held / max(restore_cpu, 1e-3), 1),
        # per placement: the placing thread's wait for a core, time in store calls and
        # their count, the wait at the end of its batch (``end_wait``: the answers still
        # due and the commit), the PostgreSQL backend's CPU and wait (kernel schedstat)
        **probe.figures(_pct),
        "vectors": dict(engine.vectors),
        "placed": len(place_ms),
        "ingest_new_s": round(ingest_s, 1),
        "story_list_p95_ms": _pct(list_ms, 95),
        "story_page_p95_ms": _pct(page_ms, 95),
        "story_page_first_request_p95_ms": _pct(cold_ms, 95),
        "story_page_first_request_p50_ms": _pct(cold_ms, 50),
        "story_page_first_request_cpu_p95_ms": _pct(cold_cpu_ms, 95),
        # the first request answers without the comparison; it is built in the background
        # meanwhile: from the first request until it is stored (what a reader waits for it)
        "story_comparison_ready_p50_ms": _pct(ready_ms, 50),
        "story_comparison_ready_p95_ms": _pct(ready_ms, 95),
        # the figure the gate floors (higher is better): first requests per CPU second
        "story_page_first_per_cpu_s_p95": round(1000 / max(_pct(cold_cpu_ms, 95), 1e-3), 2),
        # in request order; blocks: 512-byte blocks read from disk during the request
        "story_page_first_request_ms": [round(x, 1) for x in cold_ms],
        "story_page_first_request_cpu_ms": [round(x, 1) for x in cold_cpu_ms],
        "story_page_first_request_disk_blocks": cold_blocks,
        "search_p95_ms": _pct(text_search_ms, 95),
        "db_size_mb": round(size / 1e6, 1),
        "peak_rss_mb_before_restore": round(rss_before, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # how the embedder's OpenMP threads wait (spinning costs CPU under load)
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
    }
    result.update(embedding_cost(embedder.inner, late, _pct))
    return result


def fill_store(args) -> tuple[str, Path, dict]:
    """Fill a fresh store and write the articles to place; returns (database, late
    file, fill figures). The fill's record (``<late file>.fill.json``) lets a later run
    measure the same store (``--measure``)."""
    from rashomon.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="rashomon-scale-"))
    db = args.pg or args.db or str(tmp / "scale.db")
    store = open_store(db)
    bases, embedder = prepared_bases(SEMEVAL_TEXTS, Path(args.semeval))
    filled = fill(store, args.articles, args.per_day, bases, embedder)
    store.close()
    print("filled:", filled, flush=True)
    late = (Path(args.db).parent if args.db else tmp) / f"late_{Path(db).name}.json"
    if args.pg:
        late = tmp / "late.json"
    late_file([b[0] for b in bases], embedder,
              START + timedelta(days=args.articles / args.per_day), late, args.new)
    record = Path(f"{late}.fill.json")
    record.write_text(json.dumps({"db": db, "late": str(late), "filled": filled,
                                  "per_day": args.per_day, "new": args.new}) + "\n",
                      encoding="utf-8")
    print("fill record:", record, flush=True)
    return db, late, filled


def reuse_store(args) -> tuple[str, Path, dict]:
    """Copy a filled store (``--reuse``) and write the articles to place into the copy:
    dated from the end of the filled period as ``--measure`` dates them (days = articles
    / ``--per-day``, so a store this benchmark filled gets the same articles), or from its
    latest article when that is over a day later (a store measured in place before).
    A store that holds the new articles of an earlier run (``--measure`` places them in
    place) gets other texts and URLs (``scale_tools.free_round``): the same ones would be
    known articles and nothing would be placed. Returns (the copy, late file, the store's
    figures)."""
    from rashomon.embed import get_embedder
    from rashomon.store import open_store

    copy = copy_store(args.reuse)
    try:
        store = open_store(copy)  # applies migrations the store lacks, to the copy only
        row = store.query("SELECT count(*) AS n, max(date_publish) AS last FROM articles")[0]
        stories = int(store.query("SELECT count(*) AS n FROM stories")[0]["n"])
        round_ = free_round(store)  # a store measured in place holds the first set
        store.close()
        articles, days = int(row["n"]), int(row["n"]) / args.per_day
        end = START + timedelta(days=days)
        latest = datetime.fromisoformat(row["last"]) if row["last"] else end
        latest = latest if latest.tzinfo else latest.replace(tzinfo=UTC)
        if latest > end + timedelta(days=1):
            end = latest
        bases = normalized_bases(SEMEVAL_TEXTS, Path(args.semeval))
        late = Path(tempfile.mkdtemp(prefix="rashomon-late-")) / "late.json"
        late_file(bases, CachedEmbedder(get_embedder("e5"), "scale"), end, late, args.new,
                  round_)
    except BaseException:
        drop_copy(copy)
        raise
    _say(f"measuring a copy of {args.reuse}: {copy}")
    return copy, late, {"articles": articles, "stories": stories, "days": round(days, 1),
                        "base_texts": len(bases), "new_articles_round": round_,
                        "measured_on": f"a copy of {args.reuse} (--reuse), deleted after"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=2000,
                        help="articles per day of the filled period (window = 7 days)")
    parser.add_argument("--pg", help="PostgreSQL DSN of an EMPTY database (default: SQLite)")
    parser.add_argument("--db", help="SQLite file to create (default: a temp file)")
    parser.add_argument("--out", help="JSON result file (default bench/results/scale_N.json)")
    parser.add_argument("--name", help="write bench/results/NAME.json (RASHOMON_BENCH_RESULTS)")
    parser.add_argument("--new", type=int, default=NEW_ARTICLES,
                        help="new distinct articles placed and timed")
    parser.add_argument("--semeval", default=str(SEMEVAL), help="SemEval 2022 dev CSV")
    parser.add_argument("--fill-only", action="store_true",
                        help="fill the store (--db or --pg) and stop; measure later with "
                             "--measure FILL_RECORD (the fill's record, printed at the end)")
    parser.add_argument("--measure", metavar="FILL_RECORD",
                        help="measure a store filled earlier with --fill-only (the store "
                             "changes: the new articles are placed into it)")
    parser.add_argument("--reuse", metavar="STORE",
                        help="measure a copy of a filled store (SQLite file or postgresql:// "
                             "URL; the copy needs as much free disk again): the store stays "
                             "as filled, so it can be measured again, e.g. on a quiet machine")
    parser.add_argument("--web", type=int, default=WEB_REQUESTS,
                        help="story list requests (searches: half, story pages: a quarter, "
                             "at most 10, + the largest stories)")
    parser.add_argument("--measure-only", help=argparse.SUPPRESS)
    parser.add_argument("--late", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:  # the child process
        print(json.dumps(measure(args.measure_only, args.late, args.web)))
        return
    copy = None
    if args.reuse:
        db, late, filled = reuse_store(args)
        copy, args.articles = db, filled["articles"]
    elif args.measure:
        record = json.loads(Path(args.measure).read_text(encoding="utf-8"))
        db, late, filled = record["db"], Path(record["late"]), record["filled"]
        args.articles, args.per_day, args.new = (filled["articles"], record["per_day"],
                                                 record["new"])
    else:
        db, late, filled = fill_store(args)
        if args.fill_only:
            return
    load_before = os.getloadavg()
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--articles", str(args.articles), "--per-day",
             str(args.per_day), "--measure-only", db, "--late", str(late), "--web",
             str(args.web), "--semeval", args.semeval],
            stdout=subprocess.PIPE, text=True, check=False, env={**os.environ})
    finally:
        if copy is not None:
            drop_copy(copy)
            shutil.rmtree(late.parent, ignore_errors=True)
    if child.returncode != 0:
        sys.exit("measurement failed (see its output above)")
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    if not measured["placed"]:  # e.g. every new article already in the store
        sys.exit("measurement failed: no new article was placed")
    result = {
        "benchmark": "scale",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": "postgresql" if is_postgres(db) else "sqlite",
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "stored_vectors": "stored (real e5 vector of the base text + noise) for the bulk; "
                          f"the {args.new} placed articles really embedded unless near-copies "
                          "or decided by the cascade",
        "per_day": args.per_day,
        **filled,
        **measured,
    }
    print(json.dumps(result, indent=2))
    if args.name and not args.out:
        write_results(args.name, result)
        return
    out = Path(args.out) if args.out else RESULTS / f"scale_{args.articles}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
