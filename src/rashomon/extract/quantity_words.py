"""The word tables quantity finding reads (``quantities.py``), from every language's
``[quantities.*]`` section of ``lang/<code>.toml``: number words, hedges, units, time
units, counted nouns and outcome words, folded as the text is, and grouped by the
character a look-up starts from.
"""

from __future__ import annotations

from rashomon.extract.lexicon import Lexicon, fold, lexicon_languages, scan_form

_APOSTROPHES = ("'", "\u2019", "\u02bc")


def surfaces(word: str) -> set[str]:
    """The forms a table word takes in the scanned text: folded, as ``scan_form`` keeps it
    (German "ß" stays one character there) and with each apostrophe news writes
    (Ukrainian "дев'ять", "дев’ять", "девʼять")."""
    forms = {fold(word), scan_form(word)}
    return {form.replace("'", a) for form in forms for a in _APOSTROPHES}


def _words_to(name: str) -> dict[str, str]:
    """``[quantities.<name>]`` of every language's data file (value -> words there),
    merged into word -> value."""
    merged: dict[str, str] = {}
    for lang in lexicon_languages():
        for value, words in Lexicon(lang).table("quantities", name).items():
            merged.update((word, value) for word in words)
    return merged


def _stems_by(name: str, order: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``[quantities.<name>]`` stems of every language per key, keys in ``order``."""
    stems: dict[str, list[str]] = {key: [] for key in order}
    for lang in lexicon_languages():
        for key, words in Lexicon(lang).table("quantities", name).items():
            stems.setdefault(key, []).extend(words)
    return {key: tuple(words) for key, words in stems.items()}


# Number words (cardinals people write in news) -> value, per language (``[quantities.
# number_words]`` of lang/<code>.toml): a shared table read Italian "sei" (six) in German
# text ("Die Entscheidung sei ...") and Spanish "tres" in French "très" (very). Words
# beyond ten only count when a noun, unit or hedge follows (see _build).
# Inflected and collective forms (``[quantities.number_forms]``: Russian "двоих", "четверо")
# and the compounds of ``[quantities.number_compounds]`` ("twenty-one", "einundzwanzig")
# are number words of the same table.


def compound_words(lang: str) -> dict[str, float]:
    """21..99 as ``lang`` writes them in words: every ``forms`` pattern ("{tens}-{unit}",
    "{unit}und{tens}") with every ``tens`` and ``units`` word; with ``elide`` the tens'
    last vowel drops before a unit's first vowel (Italian "venti" + "uno" = "ventuno")."""
    spec = Lexicon(lang).table("quantities", "number_compounds")
    out: dict[str, float] = {}
    for form in spec.get("forms", ()):
        for tens, tens_value in spec.get("tens", {}).items():
            for unit, unit_value in spec.get("units", {}).items():
                stem = tens[:-1] if spec.get("elide") and fold(unit)[:1] in "aeiou" else tens
                out[form.format(tens=stem, unit=unit)] = float(tens_value + unit_value)
    return out


def _number_table(lang: str) -> dict[str, float]:
    lexicon = Lexicon(lang)
    table = {w: float(v) for w, v in lexicon.table("quantities", "number_words").items()}
    table.update((w, float(v)) for w, v in lexicon.table("quantities", "number_forms").items())
    table.update(compound_words(lang))
    # a conjunction written joined to the word (Arabic "وثلاثة أطفال", "and three children"):
    # ``[quantities] number_word_prefixes``
    prefixes = lexicon.words("quantities", "number_word_prefixes")
    table.update({p + w: v for p in prefixes for w, v in list(table.items())})
    return table


_NUMBER_WORDS_BY_LANG: dict[str, dict[str, float]] = {
    lang: table for lang in lexicon_languages() if (table := _number_table(lang))}
_NUMBER_WORDS: dict[str, float] = {
    w: v for table in _NUMBER_WORDS_BY_LANG.values() for w, v in table.items()}
# Hedge words before the number -> category (every language's ``[quantities.
# hedges_before]``). Longest first at match time.
_HEDGES_BEFORE: dict[str, str] = _words_to("hedges_before")
# Hedges written after the number ("3万多人", "1000余人", "20-odd").
_HEDGES_AFTER = _words_to("hedges_after")

# Units: word/symbol -> unit code (every language's ``[quantities.units]``). Time units
# are units too ("9 mesi" = 9 month): ``[quantities.time_units]``.
_UNITS: dict[str, str] = _words_to("units")
_TIME_UNITS: dict[str, str] = _words_to("time_units")

_TIME_UNIT_CODES = set(_TIME_UNITS.values())

# Counted nouns (folded stems/prefixes) -> concept key shared by all languages
# (``[quantities.counted]``); the first key whose stem matches wins, in this order.
_COUNTED_ORDER = ("residents", "dead", "injured", "people", "employees", "soldiers", "refugees",
                  "trucks", "conditions", "villages", "buildings", "spectators", "rescuers",
                  "tents", "containers", "tugboats")
_COUNTED_KEYS: dict[str, tuple[str, ...]] = _stems_by("counted", _COUNTED_ORDER)
# The tables are matched against folded text (accents off, Arabic letters unified).
_HEDGES_BEFORE = {fold(k): v for k, v in _HEDGES_BEFORE.items()}
_HEDGES_AFTER = {fold(k): v for k, v in _HEDGES_AFTER.items()}
_UNITS = {fold(k): v for k, v in _UNITS.items()}
_TIME_UNITS = {fold(k): v for k, v in _TIME_UNITS.items()}
_COUNTED_KEYS = {k: tuple(fold(s) for s in v) for k, v in _COUNTED_KEYS.items()}
_NUMBER_WORDS = {form: v for k, v in _NUMBER_WORDS.items() for form in surfaces(k)}
_NUMBER_WORDS_BY_LANG = {lang: {form: v for k, v in table.items() for form in surfaces(k)}
                         for lang, table in _NUMBER_WORDS_BY_LANG.items()}
_ALL_UNITS = sorted({**_UNITS, **_TIME_UNITS}.items(), key=lambda i: -len(i[0]))
_HEDGES_SORTED = sorted(_HEDGES_BEFORE.items(), key=lambda i: -len(i[0]))


def _by_char(items, position: int) -> dict[str, list]:
    """``items`` (word first) grouped by the word's character at ``position`` (0: first,
    -1: last), each group in the order of ``items``: a look-up tries only the words
    that can match instead of every word of every language (a scan of ~250 units per
    number was a third of extraction on number-heavy text)."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item[0][position], []).append(item)
    return groups


_UNITS_BY_FIRST = _by_char(_ALL_UNITS, 0)
_HEDGES_BY_LAST = _by_char(_HEDGES_SORTED, -1)
_COUNTED_BY_FIRST = _by_char([(stem, key) for key, stems in _COUNTED_KEYS.items()
                              for stem in stems], 0)

_OUTCOMES: dict[str, tuple[str, ...]] = _stems_by(
    "outcomes", ("dead", "injured", "evacuated", "missing"))
_OUTCOMES = {k: tuple(fold(s) for s in v) for k, v in _OUTCOMES.items()}
