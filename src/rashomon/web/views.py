"""The story, article and entity views, as plain data for the pages and the JSON API:
the comparison report as a reader of one language reads it (``compare.gloss``), cached
per story version and language; the background builder's queue (``BUILDS``); article
text as highlighted segments whose entity mentions link to entity pages.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections import OrderedDict
from typing import Any
from urllib.parse import quote

from rashomon import api, extract
from rashomon.core import Article, ArticleFacts
from rashomon.errors import NotFound, RashomonError
from rashomon.pipeline import Engine
from rashomon.store import StoryFilter
from rashomon.web.builds import BUILDS, STORY_LOCKS
from rashomon.web.queries import direction, span_segments

log = logging.getLogger(__name__)


# -- reports -------------------------------------------------------------------------------
#: Readable views kept in memory, per (story, report version, reader language): a story
#: page then costs no gloss work after its first view (~10-35 ms for a 6-article story).
READABLE_CACHE = 256
_readable: OrderedDict[tuple, dict] = OrderedDict()
_readable_lock = threading.Lock()




def report_to_dict(report: Any) -> dict[str, Any]:
    if hasattr(report, "to_dict"):
        return report.to_dict()
    return dataclasses.asdict(report)


def _cached(engine: Engine, story: Any) -> tuple[str, dict] | None:
    from rashomon import compare

    stored = engine.store.get_document("reports", story.id)
    if stored is None or not hasattr(compare, "cache_key"):
        return None
    key = compare.cache_key(story, engine.embedder, compare.events_of(story, engine.store))
    return (key, stored[1]) if stored[0] == key else None


def cached_report(engine: Engine, story: Any) -> dict | None:
    """The report the compare stage cached for this exact story version, if any (no lock,
    no model run: what keeps the story page fast once a report exists)."""
    found = _cached(engine, story)
    return found[1] if found else None


def reader_language(engine: Engine, lang: str | None = None) -> str:
    """``?lang=`` when given, else the RASHOMON_READER_LANGUAGE setting."""
    from rashomon.compare.gloss import reader_language as resolve

    configured = getattr(engine.config, "reader_language", None)
    return resolve(lang or configured)


def readable_report(engine: Engine, story: Any, report: dict, key: str | None,
                    lang: str) -> dict:
    """The report for a reader of ``lang`` (grouped disputes, glosses; see compare.gloss)."""
    from rashomon.compare.gloss import readable

    cache_key = (story.id, key, lang) if key else None
    if cache_key is not None:
        with _readable_lock:
            if cache_key in _readable:
                _readable.move_to_end(cache_key)
                return _readable[cache_key]
    facts = {a.id: engine.facts(a.id) for a in story.articles}
    view = readable(report, facts, engine.entities(story.id), lang)
    if cache_key is not None:
        with _readable_lock:
            _readable[cache_key] = view
            while len(_readable) > READABLE_CACHE:
                _readable.popitem(last=False)
    return view


def story_report(engine: Engine, story_id: int, lang: str | None = None,
                 wait: bool = True) -> tuple[dict | None, str | None]:
    """(report dict for the reader, None) or (None, why it is not available). The compare
    stage caches reports in the store; a failing comparison degrades to "not available"
    instead of breaking the story page. With ``wait`` false nothing is built here: a story
    without a current report is handed to the on-demand builder (``builds``) and reported
    as being built (``BUILDING``), unless its last build failed for the same articles
    (then why). With ``wait`` the report is built here, waiting at most for a build of the
    same story (``STORY_LOCKS``), never for another story's."""
    story = engine.story(story_id)
    lang = reader_language(engine, lang)
    version = article_set(story)
    try:
        found = _cached(engine, story)
        if found is not None:
            return readable_report(engine, story, found[1], found[0], lang), None
        if not wait:
            failed = BUILDS.failed(engine, story_id, version)
            if failed is not None:
                return None, failed
            BUILDS.ask(engine, story_id, lambda: build_story(engine, story_id))
            return None, BUILDING
        with STORY_LOCKS.hold(engine, story_id):
            found = _cached(engine, story)  # the build this one waited for made it
            report = found[1] if found else report_to_dict(engine.report(story_id))
            found = found or _cached(engine, story)
        BUILDS.record(engine, story_id, version, None)
        return readable_report(engine, story, report, found[0] if found else None, lang), None
    except NotImplementedError:
        why = "The comparison stage is not available in this version yet."
    except RashomonError as exc:
        why = f"The comparison could not be built: {exc.message}"
    except Exception:
        log.exception("comparison of story %s failed", story_id)
        why = "The comparison could not be built (the error is in the server log)."
    BUILDS.record(engine, story_id, version, why)
    return None, why


