"""Dates: absolute, relative and non-Gregorian, normalized to ISO 8601 with a granularity.

Why our own regexes instead of ``dateparser.search_dates``: search_dates costs tens of
milliseconds per article and reads durations ("9 mesi", "in 24 ore") as dates. Here a
per-language pattern built from CLDR month names finds the candidate spans, and the
values are computed directly (Solar Hijri via ``convertdate``, Hijri via ``hijridate``,
both installed with ``dateparser[calendars]``). Relative expressions ("ieri", "last
Tuesday", "три дня назад", "دیروز", "昨天") are resolved against the publish time, and
skipped when it is unknown (``relative_dates.py``).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache, lru_cache

from rashomon.core.facts import DateMention
from rashomon.extract.bare_years import apostrophe_years, bare_years, two_digit_year
from rashomon.extract.calendars import from_hijri, from_persian, iso_date, persian_year
from rashomon.extract.date_anchors import cjk_bare_days
from rashomon.extract.date_years import resolve_years, year_less
from rashomon.extract.holiday_dates import holiday_dates
from rashomon.extract.lexicon import (
    HIJRI_MONTHS,
    PERSIAN_MONTHS,
    Lexicon,
    fold,
    month_names,
    month_surfaces,
    scan_form,
    scanned,
)
from rashomon.extract.month_dates import month_only_dates, wide_months
from rashomon.extract.relative_dates import (
    _merge_weekday_dates,
    _relative_dates,
    _relative_weeks,
    _relative_years,
    _same_day_dates,
    weekday_mentions,
)
from rashomon.lang import alternation
from rashomon.text.regex import finditer_around, scanner

_YEAR_MIN, _YEAR_MAX = 1800, 2100  # Gregorian years news text plausibly dates


_ORD = r"(?:°|º|\.|er|st|nd|rd|th|-?го|-?е)?"
_CJK_DATE = scanner(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?|(\d{4})\s*年")
_KO_DATE = scanner(r"(\d{4})년\s*(\d{1,2})월(?:\s*(\d{1,2})일)?")
_ISO_DATE = scanner(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# d.m.yyyy, d/m/yyyy (day first, most locales), and with a two-digit year when the month
# is written with two digits ("7.05.20", "20/03/20": a version or section number such as
# "1.2.20" is no date); a full stop after it ends the sentence ("am 12.03.2020.").
_NUMERIC_DATE = scanner(r"(?<![\d/.])(\d{1,2})([./])(\d{1,2})\2(\d{4}|(?<=\d\d[./])\d{2})"
                        r"(?![\d/]|\.\d)")


def _alternation(name: str, escape: bool = False, folded: bool = True) -> str:
    """The ``[dates] <name>`` words (or regular expressions) of every language, folded
    when matched on the scanned (folded) text."""
    return alternation("dates", name, escape=escape, transform=fold if folded else None)


# Bare years after a cue word ("nel 2022", "в 2022 году", "سال 2022"), matched on the
# text as written (any case); the Arabic-script cues also when a clitic is attached
# before them (no word boundary).
_YEAR_NOUNS = _alternation("nouns_after_year")
_YEAR_CUE = scanner(
    rf"(?:\b(?:{_alternation('year_cues', escape=True, folded=False)})\s+|"
    rf"(?:{_alternation('year_cues_attached', escape=True, folded=False)})\s+)"
    rf"(1[89]\d\d|20\d\d)(?:\s*(?:{_alternation('nouns_after_year', folded=False)}))?\b",
    re.IGNORECASE,
)
# A bare year with no cue before it but a year word or a case ending right after it
# ("2019 roku", "2028 yılına", "2024'te"): the year nouns and ``year_cues_after``
# (regular expressions, any case); a year inside a number or a decimal is none.
_YEAR_AFTER = scanner(
    rf"(?<![\d.,])(1[89]\d\d|20\d\d)(?:\s*(?:{_alternation('nouns_after_year', folded=False)})"
    rf"|(?:{_alternation('year_cues_after', folded=False)}))(?!\w)",
    re.IGNORECASE,
)
# Every year-cue and year-edge match holds its year and only letters, whitespace, digits,
# "'" / "’" (nell', 2024'te) and "." (г.), so the scan may skip the text between years
# (finditer_around).
_CUE_YEAR, _EDGE_YEAR = re.compile(r"1[89]\d\d|20\d\d"), re.compile(r"(?:19|20)\d\d")
_NOT_IN_YEAR_CUE = r"^\w\s'’."


def _scan(text: str) -> str:
    """``scan_form`` once per text (shared with the quantity finder)."""
    return scanned(text)


#: A publish time trusted less than this (``Article.date_publish_confidence``, 0..1, set
#: at ingest by ``ingest.fields.publish_confidence``: its origin, raised by origins that
#: agree, lowered by ones that contradict it) is no reference for the text's dates: the
#: text is read as undated (its own dated mentions give years; "yesterday" is not
#: resolved). 0.5 is the lower edge of ingest's medium band; on the real-page bench
#: (bench/bench_pages.py) the times below it were right 3 of 9 times (a text guess that
#: took a teaser's day, a byline of a related story), those at or above it 312 of 314.
#: No page decision there falls below it, so the bench's extraction is unchanged.
TRUSTED_PUBLISH = 0.5


def reference_time(published: datetime | None, confidence: float | None) -> datetime | None:
    """The publish time the dates of a text may lean on: ``published`` unless its
    confidence is known and below TRUSTED_PUBLISH (no confidence: a time given with the
    input, trusted as before)."""
    if published is None or confidence is None or confidence >= TRUSTED_PUBLISH:
        return published
    return None


def extract_dates(text: str, language: str | None, published: datetime | None) -> list[DateMention]:
    """All date mentions of ``text``; overlapping candidates keep the longest. A day
    written without a year gets the year ``date_years`` can tell (its weekday, else the
    year nearest the publish time or the text's own dated mentions); one whose year
    cannot be told is shown as what the text says, a day-month: granularity
    ``"monthday"``, value ``"--MM-DD"`` (ISO 8601's form without a year), never a guessed
    year. Readers of ISO days take ``granularity == "day"``; the comparison sets a
    day-month against the days other sources give (``year_less_days``)."""
    return _dates(text, language, published)


def year_less_days(text: str, language: str | None) -> list[DateMention]:
    """The days an undated text writes without a year that its own dates cannot date
    ("am 12. März", no other date written): ``"monthday"`` mentions valued ``"--MM-DD"``.
    No ISO day can be given for them, but the comparison still sets them against the day
    the other sources give the same event, as it does the weekdays of
    ``weekday_mentions``."""
    return [d for d in _dates(text, language, None) if d.granularity == "monthday"]


def _dates(text: str, language: str | None, published: datetime | None) -> list[DateMention]:
    lang = language or "en"
    found: list[DateMention] = []
    found += _month_name_dates(text, lang)
    found += _calendar_dates(text, lang, published)
    found += _pattern_dates(text, published)
    found += _year_dates(text)
    found += bare_years(text, lang) + apostrophe_years(text, lang, published)
    found += _persian_month_year(text)
    if lang == "ar":
        found += _arabic_ordinal_dates(text)
    found += _year_edge_dates(text)
    found += holiday_dates(text, lang)
    if published is not None:
        found += _relative_dates(text, lang, published)
        found += _relative_years(text, lang, published)
        found += _relative_weeks(text, published)
    found += month_only_dates(text, lang, published, found)
    found = _no_overlaps(found)
    if any(d.granularity == "monthday" for d in found):
        found = resolve_years(found, text, lang, published, weekday_mentions(text, lang))
    found = _merge_weekday_dates(found, text)
    if lang.split("-")[0] in ("zh", "ja"):
        found = _no_overlaps(found + cjk_bare_days(text, lang, found, published))
    return _no_overlaps(found + _same_day_dates(text, found, published))


@cache
def _month_pattern(language: str) -> re.Pattern[str]:
    names = sorted(month_names(language), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    # Arabic names a month twice, Egyptian and Levantine: "11 مايو/أيار 2025".
    alt = rf"(?:\s?/\s?(?:{alternation}))?" if language == "ar" else ""
    month, month2, month3 = (rf"(?P<{g}>{alternation})\.?{alt}" for g in ("m", "m2", "m3"))
    day = rf"(?P<d>\d{{1,2}}){_ORD}"
    year = r"(?P<y>\d{4})(?:\s*(?:года|г\.|year))?"
    return scanner(
        rf"(?<!\w)(?:{day}\s*(?:de\s+|of\s+|-)?{month}(?:,?\s*(?:de\s+|del\s+)?{year})?"
        rf"|{month2}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
        rf"|{month3}\s*(?:de\s+|del\s+|of\s+)?(?P<y3>\d{{4}}))(?!\w)",
        re.IGNORECASE,
    )


def _month_name_dates(text: str, lang: str) -> list[DateMention]:
    months = month_names(lang)
    out: list[DateMention] = []
    for match in _month_candidates(_month_pattern(lang), _scan(text), text, lang):
        name = match.group("m") or match.group("m2") or match.group("m3")
        month = months.get(fold(name).split("/")[0].strip().rstrip("."))
        if month is None:
            continue
        day_text = match.group("d") or match.group("d2")
        year_text = match.group("y") or match.group("y2") or match.group("y3")
        year = int(year_text) if year_text else None
        if year_text and not _YEAR_MIN <= year <= _YEAR_MAX:
            continue
        start, end = match.span()
        if text[end - 1] == "." and fold(name).rstrip(".") in wide_months(lang):
            end -= 1  # "24 августа." ends a sentence; only abbreviations own their dot
        if day_text and not year and _glued(text, start, end):
            continue  # "X-12-Mar-08-B": a part code, not a day
        if day_text:
            # no year written: a "monthday" placeholder, given its year by date_years
            value = iso_date(year, month, int(day_text)) if year else year_less(month,
                                                                                int(day_text))
            if value:
                out.append(DateMention(start, end, text[start:end], value,
                                       "day" if year else "monthday"))
        elif year_text:
            out.append(DateMention(start, end, text[start:end], f"{year:04d}-{month:02d}", "month"))
    return out


def _glued(text: str, start: int, end: int) -> bool:
    """A day-month joined by a hyphen to a word before it ("X-12-Mar-08-B"), as in a
    code; "12-13 Şubat", "Jan. 5-25", "1 Nisan-5 Mayıs" (ranges) are no such join."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


def in_day_month_date(text: str, start: int, end: int, language: str | None) -> bool:
    """Is ``text[start:end]`` the month name of a day-month date ("Thursday, March 12"),
    whether or not its year can be told? An undated text's "March 12" has no date value,
    yet its month is no place named March. Only a window around the span is scanned, so
    the check costs nothing for the names that are no month."""
    lang = language or "en"
    months = month_names(lang)
    if months.get(fold(text[start:end]).split("/")[0].strip().rstrip(".")) is None:
        return False
    left = max(0, start - 12)
    window = text[left:end + 12]
    # scan_form, not the cached _scan: a window must not push the article out of the cache
    for match in _month_candidates(_month_pattern(lang), scan_form(window), window, lang):
        if (match.group("d") or match.group("d2")) and \
                match.start() <= start - left and end - left <= match.end():
            return True
    return False


def _month_candidates(pattern: re.Pattern[str], scanned: str, text: str, lang: str):
    """Matches of ``pattern``; after a false abbreviation ("się 24") the search restarts one
    character later, so the real date it swallowed ("24 sierpnia") is still found."""
    position = 0
    while (match := pattern.search(scanned, position)) is not None:
        if _written_as_abbreviation(text, match, lang):
            yield match
            position = match.end()
        else:
            position = match.start() + 1


def _written_as_abbreviation(text: str, match: re.Match[str], lang: str) -> bool:
    """An abbreviated month must be written with its own letters: folding makes Polish
    "się" (reflexive, "odbyła się 24 sierpnia") the abbreviation "sie" of sierpień."""
    group = next(g for g in ("m", "m2", "m3") if match.group(g))
    name = fold(match.group(group)).rstrip(".").split("/")[0].strip()
    if name in wide_months(lang):
        return True
    raw = text[match.start(group):match.end(group)].lower().rstrip(".")
    return raw in month_surfaces(lang) or raw.isascii()


@lru_cache(maxsize=1)
def _calendar_pattern() -> re.Pattern[str]:
    persian = "|".join(sorted(PERSIAN_MONTHS, key=len, reverse=True))
    hijri = "|".join(re.escape(m) for m in sorted(HIJRI_MONTHS, key=len, reverse=True))
    return scanner(
        rf"(?<!\w)(?P<d>\d{{1,2}})\s*(?:(?P<pm>{persian})|(?P<hm>{hijri}))"
        rf"(?:\s*(?:ماه\s*)?(?:سال\s*)?(?P<y>1[34]\d\d))?(?:\s*(?:هـ|ه\.ق|هجری قمری|ق))?(?!\w)"
    )


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def _calendar_dates(text: str, lang: str, published: datetime | None) -> list[DateMention]:
    """Solar Hijri (Persian) and lunar Hijri dates, converted to Gregorian."""
    if not _ARABIC_SCRIPT.search(text, 0, 2000):
        return []
    out: list[DateMention] = []
    for match in _calendar_pattern().finditer(text):
        day = int(match.group("d"))
        year_text = match.group("y")
        if match.group("pm"):
            month = PERSIAN_MONTHS.index(match.group("pm")) + 1
            if year_text is None and lang != "fa":
                continue  # "دی"/"تیر" are also ordinary words outside Persian dates
            year = int(year_text) if year_text else persian_year(published)
            value, calendar = from_persian(year, month, day), "persian"
        else:
            month = HIJRI_MONTHS[match.group("hm")]
            if year_text is None:
                continue
            value, calendar = from_hijri(int(year_text), month, day), "hijri"
        if value:
            start, end = match.span()
            out.append(DateMention(start, end, text[start:end], value, "day", calendar=calendar))
    return out


def _pattern_dates(text: str, published: datetime | None) -> list[DateMention]:
    """Numeric and CJK dates: 2023-09-17, 17.09.2023, 17/09/2023, 2023年9月17日, 9月17日."""
    out: list[DateMention] = []
    for match in _ISO_DATE.finditer(text):
        value = iso_date(int(match[1]), int(match[2]), int(match[3]))
        if value:
            out.append(DateMention(*match.span(), match.group(), value, "day"))
    for match in _NUMERIC_DATE.finditer(text):
        year = int(match[4]) if len(match[4]) == 4 else two_digit_year(int(match[4]), published)
        value = iso_date(year, int(match[3]), int(match[1]))  # day first (most locales)
        if value and _YEAR_MIN <= year <= _YEAR_MAX:
            out.append(DateMention(*match.span(), match.group(), value, "day"))
    for match in _CJK_DATE.finditer(text):
        out.extend(_cjk_date(match))
    for match in _DASHED_DATE.finditer(text):
        value = _dashed_date(match, published)
        if value:
            out.append(DateMention(*match.span(), match.group(), value, "day"))
    for match in _KO_DATE.finditer(text):
        year, month, day = int(match[1]), int(match[2]), match[3]
        value = iso_date(year, month, int(day)) if day else f"{year:04d}-{month:02d}"
        if value:
            out.append(DateMention(*match.span(), match.group(), value, "day" if day else "month"))
    return out


# Date lines of wires and archives: "01-Mar-08", "7-Nov-2005" (English month abbreviations,
# the only ones written this way in the pages we read).
_DASHED_DATE = scanner(
    r"(?<![\w-])(\d{1,2})-(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)-(\d{4}|\d{2})"
    r"(?![\w-])", re.IGNORECASE,
)
_DASHED_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec")


def _dashed_date(match: re.Match[str], published: datetime | None) -> str | None:
    """"01-Mar-08" -> 2008-03-01. A two-digit year takes the century that puts it at or
    before the publish year (+1); undated, POSIX strptime's pivot (00-68 -> 20xx)."""
    month = _DASHED_MONTHS.index(match[2].lower()[:3]) + 1
    year = int(match[3]) if len(match[3]) == 4 else two_digit_year(int(match[3]), published)
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        return None
    return iso_date(year, month, int(match[1]))


def _cjk_date(match: re.Match[str]) -> list[DateMention]:
    if match.group(4):
        year = int(match.group(4))
        if _YEAR_MIN <= year <= _YEAR_MAX:
            return [DateMention(*match.span(), match.group(), f"{year:04d}", "year")]
        return []
    year_text, month, day = match.group(1), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return []
    year = int(year_text) if year_text else None
    if day:
        # no year written: a "monthday" placeholder, given its year by date_years
        value = iso_date(year, month, int(day)) if year else year_less(month, int(day))
        return [DateMention(*match.span(), match.group(), value, "day" if year else "monthday")
                ] if value else []
    if year_text:
        return [DateMention(*match.span(), match.group(), f"{year:04d}-{month:02d}", "month")]
    return []


def _year_dates(text: str) -> list[DateMention]:
    """Bare years only after a cue ("nel 2022", "в 2022 году", "سال 2022") or before a
    year word or case ending ("2019 roku", "2024'te")."""
    out = []
    for pattern in (_YEAR_CUE, _YEAR_AFTER):
        for match in finditer_around(pattern, text, _CUE_YEAR, _NOT_IN_YEAR_CUE):
            start = match.start(1)
            end = match.end()
            if pattern is _YEAR_CUE and end == match.end(1) and _counts_after(text, end):
                continue  # "plus de 2000 personnes", "in 2000 years": a count, no year
            out.append(DateMention(start, end, text[start:end], match.group(1), "year"))
    return out


def _counts_after(text: str, end: int) -> bool:
    """Is the word after a cued bare year a counted noun or a unit ("2000 personnes",
    "2000 Menschen", "2000 metri")? Then the cue was a preposition before a count."""
    from rashomon.extract.quantity_units import _counted, _unit_after

    folded = _scan(text)
    return _unit_after(folded, end)[0] is not None or _counted(text, folded, end)[1] is not None




_PERSIAN_MONTH_YEAR = scanner(
    rf"(?<!\d\s)(?<!\d)(?P<pm>{'|'.join(PERSIAN_MONTHS)})(?:\s*ماه)?\s+(?:سال\s+)?"
    r"(?P<y>1[34]\d\d)(?!\d)"
)


def _persian_month_year(text: str) -> list[DateMention]:
    """"بهمن 1401" (no day) -> the Gregorian month holding most of it (its 15th day)."""
    out: list[DateMention] = []
    for match in _PERSIAN_MONTH_YEAR.finditer(text):
        value = from_persian(int(match["y"]), PERSIAN_MONTHS.index(match["pm"]) + 1, 15)
        if value:
            out.append(DateMention(*match.span(), match.group(), value[:7], "month",
                                   calendar="persian"))
    return out


#: Ordinal day words before a month name ("السادس من فبراير"), from ``ar.toml``.
_ARABIC_ORDINALS = {fold(str(k)): int(v) for k, v in
                    Lexicon("ar").table("dates", "day_ordinals").items()}


def _arabic_ordinal_dates(text: str) -> list[DateMention]:
    """"السادس من فبراير 2023": an ordinal word day before a month name."""
    months = month_names("ar")
    scanned = _scan(text)
    ordinals = "|".join(sorted(_ARABIC_ORDINALS, key=len, reverse=True))
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    pattern = rf"(?<!\w)({ordinals})\s+(?:من\s+)?(?:شهر\s+)?({names})(?:\s+(\d{{4}}))?(?!\w)"
    out: list[DateMention] = []
    for match in scanner(pattern).finditer(scanned):
        month, day = months[match[2]], _ARABIC_ORDINALS[match[1]]
        value = iso_date(int(match[3]), month, day) if match[3] else year_less(month, day)
        if value:
            out.append(DateMention(*match.span(), text[match.start():match.end()], value,
                                   "day" if match[3] else "monthday"))
    return out


# "end of 2023" / "beginning of 2024": the year's last or first month.
# "the last day of 2019" / "el primer día de 2020": the year's last or first day
# (``[dates] year_last_day`` / ``year_first_day``, regular expressions, matched folded).
_YEAR_EDGE = scanner(
    rf"(?<!\w)(?:(?P<first>{_alternation('year_first_day')})|"
    rf"(?P<last>{_alternation('year_last_day')})|"
    rf"(?P<start>{_alternation('year_start')})|(?P<end>{_alternation('year_end')}))"
    rf"\s+(?:(?:{_alternation('year_edge_of', escape=True)})\s+)?(?P<y>(?:19|20)\d\d)"
    rf"(?:\s*(?:{_YEAR_NOUNS}))?(?!\d)", re.IGNORECASE)


def _year_edge_dates(text: str) -> list[DateMention]:
    out = []
    for match in finditer_around(_YEAR_EDGE, _scan(text), _EDGE_YEAR, _NOT_IN_YEAR_CUE):
        if match.group("first") or match.group("last"):
            day = "01-01" if match.group("first") else "12-31"
            out.append(DateMention(*match.span(), text[match.start():match.end()],
                                   f"{match.group('y')}-{day}", "day"))
            continue
        month = 1 if match.group("start") else 12
        out.append(DateMention(*match.span(), text[match.start():match.end()],
                               f"{match.group('y')}-{month:02d}", "month"))
    return out


def _no_overlaps(found: list[DateMention]) -> list[DateMention]:
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept
