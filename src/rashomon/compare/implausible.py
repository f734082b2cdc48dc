"""Implausible claims: what cannot be right given the article itself or all other sources.

Two checks, both conservative because a false alarm accuses a source of an error:
- a *deadline* ("by 1 September 2023", "entro il 1° settembre") that falls before events
  the same article dates earlier in its text, or long before the article was published;
- a figure far out of line with what every other source gives for the same slot.

Each finding carries its reason twice: ``reason``, the English sentence (the JSON and CSV
field since the first report, unchanged), and ``reason_key`` with ``reason_args`` (ISO
dates, plain numbers, the source's own words), from which a reader's view words it in the
reader's language (``compare/reader/<lang>.json`` ``reasons``, see ``compare/gloss.py``).
"""

from __future__ import annotations

import re
import statistics
from datetime import date, datetime

from rashomon.compare.slots import Observation
from rashomon.compare.units import Unit, trusted_publish
from rashomon.core import Article, DateMention, Implausible

#: Words just before a date that make it a deadline or a future point, per language of
#: the sample corpus. Looked for in the DEADLINE_WINDOW characters before the date.
DEADLINE_CUES = re.compile(
    r"\b(?:by|until|no later than|deadline)\b|\bentro\b|\bfino al\b|\bentro e non oltre\b|"
    r"\bbis\b|\bzum\b|\bspätestens\b|\bd'ici\b|\bjusqu'au\b|\bantes de[l]?\b|\bhasta\b|"
    r"\bдо\b|\bне позднее\b|\bتا\b|\bحداکثر\b|\bحتى\b|截至",
    re.IGNORECASE,
)
DEADLINE_WINDOW = 25

#: A deadline earlier than an event of the same article by more than this many days is
#: implausible. One day of slack absorbs time zones and "by the 19th" vs "on the 20th".
TIMELINE_SLACK_DAYS = 1

#: A deadline already passed this many days before publication is implausible as news
#: (a report does not announce a dissolution "by" a date two weeks in its past).
PUBLISH_SLACK_DAYS = 7

#: Outlier band: a figure 8-15x away from the median of every other source, while those
#: agree within 25% among themselves, looks like a slipped digit or zero (640,000 for
#: 64,000 spectators, 4,000 for 400 km). Calibrated on the sample gold: the three true
#: outliers are 9.9x, 10x and 12.7x off; the false alarms of a plain ">= 3x" rule were
#: 3.6-6.7x (a disputed figure: a contradiction, not an error) or 85-265x (a different
#: figure of the same sentence: "four minutes" against "340 pupils").
OUTLIER_FACTOR = 8.0
OUTLIER_MAX = 15.0
OTHERS_AGREE = 0.25


def _day(d: DateMention) -> date | None:
    if d.granularity != "day" or d.relative:
        return None
    try:
        return date.fromisoformat(d.value[:10])
    except ValueError:
        return None


def _any_day(d: DateMention) -> date | None:
    if d.granularity != "day":
        return None
    try:
        return date.fromisoformat(d.value[:10])
    except ValueError:
        return None


def deadline_checks(article: Article, units: list[Unit],
                    stated_elsewhere: frozenset[str] = frozenset()) -> list[Implausible]:
    """Deadlines of one article that precede its own earlier-dated events or its publication.

    A date another independent source also gives is a reference date ("as of 17 May",
    "تا 27 اردیبهشت" in the sample IAEA story), not a deadline gone wrong."""
    found: list[Implausible] = []
    latest: tuple[date, Unit] | None = None
    for unit in sorted(units, key=lambda u: u.start):
        for d in sorted(unit.dates, key=lambda d: d.start):
            day = _day(d)
            if day is None:
                continue
            if _is_deadline(article.maintext, d) and d.value[:10] not in stated_elsewhere:
                problem = _deadline_problem(day, latest, trusted_publish(article))
                if problem:
                    reason, key, args = problem
                    found.append(Implausible(reason=reason, evidence=unit.evidence(),
                                             value=d.text, severity="high",
                                             reason_key=key, reason_args=args))
                    continue
            if latest is None or day > latest[0]:
                latest = (day, unit)
    return found


