"""Dates that take their year (and month) from a date written before them in the text.

A text that gives a full day once ("am Donnerstag, 12. März 2026", "2026年2月17日") then
writes later dates short: a month alone ("im Februar hatten sich 88 Prozent ...") or, in
Chinese and Japanese, a day of the month alone ("截至18日上午", "19日には"). Both lean on
the last date before them that names its year:

- a month named alone in a text without a publish time takes the year that puts the
  month nearest that day (``month_year``); with a publish time the publish year is used
  (``month_dates.month_only_dates``);
- a bare CJK day "N日" is the last day N on or before the publish day (the first on or
  after it when the day is told as coming, ``relative_dates.told_as_ahead``); in a text
  without a publish time, day N of the month of the last date before it that names its
  month and year (``cjk_bare_days``).

Only a day date written with its year anchors (``date_years._written_with_year``): a bare
year or a month cited with its year is background as often as not (see ``date_years``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from rashomon.core.facts import DateMention
from rashomon.extract.date_years import _valid, _written_with_year
from rashomon.extract.lexicon import scanned
from rashomon.extract.relative_dates import told_as_ahead
from rashomon.text.regex import scanner

#: A month named alone is placed at most this many months away from the anchor day, on
#: either side (the nearest year): half a year, the widest span in which "the nearest"
#: names one year. Set by the calendar, not fitted.
MONTH_REACH = 6


def month_year(found: list[DateMention], start: int, month: int) -> int | None:
    """The year of a month named alone at ``start``, from the last day date written with
    its year before it in ``found`` (the nearest such month), else None."""
    anchor = _anchor(found, start, ("day",))
    if anchor is None:
        return None
    year, anchor_month = int(anchor.value[:4]), int(anchor.value[5:7])
    for offset in (0, -1, 1):
        if abs((year + offset) * 12 + month - (year * 12 + anchor_month)) <= MONTH_REACH:
            return year + offset
    return None


# "18日", "19日には": a day of the month alone, not part of "3月18日" (a month or a digit
# before it), not a duration or a count ("3日間", "3日目", "3日后", "一日半", "1日平均",
# Japanese "3日で", within three days).
_BARE_DAY = scanner(r"(?<![\d月.～~〜\-/第])(\d{1,2})\s*日"
                    r"(?![间間半内後后前以目平限遅迟当で])")
# A month written between the anchor and the bare day ("同年11月4・5日") is the day's
# month; one the finders did not read as a date leaves the day undated.
_MONTH_WRITTEN = re.compile(r"\d\s*月")


def cjk_bare_days(text: str, language: str, found: list[DateMention],
                  published: datetime | None) -> list[DateMention]:
    """The bare days "N日" of a Chinese or Japanese text, dated by the module's rule."""
    out = []
    form = scanned(text)
    for match in _BARE_DAY.finditer(text):
        day = int(match.group(1))
        if not 1 <= day <= 31 or any(d.start <= match.start() < d.end for d in found):
            continue
        if published is not None:
            ahead = told_as_ahead(text, form, match.start(), match.end(), language)
            value = _near(published.date(), day, ahead)
        elif (anchor := _anchor(found, match.start(), ("day", "month"), False)) is not None \
                and not _MONTH_WRITTEN.search(text, anchor.end, match.start()):
            value = _valid(int(anchor.value[:4]), int(anchor.value[5:7]), day)
        else:
            value = None
        if value is not None:
            out.append(DateMention(match.start(), match.end(), match.group(),
                                   value.isoformat(), "day"))
    return out


def _anchor(found: list[DateMention], start: int, granularities: tuple[str, ...],
            written: bool = True) -> DateMention | None:
    """The last date before ``start`` with a year and month, written with its year
    (``written``) or given one (a day-month the text's dates dated: "12月2日")."""
    before = [d for d in found if d.end <= start and d.granularity in granularities and
              re.match(r"\d{4}-\d{2}", d.value) and (_written_with_year(d) or not written)]
    return max(before, key=lambda d: d.end) if before else None


def _near(reference: date, day: int, ahead: bool) -> date | None:
    """Day ``day`` on or before the reference day (the publish month's, else the month
    before's: news write a bare day for a day just past or today), or on or after it when
    the day is told as coming ("将于25日举行")."""
    step = 1 if ahead else -1
    year, month = reference.year, reference.month
    for _ in range(3):
        found = _valid(year, month, day)
        if found is not None and (found - reference).days * step >= 0:
            return found
        month += step
        year, month = (year + 1, 1) if month > 12 else (year - 1, 12) if month < 1 else \
            (year, month)
    return None


__all__ = ["MONTH_REACH", "cjk_bare_days", "month_year"]
