"""Tokens and tags every NER tagger shares: the tokenizer, a character's script, a word's
shape, the ``Span`` a tagger returns and IOB2 decoding.

The CRF (``ner.py``), the network (``tagger_nn.py``) and the training tools cut text and
read tags through these functions, so a model never sees text cut differently from how it
was trained. ``ner.py`` imports them, and callers may keep reading them there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Words with inner hyphens, apostrophes and dots stay whole ("Альфа-Групп", "Газета.Ru",
# "O'Brien", "U.S."); any other non-space, non-word character is a token of its own.
_WORD = re.compile(r"(?:[^\W_](?:[\w\u064b-\u065f\u0670\u200c]|[-'’.](?=[^\W_]))*)|\S",
                   re.UNICODE)


@dataclass(frozen=True)
class Span:
    """One tagged name: character offsets, label and the model's marginal confidence."""

    start: int
    end: int
    label: str
    score: float


def tokenize(text: str, char_level: bool = False) -> list[tuple[int, int]]:
    """Token offsets: words and single punctuation marks, or every non-space character."""
    if char_level:
        out = []
        for match in _WORD.finditer(text):
            s, e = match.span()
            word = text[s:e]
            if _script(word[0]) in ("han", "kana"):
                out.extend((s + i, s + i + 1) for i in range(len(word)))
            else:
                out.append((s, e))
        return out
    return [m.span() for m in _WORD.finditer(text)]


@cache
def _script_of(ch: str) -> str:
    if ch.isdigit():
        return "digit"
    if not ch.isalpha():
        return "punct"
    name = unicodedata.name(ch, "")
    for script, prefix in (("latin", "LATIN"), ("cyr", "CYRILLIC"), ("arab", "ARABIC"),
                           ("kana", "HIRAGANA"), ("kana", "KATAKANA"), ("han", "CJK"),
                           ("greek", "GREEK"), ("hebrew", "HEBREW"), ("hangul", "HANGUL")):
        if name.startswith(prefix):
            return script
    return "other"


def _script(ch: str) -> str:
    return _script_of(ch)


@cache
def _shape(word: str) -> str:
    out = []
    for ch in word[:8]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else \
            "a" if ch.isalpha() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def decode(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> (first token, last token + 1, label); a stray I- opens a span."""
    spans = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return spans
