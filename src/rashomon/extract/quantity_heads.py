"""What a bare number counts when the text names it before the number: "the number of
cases rose to 448", "die Zahl der Toten stieg auf 107", "la cifra de víctimas son
30 mil 798", "vaka sayısı 448'e yükseldi", "عدد الوفيات ارتفع إلى 107".

The counted noun follows the number in most sentences (``quantity_units._counted``); a
tally sentence names it first, through a "number of" word: the noun after it in most
languages (``[quantities] number_of``), the noun before it in Turkish
(``number_of_after``: "vaka sayısı"). Only a number with no counted noun and no unit of
its own takes it, within its clause, and only when no other number stands between the
phrase and it (that number took the phrase).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from rashomon.core.facts import Quantity
from rashomon.extract.lexicon import Lexicon, fold
from rashomon.extract.quantity_units import _counted_key

#: How far back (characters) from the number the "number of" phrase is looked for, within
#: its clause: "la cifra de víctimas por este delito son 30 mil 798" spans 45, "وكان
#: إجمالي عدد حالات الإصابة أكثر من 3 آلاف" 38. Written sentences of that shape (tests)
#: reach 60 with a verb phrase between them.
REACH = 70

_CLAUSE_END = re.compile(r"[.;:!?؛。\n]")
_DIGIT = re.compile(r"\d")
_WORD = r"[^\W\d_][\w'’\-]*"
_WORDS = re.compile(_WORD)


@cache
def _patterns(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    lexicon = Lexicon(language)
    before = [fold(w) for w in lexicon.words("quantities", "number_of")]
    after = [fold(w) for w in lexicon.words("quantities", "number_of_after")]
    skip = [fold(w) for w in lexicon.words("quantities", "articles_after_of")]
    skipped = rf"(?:(?:{'|'.join(map(re.escape, skip))})\s+)?" if skip else ""
    # a phrase ending in an elided "d'" runs into its noun ("nombre d'habitants")
    noun_after = (re.compile(
        rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(before, key=len, reverse=True)))})"
        rf"(?:\s+|(?<=['’])){skipped}(?P<noun>{_WORD})") if before else None)
    noun_before = (re.compile(
        rf"(?P<noun>{_WORD})\s+(?:{'|'.join(map(re.escape, after))})(?!\w)") if after else None)
    return noun_after, noun_before


def _phrase_before(folded: str, at: int, language: str) -> re.Match[str] | None:
    """The last "number of" phrase of the clause before ``at``, with no number between."""
    noun_after, noun_before = _patterns(language.split("-")[0])
    if noun_after is None and noun_before is None:
        return None
    start = max(0, at - REACH)
    clause = [m.end() for m in _CLAUSE_END.finditer(folded, start, at)]
    if clause:
        start = clause[-1]
    best = None
    for pattern in (noun_after, noun_before):
        if pattern is None:
            continue
        for match in pattern.finditer(folded, start, at):
            if best is None or match.start() > best.start():
                best = match
    if best is None or _DIGIT.search(folded, best.end(), at):
        return None
    return best


def names_counted_before(folded: str, at: int, language: str) -> bool:
    """Does a "number of" phrase of its clause name what the number at ``at`` counts?"""
    return _phrase_before(folded, at, language) is not None


def counted_before(text: str, folded: str, quantity: Quantity, language: str
                   ) -> tuple[str, str | None] | None:
    """(counted noun as written, its key) named before ``quantity`` by a "number of"
    phrase of its clause, or None."""
    best = _phrase_before(folded, quantity.start, language)
    if best is None:
        return None
    # the first of the next three words with a known counted key, else in a language that
    # capitalises its nouns the first capitalised one ("Zahl der bestätigten Fälle":
    # Fälle), else the word right after the phrase
    following = list(itertools.islice(
        _WORDS.finditer(folded, best.start("noun"), quantity.start), 3))
    keyed = next((w for w in following if _counted_key(w.group())), None)
    if keyed is None and Lexicon(language).flag("language", "capitalises_nouns"):
        keyed = next((w for w in following if text[w.start()].isupper()), None)
    start, end = keyed.span() if keyed else best.span("noun")
    return text[start:end], _counted_key(folded[start:end])
