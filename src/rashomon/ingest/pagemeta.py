"""Page metadata trafilatura does not give us: publish and modify times kept apart, with
where each came from, the canonical link and the headline without the site's name.

Why our own reader: trafilatura returns a single day-precision ``date``, so a page
modified hours after publication, or the exact publish time that clustering's time window
needs, would be lost. Origins are ranked (JSON-LD > meta > ``<time datetime>`` near the
headline > a date in the page title > URL > the byline under the headline > a text
guess) because a time written by the publisher's CMS is worth more than one guessed from
the text: a text guess never beats markup. Titles are in ``pagetitle``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import html as lxml_html

from rashomon.ingest.fields import implausible_time, parse_datetime
from rashomon.ingest.pagetitle import byline_dates, title_date

#: meta name/property/itemprop values that hold a publish or a modify time.
_META_PUBLISHED = (
    "article:published_time", "og:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
)
_META_MODIFIED = (
    "article:modified_time", "og:updated_time", "datemodified", "last-modified",
    "dcterms.modified", "dc.date.modified",
)
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage", "liveblogposting")
# /2023/09/20/, /2023-09-20/, /20230920/ in a URL path.
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/_-]|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_-]|$)"
)

@dataclass
class PageMeta:
    """Times and canonical URL read from one HTML page."""

    published: datetime | None = None
    published_origin: str | None = None
    modified: datetime | None = None
    modified_origin: str | None = None
    canonical: str | None = None
    tree: object = None  # the parsed page, for the title reader
    #: Every publish time the page states, (origin, time) most trusted origin first: the
    #: first one is ``published``; the others confirm or contradict it (``confidence``).
    candidates: list[tuple[str, datetime]] = field(default_factory=list)
    #: Stated times that cannot be a publication (``fields.implausible_time``: in the
    #: future, an empty value): (origin, time, why), never used nor counted as witnesses.
    rejected: list[tuple[str, datetime, str]] = field(default_factory=list)


def read_page_meta(text: str, url: str | None) -> PageMeta:
    """Times (JSON-LD, meta tags, <time> by the headline, the title, the URL path, the
    byline) and the canonical link."""
    meta = PageMeta()
    tree = parse_page(text)
    byline_time = byline_text = None
    if tree is not None:
        meta.tree = tree
        meta.canonical = _canonical(tree)
        _take(meta, *_jsonld_dates(tree), "jsonld")
        _take(meta, *_meta_dates(tree), "meta")
        byline_time, byline_text = byline_dates(tree)
        _take(meta, parse_datetime(byline_time), None, "time")
        _take(meta, title_date(tree), None, "title")
    published = url_date(url or meta.canonical)
    _take(meta, published, None, "url")
    _take(meta, byline_text, None, "byline")
    return meta


def _take(meta: PageMeta, pub: datetime | None, mod: datetime | None, origin: str) -> None:
    """Fill each time only if a more trusted origin has not already; keep every publish
    time as a candidate. A time that cannot be a publication is set aside (``rejected``),
    so the next origin's time is used."""
    for when, kind in ((pub, "published"), (mod, "modified")):
        reason = implausible_time(when)
        if reason is not None:
            meta.rejected.append((origin if kind == "published" else f"{origin} modified",
                                  when, reason))
    pub = None if implausible_time(pub) else pub
    mod = None if implausible_time(mod) else mod
    if pub:
        meta.candidates.append((origin, pub))
    if pub and meta.published is None:
        meta.published, meta.published_origin = pub, origin
    if mod and meta.modified is None:
        meta.modified, meta.modified_origin = mod, origin


def parse_page(text: str):
    """An lxml tree of the page; None when lxml cannot make anything of it."""
    try:
        # The text is decoded already: a <meta charset> must not make lxml re-decode it.
        parser = lxml_html.HTMLParser(encoding="utf-8")
        return lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _canonical(tree) -> str | None:
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href.startswith(("http://", "https://")):
            return href
    for node in tree.iter("meta"):
        if (node.get("property") or "").lower() == "og:url":
            href = (node.get("content") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    return None


def _jsonld_dates(tree) -> tuple[datetime | None, datetime | None]:
    """datePublished/dateModified of the page's article object in JSON-LD."""
    for node in jsonld_objects(tree):
        kind = node.get("@type")
        kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if k]
        if kinds and not any(k in _ARTICLE_TYPES for k in kinds):
            continue
        pub = parse_datetime(node.get("datePublished"))
        mod = parse_datetime(node.get("dateModified"))
        if pub or mod:
            return pub, mod
    return None, None


def jsonld_objects(tree) -> Iterator[dict]:
    """Every JSON object in the page's ld+json scripts, @graph members included."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except json.JSONDecodeError:
            continue
        yield from _walk(data)


def _walk(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _walk(data["@graph"])


def _meta_dates(tree) -> tuple[datetime | None, datetime | None]:
    """Publish/modify times from <meta> tags and <time itemprop=...> elements."""
    pub = mod = None
    for node in tree.iter("meta", "time"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = node.get("content") or node.get("datetime")
        if not value:
            continue
        if pub is None and key in _META_PUBLISHED:
            pub = parse_datetime(value)
        elif mod is None and key in _META_MODIFIED:
            mod = parse_datetime(value)
    return pub, mod


def url_date(url: str | None) -> datetime | None:
    """A date written in a URL path (/2023/09/20/...), as midnight UTC."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    m = _URL_DATE.search(path)
    if not m:
        return None
    year, month, day = (g for g in m.groups() if g is not None)
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC)
    except ValueError:
        return None
