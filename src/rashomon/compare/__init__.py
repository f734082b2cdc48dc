"""Comparison stage: align the accounts of each event of a story and report agreements,
only-in claims, contradictions, implausible claims and a timeline.

Interface used by the pipeline:
``build_report(story, facts, entities, embedder, store=None, events=None) -> Report``;
with ``store`` given, sentence vectors, each event's comparison and the finished report
are cached in it. ``ReportBuilds`` builds reports on a background thread, for callers
that must not wait (the web: ``Engine.report(story_id, wait=False)``).
"""

from __future__ import annotations

import hashlib

from rashomon.compare.background import ReportBuilds
from rashomon.compare.story import build_story, events_of
from rashomon.core import ArticleFacts, Entity, Event, Report, Story
from rashomon.embed import Embedder
from rashomon.store import Store

#: Bumped whenever the report's content changes, so cached reports are rebuilt.
#: 8: per-event comparison (events, between_events), parts of a total, hedged spreads.
#: 9: figures one language names as different things are no dispute (``counted_words``);
#: quotes count as additions; the story's own place earns no alignment bonus.
#: 10: figures of different days are variations (``figure_days``); a publish time of low
#: confidence dates no claim. 11: a claim of figures for different places is no
#: agreement (``agreement.scoped_apart``). 12: minority figures of aligned sentences are
#: only-in claims (``agreement.minority_figures``). 13: sentences naming places of their
#: own and none in common align less (``align.PENALTY_OTHER_PLACE``). 14: a people noun
#: names no thing apart from a specific noun (``counted_words``). 15: a running count not
#: known to be of the other figure's day is labelled "running count", not "different day";
#: implausible claims carry ``reason_key``/``reason_args`` for the reader's words. 16: a
#: sentence cut short inside a paragraph is a claim, not a heading (``units``); figures
#: every source states alike leave the others comparable, a three-digit count ending in
#: one zero is exact, one dispute restated in other sentences is listed once.
COMPARE_VERSION = "16"


def build_report(
    story: Story, facts: dict[int, ArticleFacts], entities: list[Entity], embedder: Embedder,
    store: Store | None = None, events: list[Event] | None = None,
) -> Report:
    """The comparison report of one story, from the cache when nothing changed (its
    articles and how they split into events)."""
    events = events if events is not None else events_of(story, store)
    if store is not None:
        cached = cached_report(story, embedder, store, events)
        if cached is not None:
            return cached
    return fresh_report(story, facts, entities, embedder, store, events)


def fresh_report(
    story: Story, facts: dict[int, ArticleFacts], entities: list[Entity], embedder: Embedder,
    store: Store | None = None, events: list[Event] | None = None,
) -> Report:
    """Build the report and store it, without looking for a stored one first: for a
    caller that has just looked (``cached_report``) and missed."""
    events = events if events is not None else events_of(story, store)
    report = build_story(story, facts, entities, embedder, store, version=COMPARE_VERSION,
                         events=events)
    if store is not None:
        store.put_document("reports", story.id, cache_key(story, embedder, events),
                           report.to_dict())
    return report


def cached_report(story: Story, embedder: Embedder | str, store: Store,
                  events: list[Event] | None = None) -> Report | None:
    """The stored report of exactly this story version, or None (no model run: a few
    milliseconds, what a caller that must not wait can afford). ``events``: the story's
    split into events, when the caller has it already."""
    events = events if events is not None else events_of(story, store)
    stored = store.get_document("reports", story.id)
    if stored and stored[0] == cache_key(story, embedder, events):
        return Report.from_dict(stored[1])
    return None


def cache_key(story: Story, embedder: Embedder | str,
              events: list[Event] | None = None) -> str:
    """Version of a cached report: compare and extractor versions, model, article texts
    and the story's split into events (an event merge changes the report)."""
    from rashomon.extract import EXTRACTOR_VERSION

    name = embedder if isinstance(embedder, str) else embedder.name
    digest = hashlib.sha1()
    for article in sorted(story.articles, key=lambda a: a.id or 0):
        digest.update(f"{article.id}:{article.content_hash}:{article.duplicate_of};".encode())
    for event in sorted(events or [], key=lambda e: min(e.article_ids, default=0)):
        digest.update(f"e{event.id}:{sorted(event.article_ids)};".encode())
    return f"{COMPARE_VERSION}:{EXTRACTOR_VERSION}:{name}:{digest.hexdigest()[:16]}"


__all__ = ["COMPARE_VERSION", "ReportBuilds", "build_report", "cache_key", "cached_report",
           "events_of", "fresh_report"]
