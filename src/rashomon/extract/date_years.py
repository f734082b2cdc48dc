"""The year of a day written without one ("Thursday, March 12", "jeudi 12 mars",
"12. März", "3月12日").

The finders of ``dates.py`` write such a day as a placeholder: granularity ``"monthday"``
and the ISO 8601 year-less value ``"--MM-DD"`` (xsd:gMonthDay). ``resolve_years`` then
gives each one its year, in this order:

1. the year that makes a weekday written with the day true ("Thursday, March 12",
   "12 mars, jeudi", "3月12日（木）"), when exactly one year of the window around the
   article's reference time fits;
2. else the year that puts the day nearest the reference time (a day-month eleven months
   "ahead" of the publish time is last year's, one a few days after New Year's Eve in a
   December article is next year's);
3. else none: the mention stays a ``"monthday"`` with its span, so the date's place in its
   sentence (an event day, a deadline, a start) is kept and no wrong ISO day is invented.

The reference time is the publish time; an article without one leans on its own dates
with a written year (the last one before the day, else the first one after it). Such a
date is background unless it is the text's own time stamp ("publié le 26/03/2020 à
01:38"), and a text is written after the dates it cites: a written weekday then places
the day on or after that date, not around it (``_weekday_year_after``). Bare years ("in
2006") are not used: a year named alone is background as often as not (a "2006" forecast
in a 2005 article).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from rashomon.core.facts import DateMention
from rashomon.extract.lexicon import Lexicon, fold, scanned
from rashomon.extract.relative_dates import told_as_ahead
from rashomon.lang import alternation

#: Years on each side of the reference year in which a written weekday may place the
#: day. A fixed day-month falls on the same weekday again only after 5, 6 or 11 years
#: (28 for 29 February), so a window of 5 consecutive years (2 on each side) holds at
#: most one year that fits: the weekday alone decides, never a guess between two.
#: The window is the widest in which that holds, so it is set by the calendar, not fitted.
#: Without a publish time the window is the 5 years from a background anchor on (see the
#: module docstring). On the SemEval 2022 task 8 dev texts (no publish time;
#: tools/probe_date_years.py, read by hand) the weekday decided 8 days; with the window
#: around the anchor 5 were right and 3 wrong, each after a background date of another
#: year whose weekday also fit (a decree of 1 April 2015 for a 2020 "Montag, 30. März",
#: twice; a photo caption of June 2016 for a 2020 "lundi 17 février" read as 2014); with
#: the window from the anchor on, all 8 are right (the 3 move to 2020, nothing else of
#: the 413 year-less days changes).
WEEKDAY_YEARS = 2

#: Leap year used to check that a year-less day exists at all (29 February does).
_ANY_LEAP_YEAR = 2000

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")

#: "of last year" right after a month or day written without a year ("a maggio dello
#: scorso anno", "on Oct. 1 last year"; ``[dates] last_year_after``), on the scan form.
LAST_YEAR_AFTER = re.compile(
    rf"\s+(?:{alternation('dates', 'last_year_after', transform=fold)})(?!\w)", re.IGNORECASE)
#: Between two days of one list that the phrase after the last one dates too ("on Aug. 18
#: and Oct. 1 last year", "le 3 et le 5 mars de l'année dernière").
_LIST_JOINER = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\by\b|\be\b|\bund\b|\bи\b|\bve\b|و)?\s*"
                          r"(?:(?:the|le|el|il|den|dem)\s+)?")
# Between a weekday and the day it names: a comma, "the"/"le"/"el"... (as dates.py merges
# a weekday with the date after it), or after the day a comma or brackets ("21 Şubat
# Cuma", "3月12日（木）", "12 mars, jeudi").
_BEFORE_DAY = re.compile(r"[\s,،]{1,3}(?:(?:the|le|el|il|den|dem)\s+)?")
_AFTER_DAY = re.compile(r"[\s,،]{0,3}|\s*[（(]\s*")
# A one-character weekday in brackets after the day (Japanese "12日（木）").
_BRACKETED = re.compile(r"\s*[（(]\s*(\w)\s*[）)]")


def year_less(month: int, day: int) -> str | None:
    """The ``"--MM-DD"`` value of a day written without a year, or None when no year has
    that day (31 April)."""
    try:
        date(_ANY_LEAP_YEAR, month, day)
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def resolve_years(found: list[DateMention], text: str, language: str,
                  published: datetime | None,
                  weekdays: list[tuple[int, int, int]]) -> list[DateMention]:
    """``found`` (sorted, no overlaps) with each ``"monthday"`` placeholder given its year
    when one can be told. ``weekdays``: (start, end, weekday) of the weekday names of the
    text (``relative_dates.weekday_mentions``)."""
    if not any(d.granularity == "monthday" for d in found):
        return found
    out: list[DateMention] = []
    form = scanned(text)
    last_year = _last_year_days(found, form)
    for index, d in enumerate(found):
        if d.granularity != "monthday":
            out.append(d)
            continue
        month, day = int(d.value[2:4]), int(d.value[5:7])
        weekday = _written_weekday(d, text, language, weekdays)
        written = {x.value[:4] for x in found if x.granularity == "day"
                   and x.value[4:] == d.value[1:] and _written_with_year(x)}
        if len(written) == 1:  # the same day written with its year elsewhere in the text
            year = int(written.pop())
        elif index in last_year:  # "on Oct. 1 last year": the reference year's previous
            reference = published.date() if published is not None else _text_anchor(
                found, index)
            year = reference.year - 1 if reference is not None else None
        elif published is not None:
            year = year_of(month, day, published.date(), weekday,
                           told_as_ahead(text, form, d.start, d.end, language))
        else:
            year = _year_from_text(found, index, month, day, weekday,
                                   told_as_ahead(text, form, d.start, d.end, language),
                                   text, language)
        if year is None:
            out.append(d)
        else:
            out.append(DateMention(d.start, d.end, d.text, f"{year:04d}{d.value[1:]}", "day",
                                   calendar=d.calendar))
    return out


#: A day told as coming ("will meet on 3 October") is placed after the reference day
#: rather than at the nearest one only when that is at most this many days (9 months)
#: ahead: a plan for nearly a year ahead is written with its year, while a future verb in
#: the sentence of a day that has just passed belongs to another clause. On the SemEval
#: dev texts the uncapped rule changed one day, wrongly: "13 Şubat'ta başlayan ...
#: 20 Şubat'ta sona erecek" (began on the 13th, will end on the 20th), five days before
#: the article's own date, went to the next year.
AHEAD_MAX_DAYS = 274


def year_of(month: int, day: int, reference: date | None, weekday: int | None,
            ahead: bool = False) -> int | None:
    """The year of ``day``.``month`` by the rules of the module docstring; ``ahead``: the
    day is told as coming ("will meet on 3 October"), so it is the first one on or after
    the reference day, not the nearest."""
    if reference is None:
        return None
    if weekday is not None:
        fitting = _weekday_year(month, day, reference, weekday)
        if fitting is not None:
            return fitting
    days = [(d, y) for y in range(reference.year - 1, reference.year + 2)
            if (d := _valid(y, month, day)) is not None]
    if ahead and (coming := [y for d, y in days
                             if 0 <= (d - reference).days <= AHEAD_MAX_DAYS]):
        return coming[0]
    near = [(abs((d - reference).days), y) for d, y in days]
    return min(near)[1] if near else None  # a tie goes to the earlier year: news look back


def _weekday_year(month: int, day: int, reference: date, weekday: int) -> int | None:
    fits = [y for y in range(reference.year - WEEKDAY_YEARS, reference.year + WEEKDAY_YEARS + 1)
            if (d := _valid(y, month, day)) is not None and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


#: Without a publish time, a date written with a year AFTER the day lends it its year
#: only this close (characters between them): a range or list that writes the year once,
#: at its end ("1 Nisan-5 Mayıs 2020", "Jan 2 - 4, 2020", "del 31 dicembre al 2 gennaio
#: 2020"; 24 characters hold such a joint with room to spare). Farther on, a dated
#: mention is background as often as not: on the SemEval dev texts
#: (tools/probe_date_years.py) a first version that took the first date after at any
#: distance, and months with a year ("in November 2018") as references, dated 27 more
#: days, at least 9 of them wrongly by hand (an arrest of 2018, an order of 2015, a law of
#: 2004, a concert first held in 1939, a financial year half a year off).
RANGE_REACH = 24


def _year_from_text(found: list[DateMention], index: int, month: int, day: int,
                    weekday: int | None, ahead: bool, text: str, language: str) -> int | None:
    """The year of a day in an article without a publish time, from the text's dates
    written with a year. A written weekday places the day by the last of them before it,
    else the first after (``_weekday_year_after`` unless that one is the text's own
    time stamp); the nearest-year rule leans only on a day date (not "in November 2018":
    a month with its year was background in each checked SemEval case), the last one
    before, or one right after (RANGE_REACH)."""
    before = [d for d in found[:index] if _written_with_year(d)]
    after = next((d for d in found[index + 1:] if _written_with_year(d)), None)
    anchor = _text_anchor(found, index)
    if anchor is None:
        return None
    if weekday is not None:
        mention = before[-1] if before else after
        # a month cited with its year ("in September 2018") is a floor from its first day
        floor = anchor.replace(day=1) if mention.granularity == "month" else anchor
        fitting = (_weekday_year(month, day, anchor, weekday)
                   if stamped(text, mention, language)
                   else _weekday_year_after(month, day, floor, weekday))
        if fitting is not None:
            return fitting
    days = [d for d in before if d.granularity == "day"]
    if days:
        return year_of(month, day, _day_of(days[-1]), None, ahead)
    if after is not None and after.granularity == "day" and \
            after.start - found[index].end <= RANGE_REACH:
        return year_of(month, day, _day_of(after), None, ahead)
    return None


def _weekday_year_after(month: int, day: int, floor: date, weekday: int) -> int | None:
    """The year in which ``day``.``month`` falls on ``weekday``, on or after ``floor``
    (the five first years that hold the day after it: at most one fits)."""
    years = [y for y in range(floor.year, floor.year + 2 * WEEKDAY_YEARS + 2)
             if (d := _valid(y, month, day)) is not None and d >= floor][:2 * WEEKDAY_YEARS + 1]
    fits = [y for y in years if date(y, month, day).weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


#: A date is the text's own time stamp (its publication or update line: "publié le
#: 26/03/2020 à 01:38", "Updated: Jan 03, 2020 11:36 IST") when a clock time follows it
#: within STAMP_GAP characters (a connector: "à", "um", ",") or a ``[dates] stamp_cues``
#: word of the language stands right before it. Set by the shape of such lines.
STAMP_GAP = 6
_CLOCK_AFTER = re.compile(rf"[^\d\n]{{0,{STAMP_GAP}}}\d{{1,2}}[:h]\d{{2}}(?!\d)")


def stamped(text: str, mention: DateMention, language: str) -> bool:
    """Whether ``mention`` is the text's own time stamp (``STAMP_GAP``)."""
    if _CLOCK_AFTER.match(text, mention.end):
        return True
    cues = _stamp_cues(language)
    return bool(cues and cues.search(fold(text[max(0, mention.start - 40):mention.start])))


