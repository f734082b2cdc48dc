"""A story report made of its events: each event (one incident) compared on its own.

Agreements, only-in, contradictions and variations are computed among the articles of
one event, so the toll of one strike is never set against the toll of another; the
story-level sections are the union of the events' sections, and what differs between
events (one strike's toll, the next one's) is listed in ``between_events``, in time
order, as a timeline — never as a contradiction.

Events come from the store (``events_of_story``, the event clusterer's) when it has
them; without it the whole story is one event. Each event's comparison is cached in the
store under its own key (``event_reports``), so when an article joins one event only that
event is compared again.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from rashomon.compare.build import article_dict, build, entity_dict, story_dict
from rashomon.compare.units import build_witnesses
from rashomon.core import (
    Article,
    ArticleFacts,
    Entity,
    Event,
    Report,
    Story,
    TimelineEvent,
)
from rashomon.embed import Embedder
from rashomon.store import Store

log = logging.getLogger(__name__)

#: Store table of the per-event comparisons (migration 008).
EVENT_TABLE = "event_reports"


def events_of(story: Story, store: Store | None = None) -> list[Event]:
    """The story's events in time order, covering every article once. A near-copy goes
    with its original's event (a reprint reports the same incident); articles no event
    holds (placed after the events were computed) make one more event."""
    found: list[Event] = []
    finder = getattr(store, "events_of_story", None)
    if finder is not None and story.id is not None:
        try:
            found = list(finder(story.id) or [])
        except NotImplementedError:
            found = []
    by_id = {a.id: a for a in story.articles}
    owner: dict[int, int] = {}
    for index, event in enumerate(found):
        for article_id in event.article_ids:
            if article_id in by_id and article_id not in owner:
                owner[article_id] = index
    for article in story.articles:  # copies follow their original
        root = _root(article, by_id)
        if root != article.id and root in owner:
            owner[article.id] = owner[root]
    members: dict[int, list[int]] = {}
    for article in story.articles:
        members.setdefault(owner.get(article.id, len(found)), []).append(article.id)
    events = []
    for index, ids in sorted(members.items()):
        base = found[index] if index < len(found) else Event(None, story.id)
        events.append(Event(base.id, story.id, ids, base.start, base.end,
                            list(base.places), base.title))
    return sorted(events, key=lambda e: _when(e, by_id))


def _root(article: Article, by_id: dict[int, Article]) -> int | None:
    seen: set[int | None] = set()
    current = article
    while current.duplicate_of is not None and current.duplicate_of in by_id \
            and current.id not in seen:
        seen.add(current.id)
        current = by_id[current.duplicate_of]
    return current.id


def _when(event: Event, by_id: dict[int, Article]) -> tuple:
    published = [by_id[i].date_publish for i in event.article_ids
                 if by_id[i].date_publish is not None]
    start = event.start or (min(published, key=datetime.timestamp) if published else None)
    return (start is None, start.timestamp() if start else 0.0, min(event.article_ids))


def build_story(
    story: Story, facts: dict[int, ArticleFacts], entities: list[Entity], embedder: Embedder,
    store: Store | None = None, version: str = "", events: list[Event] | None = None,
) -> Report:
    """The story report: one comparison per event, their union, and the between-events
    timeline."""
    events = events if events is not None else events_of(story, store)
    if len(events) <= 1:
        only = events[0] if events else None
        _prune(store, story, [])  # one event: the story report is its comparison
        return build(story, facts, entities, embedder, store, version=version, event=only)
    by_id = {a.id: a for a in story.articles}
    parts = [_event_report(story, event, [by_id[i] for i in event.article_ids], facts,
                           entities, embedder, store, version) for event in events]
    _prune(store, story, [event_key(story, e) for e in events])
    return _assemble(story, entities, parts, version)


def event_key(story: Story, event: Event) -> str:
    """Store key of one event's comparison: "<story>:<event>", or ":a<lowest article>"
    for an event without an id (articles placed after the events were computed)."""
    ident = event.id if event.id is not None else "a" + str(min(event.article_ids))
    return f"{story.id}:{ident}"


def _prune(store: Store | None, story: Story, keep: list[str]) -> None:
    """Drop the story's stored event comparisons no current event uses (an event that
    merged, emptied or changed its key), so the table holds one row per live event."""
    if store is not None and story.id is not None:
        store.prune_event_reports(story.id, keep)


def _event_report(
    story: Story, event: Event, articles: list[Article], facts: dict[int, ArticleFacts],
    entities: list[Entity], embedder: Embedder, store: Store | None, version: str,
) -> Report:
    """One event's comparison, from the store when its articles have not changed."""
    sub = Story(id=story.id, title=event.title or story.title, articles=articles)
    ids = {a.id for a in articles}
    own = [e for e in entities if any(o.article_id in ids for o in e.occurrences)]
    key = event_key(story, event)
    digest = _event_digest(articles, embedder.name, version)
    if store is not None and story.id is not None:
        stored = store.get_document(EVENT_TABLE, key)
        if stored and stored[0] == digest:
            return Report.from_dict(stored[1])
    report = build(sub, facts, own, embedder, store, version=version, event=event)
    if store is not None and story.id is not None:
        store.put_document(EVENT_TABLE, key, digest, report.to_dict())
    return report


