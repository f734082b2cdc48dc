"""A number that is part of a name is not a quantity: "the Big 12 title", "a Formula 1
team", "France 24 reported", "a Boeing 737 jet", "Office 365 users", "la Ligue 1".

News write such names as a capitalised word with the number right after it, and a
lower-case word after the number ("team", "title", "sur") that the quantity reader would
otherwise take for the thing counted. Numbers glued to a name ("G20", "A320") or joined by
a hyphen ("COVID-19") are never read as quantities (``quantities._NUMBER`` and the
hyphen check); this is the spaced form.

The rule: a number in digits, with no unit, magnitude word, hedge or known counted noun
("Норвегии 853 человека": a place before a count) or abbreviated unit after it
("Kahler Asten 841,9 m", "Kuhnle 101,68 pts."), written
right after (one space) a capitalised word that is

- not the first word of its sentence ("Some 5,000", "After 18 months", "Nearly 900": a
  capital there says nothing),
- not a word the text also writes in lower case ("con Las 50,000 personas" in a text that
  writes "las": a common word capitalised by a run-on headline, not a name),
- not a weekday or month name ("on Monday 12 families left": a date's word), and
- not a unit or currency ("Euro 0.17 bn", "Rs 250 crore" keep their figure),

in a language that does not capitalise its common nouns. German writes "im März 2808
Menschen": the capital there is no sign of a name, unless lower-case words follow the
number, so that it counts no noun ("im Terminal 1 seien nur eingeschränkt").
"""

from __future__ import annotations

import re

from rashomon.extract.lexicon import Lexicon, fold, month_names
from rashomon.extract.quantity_words import _UNITS_BY_FIRST
from rashomon.extract.relative_dates import weekday_mentions

# An abbreviated unit ("841,9 m", "36 pts.", "8 cts.", "2 d.") or a fraction ("4½")
# after the number: a measure, whatever the word before it.
_MEASURE_AFTER = re.compile(r"[½¼¾]|\s?[^\W\d_]{1,3}\.|\s?m(?![\w'’])")
_WORD_BEFORE = re.compile(r"(?<![\w'’])([A-ZÀ-ÞА-ЯЁΑ-ΩİĞŞÇÖÜ][\w&.]*[\w&]|[A-Z]{2,}) $")
# What ends a sentence before a word: the word after it starts the sentence.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…\n]|\s[-–—])[\s\"'“”«»„(\[]*$")


# The words after a number: in a language that capitalises its nouns, a number followed
# by lower-case words up to a stop or for three words ("im Terminal 1 seien nur
# eingeschränkt", "der NASDAQ 100 betrug er") counts no noun; an adjective or adverb
# before the noun counted does ("25 leicht verletzte Fahrgäste", "416 bestätigte Fälle").
_WORDS_AFTER = re.compile(r"[^\W\d_][\w-]*|[^\w\s]|\d")
LOWER_WORDS_AFTER = 3


def _verb_after(text: str, end: int) -> bool:
    tokens = _WORDS_AFTER.findall(text, end, end + 80)[:LOWER_WORDS_AFTER]
    words = []
    for token in tokens:
        if not token[0].isalpha():
            break
        words.append(token)
    return len(words) >= 2 and all(w[0].islower() for w in words)


def name_number(text: str, folded: str, start: int, end: int, language: str,
                date_spans) -> bool:
    """Whether the digits at ``text[start:end]`` are part of a name (module docstring).
    ``date_spans``: a ``SpanIndex`` of the text's dates."""
    if not text[start:end][:1].isdigit() or _MEASURE_AFTER.match(text, end):
        return False
    if Lexicon(language).flag("language", "capitalises_nouns") and \
            not _verb_after(text, end):
        return False
    word = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if word is None:
        return False
    at = word.start(1)
    if Lexicon(language).value("quantities", "name_numbers") == "acronyms" and \
            not word.group(1).isupper():
        return False
    if _SENTENCE_END.search(text, max(0, at - 6), at):
        return False
    if date_spans.overlaps(at, word.end(1)) or \
            weekday_mentions(word.group(1), language) or \
            fold(word.group(1)).rstrip(".") in month_names(language):
        return False
    token = fold(word.group(1)).rstrip(".")
    if any(token == unit for unit, _ in _UNITS_BY_FIRST.get(token[:1], ())):
        return False
    lower = word.group(1).lower()
    return not re.search(rf"(?<![\w'’]){re.escape(lower)}(?![\w'’])", text)


__all__ = ["name_number"]
