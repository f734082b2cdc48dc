"""Institutions named after a place, in Chinese and Japanese: one ORG where the tagger
sees a place and misses the body around it.

The trained taggers type the place inside an institution's name as LOC and leave the rest
("昆明市" LOC in 昆明市公安局). Chinese and Japanese name such a body head-last:
``<place> [驻 <place>] … <head>`` ("<place>驻<place>维和部队", "<place>政府"). The span
runs from the place to the first head of ``[institutions] heads`` within ``MAX_CHARS``
characters, over Han and katakana only, across no stop character (``[institutions]
stops``: 的 在 是 了 ...) and no person, and only where the head is not the start of a
longer dictionary word ("部长" minister, "政府军" troops: jieba's dictionary for zh, IPAdic
for ja, the tables the taggers already read). The span made replaces the mentions inside.

The heads and stop characters are learned from the zh and ja training sentences
(``tools/institution_heads_cjk.py``) and live in ``lang/<code>.toml``. Measured on the dev
sentences (model card, "Institutions named after a place (zh ja fa ar)"): zh and ja go
up. Persian and Arabic (head-first, ezafe/idafa: "وزارة … في <place>") were measured the
same way and went down (their dev annotation keeps the place out of the body's span), so
they are left alone.
"""

from __future__ import annotations

import bisect
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.extract.lexicon import Lexicon

HEAD_LAST = frozenset({"zh", "ja"})
#: Longest run of characters from the end of the place to the end of the head (zh, ja).
#: "卫生委员会" is 5, "维和部队" 4; a bound keeps a head far down the sentence from being
#: taken. Dev typed F1 (all sources) zh / ja, measured before the own-language heads and
#: the named-body check (model card): 0.6478 / 0.7037 at 6, 0.6494 / 0.7045 at 8,
#: 0.6502 / 0.7053 at 10, with the expansions' precision 0.61 at 8 and 0.60 at 10 in zh.
MAX_CHARS = 8
#: Characters that link a second place to the first in a head-last name ("驻": stationed in).
_LINKS = "驻駐"
#: Off only for the dev scoring of ``tools/institution_heads_cjk.py`` (before/after).
ENABLED = True
#: Set to a list by the dev scoring (the expansions' own precision): the (start, end) of
#: the spans made are added to it. None at run time.
MADE: list[tuple[int, int]] | None = None


@cache
def _heads(lang: str) -> tuple[frozenset[str], int]:
    heads = frozenset(Lexicon(lang).words("institutions", "heads"))
    return heads, max(map(len, heads), default=0)


@cache
def _stops(lang: str) -> frozenset[str]:
    """Function and verb characters a head-last name does not run across (的 在 是 ...)."""
    return frozenset(str(Lexicon(lang).value("institutions", "stops", "")))


def expand(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """``mentions`` (sorted by start) with each institution around a place made one ORG
    and the mentions inside it dropped; unchanged for the other languages."""
    if not ENABLED or lang not in HEAD_LAST or not mentions:
        return mentions
    heads, longest = _heads(lang)
    if not heads:
        return mentions
    spans = _head_last(text, mentions, lang, heads, longest)
    if not spans:
        return mentions
    if MADE is not None:
        MADE.extend((s, e) for s, e, _ in spans)
    out = [m for m in mentions
           if not any(s <= m.start and m.end <= e for s, e, _ in spans)]
    out += [lookup._mention(text, s, e, "ORG", None, score) for s, e, score in spans]
    return sorted(out, key=lambda m: (m.start, -m.end))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\u30a0" <= ch <= "\u30ff"


@cache
def _words(lang: str):
    """The dictionary the language's tagger reads: membership test for a word."""
    """The dictionary the language's tagger reads: word -> its class letters ("C": a
    common word; jieba's for zh, IPAdic's for ja)."""
    if lang == "zh":  # a negative value marks a mere prefix ("行宣"), not a word
        from rashomon.extract import tagger_lattice

        codes = tagger_lattice.CODES
        return {w: codes[v & 15].upper() for w, v in tagger_lattice.lexicon("zh")[0].items()
                if v >= 0 and (v & 15) < len(codes)}
    from rashomon.extract import tagger_lexicons

    return tagger_lexicons.morph(lang)


def _named_body(text: str, body: Mention, lang: str) -> bool:
    """Does a body the tagger found open with a proper name of its own ("西门子公司", not
    "铁路局", "中央银行")? Its first dictionary word (the shortest of two characters or more
    at its start) is neither a common word nor a body's name (class C or O), or there is
    none: then a place before it is a modifier ("德国西门子公司"), not part of its name."""
    words = _words(lang)
    for size in range(2, min(6, body.end - body.start) + 1):
        letters = words.get(text[body.start:body.start + size])
        if letters is not None:
            return "C" not in letters and "O" not in letters
    return True


def _continues(text: str, end: int, head: str, lang: str) -> bool:
    """Does a dictionary word start inside the head and run past ``end`` ("部长")?"""
    words = _words(lang)
    for k in range(end - len(head), end):
        for stop in (end + 1, end + 2):
            if stop <= len(text) and text[k:stop] in words:
                return True
    return False


def _head_last(text: str, mentions: list[Mention], lang: str, heads: frozenset[str],
               longest: int) -> list[tuple[int, int, float]]:
    starts = [m.start for m in mentions]
    out: list[tuple[int, int, float]] = []
    reach = -1
    for m in mentions:
        if m.label != "LOC" or m.start < reach:
            continue
        pos, score = m.end, m.score
        while pos < len(text) and text[pos] in _LINKS:  # "<place>驻<place>"
            i = bisect.bisect_left(starts, pos + 1)
            after = mentions[i] if i < len(mentions) and starts[i] == pos + 1 else None
            if after is None or after.label not in ("LOC", "ORG"):
                break
            pos, score = after.end, min(score, after.score)
        i = bisect.bisect_left(starts, pos)
        if i < len(mentions) and starts[i] == pos and mentions[i].label == "ORG" and \
                _named_body(text, mentions[i], lang):
            continue
        end = _head_end(text, pos, mentions, starts, lang, heads, longest)
        if end is not None:
            out.append((m.start, end, round(score, 3)))
            reach = end
    return out


def _head_end(text: str, pos: int, mentions: list[Mention], starts: list[int], lang: str,
              heads: frozenset[str], longest: int) -> int | None:
    """Where the first head within ``MAX_CHARS`` after ``pos`` ends, or None. The run
    stops at a character that is not Han or katakana, at a stop character, and at a
    mention that is not a place or a body; one it runs into must end inside it."""
    stops = _stops(lang)
    least = pos
    for end in range(pos + 1, min(len(text), pos + MAX_CHARS) + 1):
        ch = text[end - 1]
        if not _is_han(ch) or ch in stops:
            return None
        i = bisect.bisect_left(starts, end - 1)
        while i < len(mentions) and starts[i] == end - 1:
            if mentions[i].label not in ("LOC", "ORG"):
                return None
            least = max(least, mentions[i].end)
            i += 1
        if end < least:
            continue
        found = [text[end - size:end] for size in range(min(longest, end - pos), 0, -1)
                 if text[end - size:end] in heads]
        # every head ending here is checked: "政府军" continues the head 政府, not 府
        if found and not any(_continues(text, end, head, lang) for head in found):
            return end
    return None