def _event_digest(articles: list[Article], model: str, version: str) -> str:
    from rashomon.extract import EXTRACTOR_VERSION

    digest = hashlib.sha1()
    for article in sorted(articles, key=lambda a: a.id or 0):
        digest.update(f"{article.id}:{article.content_hash}:{article.duplicate_of};".encode())
    return f"{version}:{EXTRACTOR_VERSION}:{model}:{digest.hexdigest()[:16]}"


def _assemble(story: Story, entities: list[Entity], parts: list[Report],
              version: str) -> Report:
    """The story report from its events' reports (in time order)."""
    witnesses = build_witnesses(story.articles)
    only_in: dict[str, list] = {}
    for part in parts:
        for source, claims in part.only_in.items():
            only_in.setdefault(source, []).extend(claims)
    contradictions = [c for p in parts for c in p.contradictions]
    report = Report(
        story=story_dict(story, witnesses),
        articles=[article_dict(a, witnesses) for a in story.articles],
        entities=[entity_dict(e) for e in entities],
        agreements=[c for p in parts for c in p.agreements],
        only_in=only_in,
        contradictions=contradictions,
        implausible=[i for p in parts for i in p.implausible],
        timeline=_timeline(parts),
        sources=_sources(parts),
        variations=[v for p in parts for v in p.variations],
        version=version,
        events=[p.events[0] for p in parts if p.events],
        between_events=between_events([p.events[0] for p in parts if p.events]),
    )
    report.story["has_contradictions"] = bool(contradictions)
    return report


def _timeline(parts: list[Report]) -> list[TimelineEvent]:
    """The events' timelines merged: one entry per date, every source that dates it."""
    merged: dict[tuple[str, str], TimelineEvent] = {}
    for part in parts:
        for entry in part.timeline:
            key = (entry.date, entry.granularity)
            if key not in merged:
                merged[key] = TimelineEvent(entry.date, entry.granularity, entry.description,
                                            list(entry.evidence))
                continue
            known = {e.source for e in merged[key].evidence}
            merged[key].evidence.extend(e for e in entry.evidence if e.source not in known)
    return [merged[k] for k in sorted(merged)]


def _sources(parts: list[Report]) -> list[dict]:
    """Per source, its rows of every event added up; first publisher first."""
    rows: dict[str, dict] = {}
    for part in parts:
        for row in part.sources:
            kept = rows.setdefault(row["source"], {**row, "article_ids": [], "copies": [],
                                                    "languages": [], "sentences": 0,
                                                    "agreements": 0, "only_in": 0,
                                                    "first_published": None})
            kept["article_ids"] += row["article_ids"]
            kept["copies"] += row["copies"]
            kept["languages"] = sorted(set(kept["languages"]) | set(row["languages"]))
            for count in ("sentences", "agreements", "only_in"):
                kept[count] += row[count]
            firsts = [d for d in (kept["first_published"], row["first_published"]) if d]
            kept["first_published"] = min(firsts) if firsts else None
    ordered = sorted(rows.values(), key=lambda r: (r["first_published"] is None,
                                                   r["first_published"] or ""))
    for rank, row in enumerate(ordered):
        row["first"] = rank == 0 and row["first_published"] is not None
    return ordered


def between_events(events: list[dict]) -> list[dict]:
    """Counts that two or more events state with different values (one strike killed
    19, the next at least 25), each event with its values, in time order. Different
    incidents have different tolls: this is a timeline, never a contradiction."""
    stated: dict[str, list[dict]] = {}
    for event in events:
        for figure in event.get("figures", []):
            stated.setdefault(figure["slot"], []).append({
                "event": event["id"], "start": event["start"], "title": event["title"],
                "places": event["places"], "values": figure["values"]})
    found = []
    for slot, per_event in stated.items():
        leads = {tuple(sorted({v["value"] for v in e["values"]})) for e in per_event}
        if len(per_event) > 1 and len(leads) > 1:
            found.append({"slot": slot, "kind": "quantity", "events": per_event})
    return found
