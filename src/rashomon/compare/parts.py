"""Parts of a total: "Thirteen civilians, among them seven children, were killed" states
a toll of 13, and 7 is a part of it, never the toll; so is "7 of the injured".

A general grammatical rule, the same in every language: a figure is a part when a
partitive marks it — a pronoun partitive or "including" right before it ("among them 7",
"dont 7", "di cui 7", "darunter 7", "из них 7", "其中7", "بينهم 7"), or a partitive right
after it ("7 of them", "7 d'entre eux", "7 of the injured", "3 of the 13"). The words are
data, the ``[partitives]`` table of each language's file (``rashomon/lang/<code>.toml``,
keys in ``rashomon/lang/README.md``), written from each language's grammar. A part is
never compared with a figure that may be its total (``slots``).

Measured on text nobody on the project wrote and the rule was not written from: in the
SemEval 2022 task 8 dev articles (1,564 texts, 10 languages, ``../shared``) the rule
marks 32 figures as parts, 31 rightly (precision 0.97: "13 of the system's 19 parks",
"de los cuales 229", "w tym 161", "بينهم 424", "including two brothers"); the one
error, an Arabic total followed by "منها 452" (of which 452), is why a figure right
after a marker makes the figure before it the total (``_figure_follows``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rashomon.core import Quantity
from rashomon.extract.lexicon import fold
from rashomon.lang import Lexicon, lexicon_languages

#: Characters looked at on each side of a figure: the longest marker is 25 characters
#: ("μεταξύ των οποίων", "dahil olmak üzere") plus the punctuation and spaces between.
WINDOW = 40

_SEPARATORS = " \t\u00a0,:;—–-(«\"“"


@dataclass(frozen=True)
class Partitives:
    """The partitive words of one language (see ``rashomon/lang/README.md``)."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    after_of: tuple[str, ...]
    classifiers: tuple[str, ...]
    groups: tuple[str, ...]
    spaced: bool = True


@functools.lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def partitives(language: str | None) -> Partitives:
    """The partitive words of ``language``; for a language without them, the pronoun
    partitives of every file (distinctive strings), and no ``after_of`` rule."""
    if language and (data := _read(language)) is not None:
        return data
    every = [p for code in _languages() if (p := _read(code)) is not None]
    return Partitives(
        before=tuple(sorted({w for p in every for w in p.before}, key=len, reverse=True)),
        after=tuple(sorted({w for p in every for w in p.after}, key=len, reverse=True)),
        after_of=(), classifiers=(), groups=(),
    )


def _languages() -> list[str]:
    """The languages whose file has a ``[partitives]`` table."""
    return [code for code in lexicon_languages() if _read(code) is not None]


@functools.lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def _read(language: str) -> Partitives | None:
    lexicon = Lexicon(language)
    body = lexicon.value("partitives", "before")
    if body is None:  # no [partitives] table for this language
        return None

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted({fold(w) for w in lexicon.words("partitives", key)},
                            key=len, reverse=True))

    spaced = lexicon.value("language", "spaces_between_words", True) is not False
    return Partitives(words("before"), words("after"), words("after_of"),
                      words("classifiers"), words("groups"), spaced=spaced)


def is_part(text: str, start: int, end: int, language: str | None) -> bool:
    """Is the figure at ``text[start:end]`` a part of a total stated around it?"""
    words = partitives(language)
    before = fold(text[max(0, start - WINDOW):start]).rstrip(_SEPARATORS)
    after = fold(text[end:end + WINDOW]).lstrip(_SEPARATORS)
    if any(_ends_with(before, w, words.spaced) for w in words.before):
        return True
    if any(_starts_with(after, w, words.spaced) and not _figure_follows(after[len(w):])
           for w in words.after):
        return True
    return _partitive_of(after, words)


def _figure_follows(rest: str) -> bool:
    """"68.8 مليار ريال منها 452 مليون": a figure right after the marker is the part, and
    the marker ("of which") makes the figure before it the total."""
    return rest.lstrip(_SEPARATORS)[:1].isdigit()


def quantity_is_part(text: str, offset: int, q: Quantity, language: str | None) -> bool:
    """``is_part`` for a quantity whose offsets are into the article, ``text`` being the
    sentence that starts at ``offset``."""
    return is_part(text, q.start - offset, q.end - offset, language)


def _partitive_of(after: str, words: Partitives) -> bool:
    """"7 of the injured", "3 of the 13", "7 نفر از مجروحان": a partitive preposition
    right after the figure (past a classifier), then a definite group. Where the
    preposition also means "from" (the language lists ``groups``), only a number or a
    group word may follow it: "11 тысяч контейнеров из Сингапура" is not a part."""
    for classifier in words.classifiers:
        if _starts_with(after, classifier, words.spaced):
            after = after[len(classifier):].lstrip(_SEPARATORS)
            break
    for marker in words.after_of:
        if not _starts_with(after, marker, words.spaced):
            continue
        rest = after[len(marker):].lstrip(_SEPARATORS)
        if rest[:1].isdigit():
            return True
        if not words.groups:
            return bool(rest[:1].isalpha())
        head = rest.split(" ", 1)[0]
        return any(head.startswith(g) or g in head for g in words.groups)
    return False


def _ends_with(text: str, marker: str, spaced: bool) -> bool:
    if not text.endswith(marker):
        return False
    at = len(text) - len(marker)
    return not spaced or at == 0 or not text[at - 1].isalnum()


def _starts_with(text: str, marker: str, spaced: bool) -> bool:
    if not text.startswith(marker):
        return False
    return not spaced or len(text) == len(marker) or not text[len(marker)].isalnum()
