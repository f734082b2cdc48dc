"""Hostile web requests: DNS rebinding (foreign Host), ``Origin: null`` posts, ids and
cursors past the store's integers, impossible dates, XML-invalid characters in titles,
and uploads that would take the server's CPU or memory. Each failed before: Host was
never checked and ``Origin: null`` accepted, ids >= 2^63 and huge offsets gave 500,
``since=2025-13-45`` was accepted, a \\x01 made the Atom feed ill-formed, and uploads were
parsed on the event loop without a cap."""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.dom.minidom
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.config import Config
from rashomon.core import Article
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.web import create_app
from rashomon.web.upload import parse_bounded

LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, langid):
    store = SQLiteStore(tmp_path_factory.mktemp("hostile-web") / "web.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest_articles([Article(
        title="Valencia floods\x01 leave 40 rescued\x00",
        maintext="Heavy rain flooded the streets of Valencia on Tuesday\x0b; the regional "
                 "emergency service said 40 people were rescued from their cars.",
        url="https://news.example/valencia", language="en")])
    store.add_watchlist("floods\x02 watch", "Valencia", [], [])
    yield engine
    store.close()


def _client(engine, host="127.0.0.1", base_url="http://127.0.0.1", api_token=""):
    config = Config(db=":memory:", api_token=api_token, read_token="",
                    allow_private_urls=False, upload_limit=200_000, web_warm=False)
    return TestClient(create_app(engine, config=config, host=host, warm=False),
                      client=LOCAL, base_url=base_url, raise_server_exceptions=False)


def test_a_foreign_host_is_refused_on_a_loopback_server(engine):
    assert _client(engine, base_url="http://evil.example").get("/api/stories").status_code \
        == 403
    for ok in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        assert _client(engine, base_url=ok).get("/api/stories").status_code == 200


def test_the_allowed_hosts_setting_replaces_the_default(engine, monkeypatch):
    monkeypatch.setenv("RASHOMON_ALLOWED_HOSTS", "news.internal")
    assert _client(engine, base_url="http://news.internal").get("/").status_code == 200
    assert _client(engine, base_url="http://127.0.0.1").get("/").status_code == 403


def test_origin_null_and_foreign_origins_cannot_post(engine):
    client = _client(engine, api_token="tk")
    for origin in ("null", "https://evil.example"):
        response = client.post("/api/articles", json={"title": "x", "maintext": "y"},
                               headers={"Origin": origin, "Authorization": "Bearer tk"})
        assert response.status_code == 403, origin
    csrf = client.app.state.rashomon.csrf
    page = client.post("/ingest", data={"csrf": csrf, "token": "tk", "url": "ftp://x"},
                       headers={"Origin": "null"})
    assert page.status_code == 403
    same_site = client.post("/ingest", data={"csrf": csrf, "token": "tk", "url": "ftp://x"},
                            headers={"Origin": "http://127.0.0.1"})
    assert same_site.status_code == 400  # past the origin check: the address is refused


def test_ids_past_the_store_integers_and_huge_cursors_are_4xx(engine):
    client = _client(engine)
    huge = str(2**63)
    for path in (f"/api/stories/{huge}", f"/api/articles/{huge}", f"/stories/{huge}",
                 f"/api/watchlists/{huge}", f"/articles/{huge}", f"/api/stories/{2**70}/report",
                 f"/watchlists/{huge}/atom.xml"):
        status = client.get(path).status_code
        assert 400 <= status < 500, (path, status)
    cursor = base64.urlsafe_b64encode(f"o:{10**30}".encode()).decode().rstrip("=")
    for path in ("/api/stories", "/api/search?q=Valencia"):
        joiner = "&" if "?" in path else "?"
        status = client.get(f"{path}{joiner}cursor={cursor}").status_code
        assert 400 <= status < 500, (path, status)


def test_impossible_dates_are_refused(engine):
    client = _client(engine)
    assert client.get("/api/stories", params={"since": "2025-13-45"}).status_code == 400
    assert client.get("/api/stories", params={"until": "2025-02-30"}).status_code == 400
    assert client.get("/api/stories", params={"since": "2025-02-28"}).status_code == 200


def test_feeds_and_pages_carry_no_xml_invalid_characters(engine):
    client = _client(engine)
    watchlist = engine.store.list_watchlists()[0]["id"]
    feed = client.get(f"/watchlists/{watchlist}/atom.xml")
    assert feed.status_code == 200
    xml.dom.minidom.parseString(feed.content)  # well-formed
    story = client.get("/api/stories").json()["stories"][0]["id"]
    page = client.get(f"/stories/{story}").content
    assert b"Valencia floods leave 40 rescued" in page
    assert not any(byte in page for byte in (b"\x00", b"\x01", b"\x0b"))


