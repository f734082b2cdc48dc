"""Words of the reader's view that depend on a number or on what a finding says: counts
with the noun form of the number's CLDR plural category ("1 источник", "3 источника",
"5 источников"; Arabic zero / one / two / few / many / other), lists joined by the
language's CLDR list pattern, and the reasons of
implausible claims worded from their key and parameters (``Implausible.reason_key``,
``reason_args``, written by ``compare/implausible.py``). The words are the reader's word
file's (``compare/reader/<lang>.json``: ``counts``, ``reasons``); numbers, units and
lists come from CLDR through Babel."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rashomon.compare.wording import figure, number, word_language, words


def plural_category(n: float, lang: str) -> str:
    """CLDR's plural category of ``n`` in ``lang`` (zero, one, two, few, many, other)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).plural_form(abs(n))
    except (UnknownLocaleError, ValueError):
        return "one" if n == 1 else "other"


def counted(key: str, n: int, lang: str) -> str:
    """``n`` (written the reader's way: CLDR digits and grouping) with its noun in the form
    of the number's plural category, from the word file's ``counts.<key>`` ("{n} source" /
    "{n} sources"); a category the file lacks reads ``other``."""
    own = word_language(lang)
    forms = words(own)["counts"][key]
    form = forms.get(plural_category(n, own)) or forms["other"]
    return form.format(n=number(n, own))


def joined(items: list[str], lang: str) -> str:
    """Items joined by the reader's CLDR list pattern ("a, b and c", "a、b和c", "a وb")."""
    from babel.lists import format_list

    if not items:
        return ""
    try:
        return format_list(list(items), style="standard", locale=lang)
    except (KeyError, ValueError):  # a locale Babel cannot load: the English pattern
        return format_list(list(items), style="standard", locale="en")


#: A day and month without a year ("--03-12": a date the text gives no year for).
_MONTH_DAY = re.compile(r"--(\d{2})-(\d{2})")


def day_text(value: str, lang: str) -> str:
    """A date value as the view shows it: an ISO date as is (the reader's view keeps dates
    in ISO form), a day-month without a year in the reader's CLDR form ("12 марта",
    "3月12日", "12 March")."""
    m = _MONTH_DAY.fullmatch(value or "")
    if not m:
        return value
    from babel.dates import format_skeleton

    try:
        return format_skeleton("MMMMd", date(2000, int(m.group(1)), int(m.group(2))),
                               locale=lang)
    except (ValueError, KeyError):
        return value


def _slot(slot: str, w: dict[str, Any]) -> str:
    """A figure's slot ("spectators", "area") in the reader's words, else as compare keys it."""
    return w["counted"].get(slot) or w["dimensions"].get(slot) or slot.replace("_", " ")


def reason_words(item: dict[str, Any], lang: str) -> str | None:
    """The reason of an implausible claim (``Implausible`` as a dict) in the reader's
    language, or None when the report predates reason keys or the key is unknown (the
    English ``reason`` is shown then, marked as English). The source's own words a reason
    cites (the earlier-dated sentence of a deadline) are not part of it: the view shows
    them apart, quoted in the source's language."""
    key, args = item.get("reason_key") or "", item.get("reason_args") or {}
    own = word_language(lang)
    w = words(own)
    phrase = w["reasons"].get(key)
    if not phrase:
        return None
    try:
        if key in ("deadline_before_events", "deadline_passed", "after_publication"):
            return phrase.format(**{k: v for k, v in args.items() if k != "sentence"})
        if key == "elapsed_too_long":
            return phrase.format(
                elapsed=figure(float(args["value"]), args.get("unit"), None, lang),
                event=args["event"], hours=figure(float(args["hours"]), "hour", None, lang))
        if key == "outlier":
            unit = args.get("unit")
            return phrase.format(
                slot=_slot(args["slot"], w),
                value=figure(float(args["amount"]), unit, args.get("hedge"), lang),
                ratio=number(float(args["ratio"]), lang),
                others=counted("other_sources", int(args["others"]), own),
                median=figure(float(args["median"]), unit, None, lang))
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    return None
