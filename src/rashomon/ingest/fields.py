"""Map a news-please style record (dict) to an ``Article``; parse dates and domains; how
far a publish time can be trusted (``publish_confidence``)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from rashomon.core import Article
from rashomon.errors import EmptyInput, MalformedInput

_TRACKING = ("utm_", "fbclid", "gclid", "ref", "cmpid", "at_medium", "at_campaign")


#: How far a publish time can be trusted, by where it was read (0..1). The rank is the
#: evidence: a time the publisher's system wrote into markup (news-please ``input``, a
#: feed entry, JSON-LD, meta tags, ``<time>`` by the headline) is high; a date in the page
#: title or the URL path, written by hand or by a slug rule and day-precision only, is
#: medium-high; a date written under the headline is medium (it may be a teaser's); a
#: text guess (trafilatura/htmldate's answer when the page states nothing better) is
#: low: before the markup readers, 3 of the 24 real pages of issue 11 got a wrong day
#: from a text guess (a teaser's or a sidebar's date). Checked on the real-page bench
#: (bench/bench_pages.py, 109 dated pages, in-sample): every origin's candidates were
#: right at least as often as its value says (jsonld 37/37, meta 51/52, time 22/22,
#: url 27/27, title 2/2, byline 71/74, text 105/109, 16/16 where it was the only one);
#: the bench is too small to separate the origins further, so the values are not fitted.
ORIGIN_CONFIDENCE = {
    "input": 0.9, "feed": 0.9, "jsonld": 0.9, "meta": 0.9, "time": 0.85, "title": 0.8,
    "url": 0.8, "byline": 0.7, "text": 0.5, "file": 0.2,
}
#: Each other origin stating the same publication adds this (two independent witnesses of
#: one day are worth more than one). Two times with a clock time are the same when at most
#: ``SAME_TIME`` apart (14 h: a local time mislabelled as UTC, the widest UTC offset, is
#: still the same publication); a day-only date (URL, title, byline, text guess: midnight UTC) is a
#: local calendar day, the same as a clock time whose local date it can be under any UTC
#: offset (-12 h .. +14 h). On the bench this keeps CNN's byline 2013-11-28 apart from its
#: meta 2013-11-27T08:36Z and Reuters' meta 2020-01-20T09:49Z (a later update under a
#: publish name) apart from its JSON-LD 2020-01-19T12:25Z, both wrong by a day.
AGREEMENT_BONUS = 0.05
SAME_TIME = timedelta(hours=14)
#: An origin stating another publication (not ``same_publication``) takes off this share of its
#: own confidence: a JSON-LD time contradicting a text guess costs the guess 0.27, a URL
#: date contradicting a title date costs it 0.24. Measured on the bench (pages.json,
#: ``dates.confidence``; bands high >= 0.8, medium >= 0.5, low below): over all 323
#: candidate times, high 162/162 right, medium 150/152, low 3/9 (the 6 wrong: three text
#: guesses that took a teaser's or sidebar's day, three bylines that were a related
#: story's or a day off); the 109 decisions: high 72/72, medium 37/37.
CONFLICT_SHARE = 0.3
#: Origins that read the others and so witness nothing on their own: the text guess is
#: htmldate's answer, which reads the same meta tags and URL first (on the bench it
#: repeated a URL's date against the page title's).
DERIVED_ORIGINS = ("text",)
#: Bounds: never certain, never zero for a time that is stated somewhere.
CONFIDENCE_RANGE = (0.05, 0.99)


#: A stated time later than the moment of reading by more than this is no publish (or
#: modify) time: a feed's scheduled or embargo date, a typed year ("2052"), a CMS's
#: "never expires" value (2099-12-31, 9999-12-31). Two days cover a local time read as
#: UTC (at most 14 h ahead) on a machine whose clock is a day behind. Such a time is not
#: used: left in, it put the story at the top of the newest-first list for decades and
#: opened a time window no real report shares.
FUTURE_SLACK = timedelta(days=2)
#: Times before this year are an empty value, not a date (0001-01-01 from a .NET or Go
#: CMS, 1000-01-01 from MySQL's lowest DATE); real archive pages date back to the 1850s.
EARLIEST_YEAR = 1800
#: The first day of Unix time: a scraper's or CMS's empty timestamp (0, "1970-01-01
#: 00:00:00"), never a web news publication.
EPOCH_DAY = datetime(1970, 1, 1, tzinfo=UTC).date()
#: Other days that software writes for "no date": 1900-01-01 (SQL Server's smallest
#: datetime and the first day of spreadsheet serial dates), 1899-12-30 and 1899-12-31
#: (day 0 of OLE Automation / Excel dates). A news-please record dated 1900-01-01 was
#: stored with confidence 0.9 and put its story at the very end of the list, "first seen
#: 1900-01-01".
EMPTY_DAYS = frozenset({EPOCH_DAY, EPOCH_DAY.replace(year=1900),
                        EPOCH_DAY.replace(year=1899, month=12, day=30),
                        EPOCH_DAY.replace(year=1899, month=12, day=31)})


def implausible_time(value: datetime | None, now: datetime | None = None) -> str | None:
    """Why a stated time cannot be when the item was published or modified (the words of
    a warning); None when it can be."""
    if value is None:
        return None
    now = now or datetime.now(UTC)
    if value > now + FUTURE_SLACK:
        return f"{value.date().isoformat()} is in the future"
    if value.year < EARLIEST_YEAR or value.date() in EMPTY_DAYS or (
            value.astimezone(UTC).date() in EMPTY_DAYS):
        return f"{value.date().isoformat()} is an empty value, not a date"
    return None


def plausible_time(value: datetime | None, name: str, warnings: list[str]) -> datetime | None:
    """``value`` when it can be a publish/modify time; else None, with a warning naming
    ``name`` (the field or origin it came from)."""
    reason = implausible_time(value)
    if reason is None:
        return value
    warnings.append(f"{name} {reason}; not used")
    return None


def origin_confidence(origin: str | None) -> float | None:
    """The confidence of a time known only by its origin (no other candidate)."""
    return ORIGIN_CONFIDENCE.get(origin or "", 0.5) if origin else None


def _day_only(value: datetime) -> bool:
    return value.utcoffset() == timedelta(0) and (value.hour, value.minute, value.second,
                                                  value.microsecond) == (0, 0, 0, 0)


def same_publication(a: datetime, b: datetime) -> bool:
    """Do two stated times name the same publication (see ``AGREEMENT_BONUS``)?"""
    if _day_only(a) and _day_only(b):
        return a.date() == b.date()
    if not _day_only(a) and not _day_only(b):
        return abs(a - b) <= SAME_TIME
    day, timed = (a, b) if _day_only(a) else (b, a)
    timed = timed.astimezone(UTC)
    earliest, latest = timed - timedelta(hours=12), timed + timedelta(hours=14)
    return earliest.date() <= day.date() <= latest.date()


def publish_confidence(origin: str | None, value: datetime | None,
                       candidates: list[tuple[str, datetime]]) -> float | None:
    """Confidence of the publish time ``value`` read from ``origin``, given every other
    candidate the page states: agreeing origins raise it, contradicting ones lower it."""
    if value is None or origin is None:
        return None
    score = origin_confidence(origin) or 0.0
    seen = {origin}
    for other, when in candidates:
        if other in seen or other in DERIVED_ORIGINS:
            continue
        seen.add(other)
        if same_publication(when, value):
            score += AGREEMENT_BONUS
        else:
            score -= CONFLICT_SHARE * (origin_confidence(other) or 0.0)
    low, high = CONFIDENCE_RANGE
    return round(min(high, max(low, score)), 2)


def parse_datetime(value: object) -> datetime | None:
    """ISO strings, news-please's 'YYYY-MM-DD HH:MM:SS', RFC 2822, epoch numbers.

    Naive times are read as UTC; anything unreadable gives None (an article without a
    time is still an article) rather than failing the item.
    """
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            # epoch milliseconds (JavaScript's Date.now(), many scrapers): past 10^11 a
            # number of seconds would be after the year 5000
            return datetime.fromtimestamp(value / 1000 if abs(value) >= 1e11 else value, tz=UTC)
        parsed = _parse_text_time(str(value).strip())
    except (OverflowError, OSError, ValueError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _parse_text_time(text: str) -> datetime | None:
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


#: A day written with dots, day first ("14.09.2025", "1.3.2024 18:30"): how German,
#: Russian, Polish, Turkish and other European writers date by hand; no convention puts
#: the month first with dots. Read in records only (a hand-made JSONL); page markup keeps
#: its own readers.
_DOTTED_DAY = re.compile(
    r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _record_time(value: object) -> datetime | None:
    """A record's time: what ``parse_datetime`` reads, or a dotted day-first date."""
    parsed = parse_datetime(value)
    if parsed is None and isinstance(value, str):
        found = _DOTTED_DAY.fullmatch(value.strip())
        if found:
            day, month, year, hour, minute, second = (int(g or 0) for g in found.groups())
            try:
                parsed = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except ValueError:  # 31.02.2025, 25:00
                return None
    return parsed