def test_an_upload_past_the_time_cap_is_stopped_and_the_server_answers(monkeypatch):
    parse_bounded(b"warm-up", "start.txt", None)  # the parser's server process starts once
    monkeypatch.setenv("RASHOMON_PARSE_SECONDS", "0.01")
    page = b"<html><body>" + b"<div>" * 20_000 + b"text" + b"</div>" * 20_000 + b"</body></html>"
    started = time.monotonic()
    [item] = parse_bounded(page, "deep.html", None)
    assert item.error is not None and item.error.code == "E106"
    assert time.monotonic() - started < 10


def test_an_upload_past_the_memory_cap_is_stopped(monkeypatch):
    monkeypatch.setenv("RASHOMON_PARSE_MEMORY_MB", "64")  # below what the parser needs
    page = b"<html><body><p>" + b"Valencia floods. " * 100_000 + b"</p></body></html>"
    [item] = parse_bounded(page, "big.html", None)
    assert item.error is not None and item.error.code == "E106"


def test_an_upload_within_the_caps_is_read_in_the_worker():
    page = (b"<html><head><title>Genoa harbour reopens</title></head><body><article><p>The "
            b"harbour of Genoa reopened on Monday after the storm that closed it for three "
            b"days, the port authority said.</p></article></body></html>")
    [item] = parse_bounded(page, "genoa.html", "https://news.example/genoa")
    assert item.error is None and item.article.title == "Genoa harbour reopens"
    [bad] = parse_bounded(b"", "empty.txt", None)
    assert bad.error.code == "E101" and bad.error.hint


def test_a_trickling_server_cannot_hold_a_fetch_past_the_deadline(monkeypatch):
    """One byte every 0.2 s never trips a per-read timeout; the total deadline stops it
    (before, this fetch took the server's full 20 s and more)."""
    import http.server
    import socketserver
    import threading

    from rashomon.errors import FetchFailed
    from rashomon.web.fetch import fetch

    class Trickle(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("RASHOMON_FETCH_SECONDS", "2")
    started = time.monotonic()
    try:
        with pytest.raises(FetchFailed):
            fetch(f"http://127.0.0.1:{server.server_address[1]}/slow", True, 1_000_000)
    finally:
        server.shutdown()
        server.server_close()
    assert time.monotonic() - started < 8


def _descendants(pid: int, depth: int = 1) -> set[int]:
    """Live processes at least ``depth`` generations below ``pid``: at depth 1 the
    multiprocessing helpers (the upload parser's forkserver, the resource tracker), at
    depth 2 the parse workers the forkserver forks."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":  # zombies have exited
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier, level = set(), {pid}, 0
    while frontier:
        level += 1
        frontier = {child for child, parent in parents.items() if parent in frontier}
        if level >= depth:
            found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_sigterm_during_an_upload_parse_stops_the_server_cleanly(tmp_path):
    """``rashomon serve`` gets SIGTERM while a worker parses an upload that takes ~30 s
    (a 50,000-row table): the server exits 0 within its 10 s grace period plus start-up
    slack, prints no traceback, and leaves no parser process behind. Before, the parse ran
    on the event loop and the server ignored SIGTERM for over ten minutes."""
    db = tmp_path / "serve.db"
    SQLiteStore(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "RASHOMON_API_TOKEN": "t0k",
           "RASHOMON_PARSE_SECONDS": "600", "RASHOMON_WEB_WARM": "0"}
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; from rashomon.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "serve", "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # listening?
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None, server.communicate()
            time.sleep(0.2)
        page = (b"<html><body><table>" + b"<tr><td><span><b>x</b></span></td><td>y</td></tr>"
                * 50_000 + b"</table></body></html>")
        boundary = "rashomon-test-boundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"table.html\"\r\nContent-Type: text/html\r\n\r\n").encode() + \
            page + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/articles", data=body, method="POST",
            headers={"Authorization": "Bearer t0k",
                     "Content-Type": f"multipart/form-data; boundary={boundary}"})

        def post() -> None:
            # the server goes away mid-request: that is the point
            with contextlib.suppress(OSError, urllib.error.URLError):
                urllib.request.urlopen(request, timeout=120).read()

        threading.Thread(target=post, daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _descendants(server.pid, depth=2):
            time.sleep(0.1)  # the upload is being parsed in a worker
        assert _descendants(server.pid, depth=2), "the upload never reached a parse worker"
        time.sleep(1)  # well into the parse
        children = _descendants(server.pid)
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        _out, err = server.communicate(timeout=60)
        seconds = time.monotonic() - started
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    # The signal stops the parse at once (serve_cmd.py), the request ends with E106 and
    # the server exits: measured ~1 s. 8 s leaves room for a loaded machine and stays under
    # the 10 s grace period uvicorn would otherwise wait; the parse alone runs ~30 s and, on
    # the event loop as before, the server never stopped at all.
    assert seconds < 8, seconds
    # uvicorn re-raises the signal once it has shut down: exit status "terminated"
    assert server.returncode in (0, -signal.SIGTERM), err
    assert "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in children):
        time.sleep(0.2)
    left = [p for p in children if _alive(p)]
    assert not left, f"parser processes left behind: {left}"


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
