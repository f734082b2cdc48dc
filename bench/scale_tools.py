"""Helpers of bench_scale.py: the real texts it is built from and the new articles it
places, measuring a copy of a filled store (``--reuse``), and where a placement's wall
time goes.

A copy, because measuring places new articles into the store (and may merge stories):
the filled store stays as it was, so the same store can be measured again — e.g. once
under load and once on a quiet machine — from the same state, without refilling it
(15-30 minutes at 1,000,000 articles). PostgreSQL copies with ``CREATE DATABASE ...
TEMPLATE`` (file copy, no WAL), SQLite with its backup API.
"""

from __future__ import annotations

import json
import random
import re
import resource
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from common import CORPUS, SEMEVAL, title_first_line

HELDOUT = Path(__file__).resolve().parent / "heldout" / "corpus"
EMBED_SAMPLE = 20  # new articles' leads embedded once more, timed one by one


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def _database(dsn: str) -> tuple[str, object]:
    parts = urlsplit(dsn)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):  # it goes into SQL as an identifier
        raise SystemExit(f"--reuse: database name {name!r} is not a plain identifier")
    return name, parts


def copy_store(db: str) -> str:
    """A copy of the store ``db`` (SQLite path or ``postgresql://`` URL); returns where."""
    if is_postgres(db):
        import psycopg

        name, parts = _database(db)
        target = f"{name}_measure"
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")),
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}"')  # left by a killed run
            # FILE_COPY (PostgreSQL 15+; the only way before): copies the files instead of
            # writing every page through the WAL (WAL_LOG, 15's default), ~1 min at 10 GB
            strategy = " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
            try:
                conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{name}"{strategy}')
            except psycopg.errors.ObjectInUse as exc:
                raise SystemExit(f"--reuse: {exc} (PostgreSQL copies a database only "
                                 "while no one else is connected to it)") from None
        return urlunsplit(parts._replace(path=f"/{target}"))
    if not Path(db).is_file():
        raise SystemExit(f"--reuse: no SQLite store at {db}")
    scratch = Path(tempfile.mkdtemp(prefix="rashomon-measure-", dir=Path(db).resolve().parent))
    target = scratch / Path(db).name
    source, copy = sqlite3.connect(db), sqlite3.connect(target)
    try:
        source.backup(copy)  # consistent, the WAL's committed pages included
    finally:
        copy.close()
        source.close()
    return str(target)


def drop_copy(copy: str) -> None:
    """Delete a copy made by ``copy_store``."""
    if is_postgres(copy):
        import psycopg

        name, parts = _database(copy)
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")),
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        return
    shutil.rmtree(Path(copy).parent, ignore_errors=True)


def _schedstat(path: str) -> tuple[float, float] | None:
    """(ms on a CPU, ms waiting in the run queue for one) of a thread or process, from the
    kernel's scheduler statistics; None where they are not readable."""
    try:
        on_cpu, waiting, _ = Path(path).read_text().split()
    except (OSError, ValueError):
        return None
    return int(on_cpu) / 1e6, int(waiting) / 1e6


class PlacementProbe:
    """Splits each placement's wall time: CPU of the placing thread (``thread_cpu``; the
    process's CPU time counts its other threads too), its wait for a core,
    time inside store calls (their statements' round trips), the wait at the end of the
    placement's ``Store.batch`` (``end_wait``: for the answers of the statements still
    running and the commit) and, on PostgreSQL, the server backend's CPU and run-queue
    wait during the placement. Store calls are counted by wrapping the store object's own
    ``query``/``execute``/``transaction``/``batch``."""

    def __init__(self, store):
        self.store_ms, self.statements, self._depth = 0.0, 0, 0
        self.end_wait_ms = 0.0
        pid = getattr(getattr(getattr(store, "conn", None), "info", None), "backend_pid", None)
        self._server = f"/proc/{pid}/schedstat" if pid else None
        self.parts: dict[str, list[float]] = {k: [] for k in (
            "thread_cpu", "wait", "store", "end_wait", "statements", "server_cpu",
            "server_wait")}
        for name in ("query", "execute"):
            setattr(store, name, self._clocked(getattr(store, name)))
        batch = store.batch

        @contextmanager
        def timed_batch():
            with batch():
                yield
                ended = time.perf_counter()
            self.end_wait_ms += (time.perf_counter() - ended) * 1000

        store.batch = timed_batch
        inner = store.transaction

        @contextmanager
        def transaction():
            with self._clock(), inner() as run:
                def counted(sql, params=()):
                    self.statements += 1
                    return run(sql, params)

                yield counted

        store.transaction = transaction

    @contextmanager
    def _clock(self):
        self._depth += 1
        started = time.perf_counter()
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth:  # a call inside another is in the outer one's time
                self.store_ms += (time.perf_counter() - started) * 1000

    def _clocked(self, fn):
        def call(*args, **kwargs):
            self.statements += 1
            with self._clock():
                return fn(*args, **kwargs)
        return call

    def _read(self) -> tuple:
        # The thread's CPU from its own clock: schedstat's on-CPU figure of a running thread
        # is only brought up to date at a scheduler tick or switch, so a placement shorter
        # than a tick read 0 ms on a quiet machine; its run-queue wait stays from schedstat.
        sched = _schedstat("/proc/thread-self/schedstat")
        own = (time.thread_time_ns() / 1e6, sched[1]) if sched else None
        return (own, self.store_ms, self.statements,
                _schedstat(self._server) if self._server else None, self.end_wait_ms)

    @contextmanager
    def placement(self):
        before = self._read()
        yield
        after = self._read()
        if before[0] and after[0]:  # the process's CPU time also counts other threads
            self.parts["thread_cpu"].append(after[0][0] - before[0][0])
            self.parts["wait"].append(after[0][1] - before[0][1])
        self.parts["store"].append(after[1] - before[1])
        self.parts["statements"].append(after[2] - before[2])
        self.parts["end_wait"].append(after[4] - before[4])
        if before[3] and after[3]:
            self.parts["server_cpu"].append(after[3][0] - before[3][0])
            self.parts["server_wait"].append(after[3][1] - before[3][1])

    def figures(self, pct) -> dict:
        """p50/p95 and mean of each part (``pct(values, q)``), in ms; statements per
        placement as mean and p95."""
        out: dict = {}
        for key, values in self.parts.items():
            if not values:
                continue
            name = "place_statements" if key == "statements" else f"place_{key}_ms"
            out[f"{name}_p50"] = pct(values, 50)
            out[f"{name}_p95"] = pct(values, 95)
            out[f"{name}_mean"] = round(sum(values) / len(values), 2)
        return out


