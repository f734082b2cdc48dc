"""A month named alone ("im Februar", "a maggio", "in April", "5月"): a date of that month
in the publish year, or in an undated text of the year a day date written before it gives
(``date_anchors.month_year``). Month names are CLDR's wide names; a fold of one that is
another word is no month (``_not_a_month``)."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from rashomon.core.facts import DateMention
from rashomon.extract.date_anchors import month_year
from rashomon.extract.date_years import LAST_YEAR_AFTER
from rashomon.extract.lexicon import Lexicon, fold, locale, scanned
from rashomon.text.regex import scanner

_YEAR_MIN, _YEAR_MAX = 1800, 2100  # Gregorian years news text plausibly dates


# Words before a bare month name that make it a date ("in April", "a maggio", "Ende Mai");
# in English "May"/"March" are also ordinary words, so there a cue is required.
_MONTH_CUE = re.compile(
    r"(?:in|by|since|until|till|from|through|early|late|mid|end|of|a|in|entro|da|fino|fine|"
    r"inizio|metà|im|seit|bis|ende|anfang|mitte|en|depuis|fin|début|mi|desde|hasta|finales|"
    r"principios|в|с|до|к|конце|начале|середине|у|з|в|от|em|de|na|od|w|do|στον|τον|in|"
    r"eind|begin|sinds|tot|ayında|da|فی|في|منذ|حتى|خلال|در|از|تا)[\s-]+$"
)
_ENGLISH_WORD_MONTHS = {"may", "march"}


@cache
def wide_months(language: str) -> dict[str, int]:
    """Full (not abbreviated) month names: a bare "mar" or "set" is no date."""
    names: dict[str, int] = {}
    for lang in (language, "en"):
        loc = locale(lang)
        if loc is None:
            continue
        for context in ("format", "stand-alone"):
            for number, name in loc.months[context]["wide"].items():
                if len(fold(name)) >= 3:
                    names.setdefault(fold(name), number)
    return names


@cache
def _written_months(language: str) -> frozenset[str]:
    """The full month names as written (lower case, accents kept)."""
    return frozenset(name.lower() for lang in (language, "en") if (loc := locale(lang))
                     for context in ("format", "stand-alone")
                     for name in loc.months[context]["wide"].values())


def _not_a_month(text: str, start: int, end: int, lang: str) -> bool:
    """A month name's fold that is another word: written with an accent no month name
    has (Polish "mają", they have, folds to "maja", of May), inside a web address
    ("-its-october-elections"), or a first name before a capitalised surname ("Kasım
    Süleymani"; not in a language that capitalises its nouns: "im Mai Tausende")."""
    written = text[start:end].lower()
    if written != fold(written) and written not in _written_months(lang):
        return True
    if text[start - 1:start] in ("-", "/", "_") or text[end:end + 1] in ("-", "/", "_"):
        return True
    after = re.match(r" ([^\W\d_])[^\W\d_]+", text[end:end + 40])
    return bool(after and after.group(1).isupper() and
                not Lexicon(lang).flag("language", "capitalises_nouns"))


@cache
def _month_only_pattern(language: str) -> re.Pattern[str]:
    names = sorted(wide_months(language), key=len, reverse=True)
    return scanner(rf"(?<!\w)(?:{'|'.join(re.escape(n) for n in names)})(?!\w)")


def month_only_dates(text: str, lang: str, published: datetime | None,
                      found: list[DateMention]) -> list[DateMention]:
    """A month named alone ("a maggio", "in April", "5月" is CJK-handled) -> that month of
    the publish year (else of the year a day date written before it gives,
    ``date_anchors.month_year``), or of last year with "dello scorso anno"."""
    months = wide_months(lang)
    form = scanned(text)
    out: list[DateMention] = []
    for match in _month_only_pattern(lang).finditer(form):
        start, end = match.span()
        word = match.group()
        cased = lang in ("en", "de") or word in _ENGLISH_WORD_MONTHS
        if cased and not text[start].isupper():
            continue
        before = form[max(0, start - 12):start]
        if word in _ENGLISH_WORD_MONTHS and not _MONTH_CUE.search(before):
            continue
        if _not_a_month(text, start, end, lang):
            continue
        # In an undated text a month alone leans only on a day date written with its
        # year before it: "Im November" is no date after a bare "1990" further up.
        year = published.year if published is not None else month_year(
            found, start, months[word])
        last = LAST_YEAR_AFTER.match(form, end)
        if last:
            end = last.end()
            year = year - 1 if year else None
        if year and _YEAR_MIN <= year <= _YEAR_MAX:
            out.append(DateMention(start, end, text[start:end], f"{year:04d}-{months[word]:02d}",
                                   "month"))
    for match in _CJK_MONTH.finditer(text):
        year = published.year if published is not None else None
        if year and 1 <= int(match[1]) <= 12:
            out.append(DateMention(*match.span(), match.group(),
                                   f"{year:04d}-{int(match[1]):02d}", "month"))
    return out


_CJK_MONTH = scanner(r"(?<![\d年])(\d{1,2})\s*月(?!\s*\d|份?\d)")


__all__ = ["month_only_dates", "wide_months"]
