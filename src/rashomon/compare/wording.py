"""The reader's language for the reader's view (``gloss.py``): which language a reader
asked for, the view's words in it (``compare/reader/<lang>.json``), and names, numbers,
figures with units, and weekdays written the reader's way through CLDR (Babel)."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

READER_DIR = Path(__file__).parent / "reader"
DEFAULT_LANGUAGE = "en"

#: Our unit codes -> CLDR measurement units (names in the reader's language come from CLDR).
CLDR_UNITS = {
    "ha": "area-hectare", "km": "length-kilometer", "m": "length-meter",
    "kg": "mass-kilogram", "t": "mass-tonne", "month": "duration-month",
    "day": "duration-day", "hour": "duration-hour", "year": "duration-year",
    "week": "duration-week", "minute": "duration-minute",
}
CURRENCIES = frozenset({"USD", "EUR", "GBP", "RUB", "CNY", "IRR", "JPY", "CHF", "TRY"})

# -- the reader's language ----------------------------------------------------------------
def reader_language(value: str | None) -> str:
    """A usable reader language code from a setting or ``?lang=`` (unknown -> default)."""
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    if not re.fullmatch(r"[a-z]{2,3}", code) or _locale(code) is None:
        return DEFAULT_LANGUAGE
    return code


@cache
def words(lang: str) -> dict[str, Any]:
    """The view's words in ``lang``: its data file over the English one, key by key."""
    base = json.loads((READER_DIR / f"{DEFAULT_LANGUAGE}.json").read_text("utf-8"))
    path = READER_DIR / f"{lang}.json"
    if lang != DEFAULT_LANGUAGE and path.is_file():
        own = json.loads(path.read_text("utf-8"))
        for key, value in own.items():
            base[key] = {**base[key], **value} if isinstance(value, dict) else value
    return base


@cache
def word_language(lang: str) -> str:
    """The language whose words the view uses (the reader's when a data file exists)."""
    return lang if (READER_DIR / f"{lang}.json").is_file() else DEFAULT_LANGUAGE


@cache
def _locale(code: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def language_name(code: str | None, lang: str) -> str:
    loc = _locale(lang)
    if not code:
        return "?"
    return str(loc.languages.get(code, code)) if loc is not None else code


@cache
def _english_places() -> dict[str, tuple[str, str]]:
    """English CLDR name -> ("territory"|"city", code or zone) for names in other languages."""
    loc = _locale("en")
    found: dict[str, tuple[str, str]] = {}
    for code, name in loc.territories.items():
        if not code.isdigit():
            found.setdefault(str(name), ("territory", code))
    for zone, data in loc.time_zones.items():
        city = data.get("city") if hasattr(data, "get") else None
        if city:
            found.setdefault(str(city), ("city", zone))
    return found


@cache
def place_name(canonical: str, lang: str) -> str:
    """A canonical (English) place name in the reader's language, when CLDR has it."""
    if lang == "en":
        return canonical
    kind, key = _english_places().get(canonical, ("", ""))
    loc = _locale(lang)
    if not kind or loc is None:
        return canonical
    if kind == "territory":
        return str(loc.territories.get(key, canonical))
    data = loc.time_zones.get(key)
    city = data.get("city") if data is not None and hasattr(data, "get") else None
    return str(city or canonical)


def number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang) or DEFAULT_LANGUAGE)


def figure(value: float, unit: str | None, hedge: str | None, lang: str) -> str:
    """"about 6,200 hectares", "more than 6 months", "700,000,000 euros" in ``lang``."""
    loc = _locale(lang) or DEFAULT_LANGUAGE
    text = number(value, lang)
    if unit in CLDR_UNITS:
        from babel.units import format_unit

        try:
            text = format_unit(value, CLDR_UNITS[unit], length="long", locale=loc)
        except Exception:  # a CLDR version without the unit: number and our code
            text = f"{text} {unit}"
    elif unit in CURRENCIES:
        from babel.numbers import get_currency_name

        text = f"{text} {get_currency_name(unit, count=value, locale=loc)}"
    elif unit == "%":
        text = f"{text} %" if lang in ("fr", "de") else f"{text}%"
    elif unit:
        text = f"{text} {words(word_language(lang))['unit_words'].get(unit, unit)}"
    hedge_word = words(word_language(lang))["hedges"].get(hedge or "")
    if hedge_word and "{n}" in hedge_word:  # a hedge written after the figure ("12 üzeri")
        return hedge_word.format(n=text)
    return f"{hedge_word} {text}" if hedge_word else text


def weekday(iso: str, lang: str) -> str:
    from babel.dates import format_date

    try:
        return format_date(date.fromisoformat(iso[:10]), "EEEE", locale=_locale(lang) or "en")
    except ValueError:
        return ""


def latin_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)
