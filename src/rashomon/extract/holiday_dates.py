"""Feast days on a fixed day of the year, named instead of dated ("on New Year's Eve",
"an Silvester", "en Nochevieja", "w sylwestra"): a day-month like "31 December".

Each language's ``[dates.holidays]`` table (``lang/<code>.toml``) maps a regular
expression (matched on the text as written, any case, whole words) to ``"MM-DD"``. The
mention is a ``"monthday"`` placeholder, so ``date_years`` gives it the year the publish
time or the text's own dates tell, and none otherwise. Only days whose date never moves
are listed (not Easter, not "the new year" in general, not a night that spans two days).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import DateMention
from rashomon.extract.calendars import iso_date
from rashomon.extract.date_years import year_less
from rashomon.extract.lexicon import Lexicon


@cache
def _holidays(language: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    table = {str(k): str(v) for k, v in Lexicon(language).table("dates", "holidays").items()}
    if not table:
        return None
    names = [f"(?P<h{i}>{pattern})" for i, pattern in enumerate(table)]
    # a year written right after it dates it ("New Year's Day 2020", "Sylwester 2019");
    # a hyphen after it makes a compound ("Silvester-Party"), no date
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(names)})(?![\w-])"
                         r"(?:,?\s+(?:of\s+|de\s+)?(?P<year>(?:19|20)\d\d)(?!\d))?",
                         re.IGNORECASE)
    return pattern, {f"h{i}": day for i, day in enumerate(table.values())}


def holiday_dates(text: str, language: str) -> list[DateMention]:
    """The fixed feast days ``text`` names, as year-less day placeholders."""
    found = _holidays(language.split("-")[0])
    if found is None:
        return []
    pattern, days = found
    out: list[DateMention] = []
    for match in pattern.finditer(text):
        name = next(group for group in days if match.group(group) is not None)
        month, day = (int(part) for part in days[name].split("-"))
        if match.group("year"):
            value = iso_date(int(match.group("year")), month, day)
            kind = "day"
        else:
            value, kind = year_less(month, day), "monthday"
        if value:
            out.append(DateMention(*match.span(), match.group(), value, kind))
    return out
