"""A page of ``isolated.ISOLATE_BYTES`` or more is read in a child process with a hard time
and memory cap; smaller pages, and daemon processes, read in-process as before."""

from __future__ import annotations

import time

from rashomon.ingest import isolated, read_bytes


def _page(paragraphs: int) -> bytes:
    body = "".join(
        f"<p>Akapit {i}: Wojewoda opolski poinformował w niedzielę, że z zalanych terenów "
        f"ewakuowano ponad dwa tysiące mieszkańców, a straż pożarna pracuje bez przerwy.</p>"
        for i in range(paragraphs))
    return (f"<html><head><title>Powódź na Śląsku | Kurier</title></head><body><article>"
            f"<h1>Powódź na Śląsku</h1>{body}</article></body></html>").encode()


def test_a_large_page_reads_the_same_in_a_child():
    page = _page(9000)  # ~1.3 MB
    assert len(page) >= isolated.ISOLATE_BYTES and isolated.should_isolate(page)
    [item] = read_bytes(page, "powodz.html")
    assert item.error is None
    assert item.article.title == "Powódź na Śląsku"
    assert "Akapit 8999" in item.article.text


def test_the_child_holds_the_memory_cap_the_process_itself_has_not(monkeypatch):
    """In-process, this page parses in a few hundred MB; the child is capped at 60 MB of
    address space, so it cannot even start the parse: E106, and the caller goes on."""
    monkeypatch.setenv("RASHOMON_PARSE_MEMORY_MB", "60")
    started = time.monotonic()
    [item] = read_bytes(_page(9000), "powodz.html")
    assert item.error is not None and item.error.code == "E106"
    assert "RASHOMON_PARSE_MEMORY_MB" in item.error.hint
    assert time.monotonic() - started < 30
    [small] = read_bytes(_page(20), "krotki.html")  # under the size: in-process, no cap
    assert small.error is None and small.article.title == "Powódź na Śląsku"


def test_a_page_past_the_time_cap_in_the_child_is_stopped(monkeypatch):
    monkeypatch.setenv("RASHOMON_PARSE_SECONDS", "1")  # the page takes ~3-5 s to read
    started = time.monotonic()
    [item] = read_bytes(_page(16000), "powodz.html")
    assert item.error is not None and item.error.code == "E106"
    assert time.monotonic() - started < 10


def test_small_pages_stay_in_process():
    assert not isolated.should_isolate(_page(20))


def test_the_child_reads_with_the_callers_settings_not_the_servers(monkeypatch):
    """The parser server is forked once and keeps the environment it started with: after
    a caller had RASHOMON_PARSE_SECONDS=0.3 once (a test, a long-running process changing
    its settings), every later large page was stopped by its child after 0.3 s, whatever
    the setting then said."""
    import multiprocessing.forkserver as forkserver

    isolated.parser_context()
    forkserver._forkserver._stop()  # the next child starts a fresh server, under 0.3
    monkeypatch.setenv("RASHOMON_PARSE_SECONDS", "0.3")
    forkserver.ensure_running()
    monkeypatch.setenv("RASHOMON_PARSE_SECONDS", "60")
    [item] = read_bytes(_page(9000), "powodz.html")
    assert item.error is None, item.error
    assert item.article.title == "Powódź na Śląsku"