def embedding_cost(raw, late: list, pct) -> dict:
    """What embedding one new article's lead costs, the step before ``place`` that the
    timed ingest skips (its leads come from the cache): ``EMBED_SAMPLE`` leads, one call
    each, after one untimed call that loads the model. Measured after ``peak_rss_mb``, so
    that figure stays comparable with earlier runs; ``peak_rss_mb_with_embedder`` is the
    process with the model loaded too."""
    from rashomon.cluster.signals import embedding_text

    texts = [embedding_text(a) for a in late[:EMBED_SAMPLE + 1]]
    raw.passages(texts[:1])
    wall, cpu = [], []
    for text in texts[1:]:
        t, c = time.perf_counter(), time.process_time()
        raw.passages([text])
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {"embed_lead_p50_ms": pct(wall, 50), "embed_lead_p95_ms": pct(wall, 95),
            "embed_lead_cpu_p50_ms": pct(cpu, 50), "embed_lead_cpu_p95_ms": pct(cpu, 95),
            "embed_leads_timed": len(wall),
            "peak_rss_mb_with_embedder":
                round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


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


def normalized_bases(semeval: int, path: Path = SEMEVAL, limit: int | None = None) -> list:
    """The base articles (the first ``limit``) cleaned and with their language, as an
    ingest sees them."""
    from rashomon.config import Config
    from rashomon.registry import create
    from rashomon.scale.work import normalize

    langid = create("langid", Config().langid)
    articles = base_articles(semeval, path)[:limit]
    for article in articles:
        normalize(article, langid)
    return articles


def new_articles(bases: list, end: datetime, count: int, round_: int = 0) -> list:
    """Distinct articles dated after the filled period: the title and first half of one
    real text joined to the second half of another of the same language (``bases``: the
    normalized base articles). ``round_`` 0 gives the set every earlier run placed; a later
    round (``free_round``) other texts and URLs, for a store that holds an earlier set."""
    from rashomon.core import Article

    rng = random.Random(11 + round_)
    by_language: dict[str, list] = {}
    for base in bases:
        by_language.setdefault(base.language or "", []).append(base)
    pools = [p for p in by_language.values() if len(p) > 1]
    made = []
    for i in range(count):
        a, b = rng.sample(rng.choice(pools), 2)
        text = a.maintext[: len(a.maintext) // 2] + "\n" + b.maintext[len(b.maintext) // 2:]
        made.append(Article(title=a.title, maintext=text, language=a.language,
                            url=late_url(i, round_), source_domain=f"late{i}.example",
                            date_publish=end + timedelta(minutes=7 * i)))
    return made


def late_url(i: int, round_: int = 0) -> str:
    """URL of the ``i``-th new article of a round (round 0: the URLs of every earlier run)."""
    return f"https://late{i}.example/new/{i}" if not round_ else \
        f"https://late{i}.example/new/{round_}/{i}"


def free_round(store) -> int:
    """The first round of new articles (``new_articles``) not yet in ``store``: a store
    measured in place (``--measure``) holds round 0, and placing the same URLs again
    places nothing (they are known articles)."""
    round_ = 0
    while store.find_article(late_url(0, round_), ""):  # (canonical URL: indexed)
        round_ += 1
    return round_


def late_file(bases: list, embedder, end: datetime, path: Path,
              count: int = 100, round_: int = 0) -> None:
    """Write the articles to place (dated from ``end`` on) and the search words for the
    measuring process (so it loads nothing it would not load in a real run), embedding
    them into the cache. ``bases``: the normalized base articles; ``round_``: which set
    (``new_articles``)."""
    from rashomon.cluster.signals import embedding_text
    from rashomon.config import Config
    from rashomon.registry import create
    from rashomon.scale.work import normalize

    late = new_articles(bases, end, count, round_)
    langid = create("langid", Config().langid)
    for article in late:  # as the ingest will: the embedded text is the cleaned one
        normalize(article, langid)
    embedder.passages([embedding_text(a) for a in late])
    embedder.save()
    words = sorted({w for b in bases for w in b.title.split() if len(w) >= 5})
    rows = [{"title": a.title, "maintext": a.maintext, "language": a.language, "url": a.url,
             "source_domain": a.source_domain, "date_publish": a.date_publish.isoformat()}
            for a in late]
    path.write_text(json.dumps({"late": rows, "words": words}, ensure_ascii=False))
