"""The unit and the counted noun around a number (``quantities.py``): a unit written
after it ("3 km", "48-hour", "due giorni"), a currency, percent or magnitude written before
it ("$5", "yüzde 20", "magnitude 6.1"), and the noun it counts ("14 of the injured",
"120 هزار سکنه", "3名"), with the concept key that makes counts comparable across
languages."""

from __future__ import annotations

import itertools
import re

from rashomon.extract.lexicon import Lexicon, all_words, fold, lexicon_languages
from rashomon.extract.quantity_words import _COUNTED_BY_FIRST, _TIME_UNITS, _UNITS_BY_FIRST


def _folded_words(name: str) -> frozenset[str]:
    """A ``[quantities]`` word list of every language's file, folded (matched on the
    folded text)."""
    return frozenset(fold(w) for w in all_words("quantities", name))


# Words right after a number: an "of" (and its article) skipped to reach the thing
# counted ("14 of the injured"), and prepositions/conjunctions that are not what it counts.
_STOP_AFTER = _folded_words("of_words")
_NOT_COUNTED = _folded_words("not_counted")
_ARTICLES_AFTER_OF = _folded_words("articles_after_of")
# Particles after a number that close the count ("عدد الضحايا إلى 79 بعد أن", "بينهم 424
# منذ الأحد"): no counted noun, but the number is still a reported count (its noun is
# named before it, or not at all).
_PARTICLES_AFTER = _folded_words("particles_after_count")
_CJK_MEASURE = set("名个位辆架艘座家所起次余多")

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")

# Duration adjectives joined to the number by a hyphen ("48-hour strike", "48-stündigen
# Streik", "24-часовой"): stems, matched without a word end.
_HYPHEN_DURATIONS = {fold(str(stem)): str(unit) for lang in lexicon_languages()
                     for stem, unit in Lexicon(lang).table("quantities", "hyphen_units").items()}


def _unit_after(folded: str, end: int) -> tuple[str | None, int]:
    rest = folded[end:end + 24]
    if rest.startswith("-"):
        for stem, unit in _HYPHEN_DURATIONS.items():
            if rest[1:].startswith(stem):
                return unit, end + 1 + len(stem)
    spaced = rest.lstrip()
    for prefix in ("di ", "of ", "de ", "d'"):
        if spaced.startswith(prefix):
            spaced = spaced[len(prefix):]
            break
    for word, unit in _UNITS_BY_FIRST.get(spaced[:1], ()):
        if spaced.startswith(word) and _word_end(spaced, len(word)):
            return unit, end + (len(rest) - len(spaced)) + len(word)
    return None, end


def _word_end(text: str, index: int) -> bool:
    return index >= len(text) or not text[index].isalpha() or _is_cjk(text[index - 1])


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff"


# Earthquake magnitude written before the number ("de magnitude 6,1", "magnitude at 5.9",
# "بقوة 6.1"); the unit keeps "M5.9" and "5.9 magnitude" comparable.
_MAGNITUDE_BEFORE = re.compile(
    r"(?:magnitude|magnitudo|magnitud|magnitúd|stärke|магнитуд\w*|بقوة|بزرگی|büyüklüğünde)"
    r"(?:\s(?:of|at|de|di|von|was|is|put at))?\s$")


def _unit_before(folded: str, start: int) -> tuple[str, int] | None:
    # Turkish writes the percent before the number: "yüzde 20", "%3,5"
    for symbol, unit in (("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("us$", "USD"),
                         ("%", "%"), ("yuzde ", "%"),
                         ("₹", "INR"), ("rs ", "INR"), ("rs. ", "INR")):
        at = start - len(symbol)
        if at >= 0 and folded[at:start] == symbol and not (
                symbol[0].isalpha() and at and folded[at - 1].isalpha()):
            return unit, at  # a word symbol only whole: not the "rs" of "numbers 23"
    if _MAGNITUDE_BEFORE.search(folded, max(0, start - 30), start):
        return "magnitude", start
    return None


def particle_after(folded: str, end: int) -> bool:
    """Is the word right after the number one of ``[quantities] particles_after_count``?"""
    word = _WORD.match(folded, end + 1) if folded[end:end + 1] == " " else None
    return word is not None and word.group() in _PARTICLES_AFTER


def _counted(text: str, folded: str, end: int) -> tuple[str | None, str | None, int | None]:
    """The noun counted: the first word after the number (skipping 'di'/'of'); for CJK the
    characters after it. Returns the surface, the concept key, and its end offset."""
    rest_start = end
    words = list(itertools.islice(_WORD.finditer(folded, rest_start,
                                                 min(len(folded), rest_start + 60)), 3))
    for index, word in enumerate(words):
        gap = folded[rest_start if index == 0 else words[index - 1].end():word.start()]
        far = gap.strip() or word.start() - rest_start > 2
        if index == 0 and far and not _is_cjk(word.group()[0]):
            return None, None, None
        token = word.group()
        if token[:2] in ("d'", "d’") and len(token) > 2:  # "d'experts": an elided "de"
            return text[word.start() + 2:word.end()], _counted_key(token[2:]), word.end()
        if token in _STOP_AFTER or (index == 1 and token in _ARTICLES_AFTER_OF):
            continue  # "14 of the injured"
        if token in _NOT_COUNTED or (index == 0 and token in _PARTICLES_AFTER):
            return None, None, None
        if _is_cjk(token[0]):
            return _cjk_counted(text, word.start(), token)
        return text[word.start():word.end()], _counted_key(token), word.end()
    return None, None, None


def _cjk_counted(text: str, start: int, token: str) -> tuple[str, str | None, int]:
    """CJK: skip a measure word (名, 个), then '人' alone or the next two characters."""
    skip = 0
    while skip < len(token) - 1 and skip < 2 and token[skip] in _CJK_MEASURE:
        skip += 1
    size = 1 if token[skip] == "人" else 2
    begin = start + skip
    surface = text[begin:begin + size]
    return surface, _counted_key(surface), begin + size


def _counted_key(token: str) -> str | None:
    for stem, key in _COUNTED_BY_FIRST.get(token[:1], ()):
        if token.startswith(stem):
            return key
    unit = _TIME_UNITS.get(token)
    return f"{unit}s" if unit else None
