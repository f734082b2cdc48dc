"""End-to-end throughput: articles/s through read -> clean -> language -> extract -> embed
-> cluster -> store on this machine, and peak memory, over >= 1,000 articles.

Volume comes from variants of the bundled sample corpus: each variant is a new article
(new outlet URL, publish time shifted by whole weeks, sentences rotated, a new headline
prefix), written as JSONL records (2/3) and as HTML pages with navigation boilerplate
(1/3), so the HTML extractor, the language identifier and the embedder all do their full
work. The language field is left out so language identification runs.

Run: .venv/bin/python bench/bench_throughput.py [--articles 1200]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS, skip, write_results

HEADLINE_PREFIX = ("Update: ", "Analysis: ", "Report: ", "Live: ", "Explainer: ", "")
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{published}"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Share this article. Subscribe to our newsletter. Leave a Reply</footer></body></html>
"""


class Timed:
    """Wraps a stage object and accumulates the wall time of its calls."""

    def __init__(self, inner, methods: tuple[str, ...]):
        self._inner, self._methods, self.seconds = inner, methods, 0.0

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if name not in self._methods:
            return attr

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1200)
    args = parser.parse_args()
    if not CORPUS.exists():
        skip("sample corpus not found")
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.registry import create
    from rashomon.store import SQLiteStore

    articles = source_articles()
    if not articles:
        skip("sample corpus is empty")
    tmp = Path(tempfile.mkdtemp(prefix="rashomon-throughput-"))
    (tmp / "in").mkdir()
    count = write_variants(articles, args.articles, tmp / "in")

    embedder = Timed(get_embedder("e5"), ("passages",))
    langid = Timed(create("langid", "lingua"), ("detect",))
    engine = Engine(SQLiteStore(tmp / "t.db"), embedder=embedder, langid=langid)
    engine.embedder.passages(["warm-up"])  # model load is not part of the per-article rate
    embedder.seconds = 0.0
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    results = engine.ingest([str(tmp / "in")])
    elapsed = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    copies = sum(1 for r in results if r.duplicate_of is not None)
    figures = {
        "articles": count,
        "source_articles": len(articles),
        "seconds": round(elapsed, 2),
        "articles_per_second": round(count / elapsed, 2),
        "embed_seconds": round(embedder.seconds, 2),
        "langid_seconds": round(langid.seconds, 2),
        "other_seconds": round(elapsed - embedder.seconds - langid.seconds, 2),
        "statuses": statuses,
        "linked_as_near_copies": copies,
        "stories": engine.store.count_stories(),
        "peak_rss_mb_before_ingest": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    for key, value in figures.items():
        print(f"{key:28s} {value}")
    write_results("throughput", figures)


if __name__ == "__main__":
    main()
