"""Map a news-please style record (dict) to an ``Article``; parse dates and domains."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from rashomon.core import Article
from rashomon.errors import EmptyInput, MalformedInput

_TRACKING = ("utm_", "fbclid", "gclid", "ref", "cmpid", "at_medium", "at_campaign")


def parse_datetime(value: object) -> datetime | None:
    """ISO strings, news-please's 'YYYY-MM-DD HH:MM:SS', epoch numbers; naive means UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    text = str(value).strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def source_domain(url: str | None) -> str | None:
    """Outlet of a URL: its host without 'www.'."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def canonical_url(url: str | None) -> str | None:
    """The URL with scheme/host lower-cased, fragment and tracking parameters dropped."""
    if not url or "://" not in url:
        return None
    parts = urlsplit(url.strip())
    query = "&".join(
        p for p in parts.query.split("&") if p and not p.lower().startswith(_TRACKING)
    )
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").removeprefix("www.")
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def article_from_record(record: object, where: str) -> Article:
    """A JSON object with news-please field names (extra fields are ignored)."""
    if not isinstance(record, dict):
        raise MalformedInput("a JSON article must be an object with 'title' and 'maintext'")
    title = str(record.get("title") or "").strip()
    body = str(record.get("maintext") or record.get("text") or record.get("content") or "")
    if not body.strip() and not title:
        raise EmptyInput("the record has neither 'title' nor 'maintext'")
    url = record.get("url") or None
    authors = record.get("authors") or []
    return Article(
        title=title or body.strip().split("\n")[0][:120],
        maintext=body.strip() or title,
        url=url,
        source_domain=record.get("source_domain") or source_domain(url),
        date_publish=parse_datetime(record.get("date_publish")),
        date_publish_origin="input" if record.get("date_publish") else None,
        date_modify=parse_datetime(record.get("date_modify")),
        date_modify_origin="input" if record.get("date_modify") else None,
        language=record.get("language") or None,
        description=record.get("description") or None,
        authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
        raw=json.dumps(record, ensure_ascii=False).encode("utf-8"),
        raw_format="json",
        source_path=where,
    )
