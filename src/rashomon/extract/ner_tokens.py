"""Tokens and tags every NER tagger shares: the tokenizer, a character's script, a word's
shape, the ``Span`` a tagger returns, IOB2 decoding and the cutting of a text into the
sentences a tagger reads.

The CRF (``ner.py``), the network (``tagger_nn.py``) and the training tools cut text and
read tags through these functions, so a model never sees text cut differently from how it
was trained. ``ner.py`` imports them, and callers may keep reading them there.
"""

from __future__ import annotations

import bisect
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
    """One tagged name: character offsets, label and the model's marginal confidence;
    ``floor``: the least confidence at which its tagger's names are kept (None: the
    extraction's ``entities.MIN_SCORE``, calibrated on the CRFs)."""

    start: int
    end: int
    label: str
    score: float
    floor: float | None = None


def tokenize(text: str, char_level: bool = False) -> list[tuple[int, int]]:
    """Token offsets: words and single punctuation marks; with ``char_level`` (Chinese,
    Japanese) every Han or kana character alone and a run of other word characters (Latin,
    digits) whole, as the training sentences' word tokens are cut: "NHKは2024年" ->
    NHK / は / 2024 / 年, whether or not the word begins with a Han or kana character."""
    if char_level:
        out = []
        for match in _WORD.finditer(text):
            s, e = match.span()
            run = s  # start of the current run of other characters
            for i in range(s, e):
                if _script(text[i]) in ("han", "kana"):
                    if run < i:
                        out.append((run, i))
                    out.append((i, i + 1))
                    run = i + 1
            if run < e:
                out.append((run, e))
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


# The models were trained on single sentences (BOS/EOS features, sentence-initial
# capitals), so text is tagged sentence by sentence: cut after . ! ? (and the CJK full
# stops) followed by a space or a line end; a run-on longer than _MAX_BLOCK characters is
# cut into pieces, which bounds the CRF's per-sequence memory on a pasted wall of text.
_MAX_BLOCK = 2000
_SENTENCE_CUT = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")
# ... but not after an initial or a short title: one capital letter, or a capital and one
# small letter ("В. В. Путин", "Дж. Байден", "J. K. Rowling", "Mr. Smith"). Cut there, the
# name's parts were tagged as separate sentences: on the Russian dev sentences (joined with
# spaces) 1 in 9 of the people's names the tagger missed held an initial.
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_][^\W\d_]?\.\Z")


def _cuts(text: str):
    for match in _SENTENCE_CUT.finditer(text):
        start = match.start()
        before = _INITIAL.search(text, max(0, start - 3), start)
        if before and text[before.start()].isupper() and \
                (before.end() - before.start() == 2 or text[before.start() + 1].islower()) \
                and "\n" not in match.group():
            continue
        yield match


def _blocks(text: str):
    position = 0
    for match in [*_cuts(text), None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        for k in range(0, len(piece), _MAX_BLOCK):
            yield position + k, piece[k:k + _MAX_BLOCK]
        if match:
            position = match.end()


def _sentences(text: str, char_level: bool) -> tuple[list, list[list[str]], list[int]]:
    """The blocks of ``text`` with tokens: (base, token offsets) and words per block, and
    their token counts. The text is tokenized once: a block is cut at white space or
    after a CJK full stop, where no token runs on, so its tokens are the text's tokens
    inside it; a block cut short at _MAX_BLOCK characters (and the one after it) may cut
    a word, and is tokenized on its own as before."""
    blocks = list(_blocks(text))
    offsets = tokenize(text, char_level)
    starts = [s for s, _ in offsets]
    pieces, words, lengths = [], [], []
    at = 0
    cut_short = False  # the block before was cut at _MAX_BLOCK
    for base, chunk in blocks:
        end = base + len(chunk)
        alone = cut_short or len(chunk) == _MAX_BLOCK
        cut_short = len(chunk) == _MAX_BLOCK
        if alone:
            own = [(base + s, base + e) for s, e in tokenize(chunk, char_level)]
            at = bisect.bisect_left(starts, end, at)
        else:
            first = bisect.bisect_left(starts, base, at)
            at = bisect.bisect_left(starts, end, first)
            own = offsets[first:at]
        if own:
            pieces.append((0, own))
            words.append([text[s:e] for s, e in own])
            lengths.append(len(own))
    return pieces, words, lengths