@cache
def _stamp_cues(language: str) -> re.Pattern[str] | None:
    words = [fold(w) for w in Lexicon(language).words("dates", "stamp_cues")]
    if not words:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})\W{{0,3}}$")


def _text_anchor(found: list[DateMention], index: int) -> date | None:
    """The date written with a year last before ``found[index]``, else first after it."""
    before = [d for d in found[:index] if _written_with_year(d)]
    after = next((d for d in found[index + 1:] if _written_with_year(d)), None)
    anchor = before[-1] if before else after
    return _day_of(anchor) if anchor is not None else None


def _last_year_days(found: list[DateMention], form: str) -> set[int]:
    """Indexes of the year-less days "of last year" dates: the one the phrase follows and
    the days listed before it ("on Aug. 18 and Oct. 1 last year"). ``form``: the text's
    scan form."""
    marked: set[int] = set()
    for index in range(len(found) - 1, -1, -1):
        d = found[index]
        if d.granularity != "monthday":
            continue
        listed = index + 1 in marked and _LIST_JOINER.fullmatch(form, d.end,
                                                                 found[index + 1].start)
        if listed or LAST_YEAR_AFTER.match(form, d.end):
            marked.add(index)
    return marked


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _written_with_year(d: DateMention) -> bool:
    """A date the writer gave a year ("12 March 2020", "2020年3月12日", "März 2020"), not a
    relative one or a resolved placeholder."""
    return d.granularity in ("day", "month") and not d.relative and bool(
        _YEAR.search(d.text) or d.calendar != "gregorian")


def _day_of(d: DateMention) -> date:
    """A dated mention as a day (a month by its middle)."""
    if d.granularity == "month":
        return date(int(d.value[:4]), int(d.value[5:7]), 15)
    return date.fromisoformat(d.value[:10])


def _written_weekday(d: DateMention, text: str, language: str,
                     weekdays: list[tuple[int, int, int]]) -> int | None:
    """The weekday written right before the day ("Thursday, March 12", "jeudi 12 mars")
    or right after it ("21 Şubat Cuma", "3月12日（木）"), else None."""
    for start, end, weekday in weekdays:
        if end <= d.start and _BEFORE_DAY.fullmatch(text, end, d.start):
            return weekday
        if start >= d.end and _AFTER_DAY.fullmatch(text, d.end, start):
            return weekday
    bracketed = _BRACKETED.match(text, d.end)
    if bracketed:
        return short_weekdays(language).get(fold(bracketed.group(1)))
    return None


@cache
def short_weekdays(language: str) -> dict[str, int]:
    """One-character weekdays written in brackets after a day (Japanese "（木）"), from
    ``[dates.short_weekdays]`` of the language file, folded."""
    return {fold(str(k)): int(v) for k, v in
            Lexicon(language).table("dates", "short_weekdays").items()}
