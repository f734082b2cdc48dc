"""WARC archives (e.g. from a crawl): every HTML response record becomes an article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rashomon.errors import MalformedInput, RashomonError
from rashomon.ingest.decode import decode
from rashomon.ingest.html import article_from_html

if TYPE_CHECKING:
    from rashomon.ingest.readers import ReadItem


def articles_from_warc(data: bytes, source: str) -> Iterator[ReadItem]:
    """HTML responses of a WARC (gzipped or not), each decoded with its HTTP charset."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from rashomon.ingest.readers import ReadItem

    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            where = f"{source}#{url}"
            try:
                text, warnings = decode(body, ctype)
                article = article_from_html(body, text, url=url, source=where)
                article.warnings.extend(warnings)
                yield ReadItem(where, article=article)
            except RashomonError as exc:
                yield ReadItem(where, error=exc)
            except Exception as exc:
                yield ReadItem(where, error=MalformedInput(f"record could not be read: {exc}"))
    except ArchiveLoadFailed as exc:
        raise MalformedInput(f"not a readable WARC archive: {exc}") from exc