#: CJK and Korean put "before/until" after the date ("9月1日前", "9월 1일까지").
DEADLINE_AFTER = re.compile(r"\s?(?:之前|以前|前|까지|までに|\S{0,12}\s?(?:kadar|dek)\b)")


def _is_deadline(text: str, d: DateMention) -> bool:
    window = text[max(0, d.start - DEADLINE_WINDOW): d.start]
    return bool(DEADLINE_CUES.search(window) or DEADLINE_AFTER.match(text, d.end))


def _deadline_problem(
    day: date, latest: tuple[date, Unit] | None, published: datetime | None
) -> tuple[str, str, dict] | None:
    """(English reason, reason key, its parameters) of a deadline gone wrong, or None."""
    if latest is not None and (latest[0] - day).days > TIMELINE_SLACK_DAYS:
        sentence = latest[1].text[:80]
        return (
            f"deadline {day.isoformat()} falls before events the same article dates "
            f"{latest[0].isoformat()} (\"{sentence}\")",
            "deadline_before_events",
            {"deadline": day.isoformat(), "event": latest[0].isoformat(), "sentence": sentence},
        )
    if published is not None and (published.date() - day).days > PUBLISH_SLACK_DAYS:
        return (
            f"deadline {day.isoformat()} had already passed when the article was "
            f"published ({published.date().isoformat()})",
            "deadline_passed",
            {"deadline": day.isoformat(), "published": published.date().isoformat()},
        )
    return None


#: An event dated more than this many days after the article's own publication cannot
#: have been reported as done; one day absorbs time zones and dateline conventions.
FUTURE_SLACK_DAYS = 1

#: Words that announce a plan or forecast, so a later date is expected, not an error (in
#: the languages of the sample corpus). Written from grammar, not fitted: future
#: auxiliaries, "next", "scheduled", "expected".
FUTURE_CUES = re.compile(
    r"\b(?:will|shall|next|due|expected|scheduled|planned|upcoming|set to)\b|'ll\b|"
    r"\b(?:sarà|saranno|prossim\w*|previst\w*|dovrebbe|si terrà)\b|"
    r"\b(?:será|serán|próxim\w*|se celebrará|a partir)\b|"
    r"\b(?:sera|seront|prochain\w*|prévu\w*|devrait|aura lieu|à partir)\b|"
    r"\b(?:wird|werden|soll|sollen|nächst\w*|geplant|ab dem)\b|"
    r"\b(?:будет|будут|следующ\w*|планиру\w*|намечен\w*|состоится|буде|наступн\w*)\b|"
    r"\b(?:yapılacak|olacak|edecek|planlan\w*|będzie|następn\w*|θα|zal|volgend\w*)\b|"
    r"خواهد|آینده|قرار است|سوف|المقبل|القادم|من المقرر|المرتقب|将|预计|计划|予定|見通し",
    re.IGNORECASE,
)


def future_checks(
    article: Article, units: list[Unit], stated_elsewhere: set[str]
) -> list[Implausible]:
    """Events the article dates after its own publication, told as done.

    A date another independent source also gives is a scheduled event, not an error
    (the IAEA board "from 9 June" in a 31 May report), so only dates no other source
    states are checked, and sentences announcing a plan are left alone.
    """
    if trusted_publish(article) is None:
        return []
    published = trusted_publish(article).date()
    found = []
    for unit in units:
        for d in unit.dates:
            day = _day(d)
            if day is None or (day - published).days <= FUTURE_SLACK_DAYS:
                continue
            if d.value[:10] in stated_elsewhere or _is_deadline(article.maintext, d) \
                    or FUTURE_CUES.search(unit.text):
                continue
            found.append(Implausible(
                reason=(f"date {day.isoformat()} is after the article's own publication "
                        f"({published.isoformat()}) yet told as past"),
                evidence=unit.evidence(), value=d.text, severity="high",
                reason_key="after_publication",
                reason_args={"date": day.isoformat(), "published": published.isoformat()}))
    return found


