"""Years written with no cue word: a four-digit year standing alone ("Concluyó 2019 con",
"l'ASEAN 2020", "Drama, USA 2019, 131 min."), and a two-digit year after an apostrophe
("March '20", "since '19": ``[dates] short_year_cues``); ``two_digit_year`` gives the
century of a two-digit year (also for "7.05.20" and "01-Mar-08", ``dates.py``)."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from rashomon.core.facts import DateMention
from rashomon.extract.lexicon import Lexicon, fold, month_names, scanned
from rashomon.text.regex import scanner

# A four-digit 1900..2039 standing alone, not inside a longer number, a decimal, a code
# ("A2020", "Tr.2225", "#2019"), a price ("$2000", "2020 €"), or with a Turkish case ending
# ("2000'den fazla": the year cues of dates.py own "2019'da"), a decade ("1990-х", "1980-e";
# "les années 1980": ``[dates] decade_words`` before it). Whether it is a count instead
# is what the quantity finder decides for the same number (_counts). The range: news years;
# 2040.. are mostly counts ("2500 Menschen"). Checked on SemEval 2022 dev texts that carry
# no label of the project: see tests/test_extract_dates_bare_years.py.
_BARE_YEAR = scanner(r"(?<![\w.,/:#№§$€£¥+])(19\d\d|20[0-3]\d)"
                     r"(?!\w|[.,/:]\d|['’]\w|\s?[%‰€$£¥]|-[^\W\d_]{1,3}(?![^\W\d_]))")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_WORD_BEFORE = re.compile(r"([^\W\d_]+\.?),?\s+$")
_AFTER_DASH = re.compile(r"(\d+)\s?[-–]\s?$")


def two_digit_year(year: int, published: datetime | None) -> int:
    """The century of a two-digit year: the one that puts it at or before the publish year
    (+1); undated, POSIX strptime's pivot (00-68 -> 20xx)."""
    if published is not None:
        return year + (2000 if 2000 + year <= published.year + 1 else 1900)
    return year + (2000 if year <= 68 else 1900)


def bare_years(text: str, lang: str) -> list[DateMention]:
    """Four-digit years with no cue word, as ``"year"`` mentions."""
    out = []
    for match in _BARE_YEAR.finditer(text):
        dash = _AFTER_DASH.search(text, max(0, match.start() - 12), match.start())
        if dash and not _YEAR.fullmatch(dash.group(1)):
            continue  # "0551/491-2017" (a telephone number); "2019-2020" is years
        before = _WORD_BEFORE.search(text, max(0, match.start() - 24), match.start())
        if before and fold(before.group(1)).rstrip(".") in month_names(lang):
            continue  # the year of a month-name date the month reader did not take
            # ("31 febbraio 2023": no such day)
        if before and _decade_word(text, match.start(), lang):
            continue
        if not _counts(text, match.start(), match.end(), lang):
            out.append(DateMention(*match.span(), match.group(), match.group(1), "year"))
    return out


@lru_cache(maxsize=64)  # bounded: the language code comes from article metadata
def _decade_pattern(lang: str) -> re.Pattern[str] | None:
    words = [re.escape(fold(w)) for w in Lexicon(lang).words("dates", "decade_words")]
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})\s+$") if words else None


def _decade_word(text: str, start: int, lang: str) -> bool:
    pattern = _decade_pattern(lang.split("-")[0])
    return pattern is not None and pattern.search(scanned(text), max(0, start - 16),
                                                  start) is not None


def _counts(text: str, start: int, end: int, lang: str) -> bool:
    """Is a cue-less four-digit number a count: a unit or a counted noun after it ("2000
    Menschen"), a hedge before it ("rund 2000", "more than 2000"), or a noun the quantity
    finder reads as counted after a year-like number (``_counts_after_year``)?"""
    from rashomon.extract.quantities import _counts_after_year, _hedge
    from rashomon.extract.quantity_units import _counted, _unit_after, _unit_before

    folded = scanned(text)
    if _unit_after(folded, end)[0] is not None or _unit_before(folded, start) is not None:
        return True
    counted, key, _ = _counted(text, folded, end)
    if key is not None or _counts_after_year(lang, counted):
        return True
    # not any lowercase word after it: of 122 cue-less years so followed in those SemEval
    # texts, 40 read by hand were all years ("ring in 2020 after", "the 2015 deal", "2020
    # odbędą się"); a count needs its noun known (``[quantities.counted]``)
    return _hedge(folded, start, end)[0] is not None


@lru_cache(maxsize=64)  # bounded: the language code comes from article metadata
def _apostrophe_pattern(lang: str) -> re.Pattern[str] | None:
    """A month name or a ``[dates] short_year_cues`` word, then "'yy"."""
    cues = [re.escape(fold(w)) for w in Lexicon(lang).words("dates", "short_year_cues")]
    months = [re.escape(m) for m in month_names(lang) if len(m) >= 3]
    if not cues:
        return None
    words = "|".join(sorted({*cues, *months}, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<cue>{words})\.?\s+['’‘](?P<y>\d\d)(?![\w'’%]|[.,]\d)")


def apostrophe_years(text: str, lang: str, published: datetime | None) -> list[DateMention]:
    """"March '20" (a month of 2020), "in '19", "Class of '98" (a year)."""
    pattern = _apostrophe_pattern(lang.split("-")[0])
    if pattern is None:
        return []
    out = []
    months = month_names(lang)
    for match in pattern.finditer(scanned(text)):
        year = two_digit_year(int(match.group("y")), published)
        start, end = match.start("y") - 1, match.end()
        month = months.get(match.group("cue"))
        if month:
            start = match.start()
            value, granularity = f"{year:04d}-{month:02d}", "month"
        else:
            value, granularity = f"{year:04d}", "year"
        out.append(DateMention(start, end, text[start:end], value, granularity))
    return out
