"""Comparison stage: align the accounts of one story and report agreements,
only-in claims, contradictions, implausible claims and a timeline.

Interface used by the pipeline:
``build_report(story, facts, entities, embedder) -> Report``; with ``store`` given,
sentence vectors and the finished report are cached in it.
"""

from __future__ import annotations

import hashlib

from rashomon.compare.build import build
from rashomon.core import ArticleFacts, Entity, Report, Story
from rashomon.embed import Embedder
from rashomon.store import Store

#: Bumped whenever the report's content changes, so cached reports are rebuilt.
COMPARE_VERSION = "7"


def build_report(
    story: Story, facts: dict[int, ArticleFacts], entities: list[Entity], embedder: Embedder,
    store: Store | None = None,
) -> Report:
    """The comparison report of one story, from the cache when nothing changed."""
    key = cache_key(story, embedder)
    if store is not None:
        stored = store.get_document("reports", story.id)
        if stored and stored[0] == key:
            return Report.from_dict(stored[1])
    report = build(story, facts, entities, embedder, store, version=COMPARE_VERSION)
    if store is not None:
        store.put_document("reports", story.id, key, report.to_dict())
    return report


def cache_key(story: Story, embedder: Embedder) -> str:
    """Version of a cached report: compare and extractor versions, model, article texts."""
    from rashomon.extract import EXTRACTOR_VERSION

    digest = hashlib.sha1()
    for article in sorted(story.articles, key=lambda a: a.id or 0):
        digest.update(f"{article.id}:{article.content_hash}:{article.duplicate_of};".encode())
    return f"{COMPARE_VERSION}:{EXTRACTOR_VERSION}:{embedder.name}:{digest.hexdigest()[:16]}"


__all__ = ["COMPARE_VERSION", "build_report", "cache_key"]
