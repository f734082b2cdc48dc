"""Language resources for extraction, read lazily from Babel's CLDR data and cached.

Why CLDR: it ships inside the ``babel`` wheel, covers every language we ingest, and
lists exactly what the extractors need — month and weekday names (format and
stand-alone, so Russian ``сентября`` and ``сентябрь`` both parse), the magnitude words of
compact number patterns (``mila``, ``هزار``, ``тысяч``, ``ألف``, ``万``), country names and
the exemplar cities of time zones (``Istanbul`` = ``استانبول`` = ``伊斯坦布尔``) in every
locale. Each table is built once per language on first use (tens of milliseconds) so
the per-article cost stays a dictionary lookup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError

from rashomon.lang import LANG_DIR, Lexicon, all_words, lexicon_languages  # noqa: F401 - re-exported

#: Languages whose CLDR names are always loaded into every gazetteer, besides the
#: article's own, because news in any language cites names in these forms.
BASE_LANGUAGES = ("en",)

@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Matching form: case-folded, accents and ZWNJ/tatweel removed, Arabic letters
    folded to one shape (ي/ی, ك/ک, أ/إ/آ→ا, ة→ه) so spelling variants meet."""
    text = text.replace("\u200c", "").replace("\u0640", "").casefold()
    text = text.translate(_ARABIC_FOLD)
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():  # no mark to drop, and NFC leaves ASCII as it is
        return decomposed
    kept = "".join([ch for ch in decomposed if unicodedata.category(ch) != "Mn"])
    return unicodedata.normalize("NFC", kept)


_ARABIC_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "أ": "ا", "إ": "ا", "آ": "ا",
                              "ة": "ه", "ؤ": "و", "ئ": "ی", "ـ": None})


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def locale(language: str | None) -> Locale | None:
    """Babel locale for an ISO 639-1 code, or None when CLDR has no data for it."""
    if not language:
        return None
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def comma_decimal(language: str | None) -> bool:
    """Whether the language writes "1.234,5" (CLDR's decimal sign for Latin digits is a
    comma: Italian, German, Russian, Turkish, ...) rather than "1,234.5"."""
    loc = locale((language or "").split("-")[0])
    try:
        return loc is not None and loc.number_symbols["latn"]["decimal"] == ","
    except (KeyError, TypeError):
        return False


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def month_names(language: str) -> dict[str, int]:
    """Folded month name/abbreviation -> month number, in ``language`` and English."""
    names: dict[str, int] = {}
    for lang in (language, *BASE_LANGUAGES):
        loc = locale(lang)
        if loc is None:
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    key = fold(name).rstrip(".")
                    if len(key) >= 3 and not key.isdigit():
                        names.setdefault(key, number)
    # month names beyond CLDR (Levantine/Iraqi Arabic شباط, آذار ...), from the data file
    names.update({fold(k): int(v) for k, v in Lexicon(language).table("dates", "months").items()})
    return names


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def month_surfaces(language: str) -> frozenset[str]:
    """Month names and abbreviations as CLDR writes them (lowercase, accents kept), to tell
    a real abbreviation from a word that only folds to one (Polish "się" -> "sie")."""
    forms: set[str] = set()
    for lang in (language, *BASE_LANGUAGES):
        loc = locale(lang)
        if loc is None:
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                forms.update(n.lower().rstrip(".") for n in loc.months[context][width].values())
    return frozenset(forms)


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def weekday_names(language: str) -> dict[str, int]:
    """Folded weekday name -> Python weekday (Monday = 0)."""
    names: dict[str, int] = {}
    for lang in (language, *BASE_LANGUAGES):
        loc = locale(lang)
        if loc is None:
            continue
        for context in ("format", "stand-alone"):
            for number, name in loc.days[context]["wide"].items():
                names.setdefault(fold(name), number)
    # Persian weekdays compound another one ("سه‌شنبه", Tuesday = "three" + "شنبه",
    # Saturday) and are written with a ZWNJ or a space, which the scanner sees as a space
    # (``scan_form``): without the two-word form only "شنبه" matched, read as Saturday.
    for name, number in list(names.items()):
        for other in list(names):
            if len(name) > len(other) and name.endswith(other):
                names.setdefault(f"{name[:-len(other)]} {other}", number)
    return names


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def magnitude_words(language: str) -> dict[str, float]:
    """Folded magnitude word -> multiplier, from CLDR compact-number patterns
    (long: ``mila``, ``миллионов``, ``هزار``; short: ``K``, ``Mio.``, ``万``, ``млн``)."""
    words: dict[str, float] = {}
    for lang in (language, *BASE_LANGUAGES):
        loc = locale(lang)
        if loc is None:
            continue
        formats = loc.compact_decimal_formats
        for style in ("long", "short"):
            try:
                plural_forms = formats[style]
            except KeyError:
                continue
            for patterns in plural_forms.values():
                for magnitude, pattern in patterns.items():
                    _add_magnitude(words, int(magnitude), pattern.pattern)
    return words