#: Words just before a duration that make it time elapsed up to now ("منذ 72 ساعة",
#: "for the past 72 hours", "seit 72 Stunden", "da 72 ore", "уже 72 часа"): an ongoing
#: activity cannot have lasted longer than the event it follows has existed.
ELAPSED_CUES = re.compile(
    r"(?:\bsince|\bfor the past|\bfor the last|\bseit|\bdepuis|\bdesde hace|\bda|"
    r"\bуже|\bвже|\bod|منذ|از)\s+$",
    re.IGNORECASE,
)
_HOURS = {"hour": 1, "day": 24, "week": 168}
#: Slack added to the time since the event's day began: the event may have happened at
#: any hour of that day, and "72 hours" may be a loose phrase for "three days".
ELAPSED_SLACK_HOURS = 24


def elapsed_checks(article: Article, units: list[Unit]) -> list[Implausible]:
    """Ongoing activity said to have lasted longer than the article's own event has
    existed: "rescue teams have worked for 72 hours" in a report published hours after a
    night-time quake the same article dates to its publication day."""
    published = trusted_publish(article)
    if published is None:
        return []
    # relative days ("on Thursday") count: they were resolved against this publish time
    recent = [day for u in units for d in u.dates if (day := _any_day(d)) is not None
              and 0 <= (published.date() - day).days <= PUBLISH_SLACK_DAYS]
    if not recent:
        return []
    began = datetime.combine(min(recent), datetime.min.time(), tzinfo=published.tzinfo)
    available = (published - began).total_seconds() / 3600 + ELAPSED_SLACK_HOURS
    found = []
    for unit in units:
        for q in unit.quantities:
            hours = q.value * _HOURS.get(q.unit or "", 0)
            before = article.maintext[max(0, q.start - 20):q.start]
            if hours > available and ELAPSED_CUES.search(before):
                found.append(Implausible(
                    reason=(f"{q.text} elapsed, but the event the article dates "
                            f"{min(recent).isoformat()} is at most {available:.0f} hours "
                            f"old at publication"),
                    evidence=unit.evidence(), value=q.text, severity="medium",
                    reason_key="elapsed_too_long",
                    reason_args={"elapsed": q.text, "value": q.value, "unit": q.unit,
                                 "event": min(recent).isoformat(),
                                 "hours": round(available)}))
    return found


def _has_digit(text: str) -> bool:
    """A slipped digit needs digits: "dozens" or "four" cannot be a typo for 400."""
    return any(c.isdigit() for c in text)


def outlier_checks(slot: str, observations: list[Observation]) -> list[Implausible]:
    """Figures at least OUTLIER_FACTOR away from every other source's agreeing figures."""
    per_source: dict[str, Observation] = {}
    for o in observations:
        per_source.setdefault(o.unit.source, o)
    if len(per_source) < 3:
        return []
    found = []
    for source, o in per_source.items():
        others = [p.quantity.value for s, p in per_source.items() if s != source]
        median = statistics.median(others)
        if median <= 0 or o.quantity.value <= 0 or not _has_digit(o.quantity.text):
            continue
        spread = (max(others) - min(others)) / median
        ratio = max(o.quantity.value / median, median / o.quantity.value)
        if spread <= OTHERS_AGREE and OUTLIER_FACTOR <= ratio <= OUTLIER_MAX:
            found.append(Implausible(
                reason=(f"{slot}: {o.quantity.text} is {ratio:.1f}x away from the "
                        f"{len(others)} other sources (median {median:g})"),
                evidence=o.unit.evidence(), value=o.quantity.text, severity="medium",
                reason_key="outlier",
                reason_args={"slot": slot, "value": o.quantity.text,
                             "amount": o.quantity.value, "ratio": round(ratio, 1),
                             "others": len(others), "median": median,
                             "unit": o.quantity.unit, "hedge": o.quantity.hedge},
            ))
    return found
