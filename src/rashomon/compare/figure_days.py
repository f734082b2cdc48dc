"""Which day a figure is of, so that counts and prices of different days are not read as
a dispute: a death toll reported on Tuesday and again on Wednesday, an exchange rate of
two trading days, "so far 118 infections" in one update of a live blog and "so far 283"
in a later one.

A figure's day is the day its sentence names for itself (an event or report day; a
"since" or "by" date is another moment), else the publish day of its article when ingest
trusts that time (``units.trusted_publish``), else unknown. Two figures are of different
days when at least one sentence names its own day and the two days are known and differ;
in an article without a trusted publish time a weekday is compared as a weekday ("am
Freitag" is not the "Donnerstag" of another report). A *running count* ("so far",
"bislang", "od początku epidemii", "截至目前": the ``[tallies] so_far`` words of each
language's file, ``rashomon/lang/<code>.toml``) is the state on the day it was written,
so it is compared only with a figure known to be of the same day: two undated articles
cannot tell that.

The reasons are variations, not contradictions: both accounts may be right, and a
reader still sees the two values side by side.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date

from rashomon.compare.units import Unit, trusted_publish
from rashomon.core import Article
from rashomon.extract.dates import weekday_mentions
from rashomon.extract.lexicon import fold
from rashomon.lang import Lexicon

DIFFERENT_DAY = "different day"
#: A running count ("so far", "to date") not known to be of the other figure's day: its
#: own label, since the reader should know why, not only that the days may differ (a
#: "different day" says a day was named on each side; here none may be). Every reader's
#: word file names it (``compare/reader/<lang>.json``, report.notes).
DIFFERENT_TALLY = "running count"
RUNNING_COUNT = DIFFERENT_TALLY

#: Roles of a date that are not the day a figure is of (``date_slots.date_role``).
_OTHER_MOMENTS = frozenset({"start", "deadline"})


@dataclass(frozen=True)
class Day:
    """What is known of one figure's day: ISO days and weekdays (0 = Monday)."""

    days: frozenset[str] = frozenset()
    weekdays: frozenset[int] = frozenset()
    own: bool = False  # named by the figure's own sentence
    lead: bool = False  # named by the lead of the figure's undated article

    @property
    def told(self) -> bool:
        """Named by the text (the sentence, or an undated article's lead), not taken
        from a publish time."""
        return self.own or self.lead

    def __bool__(self) -> bool:
        return bool(self.days or self.weekdays)

    def differs(self, other: Day) -> bool:
        """Known on both sides and sharing no day (no weekday when either is a weekday
        only)."""
        if not (self and other):
            return False
        if self.days and other.days:
            return not (self.days & other.days)
        return not (self.all_weekdays() & other.all_weekdays())

    def same(self, other: Day) -> bool:
        return bool(self and other) and not self.differs(other)

    def all_weekdays(self) -> frozenset[int]:
        return self.weekdays | {date.fromisoformat(d).weekday() for d in self.days}


@dataclass
class FigureDays:
    """The days of the figures of one event's sentences."""

    #: Trusted publish day of each article (None: undated or not trusted).
    published: dict[int, date | None] = field(default_factory=dict)
    #: The day the lead of each undated article gives its news (``lead_days``).
    leads: dict[int, Day] = field(default_factory=dict)

    @classmethod
    def of(cls, articles: list[Article], units: list[Unit] = ()) -> FigureDays:
        published = {a.id: (t.date() if (t := trusted_publish(a)) else None)
                     for a in articles}
        return cls(published, lead_days(units, published))

    def day_of(self, unit: Unit) -> Day:
        own = sentence_day(unit, self.published.get(unit.article_id) is not None)
        if own:
            return own
        published = self.published.get(unit.article_id)
        if published is None:
            return self.leads.get(unit.article_id, Day())
        return Day(frozenset({published.isoformat()}))

    def label(self, a: Unit, b: Unit) -> str | None:
        """Why the figures of two sentences may be of different days, or None."""
        day_a, day_b = self.day_of(a), self.day_of(b)
        if day_a.told and day_b.told and day_a.differs(day_b):
            return DIFFERENT_DAY
        if (running_count(a) or running_count(b)) and not day_a.same(day_b):
            return RUNNING_COUNT
        return None


#: Sentences of an undated article read for the day of its news: a report puts it in its
#: first sentences ("Am Donnerstag sank der Euro ..."); read as written, not tuned.
LEAD_SENTENCES = 3


def lead_days(units: list[Unit], published: dict[int, date | None]) -> dict[int, Day]:
    """The day each article without a trusted publish time dates its news to: the day of
    the first of its LEAD_SENTENCES sentences that names one. Two undated reports whose
    leads give different days report the news of different days (two trading days of
    one market report); their figures are set against each other only when the figure's
    own sentence names no day and neither does the lead."""
    found: dict[int, Day] = {}
    for unit in sorted(units, key=lambda u: (u.article_id, u.position)):
        if published.get(unit.article_id) is not None or unit.article_id in found \
                or unit.position >= LEAD_SENTENCES:
            continue
        day = sentence_day(unit, anchored=False)
        if day:
            found[unit.article_id] = Day(day.days, day.weekdays, lead=True)
    return found


def sentence_day(unit: Unit, anchored: bool) -> Day:
    """The days a sentence names for what it states: event and report days; relative
    days only when its article has a trusted publish time (they were resolved against
    it), else the weekdays it names."""
    from rashomon.compare.date_slots import date_role

    days = frozenset(d.value[:10] for d in unit.dates
                     if d.granularity == "day" and (anchored or not d.relative)
                     and date_role(unit, d) not in _OTHER_MOMENTS)
    weekdays: frozenset[int] = frozenset()
    if not anchored and not days:
        weekdays = frozenset(w for _, _, w in weekday_mentions(unit.text, unit.language))
    return Day(days, weekdays, own=bool(days or weekdays))


def running_count(unit: Unit) -> bool:
    """Does the sentence state a count as it stands at the time of writing?"""
    pattern = _so_far(unit.language)
    return bool(pattern and pattern.search(fold(unit.text)))


@functools.lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def _so_far(language: str | None) -> re.Pattern | None:
    """The language's running-count words as one pattern (whole words where the script
    spaces its words)."""
    lexicon = Lexicon(language)
    words = sorted({fold(w) for w in lexicon.words("tallies", "so_far") if w.strip()},
                   key=len, reverse=True)
    if not words:
        return None
    body = "|".join(re.escape(w) for w in words)
    if lexicon.value("language", "spaces_between_words", True) is False:
        return re.compile(body)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")
