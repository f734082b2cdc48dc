"""HTML pages: main text via trafilatura (no menus, cookie banners, comment widgets or
share bars), times and canonical URL via ``pagemeta``."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rashomon.config import setting
from rashomon.core import Article
from rashomon.errors import EmptyInput, ExpansionTooLarge, MalformedInput
from rashomon.ingest.deep import flattened, too_deep
from rashomon.ingest.fields import (
    DERIVED_ORIGINS,
    implausible_time,
    parse_datetime,
    publish_confidence,
    source_domain,
)
from rashomon.ingest.pagemeta import read_page_meta
from rashomon.ingest.pagetitle import clean_title

log = logging.getLogger(__name__)


#: trafilatura deletes non-printable characters, zero-width (non-)joiners included, which
#: glues Persian words together ("کاروان‌های" -> "کاروانهای"). Printable runic
#: punctuation, which no news page uses, carries them through extraction instead.
_PROTECT = {"\u200c": "\u16ed", "&zwnj;": "\u16ed", "\u200d": "\u16eb", "&zwj;": "\u16eb"}
_RESTORE = str.maketrans({"\u16ed": "\u200c", "\u16eb": "\u200d"})


def _protect_joiners(text: str) -> str:
    if "\u16ed" in text or "\u16eb" in text:  # the stand-ins are in use: leave as is
        return text
    for joiner, stand_in in _PROTECT.items():
        text = text.replace(joiner, stand_in)
    return text


def _restore_joiners(meta: dict) -> dict:
    return {k: v.translate(_RESTORE) if isinstance(v, str) else v for k, v in meta.items()}


def _extract(text: str, url: str | None, precision: bool) -> dict | None:
    """trafilatura's main text and metadata as a dict, None when it finds no text."""
    import trafilatura

    text = _protect_joiners(text)
    try:
        doc = trafilatura.bare_extraction(
            text,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=precision,
            favor_recall=not precision,
        )
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        raise MalformedInput(f"the HTML could not be parsed: {exc}") from exc
    if doc is None:
        return None
    meta = _restore_joiners(doc.as_dict() if hasattr(doc, "as_dict") else dict(doc))
    return meta if (meta.get("text") or "").strip() else None


def _drop_title_line(body: str, title: str) -> str:
    """trafilatura often repeats the <h1> as the first line; the title is kept apart."""
    first, _, rest = body.partition("\n")
    if title and first.strip().casefold() == title.strip().casefold() and rest.strip():
        return rest.strip()
    return body


class _PageTimeout(BaseException):
    """Raised by the page's time cap; a BaseException, so that no library's ``except
    Exception`` (ours in ``_extract`` included) takes it for a parse error."""


@contextmanager
def _time_cap(seconds: float) -> Iterator[None]:
    """RASHOMON_PARSE_SECONDS on one page's extraction, on any thread. trafilatura's time
    grows with the page's elements: a 19 MB page of 250,000 paragraphs held `rashomon
    ingest` for over 15 minutes (the web's upload parser already stopped it at 60 s).
    On the main thread a timer signal stops it; on any other thread (a Dask worker's task
    thread, an application calling ``Engine.ingest`` from a thread of its own), where no
    signal can be had, a timer thread raises the same exception in the parsing thread.
    Both act between two steps of Python code, so both stop trafilatura's element loops."""
    if seconds <= 0:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _signal_cap(seconds):
            yield
    else:
        with _thread_cap(seconds):
            yield


#: How often an expired cap is sent again: Python runs a signal handler (and raises an
#: exception sent to a thread) in whatever code runs at that moment, a weakref callback or
#: ``__del__`` of a garbage collection included, which swallows it; one shot then left the
#: page running on (seen after a Dask run: a 2.7 s page read whole under a 0.3 s cap).
RESEND_SECONDS = 0.05


@contextmanager
def _signal_cap(seconds: float) -> Iterator[None]:
    running = [True]  # set False first thing at the end: no raise after it

    def expire(signum, frame) -> None:
        if running[0]:
            raise _PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, RESEND_SECONDS)
    try:
        yield
    finally:
        running[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Have ``exception`` raised in that thread at its next step of Python code (None:
    withdraw one not raised yet)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), None if exception is None else ctypes.py_object(exception))


