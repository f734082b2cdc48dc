"""Sentence splitting for every script, with character offsets into the text.

The comparison cites sentences by ``(start, end)`` offsets into ``Article.maintext``, so
the splitter never rewrites text: it only decides where spans begin and end. Rules:

- a line break always ends a sentence (scraped news puts headings, captions and bullet
  items on their own lines, and a bullet marker is not part of the sentence);
- ``. ! ? …`` end a sentence in cased scripts (Latin, Cyrillic, Greek, Armenian) when
  followed by space and a character that can begin a sentence — not after a known
  abbreviation, an initial (``J. Smith``) or inside a number (``3.5``, ``1.000``);
- in uncased scripts (Arabic, Persian, Hebrew, Devanagari ...) ``. ! ? ؟ ۔ ।`` followed by
  space end a sentence whatever follows;
- CJK ``。！？`` end a sentence immediately, spaces or not;
- closing quotes and brackets after the final mark stay with the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rashomon.lang import all_words


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


#: Lower-cased abbreviations (without the final dot) after which a dot does not end a
#: sentence (``[text] abbreviations`` of every language's file): titles and the commonest
#: news abbreviations; a missed abbreviation splits a sentence in two, which the alignment
#: tolerates far better than two sentences glued into one.
ABBREVIATIONS = all_words("text", "abbreviations")

#: Month names after "17." in languages that write day ordinals with a dot (German,
#: Scandinavian, Czech, Polish ...): "am 17. September" is one sentence
#: (``[text] ordinal_day_months``).
_ORDINAL_MONTHS = all_words("text", "ordinal_day_months")

_BULLETS = "•◦▪▫‣∙·●○■□►▶–—-*"
_CLOSERS = "\"'”’»)]}」』）】〕〉》›"
_OPENERS = "\"'“‘«([{「『（【〔〈《‹¿¡"
_CJK_ENDS = "。！？｡"
_CASED_ENDS = ".!?…"
_UNCASED_ENDS = ".!?…؟۔।॥"
_BULLET_RE = re.compile(r"[ \t]*(?:[" + re.escape(_BULLETS) + r"]|\d{1,2}[.)])[ \t]+")


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentences of ``text`` in order, each with offsets into ``text``."""
    spans: list[SentenceSpan] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        spans.extend(_split_line(text, pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return spans


def _split_line(text: str, start: int, end: int) -> list[SentenceSpan]:
    """Sentences of one line ``text[start:end]`` (bullet marker dropped)."""
    bullet = _BULLET_RE.match(text, start, end)
    if bullet and bullet.end() < end:
        start = bullet.end()
    spans: list[SentenceSpan] = []
    i, begin = start, start
    while i < end:
        stop = _sentence_end(text, i, begin, end)
        if stop is not None:
            spans.extend(_trimmed(text, begin, stop))
            begin = i = stop
        else:
            i += 1
    spans.extend(_trimmed(text, begin, end))
    return spans


def _sentence_end(text: str, i: int, begin: int, end: int) -> int | None:
    """End offset of a sentence whose final mark is at ``i``, else None."""
    ch = text[i]
    if ch in _CJK_ENDS:
        return _absorb_closers(text, i + 1, end)
    if ch not in _UNCASED_ENDS:
        return None
    stop = _absorb_closers(text, _absorb_marks(text, i + 1, end), end)
    if stop >= end or not text[stop].isspace():
        return None  # "3.5", "e.g.x", "U.S." inside a token
    nxt = _next_visible(text, stop, end)
    if nxt is None:
        return None
    if ch in _CASED_ENDS and _is_cased(text[i - 1] if i > begin else " "):
        if not _can_start_cased(text[nxt]):
            return None
        if ch == "." and _is_abbreviation(text, begin, i, nxt, end):
            return None
    return stop


def _absorb_marks(text: str, i: int, end: int) -> int:
    """Skip repeated final marks ("?!", "...")."""
    while i < end and text[i] in _UNCASED_ENDS:
        i += 1
    return i


def _absorb_closers(text: str, i: int, end: int) -> int:
    while i < end and text[i] in _CLOSERS:
        i += 1
    return i


def _next_visible(text: str, i: int, end: int) -> int | None:
    while i < end and text[i].isspace():
        i += 1
    return i if i < end else None


def _is_cased(ch: str) -> bool:
    """Is the character before the mark from a cased script (or a digit/closer)?"""
    if ch.isdigit() or ch in _CLOSERS:
        return True
    return ch.isalpha() and (ch.lower() != ch.upper())


def _can_start_cased(ch: str) -> bool:
    """Can this character begin a new sentence after a cased-script sentence?

    A lower-case letter cannot (that is an abbreviation we did not know); upper case,
    digits, quotes and letters of uncased scripts can.
    """
    if ch in _OPENERS or ch.isdigit():
        return True
    if ch.isalpha():
        return not ch.islower()
    return unicodedata.category(ch).startswith(("P", "S"))


def _is_abbreviation(text: str, begin: int, dot: int, nxt: int, end: int) -> bool:
    """Does the dot at ``dot`` close an abbreviation, an initial or a day ordinal?"""
    j = dot
    while j > begin and not text[j - 1].isspace() and text[j - 1] not in _OPENERS:
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if word.isdigit() and len(word) <= 2:
        following = re.match(r"\w+", text[nxt:end])
        return bool(following and following.group(0).lower() in _ORDINAL_MONTHS)
    return False


def _trimmed(text: str, start: int, end: int) -> list[SentenceSpan]:
    """The span without surrounding whitespace; nothing if it holds no letter or digit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    chunk = text[start:end]
    if not any(c.isalnum() for c in chunk):
        return []
    return [SentenceSpan(start, end, chunk)]
