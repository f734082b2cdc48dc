"""Uploads and fetched pages are parsed in a worker process, never in the server.

Why: parsing is CPU-bound library code (trafilatura/lxml on the page, feedparser, warcio)
whose time and memory depend on the input. On the event loop a 5.6 MB heavy-DOM page
blocked every read for 6.6 s and a 3.9 MB one kept the server at 100% CPU for over ten
minutes, deaf to SIGTERM; an 8.5 MB .warc.gz upload took it from 309 MB to 3.1 GB. Here
each upload is read by a child process with an address-space cap
(RASHOMON_PARSE_MEMORY_MB) and a time cap (RASHOMON_PARSE_SECONDS); past either the
child is killed and the upload gets E106, and the server never noticed.
"""

from __future__ import annotations

import time
from typing import Any

from rashomon.config import setting
from rashomon.errors import ExpansionTooLarge, IngestError, RashomonError
from rashomon.ingest import read_bytes
from rashomon.ingest.isolated import (
    adopt_settings,
    caller_settings,
    parser_context,
    set_memory_cap,
)
from rashomon.ingest.readers import ReadItem

#: Counts server shutdowns (SIGTERM): a parse under way when it moves is abandoned at
#: once instead of holding the exit for up to RASHOMON_PARSE_SECONDS.
_SHUTDOWNS = [0]


def shutting_down() -> None:
    _SHUTDOWNS[0] += 1


def parse_bounded(data: bytes, name: str, url: str | None) -> list[ReadItem]:
    """Read the bytes in a child process capped at RASHOMON_PARSE_MEMORY_MB of address
    space and RASHOMON_PARSE_SECONDS of time; past either the child is killed and the
    upload gets error E106, the server goes on."""
    seconds = float(setting("RASHOMON_PARSE_SECONDS"))
    memory = int(setting("RASHOMON_PARSE_MEMORY_MB")) * 1024 * 1024
    context = parser_context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_parse_worker, daemon=True,
                             args=(sender, data, name, url, memory, caller_settings()))
    worker.start()
    sender.close()
    try:
        deadline, shutdowns = time.monotonic() + seconds, _SHUTDOWNS[0]
        while not receiver.poll(min(0.25, max(0.0, deadline - time.monotonic()))):
            if _SHUTDOWNS[0] != shutdowns or time.monotonic() >= deadline:
                why = "the server is shutting down" if _SHUTDOWNS[0] != shutdowns else \
                    f"reading the upload took longer than {seconds:g} s"
                return [ReadItem(name, error=ExpansionTooLarge(
                    f"{why}; stopped", hint="split the file, or raise RASHOMON_PARSE_SECONDS"))]
        rows = receiver.recv()
    except (EOFError, OSError):
        return [ReadItem(name, error=ExpansionTooLarge(
            "reading the upload ran out of its memory cap; stopped",
            hint="split the file, or raise RASHOMON_PARSE_MEMORY_MB"))]
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)
    return [ReadItem(source, article=article, error=_error_from_row(error))
            for source, article, error in rows]


def _error_from_row(row: tuple[str, str, str | None, int] | None) -> RashomonError | None:
    if row is None:
        return None
    code, message, hint, status = row
    error = IngestError(message, hint=hint, code=code)
    error.http_status = status
    return error


def _parse_worker(sender: Any, data: bytes, name: str, url: str | None, memory: int,
                  settings: dict[str, str]) -> None:
    """In the child: the server's settings, cap the address space, read, send back plain
    rows (an exception's own pickling would lose its hint)."""
    adopt_settings(settings)
    set_memory_cap(memory)
    try:
        rows = [(item.source, item.article, None if item.error is None else (
            item.error.code, item.error.message, item.error.hint,
            getattr(item.error, "http_status", 400)))
            for item in read_bytes(data, name, url=url)]
    except MemoryError:
        rows = [(name, None, ("E106", "reading the upload ran out of its memory cap",
                              "split the file, or raise RASHOMON_PARSE_MEMORY_MB", 413))]
    try:
        sender.send(rows)
        sender.close()
    except OSError:  # the server stopped waiting (time cap, shutdown): nobody to answer
        pass
