"""RSS 2.0 and Atom feeds via feedparser: one article per entry (content, else summary)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rashomon.core import Article
from rashomon.errors import EmptyInput, MalformedInput
from rashomon.ingest.fields import origin_confidence, plausible_time, source_domain

if TYPE_CHECKING:
    from rashomon.ingest.readers import ReadItem

_XML_DECL_ENCODING = re.compile(r"""(<\?xml[^>]*encoding\s*=\s*["'])[^"']*(["'])""", re.I)


def _entry_time(entry: dict, key: str) -> datetime | None:
    # dict.get: FeedParserDict.get would answer 'updated' with the published time.
    parsed = dict.get(entry, f"{key}_parsed")
    try:
        return datetime(*parsed[:6], tzinfo=UTC) if parsed else None
    except (TypeError, ValueError):
        return None


def _entry_html(entry: dict) -> str:
    """The richest body an entry offers: content:encoded / Atom content, else summary."""
    html = ""
    for content in entry.get("content") or []:
        if len(content.get("value", "")) > len(html):
            html = content["value"]
    return html or entry.get("summary") or entry.get("description") or ""


def _entry_text(entry: dict) -> str:
    """The entry body as plain text (trafilatura for markup, lxml as fallback)."""
    html = _entry_html(entry)
    if "<" not in html:
        return html.strip()
    import trafilatura

    wrapped = f"<html><body><article>{html}</article></body></html>"
    extracted = trafilatura.extract(wrapped, favor_recall=True, include_comments=False)
    if extracted:
        return extracted.strip()
    from lxml import html as lxml_html

    return lxml_html.fromstring(wrapped).text_content().strip()


def _plain_summary(entry: dict) -> str | None:
    """The entry's summary as plain text (a teaser next to the full content)."""
    summary = (entry.get("summary") or "").strip()
    return re.sub(r"<[^>]+>", " ", summary).strip() or None if summary else None


def _as_utf8(text: str) -> bytes:
    """Decoded feed text back to bytes whose XML declaration says UTF-8 (our cascade
    already decoded it; feedparser must not re-decode with a stale declaration)."""
    return _XML_DECL_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")


def articles_from_feed(text: str, source: str) -> Iterator[ReadItem]:
    """Every entry of an RSS/Atom feed, with the feed's outlet as source."""
    import feedparser

    feed = feedparser.parse(_as_utf8(text))
    if not feed.entries:
        reason = str(feed.get("bozo_exception") or "it has no entries")
        raise MalformedInput(
            f"not a readable RSS/Atom feed: {reason}",
            hint="check that the file is a complete RSS 2.0 or Atom document",
        )
    outlet = source_domain(feed.feed.get("link"))
    from rashomon.ingest.readers import ReadItem

    for number, entry in enumerate(feed.entries, 1):
        where = f"{source}#{number}"
        try:
            yield _entry_item(entry, where, outlet, feed)
        except Exception as exc:  # one odd entry costs itself, not the rest of the feed
            yield ReadItem(where, error=MalformedInput(
                f"feed entry could not be read ({type(exc).__name__}: {exc})"))


def _entry_item(entry: dict, where: str, outlet: str | None, feed) -> ReadItem:
    """One feed entry as an article, or an error item when it has no text at all."""
    from rashomon.ingest.readers import ReadItem

    body = _entry_text(entry)
    title = " ".join((entry.get("title") or "").split())  # one line, as in fields.py
    if not body and not title:
        return ReadItem(where, error=EmptyInput("the feed entry has no title and no text"))
    url = entry.get("link")
    warnings: list[str] = []
    published = plausible_time(
        _entry_time(entry, "published") or _entry_time(entry, "updated"), "feed date", warnings)
    modified = plausible_time(_entry_time(entry, "updated"), "feed update", [])
    if modified == published:
        modified = None
    article = Article(
        title=title or body[:120],
        maintext=body or title,
        url=url,
        source_domain=source_domain(url) or outlet,
        date_publish=published,
        date_publish_origin="feed" if published else None,
        date_publish_confidence=origin_confidence("feed") if published else None,
        date_modify=modified,
        date_modify_origin="feed" if modified else None,
        description=_plain_summary(entry) if entry.get("content") else None,
        authors=[a.get("name", "") for a in entry.get("authors", []) if a.get("name")],
        raw=str(dict(entry)).encode("utf-8"),
        raw_format="feed",
        source_path=where,
    )
    article.warnings.extend(warnings)
    if feed.bozo:
        article.warnings.append(f"the feed is not well-formed: {feed.get('bozo_exception')}")
    return ReadItem(where, article=article)
