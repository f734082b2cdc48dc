"""What the Chromium test modules share: Debian's browser and the skip mark when it is
absent, a uvicorn server over a freshly ingested store on a free loopback port, and one
headless page (Playwright driving /usr/bin/chromium)."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from rashomon.config import Config
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.web import create_app, views

CHROMIUM = Path("/usr/bin/chromium")
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    engine: Engine
    store: SQLiteStore
    server: object  # uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.store.close()


def serve(db: Path, paths: list[str], embedder, langid, refresh: bool = True) -> Served:
    """uvicorn serving a store with ``paths`` ingested (indexes built up front when
    ``refresh``), on a free loopback port."""
    import uvicorn

    store = SQLiteStore(db)
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest(paths)
    if refresh:
        views.refresh_indexes(engine)
    config = Config(db=store.path, api_token="", read_token="", web_warm=False)
    app = create_app(engine, config=config, host="127.0.0.1", warm=False)
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    return Served(engine, store, uv, thread, f"http://127.0.0.1:{port}")


@contextmanager
def chromium_page(timeout_ms: int):
    """One headless Chromium page, 1200 x 900, ``timeout_ms`` for each action."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
        page.set_default_timeout(timeout_ms)
        yield page
        browser.close()