def build_story(engine: Engine, story_id: int) -> str | None:
    """Build what a story page shows of one story (its entity index, its comparison), as
    the builders do; returns None, or why the comparison is not available."""
    story_entities(engine, story_id)
    return story_report(engine, story_id)[1]


def article_set(story: Any) -> str:
    """The version of a story that its entities and comparison are built for."""
    return f"{extract.EXTRACTOR_VERSION}:{','.join(str(a.id) for a in story.articles)}"


#: The reason a story page gives while its comparison is queued or being built.
BUILDING = "building"


def story_entities(engine: Engine, story_id: int) -> list[dict[str, Any]]:
    """Entities of a story as dicts, and the entity index refreshed for it."""
    try:
        entities = engine.entities(story_id)
    except NotFound:
        raise
    except Exception:
        log.exception("entity linking of story %s failed", story_id)
        return []
    rows = [entity_row(e) for e in entities]
    index_story(engine, story_id, rows)
    return rows


def entity_row(entity: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` of an Entity without its deep copy (its fields are plain
    strings, lists and dicts): a story page with 40 entities saves ~8 ms."""
    row = dict(vars(entity))
    row["occurrences"] = [dict(vars(o)) for o in entity.occurrences]
    return row


def index_story(engine: Engine, story_id: int, entities: list[dict]) -> None:
    """(Re)index a story's entities unless this version is indexed already (no write on
    an ordinary page view)."""
    version = article_set(engine.story(story_id))
    if engine.store.entity_index_version(story_id) == version:
        return
    engine.store.put_entity_index(
        story_id,
        version,
        [
            {"entity_id": e["id"], "canonical": e["canonical"], "label": e["label"],
             "forms": e.get("surface_forms", {})}
            for e in entities
        ],
    )


def refresh_indexes(engine: Engine, limit: int = 1000) -> int:
    """Build missing/stale entity indexes and reports (the server does this in the
    background at start and after each ingest). Returns the number of stories done.
    ``BUILDS`` shows the queue meanwhile: the story list marks queued stories "…", a
    queued story's page says its comparison is being built, /api/health counts them."""
    indexed = engine.store.entity_index_versions()
    stale: list[int] = []
    offset = 0
    with BUILDS.lock:
        BUILDS.scanning = True
    try:
        while len(stale) < limit:
            stories = engine.stories(limit=100, offset=offset)
            if not stories:
                break
            offset += len(stories)
            for story in stories:
                full = engine.story(story.id)
                version = article_set(full)
                if indexed.get(story.id) != version or cached_report(engine, full) is None:
                    stale.append(story.id)
                    with BUILDS.lock:
                        BUILDS.pending.add(story.id)
    finally:
        with BUILDS.lock:
            BUILDS.scanning = False
    done = 0
    for story_id in stale[:limit]:
        with BUILDS.lock:
            BUILDS.pending.discard(story_id)
            BUILDS.current = story_id
        try:
            build_story(engine, story_id)
            done += 1
        finally:
            with BUILDS.lock:
                BUILDS.current = None
    with BUILDS.lock:
        BUILDS.pending.difference_update(stale)
    return done


def get_story(engine: Engine, story_id: int, lang: str | None = None,
              wait: bool = False) -> dict[str, Any]:
    """Everything the story page shows: articles, entities and the comparison report (for
    a reader of ``lang``) when it is built. Without ``wait`` a story whose comparison is
    not built yet comes without it at once (``report`` None, ``building`` true) and is
    handed to the on-demand builder (``builds``): the HTML page fills it in from
    ``/stories/{id}/comparison``, an API client asks ``/api/stories/{id}/report``; both
    build it if it is still not built."""
    data = api.get_story(engine, story_id)
    for row in data["articles"]:
        row["dir"] = direction(row["language"])
    data["entities"] = story_entities(engine, story_id)
    report, why = story_report(engine, story_id, lang, wait=wait)
    data["report"] = report
    data["building"] = why == BUILDING
    data["report_unavailable"] = None if why == BUILDING else why
    data["build_queue"] = BUILDS.queue_length()
    data["contradictions"] = len(report.get("contradictions", [])) if report else 0
    return data


# -- articles and entities -----------------------------------------------------------------
def fact_items(facts: ArticleFacts) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, fact) of every fact as a kind, a label and a value, which the article
    page words in the reader's language: an entity's type and its text, a date's ISO
    value, a figure's counted thing with its value, unit and hedge, a quote's speaker."""
    items = [(m.start, m.end, {"kind": "entity", "label": m.label, "value": m.text})
             for m in facts.mentions]
    items += [(d.start, d.end, {"kind": "date", "label": "date", "value": d.value})
              for d in facts.dates]
    items += [(q.start, q.end, {"kind": "quantity", "label": q.counted_key or "",
                                "value": q.value, "unit": q.unit, "hedge": q.hedge,
                                "counted": q.counted})
              for q in facts.quantities]
    items += [(q.start, q.end, {"kind": "quote", "label": "quote_by" if q.speaker else "quote",
                                "value": q.speaker})
              for q in facts.quotes]
    return items


def _english_title(item: dict[str, Any]) -> str:
    if item["kind"] == "entity":
        return f"{item['label']}: {item['value']}"
    if item["kind"] == "date":
        return f"date {item['value']}"
    if item["kind"] == "quantity":
        return f"{item['value']:g}" + (f" {item['counted']}" if item["counted"] else "")
    return f"quote by {item['value']}" if item["value"] else "quote"


def attach_facts(segments: list[dict[str, Any]],
                 items: list[tuple[int, int, dict[str, Any]]]) -> None:
    """Give each segment the facts covering it (``facts``: kind, label, value, ...)."""
    pos = 0
    for segment in segments:
        start, pos = pos, pos + len(segment["text"])
        segment["facts"] = [item for s, e, item in items if s <= start and pos <= e] \
            if segment["kinds"] else []


def entity_links(engine: Engine, article: Article) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of this article's mentions linked across its story (the
    story's entities are indexed on the way, so every link leads to an entity page)."""
    if article.story_id is None:
        return []
    try:
        entities = story_entities(engine, article.story_id)
    except Exception:
        log.exception("entities of story %s failed", article.story_id)
        return []
    return [(o["start"], o["end"], e["id"]) for e in entities
            for o in e.get("occurrences", []) if o["article_id"] == article.id]


def link_entities(segments: list[dict[str, Any]], links: list[tuple[int, int, str]]) -> None:
    """Give each entity segment the address of its entity page (``href``, else None)."""
    pos = 0
    for segment in segments:
        start, pos = pos, pos + len(segment["text"])
        found = next((i for s, e, i in links if s <= start and pos <= e), None)
        segment["href"] = (f"/entities/{quote(found, safe='')}"
                           if found and "entity" in segment["kinds"] else None)


def safe_href(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, else None (never javascript: or data:)."""
    if not url:
        return None
    stripped = url.strip()
    if re.match(r"^https?://[^\s/]", stripped, re.IGNORECASE) and not re.search(
        r"[\x00-\x1f\s]", stripped
    ):
        return stripped
    return None


def near_copies(engine: Engine, article: Article) -> list[dict[str, Any]]:
    """Articles of the same story that copy this one or that this one copies."""
    if article.story_id is None:
        return []
    root = article.duplicate_of or article.id
    return [
        api.article_summary(a)
        for a in engine.store.iter_articles(article.story_id)
        if a.id != article.id and (a.id == root or a.duplicate_of == root)
    ]


def get_article(engine: Engine, article_id: int) -> dict[str, Any]:
    """An article with its text split into highlighted segments, its story and copies."""
    article = engine.article(article_id)
    data = api.article_data(article)
    try:
        facts = engine.facts(article_id)
    except Exception:
        log.exception("extraction of article %s failed", article_id)
        facts = ArticleFacts(article_id=article_id)
    data["facts"] = dataclasses.asdict(facts)
    n = len(article.maintext)
    items = [(s, e, item) for s, e, item in fact_items(facts) if 0 <= s < e <= n]
    data["segments"] = span_segments(
        article.maintext, [(s, e, item["kind"], _english_title(item)) for s, e, item in items])
    attach_facts(data["segments"], items)
    link_entities(data["segments"], entity_links(engine, article))
    data["dir"] = direction(article.language)
    data["href"] = safe_href(article.url)
    data["story"] = (
        api.story_summary(engine.story(article.story_id)) if article.story_id else None
    )
    data["near_copies"] = near_copies(engine, article)
    return data


def get_entity(engine: Engine, entity_id: str) -> dict[str, Any]:
    """An entity with every story that mentions it, in every language."""
    rows = engine.store.find_entity_rows(entity_id)
    if not rows:
        raise NotFound(
            f"no entity {entity_id!r} in the index",
            hint="open a story first: its entities are indexed when it is built",
        ).worded("no_entity", name=entity_id[:100])
    names = {r["canonical"] for r in rows}
    rows += [r for n in names for r in engine.store.find_entity_rows(n) if r not in rows]
    forms: dict[str, set[str]] = {}
    for row in rows:
        for lang, values in row["forms"].items():
            forms.setdefault(lang, set()).update(values)
    story_ids = sorted({r["story_id"] for r in rows}, reverse=True)
    stories = api.list_stories(engine, StoryFilter(story_ids=story_ids), limit=len(story_ids))
    return {
        "id": entity_id,
        "canonical": rows[0]["canonical"],
        "label": rows[0]["label"],
        "surface_forms": {k: sorted(v) for k, v in sorted(forms.items())},
        "stories": stories,
    }