def _add_magnitude(words: dict[str, float], magnitude: int, pattern: str) -> None:
    """Add the word of one compact pattern ('000 mila' at 100000 -> mila = 1000)."""
    zeros = pattern.count("0")
    # quotes only guard a literal dot ("0 tys'.'"): dropped, so the word is "tys", not "tys "
    word = fold(re.sub(r"[0\u00a0\u202f]", " ", pattern.replace("'", ""))).strip().rstrip(".")
    if not zeros or not word or word in words:
        return
    multiplier = magnitude / 10 ** (zeros - 1)
    if multiplier >= 1000 and len(word) >= 1:
        words[word] = multiplier


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def territory_names(language: str) -> dict[str, str]:
    """Folded country/region name -> ISO territory code, in ``language`` and English.
    Numeric UN regions ('001' world) are left out: they are not places a story names."""
    names: dict[str, str] = {}
    for lang in (language, *BASE_LANGUAGES):
        loc = locale(lang)
        if loc is None:
            continue
        for code, name in loc.territories.items():
            if code.isdigit() or code in ("ZZ", "EU", "EZ", "UN", "QO"):
                continue
            names.setdefault(fold(name), code)
            short = re.sub(r"\s*\(.*\)$", "", name)
            names.setdefault(fold(short), code)
    return names


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def english_territory(code: str) -> str:
    loc = locale("en")
    assert loc is not None
    return str(loc.territories.get(code, code))


@lru_cache(maxsize=1)
def _all_zones() -> frozenset[str]:
    """Zone ids with an exemplar city; English CLDR lists only the ones it renames, so
    the ids are gathered from locales that translate (nearly) all of them."""
    zones: set[str] = set()
    for lang in ("en", "fa", "ru", "zh", "ar", "ja"):
        loc = locale(lang)
        if loc is not None:
            zones.update(z for z in loc.time_zones if "/" in z and not z.startswith("Etc/"))
    return frozenset(zones)


@lru_cache(maxsize=256)  # bounded: codes come from article metadata
def city_names(language: str) -> dict[str, str]:
    """Folded city name -> English city name, from CLDR time-zone exemplar cities."""
    english = locale("en")
    assert english is not None
    english_cities: dict[str, str] = {}
    for zone in _all_zones():
        data = english.time_zones.get(zone)
        city = data.get("city") if data is not None and hasattr(data, "get") else None
        english_cities[zone] = city or zone.rsplit("/", 1)[-1].replace("_", " ")
    names: dict[str, str] = {}
    for lang in (language, *BASE_LANGUAGES):
        loc = locale(lang)
        if loc is None:
            continue
        for zone, data in loc.time_zones.items():
            city = data.get("city") if hasattr(data, "get") else None
            if city and zone in english_cities and not zone.startswith("Etc/"):
                names.setdefault(fold(city), english_cities[zone])
        for zone, city in english_cities.items():
            if "/" in zone and not zone.startswith("Etc/") and lang == "en":
                names.setdefault(fold(city), city)
    return names


@lru_cache(maxsize=4096)
def _scan_char(ch: str) -> str:
    """One character's matching form, always one character long."""
    if ch == "\u200c":
        return " "
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def scan_form(text: str) -> str:
    """``fold`` that keeps every character at its offset (ZWNJ becomes a space), so
    regexes run on the folded text return spans valid in the original."""
    return "".join(map(_scan_char, text))


@lru_cache(maxsize=4)
def scanned(text: str) -> str:
    """``scan_form`` of a whole article, computed once: the date and quantity finders
    all read it."""
    return scan_form(text)


@lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def is_cased(language: str | None) -> bool:
    """Whether the language's script has capital letters (``[language] cased``; true unless
    the data file says otherwise): only then can a capital mark a name."""
    return Lexicon(language).value("language", "cased", True) is not False


@lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def inflection(language: str | None) -> dict:
    """How names inflect in the language (``[names.inflection]``): case ``endings`` cut
    before comparing stems, a ``fleeting`` vowel pattern, ``clitic_prefixes`` /
    ``clitic_suffixes``, ``replacements`` of endings, ``genitive_s``. Empty: no stripping."""
    return Lexicon(language).table("names", "inflection")


@cache
def calendar_months(name: str) -> dict[str, int]:
    """Month names of a non-Gregorian calendar (``[dates.<name>]`` tables, or an ordered
    ``[dates] <name>`` list) joined over every data file: name -> month number."""
    months: dict[str, int] = {}
    for lang in lexicon_languages():
        value = Lexicon(lang).value("dates", name)
        if isinstance(value, list):
            for number, word in enumerate(value, start=1):
                months.setdefault(str(word), number)
        elif isinstance(value, dict):
            months.update({str(k): int(v) for k, v in value.items()})
    return months


#: Solar Hijri (Iranian) months in order (``fa.toml``; CLDR's Persian calendar names are
#: not exposed by Babel) and lunar Hijri months with their spelling variants.
PERSIAN_MONTHS = tuple(calendar_months("solar_hijri_months"))
HIJRI_MONTHS = calendar_months("hijri_months")
