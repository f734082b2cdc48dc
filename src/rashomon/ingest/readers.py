"""Readers per input format. Each yields ``ReadItem``s: an article or a clear error.

A reader never raises for a bad item: the error travels in the item so that one broken
file or feed entry is reported on one line and the rest of the batch goes on.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rashomon.core import Article
from rashomon.errors import (
    EmptyInput,
    ExpansionTooLarge,
    IngestError,
    InputTooLarge,
    MalformedInput,
    NotARegularFile,
    RashomonError,
    UnsupportedFormat,
)
from rashomon.ingest.addresses import address_list, address_path
from rashomon.ingest.decode import decode, looks_binary
from rashomon.ingest.feeds import articles_from_feed
from rashomon.ingest.fields import article_from_record
from rashomon.ingest.gzipped import gunzip, gzipped_name
from rashomon.ingest.html import article_from_html

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc", ".gz"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES


@dataclass
class ReadItem:
    """One input item: ``source`` names it (file, file:line, feed#entry)."""

    source: str
    article: Article | None = None
    error: RashomonError | None = None


def expand(paths: Iterable[str]) -> Iterator[str | ReadItem]:
    """Files named by paths, folders (recursively, sorted) and glob patterns. A folder
    with no file to read and a pattern matching nothing are error items (E101): both
    used to pass silently, "ingested 0 items", exit status 0. One path given as a string
    (``engine.ingest("articles/")``) is that path: iterated, its characters were paths, and
    its "/" ingested every file of the machine."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    for path in paths:
        if isinstance(path, os.PathLike):
            path = os.fspath(path)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str):
            yield ReadItem(repr(path)[:60], error=MalformedInput(
                f"not a path: {type(path).__name__}", hint="give file or folder names as text"))
        elif path == "-":
            yield path
        elif (refused := address_path(path)) is not None:
            yield ReadItem(shown_path(path), error=refused)
        elif os.path.isdir(path):
            found = skipped = 0
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED and not name.startswith("."):
                        found += 1
                        yield os.path.join(root, name)
                    else:
                        skipped += 1
            if not found:
                yield ReadItem(shown_path(path), error=EmptyInput(
                    f"the folder holds no file to read (skipped, of other types: {skipped})"
                    if skipped else "the folder is empty",
                    hint="files are read by suffix: .txt .html .htm .json .jsonl .xml .rss "
                         ".atom .warc .warc.gz (and these gzipped)"))
        elif any(ch in path for ch in "*?[") and not os.path.exists(path):
            matches = _glob(path)
            if not matches:
                yield ReadItem(shown_path(path), error=EmptyInput(
                    "no file matches the pattern",
                    hint="check the pattern; quote it so the shell does not expand it first"))
            yield from matches
        else:
            yield path


def _glob(pattern: str) -> list[str]:
    """Files a pattern names, sorted. ``**`` never follows a symlinked folder: glob's
    does, and two symlink loops in a tree (``a/up -> ..``, ``a/top -> ../..``) made
    `rashomon ingest 'news/**/*.txt'` run on for good (2**40 paths), one loop read each
    file again under every loop path. Hidden files and folders stay out, as in glob."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if any(ch in part for ch in "*?["))
    base, rest = Path(*parts[:first]) if first else Path("."), "/".join(parts[first:])
    try:
        found = [p for p in base.glob(rest)
                 if not any(part.startswith(".") for part in p.relative_to(base).parts)]
    except (OSError, ValueError):  # an unreadable base, a malformed pattern
        return []
    return sorted(str(p) for p in found)


def iter_inputs(paths: Iterable[str], max_bytes: int = 20_000_000) -> Iterator[ReadItem]:
    """Read every input named by ``paths``; stdin ('-') is read as JSONL. A file name
    that is not valid UTF-8 is opened as it is and shown escaped (``caf\\xe9.txt``)."""
    for entry in iter_files(paths, max_bytes):
        if isinstance(entry, ReadItem):
            yield entry
        else:
            yield from read_bytes(*entry)


def iter_files(paths: Iterable[str], max_bytes: int = 20_000_000
               ) -> Iterator[ReadItem | tuple[bytes, str]]:
    """``iter_inputs`` before parsing: each file's ``(bytes, shown name)`` for
    ``read_bytes`` to read (here or on a Dask worker: ``scale.work.read_files``), or an
    item already read or failed (stdin's JSONL lines, a file that cannot be opened)."""
    for path in expand(paths):
        if isinstance(path, ReadItem):
            yield path
            continue
        if path == "-":
            yield from _stdin(max_bytes)
            continue
        shown = shown_path(path)
        try:
            data = read_limited(path, max_bytes)
        except RashomonError as exc:
            yield ReadItem(shown, error=exc)
            continue
        yield data, shown


def shown_path(path: str) -> str:
    """The path as text that can be printed and stored: bytes of a non-UTF-8 file name
    (which Python carries as lone surrogates and no encoder accepts) become ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_limited(path: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them.

    The size is checked on the file system first and the read is capped at
    ``max_bytes + 1`` too, so a huge file, a growing file or a FIFO never gets loaded
    into memory whole.
    """
    try:
        # non-blocking open, so a FIFO without a writer cannot hang us before the check
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise NotARegularFile(
                    "not a regular file (a FIFO, device or socket); skipped",
                    hint="give files or folders of files",
                )
            size = info.st_size
            if size <= max_bytes:
                data = handle.read(max_bytes + 1)
                size = len(data)
    except OSError as exc:
        raise MalformedInput(
            f"cannot read the file: {exc.strerror or exc}", hint="check the path and permissions"
        ) from exc
    if size > max_bytes:
        raise InputTooLarge(
            f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
            hint="split it into smaller files, or raise RASHOMON_MAX_BYTES",
        )
    return data


def _stdin(max_bytes: int) -> Iterator[ReadItem]:
    """JSONL on stdin, capped at ``max_bytes`` like a file."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ReadItem("<stdin>", error=InputTooLarge(
            f"stdin holds more than {max_bytes:,} bytes",
            hint="split the input, or raise RASHOMON_MAX_BYTES",
        ))
        return
    if not data.strip():  # `rashomon ingest -` < /dev/null said "ingested 0 items", status 0
        yield ReadItem("<stdin>", error=EmptyInput(
            "stdin is empty", hint="pipe JSONL into it: one news-please record per line"))
        return
    yield from _jsonl_lines(data.decode("utf-8", "replace"), "<stdin>")


def read_bytes(data: bytes, source: str, url: str | None = None) -> Iterator[ReadItem]:
    """Read raw bytes whose format is told by ``source``'s suffix (or sniffed).

    Any failure becomes an error item naming ``source``: a reader bug or a library
    exception on odd input must cost one item, never the rest of the batch.
    """
    try:
        yield from _dispatch(data, source, url)
    except RashomonError as exc:
        yield ReadItem(source, error=exc)
    except MemoryError:  # the web's parser process runs under a memory cap
        yield ReadItem(source, error=ExpansionTooLarge(
            "reading it ran out of memory", hint="split the file into smaller ones"))
    except Exception as exc:
        log.debug("unexpected error reading %s", source, exc_info=True)
        yield ReadItem(source, error=IngestError(
            f"could not be read ({type(exc).__name__}: {exc})",
            hint="the file may be corrupt; please report it if it opens elsewhere",
        ))


def _dispatch(data: bytes, source: str, url: str | None, name: str | None = None
              ) -> Iterator[ReadItem]:
    """``name`` (default ``source``) tells the format: a gzipped file is read as the file it
    holds, ``news.jsonl.gz`` as JSONL, its items still named after ``source``."""
    name = name or source
    inner = gzipped_name(name, SUPPORTED - WARC_SUFFIXES)
    if inner:
        data, damage = gunzip(data)
        if damage and (not data or Path(inner.lower()).suffix not in JSON_SUFFIXES):
            raise damage
        if damage:  # JSON lines: those before the damage are read, the cut line fails alone
            yield ReadItem(source, error=damage)
        yield from _dispatch(data, source, url, inner)
        return
    suffix = _suffix(name, data)
    if suffix in WARC_SUFFIXES:
        from rashomon.ingest.warc import articles_from_warc

        yield from articles_from_warc(data, source)
        return
    damaged: list[int] = []
    if suffix in JSON_SUFFIXES:
        data, damaged = _without_binary_lines(data)
    text, warnings = decode(data)
    if damaged:  # JSON lines with some damaged: each line on its own, in order
        yield from _jsonl_lines(text, source, warnings, set(damaged))
    elif suffix in JSON_SUFFIXES:
        yield from _json(text, source, warnings)
    elif suffix in FEED_SUFFIXES:
        yield from _with_warnings(articles_from_feed(text, source), warnings)
    elif suffix in HTML_SUFFIXES:
        article = article_from_html(data, text, url=url, source=source)
        article.warnings.extend(warnings)
        yield ReadItem(source, article=article)
    elif suffix in TEXT_SUFFIXES:
        refused = address_list(text)
        if refused:
            raise refused
        yield ReadItem(source, article=_plain_text(text, data, source, warnings))
    else:
        raise UnsupportedFormat(
            f"unsupported file type {suffix or '(none)'}",
            hint="use .txt .html .htm .json .jsonl .xml/.rss/.atom .warc(.gz)",
        )


#: A line whose control characters exceed this share is binary (the share looks_binary
#: uses for whole files; JSON text has none but tab/newline)
_CONTROL_SHARE = 0.05


def _without_binary_lines(data: bytes) -> tuple[bytes, list[int]]:
    """JSONL bytes with binary lines blanked (their numbers kept), when the file is JSON
    lines with a few damaged ones: a crawler killed mid-write leaves a run of NUL bytes,
    and the whole file was refused as binary (E102), every good record lost with it.
    A file with no good JSON line, or UTF-16/32 text (NUL in every line), is left as it is."""
    if b"\x00" not in data[:8192] and not looks_binary(data):
        return data, []
    lines = data.split(b"\n")
    damaged, good = [], 0
    for number, line in enumerate(lines, 1):
        controls = sum(1 for b in line if b < 9 or 13 < b < 32)
        if b"\x00" in line or (line and controls / len(line) > _CONTROL_SHARE):
            damaged.append(number)
            lines[number - 1] = b""
        elif line.lstrip().startswith((b"{", b"[")):
            good += 1
    if not good or good < len(damaged) / 10:  # mostly binary: refused whole, as before
        return data, []
    return b"\n".join(lines), damaged


def _with_warnings(items: Iterable[ReadItem], warnings: list[str]) -> Iterator[ReadItem]:
    for item in items:
        if item.article:
            item.article.warnings.extend(warnings)
        yield item


def _suffix(source: str, data: bytes) -> str:
    """Suffix from the name; for names without one, sniff HTML/feeds/JSON/WARC."""
    name = source.lower()
    if name.endswith(".warc.gz") or name.endswith(".warc"):
        return ".warc"
    suffix = Path(name).suffix
    if suffix in SUPPORTED and suffix != ".gz":
        return suffix
    head = data[:1024].lstrip().lower()
    if head.startswith(b"warc/"):
        return ".warc"
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return ".xml"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if head.startswith((b"{", b"[")):
        return ".jsonl"
    return suffix or ".txt"  # no suffix: plain text; an unknown one: refused


#: A first line longer than this is a paragraph, not a title (headlines in our corpora
#: and the seeds stay under 200 characters; lead paragraphs run 250+).
_MAX_TITLE_LINE = 250


def _plain_text(text: str, data: bytes, source: str, warnings: list[str]) -> Article:
    """First non-empty line is the title, the rest the body."""
    lines = text.strip().splitlines()
    title = lines[0].strip()
    body = "\n".join(lines[1:]).strip()
    if len(title) > _MAX_TITLE_LINE or not body:
        body = text.strip()
        title = _first_sentence(title)
    return Article(
        title=title,
        maintext=body,
        raw=data,
        raw_format="text",
        source_path=source,
        warnings=[*warnings, "no title line; the first sentence is used as title"]
        if len(lines[0]) > _MAX_TITLE_LINE else list(warnings),
    )


def _first_sentence(line: str, limit: int = 160) -> str:
    """The line's first sentence, cut at a word boundary within ``limit`` characters."""
    for end, ch in enumerate(line):
        if ch in ".!?。！？؟" and end > 20:
            line = line[: end + 1]
            break
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"


def _json(text: str, source: str, warnings: list[str]) -> Iterator[ReadItem]:
    """A JSON array of records, one JSON record, or JSONL (one record per line)."""
    try:
        data = json.loads(text)
    except RecursionError:  # nested past Python's stack: per line, each line on its own
        yield from _jsonl_lines(text, source, warnings)
        return
    except json.JSONDecodeError as exc:
        head = [line for line in text.splitlines()[:50] if line.strip()][:5]
        if not any(_is_json(line) for line in head):
            raise MalformedInput(
                f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                hint="give one JSON object/array per file, or one object per line (JSONL)",
            ) from exc
        yield from _jsonl_lines(text, source, warnings)
        return
    if isinstance(data, list):
        if not data:  # found by the fuzz test: an empty array passed silently
            raise EmptyInput("the JSON array holds no records", hint="nothing to ingest")
        for i, record in enumerate(data, 1):
            yield _record(record, f"{source}#{i}", warnings)
    else:
        yield _record(data, source, warnings)


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except RecursionError:
        return True  # valid so far, only too deep: a JSON line all the same
    except ValueError:
        return False
    return True


def _jsonl_lines(text: str, source: str, warnings: list[str] | None = None,
                 damaged: set[int] | frozenset = frozenset()) -> Iterator[ReadItem]:
    """One record per line; ``damaged`` lines (blanked binary bytes) are errors."""
    # split at "\n" only: str.splitlines() also splits at U+2028, U+0085 and other
    # characters JSON strings may hold raw, which cut such a record in two (both lost)
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        where = f"{source}:{number}"
        if number in damaged:
            yield ReadItem(where, error=MalformedInput(
                "line holds binary bytes (NUL or control characters), not JSON; skipped",
                hint="the other lines are read; the file may have been damaged in a crash"))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            # json's message alone ("Unterminated string starting at") ended mid-sentence
            yield ReadItem(where, error=MalformedInput(
                f"line is not valid JSON: {exc.msg} (column {exc.colno})",
                hint="the other lines are read; fix or remove this one"))
            continue
        except RecursionError:
            yield ReadItem(where, error=MalformedInput(
                "line is nested too deeply to read (thousands of levels)",
                hint="a news record is a flat object of fields"))
            continue
        yield _record(record, where, warnings or [])


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: object) -> object:
    """The record with lone UTF-16 surrogates (JSON ``"\\ud800"`` escapes, which no
    encoder accepts: the store failed on them) replaced by U+FFFD. Iterative, so a deep
    record cannot exhaust the stack here either."""
    def clean(item: object) -> object:
        return _LONE_SURROGATE.sub("\ufffd", item) if isinstance(item, str) else item

    root = [value]
    stack: list[list | dict] = [root]
    while stack:
        node = stack.pop()
        pairs = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        for key, item in pairs:
            if isinstance(node, dict) and isinstance(key, str) and _LONE_SURROGATE.search(key):
                del node[key]
                key = clean(key)
            node[key] = clean(item)
            if isinstance(item, dict | list):
                stack.append(item)
    return root[0]


def _record(record: object, where: str, warnings: list[str]) -> ReadItem:
    try:
        article = article_from_record(_without_surrogates(record), where)
    except RashomonError as exc:
        return ReadItem(where, error=exc)
    except Exception as exc:  # a reader bug on odd input costs this record only
        log.debug("unexpected error reading %s", where, exc_info=True)
        return ReadItem(where, error=MalformedInput(
            f"record could not be read ({type(exc).__name__}: {exc})"))
    article.warnings.extend(warnings)
    return ReadItem(where, article=article)