def source_domain(url: str | None) -> str | None:
    """Outlet of a URL: its host without 'www.'."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def canonical_url(url: str | None) -> str | None:
    """The URL with scheme/host lower-cased, fragment and tracking parameters dropped."""
    if not url or "://" not in url:
        return None
    parts = urlsplit(url.strip())
    query = "&".join(
        p for p in parts.query.split("&") if p and not p.lower().startswith(_TRACKING)
    )
    path = parts.path.rstrip("/") or "/"
    host = (parts.hostname or "").removeprefix("www.")
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def _string(value: object) -> str:
    """A text field; lists of paragraphs (some scrapers emit them) are joined."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if v is not None)
    return str(value)


def _language_code(value: object) -> str | None:
    """'pt-BR', 'zh_Hans', 'FA' -> 'pt', 'zh', 'fa'; anything else -> None (detect it)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


#: What a language filter may be: an ISO 639 code, with a region or script after it.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def language_filter(value: str | None) -> str | None:
    """A story-list filter's language as stored ('FA', 'pt-BR' -> 'fa', 'pt'); a value that
    is no language code (`--language klingon`, `?language=Persian`) raises ``ValueError``:
    it listed no story, as if none were in that language."""
    if value is None or not value.strip():
        return None
    if not _LANGUAGE_TAG.fullmatch(value.strip()):
        raise ValueError(f"not a language code: {value.strip()[:40]!r}")
    return _language_code(value)


def article_from_record(record: object, where: str) -> Article:
    """A JSON object with news-please field names (extra fields are ignored)."""
    if not isinstance(record, dict):
        raise MalformedInput(
            f"a JSON article must be an object, not {type(record).__name__}",
            hint="use news-please field names: url, title, maintext, date_publish, language",
        )
    # a title is one line: scraped titles carry newlines and tabs ("«كورونا»\nذكرت …"),
    # which broke every one-line-per-story listing
    title = " ".join(_string(record.get("title")).split())
    body = _string(record.get("maintext") or record.get("text") or record.get("content"))
    if not body.strip():
        raise EmptyInput(
            "the record has no article text (no 'maintext', 'text' or 'content' field)",
            hint="news-please records keep the body in 'maintext'",
        )
    url = record.get("url") if isinstance(record.get("url"), str) else None
    authors = record.get("authors") or []
    published = _record_time(record.get("date_publish"))
    modified = _record_time(record.get("date_modify"))
    language, warnings = _language_code(record.get("language")), []
    for name, value in (("date_publish", published), ("date_modify", modified)):
        given = record.get(name)
        if value is None and given not in (None, "") and not isinstance(given, bool):
            # "31/31/2025", "gestern": dropped without a word, the article then dated by
            # the time it was ingested
            warnings.append(f"{name} {_string(given)[:40]!r} is not a date; ignored")
    published = plausible_time(published, "date_publish", warnings)
    modified = plausible_time(modified, "date_modify", warnings)
    domain = record.get("source_domain")
    if domain is not None and not isinstance(domain, str):
        # {"name": ...} from another scraper's schema was stored as the outlet "{'name': …}"
        warnings.append("source_domain is not a text; the outlet is read from the url")
        domain = None
    if language and not _known_language(language):
        # "english", "xx-klingon": stored as the article's language, extraction then ran
        # with no language data; the text's own language is detected instead
        warnings.append(f"language {_string(record.get('language'))[:40]!r} is not a "
                        f"language code; detected from the text")
        language = None
    article = Article(
        title=title or body.strip().split("\n")[0][:160],
        maintext=body.strip() or title,
        url=url,
        source_domain=(domain or "").strip() or source_domain(url),
        date_publish=published,
        date_publish_origin="input" if published else None,
        date_publish_confidence=origin_confidence("input") if published else None,
        date_modify=modified,
        date_modify_origin="input" if modified else None,
        language=language,
        description=_string(record.get("description")) or None,
        authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
        raw=json.dumps(record, ensure_ascii=False).encode("utf-8"),
        raw_format="json",
        source_path=where,
    )
    article.warnings.extend(warnings)
    return article


def _known_language(code: str) -> bool:
    """Is ``code`` a language CLDR knows (``fa``, ``ckb``, ``yue``; not ``xx``, ``english``)?"""
    from babel import localedata

    return localedata.exists(code)
