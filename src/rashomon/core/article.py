"""Articles and stories: the records every pipeline stage reads and writes.

Field names follow news-please where the two overlap (``url``, ``source_domain``,
``title``, ``maintext``, ``date_publish``, ``date_modify``, ``language``) so that a
user's existing news-please JSON loads without a mapping step.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

#: Where a publish/modify time came from, most trusted first. Kept with the value
#: because a time read from a URL slug is worth less than one from JSON-LD. "time" is a
#: <time datetime> by the headline, "title" a date segment of the page title, "byline" a
#: date written under the headline, "text" a guess from the whole page (htmldate).
DATE_ORIGINS = ("input", "feed", "jsonld", "meta", "time", "title", "url", "byline", "text",
                "file")


@dataclass
class Article:
    """One news article as Rashomon keeps it.

    ``raw`` holds the bytes exactly as read (HTML page, feed entry, text file) so the
    clean text can be re-extracted when extraction improves; ``maintext`` is the clean,
    normalized text every later stage works on.
    """

    title: str
    maintext: str
    url: str | None = None
    source_domain: str | None = None
    date_publish: datetime | None = None
    date_publish_origin: str | None = None
    #: How far the publish time can be trusted, 0..1 (scale and calibration in
    #: ``rashomon.ingest.fields.ORIGIN_CONFIDENCE``): origin, agreement, contradiction.
    date_publish_confidence: float | None = None
    #: Every publish time the page stated, most trusted origin first, each as
    #: {"origin", "date_publish" (ISO), "confidence"}: the first is ``date_publish``.
    date_candidates: list[dict] = field(default_factory=list)
    date_modify: datetime | None = None
    date_modify_origin: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    raw: bytes | None = None
    raw_format: str = "text"
    source_path: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: None for news; else why it is junk, a coded line ("E203 too short ...", see
    #: ``rashomon.ingest.quality``): stored, never placed in a story.
    junk: str | None = None
    content_hash: str = ""
    id: int | None = None
    story_id: int | None = None
    duplicate_of: int | None = None
    ingested_at: datetime | None = None
    event_id: int | None = None  # the incident inside its story (rashomon.core.Event)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.maintext)

    @property
    def mojibake_repaired(self) -> bool:
        """Was the text repaired from double-decoded UTF-8 at reading (ingest/decode.py)?"""
        return any(w.startswith("mojibake repaired") for w in self.warnings)

    @property
    def text(self) -> str:
        """Title and body as one string: what similarity and extraction read."""
        return f"{self.title}\n\n{self.maintext}" if self.title else self.maintext


def content_hash(title: str, maintext: str) -> str:
    """Hash of the normalized content, so the same article re-read is recognised."""
    basis = " ".join(f"{title}\n{maintext}".split()).casefold()
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


@dataclass
class Story:
    """A group of articles that report the same event, across languages and outlets."""

    id: int
    title: str
    article_count: int = 0
    source_count: int = 0
    independent_count: int = 0
    languages: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    has_contradictions: bool = False
    articles: list[Article] = field(default_factory=list)


@dataclass
class IngestResult:
    """What happened to one input item: a new/updated/unchanged article or an error."""

    source: str
    status: str  # "new" | "updated" | "unchanged" | "error"
    article_id: int | None = None
    story_id: int | None = None
    duplicate_of: int | None = None
    title: str | None = None
    language: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    event_id: int | None = None  # the incident inside its story
    junk: str | None = None  # the coded reason an item is stored but joins no story
    date_publish: datetime | None = None  # as stored, with its origin and confidence
    date_publish_origin: str | None = None
    date_publish_confidence: float | None = None
