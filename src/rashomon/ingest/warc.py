"""WARC archives (e.g. from a crawl): every HTML response record becomes an article.

Decompression is bounded: a gzip bomb (10 MB expanding to 3 GB pushed an ingest past
2 GB of memory) is read as a stream through a byte counter that stops at
``RASHOMON_MAX_EXPANDED_BYTES`` for the file, and each record is read up to
``RASHOMON_MAX_RECORD_BYTES``; either limit costs the offending part (error E106), not
the records already read. An archive with no records, or none that is an HTML response,
is reported instead of passing silently.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rashomon.config import setting
from rashomon.errors import EmptyInput, ExpansionTooLarge, MalformedInput, RashomonError
from rashomon.ingest.decode import decode
from rashomon.ingest.html import article_from_html

if TYPE_CHECKING:
    from rashomon.ingest.readers import ReadItem

_GZIP_MAGIC = b"\x1f\x8b"


class CappedReader(io.RawIOBase):
    """A readable stream that raises ``ExpansionTooLarge`` once more than ``cap`` bytes
    have been read through it (used around a decompressing stream)."""

    def __init__(self, inner, cap: int, what: str):
        self.inner, self.cap, self.what, self.total = inner, cap, what, 0
        #: why the compressed data stopped early (cut off, corrupt), or None: the stream
        #: then ends where the damage starts, so the records before it are still read
        self.damage: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.damage:
            return 0
        try:
            # read1: one decompression step, so the bytes before a cut-off are handed
            # on (a full read() of 64 KB lost them with the EOFError at the cut)
            chunk = self.inner.read1(min(len(buffer), self.cap + 1 - self.total) or 1)
        except EOFError:
            self.damage = "the compressed data is cut off (an interrupted download or copy?)"
            return 0
        except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            self.damage = f"the compressed data is damaged ({exc})"
            return 0
        self.total += len(chunk)
        if self.total > self.cap:
            raise ExpansionTooLarge(
                f"{self.what} expands past {self.cap:,} bytes (a compression bomb?)",
                hint="raise RASHOMON_MAX_EXPANDED_BYTES if the archive is genuine",
            )
        buffer[:len(chunk)] = chunk
        return len(chunk)


def expanded_stream(data: bytes, what: str) -> io.BufferedReader:
    """The bytes, gunzipped as a stream when gzip-compressed, capped either way."""
    cap = int(setting("RASHOMON_MAX_EXPANDED_BYTES"))
    raw = gzip.GzipFile(fileobj=io.BytesIO(data)) if data[:2] == _GZIP_MAGIC \
        else io.BytesIO(data)
    return io.BufferedReader(CappedReader(raw, cap, what), buffer_size=64 * 1024)


def _quiet_iterator(stream):
    """warcio's ArchiveIterator without its own stderr lines: it writes "WARNING: Record not
    followed by newline ... Remainder: b'.SH NAME'" straight to stderr (a gzipped man page
    in a folder gave three uncoded lines beside the item's one E104 line)."""
    from warcio.archiveiterator import ArchiveIterator

    class Quiet(ArchiveIterator):
        INC_RECORD = ""  # formatted and written by warcio; empty, it writes nothing

    return Quiet(stream)


def articles_from_warc(data: bytes, source: str) -> Iterator[ReadItem]:
    """HTML responses of a WARC (gzipped or not), each decoded with its HTTP charset."""
    from warcio.exceptions import ArchiveLoadFailed

    from rashomon.ingest.readers import ReadItem

    record_cap = int(setting("RASHOMON_MAX_RECORD_BYTES"))
    records = responses = cut = 0
    stream = expanded_stream(data, "the archive")
    try:
        for record in _quiet_iterator(stream):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype:
                continue
            responses += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{url}"
            body = record.content_stream().read(record_cap + 1)
            if len(body) > record_cap:
                yield ReadItem(where, error=ExpansionTooLarge(
                    f"the record is over {record_cap:,} bytes; skipped",
                    hint="raise RASHOMON_MAX_RECORD_BYTES if the page is genuine"))
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than it declares
                cut += 1
                yield ReadItem(where, error=MalformedInput(
                    "the record is cut off: the archive ends inside it; skipped",
                    hint="the records before it were read; fetch the archive again"))
                continue
            yield _record_item(body, ctype, url, where)
    except ExpansionTooLarge as exc:
        yield ReadItem(source, error=exc)
        return
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        if not records:
            raise MalformedInput(f"not a readable WARC archive: {exc}") from exc
        yield ReadItem(source, error=MalformedInput(
            f"the archive is damaged after {records} records ({exc}); those were read"))
        return
    damage = stream.raw.damage
    if damage and records:
        yield ReadItem(source, error=MalformedInput(
            f"{damage}; the {records - cut} whole records before it were read",
            hint="fetch or copy the archive again for the rest"))
        return
    if damage:
        raise MalformedInput(f"not a readable WARC archive: {damage}",
                             hint="check that the file is a complete WARC (gzipped or not)")
    if not records:
        raise EmptyInput("the WARC archive holds no records",
                         hint="check that the file is a complete WARC (gzipped or not)")
    if not responses:
        raise EmptyInput(f"the WARC archive holds {records} record{'s' * (records != 1)} "
                         "but no HTML response",
                         hint="only HTTP responses with an HTML content type are read")


def _record_item(body: bytes, ctype: str, url: str | None, where: str) -> ReadItem:
    from rashomon.ingest.readers import ReadItem

    try:
        text, warnings = decode(body, ctype)
        article = article_from_html(body, text, url=url, source=where)
        article.warnings.extend(warnings)
        return ReadItem(where, article=article)
    except RashomonError as exc:
        return ReadItem(where, error=exc)
    except Exception as exc:  # one broken record, not the archive
        return ReadItem(where, error=MalformedInput(f"record could not be read: {exc}"))
