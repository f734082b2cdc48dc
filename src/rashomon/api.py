"""Pure functions returning plain data (dicts/lists): the one source of truth that the
CLI prints and the REST API serves, so the two never drift."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rashomon.core import Article, Event, IngestResult, Story
from rashomon.pipeline import Engine
from rashomon.store import StoryFilter


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_summary(article: Article) -> dict[str, Any]:
    """An article without its raw bytes or full text."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "source_domain": article.source_domain,
        "language": article.language,
        "date_publish": iso(article.date_publish),
        "date_publish_origin": article.date_publish_origin,
        "date_publish_confidence": article.date_publish_confidence,
        "date_modify": iso(article.date_modify),
        "date_modify_origin": article.date_modify_origin,
        "story_id": article.story_id,
        "event_id": article.event_id,
        "duplicate_of": article.duplicate_of,
    }


def article_data(article: Article) -> dict[str, Any]:
    """An article with its clean text (``maintext``) and ingest warnings."""
    data = article_summary(article)
    data.update(
        maintext=article.maintext,
        description=article.description,
        authors=article.authors,
        language_confidence=article.language_confidence,
        content_hash=article.content_hash,
        raw_format=article.raw_format,
        source_path=article.source_path,
        warnings=article.warnings,
        date_candidates=article.date_candidates,
        ingested_at=iso(article.ingested_at),
    )
    return data


def story_summary(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "languages": story.languages,
        "sources": story.sources,
        "article_count": story.article_count,
        "source_count": story.source_count,
        "independent_count": story.independent_count,
        "first_seen": iso(story.first_seen),
        "last_seen": iso(story.last_seen),
    }


def ingest_result_data(result: IngestResult) -> dict[str, Any]:
    return {
        "source": result.source,
        "status": result.status,
        "article_id": result.article_id,
        "story_id": result.story_id,
        "duplicate_of": result.duplicate_of,
        "event_id": result.event_id,
        "title": result.title,
        "language": result.language,
        "error": result.error,
        "warnings": result.warnings,
        "junk": result.junk,
        "date_publish": iso(result.date_publish),
        "date_publish_origin": result.date_publish_origin,
        "date_publish_confidence": result.date_publish_confidence,
    }


def list_stories(
    engine: Engine, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    return [story_summary(s) for s in engine.stories(filters, limit, offset)]


def event_data(event: Event) -> dict[str, Any]:
    """One incident of a story: its articles, time span and places."""
    return {
        "id": event.id,
        "title": event.title,
        "start": iso(event.start),
        "end": iso(event.end),
        "places": event.places,
        "article_ids": event.article_ids,
    }


def get_story(engine: Engine, story_id: int) -> dict[str, Any]:
    story = engine.story(story_id)
    data = story_summary(story)
    data["articles"] = [article_summary(a) for a in story.articles]
    data["events"] = [event_data(e) for e in engine.events(story_id)]
    return data


def ingest(engine: Engine, paths: list[str], progress: bool = False) -> dict[str, Any]:
    results = engine.ingest(paths, progress=progress)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return {"counts": counts, "results": [ingest_result_data(r) for r in results]}


def get_report(engine: Engine, story_id: int, lang: str | None = None) -> dict[str, Any]:
    """The comparison report of one story in its documented JSON shape (README, API), as
    read in ``lang`` (default RASHOMON_READER_LANGUAGE): grouped disputes, glosses."""
    from rashomon.compare.gloss import readable

    report = engine.report(story_id).to_dict()
    story = engine.story(story_id)
    facts = {a.id: engine.facts(a.id) for a in story.articles}
    return readable(report, facts, engine.entities(story_id),
                    lang or getattr(engine.config, "reader_language", None) or "en")
