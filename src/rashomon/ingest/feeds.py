"""RSS and Atom feeds via feedparser: one article per entry (content, else summary)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rashomon.core import Article
from rashomon.errors import EmptyInput, MalformedInput
from rashomon.ingest.fields import source_domain

if TYPE_CHECKING:
    from rashomon.ingest.readers import ReadItem


def _entry_time(entry: dict, key: str) -> datetime | None:
    parsed = entry.get(f"{key}_parsed")
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _entry_text(entry: dict) -> str:
    """The richest body an entry offers, HTML stripped."""
    html = ""
    for content in entry.get("content") or []:
        if len(content.get("value", "")) > len(html):
            html = content["value"]
    html = html or entry.get("summary") or entry.get("description") or ""
    if "<" not in html:
        return html.strip()
    import trafilatura

    extracted = trafilatura.extract(f"<html><body><article>{html}</article></body></html>")
    if extracted:
        return extracted.strip()
    from lxml import html as lxml_html

    return lxml_html.fromstring(html).text_content().strip()


def articles_from_feed(data: bytes, source: str) -> Iterator[ReadItem]:
    """Every entry of an RSS/Atom feed, with the feed's outlet as source."""
    import feedparser

    from rashomon.ingest.readers import ReadItem

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = str(feed.get("bozo_exception") or "no entries")
        raise MalformedInput(f"not a readable RSS/Atom feed: {reason}")
    outlet = source_domain(feed.feed.get("link"))
    for number, entry in enumerate(feed.entries, 1):
        where = f"{source}#{entry.get('id') or entry.get('link') or number}"
        body = _entry_text(entry)
        title = (entry.get("title") or "").strip()
        if not body and not title:
            yield ReadItem(where, error=EmptyInput("feed entry has no title and no text"))
            continue
        url = entry.get("link")
        published = _entry_time(entry, "published") or _entry_time(entry, "updated")
        modified = _entry_time(entry, "updated")
        article = Article(
            title=title or body[:120],
            maintext=body or title,
            url=url,
            source_domain=source_domain(url) or outlet,
            date_publish=published,
            date_publish_origin="feed" if published else None,
            date_modify=modified if modified != published else None,
            date_modify_origin="feed" if modified and modified != published else None,
            authors=[a.get("name", "") for a in entry.get("authors", []) if a.get("name")],
            raw=str(entry).encode("utf-8"),
            raw_format="feed",
            source_path=where,
        )
        if feed.bozo:
            article.warnings.append(f"feed is not well-formed: {feed.get('bozo_exception')}")
        yield ReadItem(where, article=article)