@contextmanager
def _thread_cap(seconds: float) -> Iterator[None]:
    """The cap off the main thread: a watcher thread sends the exception when the time is
    up, and again until the block is over. ``guard`` orders it with the block's end: once
    ``running`` is False nothing is sent, and what was sent but not raised yet is withdrawn
    (the page was read in time), so it never goes off in the caller's code."""
    parsing, guard, running, over = threading.get_ident(), threading.Lock(), [True], \
        threading.Event()

    def watch() -> None:
        if over.wait(seconds):
            return
        while True:
            with guard:
                if not running[0]:
                    return
                _raise_in(parsing, _PageTimeout)
            if over.wait(RESEND_SECONDS):
                return

    watcher = threading.Thread(target=watch, name="rashomon-parse-cap", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        running[0] = False  # a plain store: no exception can be raised before it
        over.set()
        with guard:
            _raise_in(parsing, None)


def article_from_html(
    data: bytes, text: str, url: str | None = None, source: str | None = None
) -> Article:
    """Extract title, main text, URL, outlet and dates from one HTML page, within
    RASHOMON_PARSE_SECONDS (past it: error E106)."""
    from rashomon.ingest.isolated import article_in_child, should_isolate

    if should_isolate(data):  # past the in-process cap's reach: a child with a hard cap
        return article_in_child(data, text, url, source)
    seconds = float(setting("RASHOMON_PARSE_SECONDS"))
    import trafilatura  # noqa: F401 - loaded outside the cap: a fresh Dask worker's first
    # page took ~1 s more for the import, past a short cap on a light page
    try:
        with _time_cap(seconds):
            return _article_from_html(data, text, url, source)
    except _PageTimeout:
        raise ExpansionTooLarge(
            f"reading the page took longer than {seconds:g} s; stopped",
            hint="split the page, or raise RASHOMON_PARSE_SECONDS") from None


def _article_from_html(data: bytes, text: str, url: str | None, source: str | None) -> Article:
    # Precision first keeps comment widgets and link lists out; short pages (a brief,
    # a page with broken markup) can come back empty, so recall mode gets a second try.
    meta = _extract(text, url, precision=True) or _extract(text, url, precision=False)
    if meta is None and too_deep(text):  # past the parser's depth: read it flattened
        meta = _extract(flattened(text), url, precision=False)
    if meta is None:
        raise EmptyInput(
            "no article text found in the HTML page",
            hint="is it an article page (not an index, a login wall or an empty template)?",
        )
    page = read_page_meta(text, url)
    page_url = url or page.canonical or meta.get("url")
    title = (clean_title(page.tree, page_url, meta.get("title")) or "").strip()
    body = _drop_title_line(meta["text"].strip(), title)
    article = Article(
        title=title or body.split("\n")[0][:160],
        maintext=body,
        url=page_url,
        source_domain=source_domain(page_url) or meta.get("hostname") or meta.get("sitename"),
        description=meta.get("description"),
        authors=[a.strip() for a in (meta.get("author") or "").split(";") if a.strip()],
        raw=data,
        raw_format="html",
        source_path=source,
    )
    _set_times(article, page, meta.get("date"))
    return article


def _best_supported(article: Article, candidates: list) -> None:
    """When the page's times disagree, the one the others support most is the publish
    time, not merely the first origin's: a meta tag three days after the day the URL
    and the byline both give (a republished page keeping its "published" tag) was kept
    at confidence 0.45 beside the URL's 0.58. A text guess, which reads the others
    (``DERIVED_ORIGINS``), never takes over."""
    best = None
    for (origin, when), listed in zip(candidates, article.date_candidates, strict=False):
        if origin in DERIVED_ORIGINS or listed.get("rejected"):
            continue
        if best is None or listed["confidence"] > best[2]:
            best = (when, origin, listed["confidence"])
    if best is not None and best[2] > (article.date_publish_confidence or 0.0):
        article.date_publish, article.date_publish_origin, article.date_publish_confidence = best


def _set_times(article: Article, page, extracted_date: str | None) -> None:
    """Publish/modify times from the page; trafilatura's own date as last resort."""
    article.date_publish, article.date_publish_origin = page.published, page.published_origin
    article.date_modify, article.date_modify_origin = page.modified, page.modified_origin
    guessed = parse_datetime(extracted_date)
    if implausible_time(guessed):
        page.rejected.append(("text", guessed, implausible_time(guessed)))
        guessed = None
    if guessed is not None:
        page.candidates.append(("text", guessed))
        if article.date_publish is None:
            article.date_publish, article.date_publish_origin = guessed, "text"
    article.date_candidates = [
        {"origin": origin, "date_publish": when.isoformat(),
         "confidence": publish_confidence(origin, when, page.candidates)}
        for origin, when in page.candidates]
    for origin, when, reason in page.rejected:  # listed, never used: confidence 0
        article.date_candidates.append({"origin": origin, "date_publish": when.isoformat(),
                                        "confidence": 0.0, "rejected": reason})
        article.warnings.append(f"{origin} time {reason}; not used")
    article.date_publish_confidence = publish_confidence(
        article.date_publish_origin, article.date_publish, page.candidates)
    _best_supported(article, page.candidates)
    if article.date_modify and article.date_modify == article.date_publish:
        article.date_modify = article.date_modify_origin = None
