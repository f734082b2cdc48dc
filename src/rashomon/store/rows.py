"""Row <-> dataclass mapping shared by every SQL backend.

Both SQLite and PostgreSQL keep times as UTC ISO text and JSON lists as text, so the
same functions turn their rows (``sqlite3.Row`` or a dict) into ``Article``/``Story``
records; a backend only writes its SQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from rashomon.core import Article, Event, Story

#: JSON document tables and their key column.
DOCUMENT_TABLES = {
    "facts": "article_id", "signals": "article_id", "story_entities": "story_id",
    "reports": "story_id", "event_reports": "event_key",
}
#: Per-article documents: no build time (their version says enough) and dropped with the
#: article's text when it changes.
ARTICLE_DOCUMENTS = ("facts", "signals")

#: Article columns read back (``raw`` is added only when asked for: it can be large).
ARTICLE_COLUMNS = (
    "id, url, source_domain, title, maintext, description, authors, date_publish, "
    "date_publish_origin, date_modify, date_modify_origin, language, language_confidence, "
    "raw_format, source_path, warnings, content_hash, story_id, duplicate_of, ingested_at, "
    "event_id, junk, date_publish_confidence, date_candidates"
)


def to_iso(value: datetime | None) -> str | None:
    """UTC ISO text, so that string order is time order in SQL."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def like_pattern(term: str) -> str:
    """A LIKE/ILIKE pattern (escape character ``\\``) matching ``term`` literally anywhere."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def article_values(a: Article) -> dict[str, Any]:
    """Column values of an article for INSERT/UPDATE."""
    return {
        "url": a.url,
        "source_domain": a.source_domain,
        "title": a.title,
        "maintext": a.maintext,
        "description": a.description,
        "authors": json.dumps(a.authors, ensure_ascii=False),
        "date_publish": to_iso(a.date_publish),
        "date_publish_origin": a.date_publish_origin,
        "date_publish_confidence": a.date_publish_confidence,
        "date_candidates": json.dumps(a.date_candidates, ensure_ascii=False),
        "date_modify": to_iso(a.date_modify),
        "date_modify_origin": a.date_modify_origin,
        "language": a.language,
        "language_confidence": a.language_confidence,
        "raw": a.raw,
        "raw_format": a.raw_format,
        "source_path": a.source_path,
        "warnings": json.dumps(a.warnings, ensure_ascii=False),
        "content_hash": a.content_hash,
        "junk": a.junk,
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    # sqlite3.Row: `in` tests values, so ask its keys explicitly
    raw = row["raw"] if "raw" in row.keys() else None  # noqa: SIM118
    return Article(
        id=row["id"],
        url=row["url"],
        source_domain=row["source_domain"],
        title=row["title"],
        maintext=row["maintext"],
        description=row["description"],
        authors=json.loads(row["authors"]),
        date_publish=from_iso(row["date_publish"]),
        date_publish_origin=row["date_publish_origin"],
        date_publish_confidence=row["date_publish_confidence"],
        date_candidates=json.loads(row["date_candidates"] or "[]"),
        date_modify=from_iso(row["date_modify"]),
        date_modify_origin=row["date_modify_origin"],
        language=row["language"],
        language_confidence=row["language_confidence"],
        raw=bytes(raw) if isinstance(raw, memoryview) else raw,  # PostgreSQL BYTEA
        raw_format=row["raw_format"],
        source_path=row["source_path"],
        warnings=json.loads(row["warnings"]),
        content_hash=row["content_hash"],
        junk=row["junk"],
        story_id=row["story_id"],
        duplicate_of=row["duplicate_of"],
        ingested_at=from_iso(row["ingested_at"]),
        event_id=row["event_id"],
    )


def event_from_row(row: Mapping[str, Any], article_ids: list[int]) -> Event:
    """An event from its ``events`` row and the ids of its articles."""
    return Event(
        id=row["id"], story_id=row["story_id"], article_ids=article_ids,
        start=from_iso(row["start_time"]), end=from_iso(row["end_time"]),
        places=json.loads(row["places"]), title=row["title"],
    )


def story_from_row(row: Mapping[str, Any]) -> Story:
    """A story summary from the aggregate query of ``list_stories``."""
    return Story(
        id=row["id"],
        title=row["title"],
        article_count=row["article_count"],
        source_count=row["source_count"],
        independent_count=row["independent_count"],
        languages=sorted(row["languages"].split(",")) if row["languages"] else [],
        sources=sorted(row["sources"].split(",")) if row["sources"] else [],
        first_seen=from_iso(row["first_seen"]),
        last_seen=from_iso(row["last_seen"]),
    )


def watchlist_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(row)
    data["entities"] = json.loads(data["entities"])
    data["languages"] = json.loads(data["languages"])
    seen = data["seen_stories"]
    data["seen_stories"] = {int(k): v for k, v in json.loads(seen).items()} if seen else None
    return data


def entity_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(row)
    data["forms"] = json.loads(data["forms"])
    return data
