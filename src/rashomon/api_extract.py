"""Pure functions over extraction results, returning plain data: the CLI prints them
and the REST API can serve them unchanged."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rashomon.api import article_data
from rashomon.pipeline import Engine


def article_facts(engine: Engine, article_id: int) -> dict[str, Any]:
    """Facts of one article (entities, dates, quantities, quotes) with offsets."""
    facts = engine.facts(article_id)
    data = asdict(facts)
    data["article_id"] = article_id
    return data


def article_with_facts(engine: Engine, article_id: int, facts: bool = False) -> dict[str, Any]:
    """An article (clean text, metadata) and, when asked, its extracted facts."""
    data = article_data(engine.article(article_id))
    if facts:
        data["facts"] = article_facts(engine, article_id)
    return data


def story_fact_groups(engine: Engine, story_id: int) -> dict[str, Any]:
    """Quantities about the same thing and dates of the same event, grouped across the
    story's articles (see ``rashomon.extract.grouping``)."""
    from rashomon.extract.grouping import group_facts

    articles = engine.store.get_story(story_id).articles
    facts = {a.id: engine.facts(a.id) for a in articles}
    return {"story_id": story_id, "groups": group_facts(articles, facts)}


def story_entities(engine: Engine, story_id: int) -> dict[str, Any]:
    """Entities of a story linked across its articles and scripts."""
    entities = engine.entities(story_id)
    return {
        "story_id": story_id,
        "entities": [
            {
                "id": e.id,
                "canonical": e.canonical,
                "label": e.label,
                "surface_forms": e.surface_forms,
                "articles": sorted({o.article_id for o in e.occurrences}),
                "mentions": len(e.occurrences),
                "occurrences": [asdict(o) for o in e.occurrences],
            }
            for e in entities
        ],
    }
