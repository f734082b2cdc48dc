"""The web's lists and queries, as plain data for the pages and the JSON API: errors of
a bad request, opaque pagination cursors, full-text search with highlighted matches,
filters resolved to story ids, story lists, watchlists with their Atom feed, CSV rows.
Text is returned as *segments* (``{"text": ..., "mark": ...}``) rather than HTML, so
escaping stays the template's job and no article text can ever become markup. (The
story, article and entity views are in ``rashomon.web.views``.)
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import itertools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rashomon import api
from rashomon.errors import (  # the web's error classes live in the one error table
    BadCursor,
    BadRequest,
)
from rashomon.ingest.fields import language_filter
from rashomon.pipeline import Engine
from rashomon.store import StoryFilter
from rashomon.text.direction import direction
from rashomon.web.builds import BUILDS, BuildState  # noqa: F401 - imported from here too

#: Articles a search considers before grouping them into stories: enough for a page of
#: stories even when one story holds dozens of matching articles, small enough that the
#: bm25 ranking stays under a few ms on the 10,000-article bench store.
SEARCH_ARTICLE_LIMIT = 500

#: Alternative spellings an entity adds to a search term (all its surface forms).
MAX_EXPANSIONS = 12

#: Characters of article text around the first match in a search snippet.
SNIPPET_WIDTH = 180

MAX_PAGE_SIZE = 200


# -- cursors -----------------------------------------------------------------------------
def encode_cursor(offset: int) -> str:
    """An opaque cursor for the next page (clients must not build their own)."""
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


#: Largest offset a cursor may carry (no list is longer; a huge one used to reach the
#: database as an overflow, HTTP 500).
MAX_OFFSET = 10**9


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        offset = int(number)
        if kind != "o" or not 0 <= offset <= MAX_OFFSET:
            raise ValueError(text)
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise BadCursor(
            "the pagination cursor is not valid",
            hint="pass back the 'next_cursor' value of the previous page unchanged",
        ).worded("bad_cursor") from exc
    return offset


def page_size(limit: int | None, default: int = 50) -> int:
    if limit is None:
        return default
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise BadRequest(f"limit must be between 1 and {MAX_PAGE_SIZE}",
                         hint="e.g. limit=50").worded("bad_limit", max=MAX_PAGE_SIZE)
    return limit


# -- text segments -----------------------------------------------------------------------
#: C0/C1 control characters: no article text holds them (readers drop them), and a NUL
#: in a search term ended SQLite's LIKE pattern early, so ``?q=%00`` matched every article
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(value: str, name: str) -> str:
    """``value`` with control characters removed; E701 when nothing else was in it."""
    cleaned = CONTROLS.sub("", value)
    if value.strip() and not cleaned.strip():
        raise BadRequest(f"{name} holds only control characters",
                         hint=f"pass words, e.g. {name}=Kazan").worded("control_only", field=name)
    return cleaned


def parse_terms(query: str | None) -> list[str]:
    """Search words; "quoted phrases" stay whole. At most 8 terms, 100 characters each."""
    if not query:
        return []
    query = without_controls(query, "q")
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query)]
    return [t.strip()[:100] for t in terms if t.strip()][:8]


def mark_segments(text: str, terms: list[str]) -> list[dict[str, Any]]:
    """``text`` split into segments, ``mark`` true where a term matches (case-insensitive)."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms or not text:
        return [{"text": text, "mark": False}] if text else []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out: list[dict[str, Any]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append({"text": text[pos : m.start()], "mark": False})
        out.append({"text": m.group(0), "mark": True})
        pos = m.end()
    if pos < len(text):
        out.append({"text": text[pos:], "mark": False})
    return out


def snippet(text: str, terms: list[str], width: int = SNIPPET_WIDTH) -> str:
    """The part of ``text`` around the first match (its start when nothing matches)."""
    lowered = text.casefold()
    hits = [lowered.find(t.casefold()) for t in terms if t]
    hits = [h for h in hits if h >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    piece = text[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


def span_segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Split ``text`` at the (start, end, kind, title) spans; each segment lists the kinds
    covering it. Overlaps (an entity inside a quote) are fine; bad offsets are dropped."""
    n = len(text)
    good = [(s, e, k, t) for s, e, k, t in spans if 0 <= s < e <= n]
    cuts = sorted({0, n, *(s for s, *_ in good), *(e for _, e, *_ in good)})
    out: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(cuts):
        covering = [(k, t) for s, e, k, t in good if s <= a and b <= e]
        kinds = sorted({k for k, _ in covering})
        titles = [t for _, t in covering if t]
        out.append({"text": text[a:b], "kinds": kinds, "title": "; ".join(titles)})
    return out


# -- filters and story lists ---------------------------------------------------------------
def _is_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return False
    return True


@dataclass
class WebFilter:
    """What the story list can be narrowed by (all optional)."""

    language: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    q: str | None = None

    def validate(self) -> None:
        try:  # as stored: 'FA', 'pt-BR' -> 'fa', 'pt'; ?language=Persian listed no story
            self.language = language_filter(self.language)
        except ValueError as exc:
            raise BadRequest(str(exc), hint="use an ISO code like fa, en, zh").worded(
                "bad_language", value=str(self.language)[:40], codes="fa, en, zh") from None
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _is_date(value):  # 2025-13-45 has the shape, not the sense
                raise BadRequest(f"{name} must be a date like 2023-09-17",
                                 hint="use YYYY-MM-DD").worded("bad_date", field=name,
                                                               example="2023-09-17")

    def active(self) -> bool:
        return any(dataclasses.astuple(self))


def expand_terms(engine: Engine, terms: list[str]) -> list[list[str]]:
    """Each term with the other surface forms of an entity it names, so that "Istanbul"
    also finds "استانبول" and "Стамбул" once extraction has linked them."""
    groups = []
    for term in terms:
        alternatives = [term]
        folded = term.casefold()
        for row in engine.store.search_entity_rows(term, limit=20):
            forms = [f for fs in row["forms"].values() for f in fs] + [row["canonical"]]
            if folded in {f.casefold() for f in forms}:
                alternatives += [f for f in forms if f.casefold() not in
                                 {a.casefold() for a in alternatives}]
        groups.append(alternatives[: MAX_EXPANSIONS + 1])
    return groups


def filter_story_ids(engine: Engine, flt: WebFilter) -> list[int] | None:
    """Story ids allowed by the search words and the entity (None = no such limit)."""
    allowed: list[int] | None = None
    if flt.q:
        groups = expand_terms(engine, parse_terms(flt.q))
        ids = engine.store.search_article_ids(groups, SEARCH_ARTICLE_LIMIT)
        allowed = engine.store.story_ids_of_articles(ids)
    if flt.entity:
        entity_ids = [r["story_id"] for r in engine.store.find_entity_rows(flt.entity)]
        allowed = entity_ids if allowed is None else [s for s in allowed if s in entity_ids]
    return allowed


def list_stories(
    engine: Engine, flt: WebFilter | None = None, limit: int | None = 50, cursor: str | None = None
) -> dict[str, Any]:
    """A page of stories (newest activity, then biggest, first) with contradiction counts."""
    flt = flt or WebFilter()
    flt.validate()
    size, offset = page_size(limit), decode_cursor(cursor)
    story_ids = filter_story_ids(engine, flt)
    base = StoryFilter(
        language=flt.language or None, source=flt.source or None,
        since=flt.since or None, until=flt.until or None, story_ids=story_ids,
    )
    ids = engine.store.story_page_ids(base, size + 1, offset)
    more = len(ids) > size
    ids = ids[:size]
    found = {r["id"]: r for r in api.list_stories(engine, StoryFilter(story_ids=ids), len(ids))}
    rows = [found[i] for i in ids if i in found]
    counts = engine.store.contradiction_counts([r["id"] for r in rows])
    for row in rows:
        row["contradictions"] = counts.get(row["id"], 0)
        row["has_contradictions"] = row["contradictions"] > 0
        row["building"] = BUILDS.waiting(row["id"])
    return {"stories": rows, "next_cursor": encode_cursor(offset + size) if more else None}


def search(
    engine: Engine, q: str, limit: int | None = 20, cursor: str | None = None
) -> dict[str, Any]:
    """Articles matching ``q`` in any language, with the matched words marked."""
    terms = parse_terms(q)
    if not terms:
        raise BadRequest("the search query is empty",
                         hint="pass q=words to search for").worded("empty_search")
    size, offset = page_size(limit, 20), decode_cursor(cursor)
    groups = expand_terms(engine, terms)
    ids = engine.store.search_article_ids(groups, offset + size + 1)
    page = ids[offset : offset + size]
    words = [t for g in groups for t in g]
    results = []
    for article_id in page:
        article = engine.article(article_id)
        row = api.article_summary(article)
        row["dir"] = direction(article.language)
        row["title_segments"] = mark_segments(article.title, words)
        row["snippet_segments"] = mark_segments(snippet(article.maintext, words), words)
        results.append(row)
    more = len(ids) > offset + size
    return {
        "query": q,
        "terms": groups,
        "results": results,
        "next_cursor": encode_cursor(offset + size) if more else None,
    }


# -- watchlists ----------------------------------------------------------------------------
def clean_list(values: Any, name: str = "entities") -> list[str]:
    """A form's comma-separated text or a JSON list of strings; anything else (a list of
    lists, an object, a number) is E701: ``{"languages": [["de"]]}`` was a 500."""
    if isinstance(values, str):
        values = re.split(r"[,\n]", values)
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise BadRequest(f"{name} must be a list of strings", hint=f'e.g. "{name}": ["fa", "en"]')
    values = [CONTROLS.sub("", v).strip()[:100] for v in values]
    return [v for v in values if v][:20]


def create_watchlist(
    engine: Engine, name: str, query: str = "", entities: Any = None, languages: Any = None
) -> dict[str, Any]:
    # control characters out: a watchlist named or querying "\x00" was saved, and every
    # later GET /api/watchlists failed on it (E701 "q holds only control characters")
    name = without_controls(name or "", "name").strip()[:200]
    query = without_controls(query or "", "query").strip()[:500]
    entities, languages = clean_list(entities), clean_list(languages, "languages")
    if not name:
        raise BadRequest("a watchlist needs a name",
                         hint="e.g. name=Istanbul talks").worded("watch_name")
    if not (query or entities or languages):
        raise BadRequest(
            "a watchlist needs keywords, entities or languages to watch",
            hint="give at least one of query, entities, languages",
        ).worded("watch_empty")
    try:  # as stored: 'EN', 'pt-BR' -> 'en', 'pt' (before: "EN" refused, "pt-BR" kept and
        # matching no story)
        languages = list(dict.fromkeys(language_filter(lang) for lang in languages))
    except ValueError as exc:
        wrong = next((v for v in languages if not _language_ok(v)), "")
        raise BadRequest(str(exc), hint="use ISO codes like en, fa, zh").worded(
            "bad_language", value=wrong[:40], codes="en, fa, zh") from None
    watchlist_id = engine.store.add_watchlist(name, query, entities, languages)
    return engine.store.get_watchlist(watchlist_id)


def _language_ok(value: str) -> bool:
    try:
        language_filter(value)
    except ValueError:
        return False
    return True


def watchlist_matches(engine: Engine, watchlist: dict, limit: int = 100) -> list[dict[str, Any]]:
    """Stories matching a watchlist: its keywords AND any of its entities AND any of its
    languages; each marked ``new`` when updated after the watchlist's last visit."""
    found: dict[int, dict] = {}
    entity_list = watchlist["entities"] or [None]
    language_list = watchlist["languages"] or [None]
    for entity in entity_list:
        for language in language_list:
            # a watchlist saved before control characters were refused must still list
            query = CONTROLS.sub("", watchlist["query"] or "").strip()
            flt = WebFilter(language=language, entity=entity, q=query or None)
            for row in list_stories(engine, flt, limit=limit)["stories"]:
                found.setdefault(row["id"], row)
    rows = list(found.values())
    updated = engine.store.story_updated_at([r["id"] for r in rows])
    seen, seen_at = watchlist.get("seen_stories"), watchlist.get("seen_at")
    for row in rows:
        row["updated_at"] = updated.get(row["id"])
        if "seen_stories" in watchlist:  # exact: what the last visit showed, and when updated
            row["new"] = seen is None or seen.get(row["id"]) != row["updated_at"]
        else:  # backends without the map: updated after the last visit (1 s resolution)
            row["new"] = seen_at is None or (row["updated_at"] or "") > seen_at
    rows.sort(key=lambda r: (r["updated_at"] or "", r["id"]), reverse=True)
    return rows[:limit]


def visit_watchlist(engine: Engine, watchlist_id: int, mark_seen: bool = True) -> dict:
    """A watchlist with its matches; visiting it (``mark_seen``) resets what counts as new."""
    watchlist = engine.store.get_watchlist(watchlist_id)
    data = dict(watchlist)
    data["stories"] = watchlist_matches(engine, watchlist)
    data["new_count"] = sum(1 for r in data["stories"] if r["new"])
    if mark_seen:
        engine.store.mark_watchlist_seen(
            watchlist_id, datetime.now(UTC).isoformat(timespec="seconds"),
            {r["id"]: r["updated_at"] for r in data["stories"]},
        )
    return data


def list_watchlists(engine: Engine) -> list[dict[str, Any]]:
    out = []
    for watchlist in engine.store.list_watchlists():
        row = dict(watchlist)
        row["new_count"] = sum(1 for r in watchlist_matches(engine, watchlist) if r["new"])
        out.append(row)
    return out


def atom_feed(engine: Engine, watchlist_id: int, base_url: str) -> str:
    """The Atom 1.0 document of a watchlist's matching stories (escaped XML)."""
    from xml.sax.saxutils import escape

    watchlist = engine.store.get_watchlist(watchlist_id)
    stories = watchlist_matches(engine, watchlist, limit=50)
    base = base_url.rstrip("/")
    updated = max([s["updated_at"] or "" for s in stories] + [watchlist["created_at"]])
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>{escape(base)}/watchlists/{watchlist_id}</id>",
        f"<title>{escape('Rashomon: ' + watchlist['name'])}</title>",
        f"<updated>{escape(updated)}</updated>",
        f'<link rel="self" href="{escape(base)}/watchlists/{watchlist_id}/atom.xml"/>',
        f'<link href="{escape(base)}/watchlists/{watchlist_id}"/>',
        "<author><name>Rashomon</name></author>",
    ]
    for story in stories:
        summary = (
            f"{story['article_count']} articles from {story['independent_count']} "
            "independent sources in "
            f"{', '.join(story['languages'])}"
            + (f"; {story['contradictions']} contradictions" if story["contradictions"] else "")
        )
        parts += [
            "<entry>",
            f"<id>{escape(base)}/stories/{story['id']}</id>",
            f"<title>{escape(story['title'])}</title>",
            f'<link href="{escape(base)}/stories/{story["id"]}"/>',
            f"<updated>{escape(story['updated_at'] or updated)}</updated>",
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts)


# -- CSV -----------------------------------------------------------------------------------
def csv_cell(value: Any) -> str:
    """One CSV cell; text a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


STORY_COLUMNS = ("id", "title", "languages", "sources", "article_count", "source_count",
                 "independent_count", "first_seen", "last_seen", "contradictions")
ARTICLE_COLUMNS = ("id", "title", "source_domain", "language", "date_publish", "url", "story_id")


def csv_rows(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[list[str]]:
    """Header and rows of a CSV download of a list page."""
    return [list(columns)] + [[csv_cell(r.get(c)) for c in columns] for r in rows]
