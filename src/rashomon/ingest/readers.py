"""Readers per input format. Each yields ``ReadItem``s: an article or a clear error.

A reader never raises for a bad item: the error travels in the item so that one broken
file or feed entry is reported on one line and the rest of the batch goes on.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rashomon.core import Article
from rashomon.errors import (
    InputTooLarge,
    MalformedInput,
    RashomonError,
    UnsupportedFormat,
)
from rashomon.ingest.decode import decode
from rashomon.ingest.feeds import articles_from_feed
from rashomon.ingest.fields import article_from_record
from rashomon.ingest.html import article_from_html

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


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files named by paths, folders (recursively, sorted) and glob patterns."""
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED and not name.startswith("."):
                        yield os.path.join(root, name)
        elif any(ch in path for ch in "*?["):
            yield from sorted(glob.glob(path, recursive=True))
        else:
            yield path


def iter_inputs(paths: Iterable[str], max_bytes: int = 20_000_000) -> Iterator[ReadItem]:
    """Read every input named by ``paths``; stdin ('-') is read as JSONL."""
    for path in expand(paths):
        if path == "-":
            yield from _jsonl_lines(sys.stdin.buffer.read().decode("utf-8", "replace"), "<stdin>")
            continue
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            yield ReadItem(path, error=MalformedInput(f"cannot read file: {exc.strerror}"))
            continue
        if size > max_bytes:
            yield ReadItem(
                path,
                error=InputTooLarge(
                    f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                    hint="split it, or raise RASHOMON_MAX_BYTES",
                ),
            )
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        yield from read_bytes(data, path)


def read_bytes(data: bytes, source: str, url: str | None = None) -> Iterator[ReadItem]:
    """Read raw bytes whose format is told by ``source``'s suffix (or sniffed)."""
    suffix = _suffix(source, data)
    try:
        if suffix in WARC_SUFFIXES:
            from rashomon.ingest.warc import articles_from_warc

            yield from articles_from_warc(data, source)
            return
        text, warnings = decode(data)
        if suffix in JSON_SUFFIXES:
            yield from _json(text, source, warnings)
        elif suffix in FEED_SUFFIXES:
            for item in articles_from_feed(data, source):
                if item.article:
                    item.article.warnings.extend(warnings)
                yield item
        elif suffix in HTML_SUFFIXES:
            article = article_from_html(data, text, url=url, source=source)
            article.warnings.extend(warnings)
            yield ReadItem(source, article=article)
        elif suffix in TEXT_SUFFIXES:
            yield ReadItem(source, article=_plain_text(text, data, source, warnings))
        else:
            raise UnsupportedFormat(
                f"unsupported file type {suffix or '(none)'}",
                hint="use .txt .html .htm .json .jsonl .xml/.rss/.atom .warc(.gz)",
            )
    except RashomonError as exc:
        yield ReadItem(source, error=exc)


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
    return suffix if suffix in SUPPORTED else ".txt"


def _plain_text(text: str, data: bytes, source: str, warnings: list[str]) -> Article:
    """First non-empty line is the title, the rest the body."""
    lines = text.strip().splitlines()
    title = lines[0].strip()
    body = "\n".join(lines[1:]).strip()
    if not body:
        body, title = title, title[:120]
    return Article(
        title=title,
        maintext=body,
        raw=data,
        raw_format="text",
        source_path=source,
        warnings=list(warnings),
    )


def _json(text: str, source: str, warnings: list[str]) -> Iterator[ReadItem]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise MalformedInput(f"invalid JSON: {exc}") from exc
        for i, record in enumerate(records, 1):
            yield _record(record, f"{source}#{i}", warnings)
        return
    if stripped.startswith("{") and "\n{" not in stripped:
        try:
            yield _record(json.loads(stripped), source, warnings)
            return
        except json.JSONDecodeError:
            pass
    yield from _jsonl_lines(text, source, warnings)


def _jsonl_lines(text: str, source: str, warnings: list[str] | None = None) -> Iterator[ReadItem]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadItem(where, error=MalformedInput(f"line is not valid JSON: {exc.msg}"))
            continue
        yield _record(record, where, warnings or [])


def _record(record: object, where: str, warnings: list[str]) -> ReadItem:
    try:
        article = article_from_record(record, where)
    except RashomonError as exc:
        return ReadItem(where, error=exc)
    article.warnings.extend(warnings)
    return ReadItem(where, article=article)
