"""Very large pages are parsed in a child process with a hard time and memory cap.

Why: the in-process time cap (``html._time_cap``) acts between Python steps, so one long
lxml or regex call inside trafilatura runs to its end: a 19 MB one-line page of 300,000
paragraphs once ran 368 s wall (155 s CPU) before its E106 under a 60 s cap, and its
memory had no cap at all. A child process is killed at the cap, whatever it is doing.

Only pages of at least ``ISOLATE_BYTES`` go to a child: a child costs a fork of the parser
server (the server's start, once per process, then a few ms), which ordinary pages need
not pay. Processes that may not have children (Dask's worker processes, the web upload's own
parser child: daemons) parse in-process under the in-process cap, as before.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from rashomon.config import setting
from rashomon.core import Article
from rashomon.errors import ExpansionTooLarge, IngestError, RashomonError

#: Pages this large or larger are parsed in a child process. News article pages run from
#: ~50 KB to ~1 MB with their inline scripts and styles (the largest of our bench and
#: sample pages is 7 KB of text-only HTML), while heavy-DOM pages of 3.9 and 5.6 MB kept
#: the web server's parse busy for minutes and 6.6 s (``web/upload.py``); 1 MB keeps
#: ordinary pages in-process and sends every page of that weight class to a child (a fork
#: of the running parser server: a few ms). Not calibrated on a corpus of real pages (none
#: ships with the project): a reasoned bound, not a measurement.
ISOLATE_BYTES = 1_000_000

_CONTEXT: Any = None  # the multiprocessing context of the parser children
_CONTEXT_LOCK = threading.Lock()


def parser_context() -> Any:
    """forkserver where available (a fork of a small, clean server process: fast, and
    free of this process's threads and locks), else spawn. One per process, shared by the
    web upload parser and the large-page parser."""
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            _CONTEXT = multiprocessing.get_context(
                "forkserver" if "forkserver" in methods else "spawn")
            if "forkserver" in methods:
                _CONTEXT.set_forkserver_preload(["rashomon.ingest"])
        return _CONTEXT


def should_isolate(data: bytes) -> bool:
    """A page this large is parsed in a child, unless this process may have none."""
    if len(data) < ISOLATE_BYTES:
        return False
    import multiprocessing

    return not multiprocessing.current_process().daemon


def caller_settings() -> dict[str, str]:
    """This process's RASHOMON_* environment, for a parser child to adopt."""
    return {k: v for k, v in os.environ.items() if k.startswith("RASHOMON_")}


def adopt_settings(settings: dict[str, str]) -> None:
    """In a child: the caller's RASHOMON_* settings, not the parser server's. A forkserver
    child is a fork of the server, whose environment froze when it started: a caller that
    set RASHOMON_PARSE_SECONDS=0.3 once (then 60 again) had every later large page stopped
    by its child after 0.3 s ("reading the page took longer than 0.3 s")."""
    for name in [k for k in os.environ if k.startswith("RASHOMON_") and k not in settings]:
        del os.environ[name]
    os.environ.update(settings)


def set_memory_cap(memory: int) -> None:
    """In a child: cap the address space (no rlimits on this platform: the time cap holds)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass


def article_in_child(data: bytes, text: str, url: str | None, source: str | None) -> Article:
    """``html.article_from_html`` in a child process capped at RASHOMON_PARSE_SECONDS and
    RASHOMON_PARSE_MEMORY_MB; past either the child is killed and the page gets E106."""
    seconds = float(setting("RASHOMON_PARSE_SECONDS"))
    memory = int(setting("RASHOMON_PARSE_MEMORY_MB")) * 1024 * 1024
    context = parser_context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_html_worker, daemon=True,
                             args=(sender, data, text, url, source, memory, caller_settings()))
    worker.start()
    sender.close()
    try:
        # the child's own in-process cap usually answers first; one second more for the
        # fork and the reply, then the child is killed mid-call
        if not receiver.poll(seconds + 1.0):
            raise ExpansionTooLarge(
                f"reading the page took longer than {seconds:g} s; stopped",
                hint="split the page, or raise RASHOMON_PARSE_SECONDS")
        kind, payload = receiver.recv()
    except (EOFError, OSError):
        raise ExpansionTooLarge(
            "reading the page ran out of its memory cap; stopped",
            hint="split the page, or raise RASHOMON_PARSE_MEMORY_MB") from None
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)
    if kind == "article":
        return payload
    code, message, hint = payload
    raise IngestError(message, hint=hint, code=code)


def _html_worker(sender: Any, data: bytes, text: str, url: str | None, source: str | None,
                 memory: int, settings: dict[str, str]) -> None:
    """In the child (a daemon, so it parses in-process): send back the article or the
    error as plain values (an exception's own pickling would lose its hint)."""
    adopt_settings(settings)
    set_memory_cap(memory)
    from rashomon.ingest.html import article_from_html

    try:
        reply: tuple = ("article", article_from_html(data, text, url=url, source=source))
    except RashomonError as exc:
        reply = ("error", (exc.code, exc.message, exc.hint))
    except MemoryError:
        reply = ("error", ("E106", "reading the page ran out of its memory cap; stopped",
                           "split the page, or raise RASHOMON_PARSE_MEMORY_MB"))
    sender.send(reply)
    sender.close()
