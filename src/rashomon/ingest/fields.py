"""Map a news-please style record (dict) to an ``Article``; parse dates and domains."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from rashomon.core import Article
from rashomon.errors import EmptyInput, MalformedInput

_TRACKING = ("utm_", "fbclid", "gclid", "ref", "cmpid", "at_medium", "at_campaign")


def parse_datetime(value: object) -> datetime | None:
    """ISO strings, news-please's 'YYYY-MM-DD HH:MM:SS', RFC 2822, epoch numbers.

    Naive times are read as UTC; anything unreadable gives None (an article without a
    time is still an article) rather than failing the item.
    """
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value, tz=UTC)
        parsed = _parse_text_time(str(value).strip())
    except (OverflowError, OSError, ValueError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_text_time(text: str) -> datetime | None:
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


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


def _string(value: object) -> str:
    """A text field; lists of paragraphs (some scrapers emit them) are joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if v is not None)
    return str(value)


def _language_code(value: object) -> str | None:
    """'pt-BR', 'zh_Hans', 'FA' -> 'pt', 'zh', 'fa'; anything else -> None (detect it)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


def article_from_record(record: object, where: str) -> Article:
    """A JSON object with news-please field names (extra fields are ignored)."""
    if not isinstance(record, dict):
        raise MalformedInput(
            f"a JSON article must be an object, not {type(record).__name__}",
            hint="use news-please field names: url, title, maintext, date_publish, language",
        )
    title = _string(record.get("title")).strip()
    body = _string(record.get("maintext") or record.get("text") or record.get("content"))
    if not body.strip():
        raise EmptyInput(
            "the record has no article text (no 'maintext', 'text' or 'content' field)",
            hint="news-please records keep the body in 'maintext'",
        )
    url = record.get("url") if isinstance(record.get("url"), str) else None
    authors = record.get("authors") or []
    published = parse_datetime(record.get("date_publish"))
    modified = parse_datetime(record.get("date_modify"))
    language = record.get("language")
    return Article(
        title=title or body.strip().split("\n")[0][:160],
        maintext=body.strip() or title,
        url=url,
        source_domain=_string(record.get("source_domain")) or source_domain(url),
        date_publish=published,
        date_publish_origin="input" if published else None,
        date_modify=modified,
        date_modify_origin="input" if modified else None,
        language=_language_code(language),
        description=_string(record.get("description")) or None,
        authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
        raw=json.dumps(record, ensure_ascii=False).encode("utf-8"),
        raw_format="json",
        source_path=where,
    )
