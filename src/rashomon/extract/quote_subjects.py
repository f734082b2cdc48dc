"""The subject of a speech verb among an article's PER/ORG mentions, and the names a
quote with no attribution of its own continues: the mention index the quote rules share
(``Speakers``), the nearest name to a verb (``subject``), the last subject of a speech verb
in a stretch of text (``reported_speaker``) and the one person a stretch names
(``last_person``)."""

from __future__ import annotations

import bisect
import re

from rashomon.core.facts import Mention, Quote
from rashomon.text.sentences import ABBREVIATIONS

# How far from the speech verb the speaker may stand (characters).
NEAR = 60


class _SentenceEnds:
    """A sentence's end: a stop and a space, not the dot of a known abbreviation ("Gov.
    Kay Ivey said", "Dr. Ruth Sims told": ``[text] abbreviations`` of every language's
    file, as the sentence splitter reads them). ``search`` and ``finditer`` as a
    pattern's."""

    _MARK = re.compile(r"[.!?。！？]\s")
    _WORD = re.compile(r"[^\W\d_][\w.]*\Z")

    def _abbreviation(self, text: str, mark: re.Match) -> bool:
        if mark.group()[0] != ".":
            return False
        word = self._WORD.search(text[max(0, mark.start() - 12):mark.start()])
        return bool(word) and word.group().casefold() in ABBREVIATIONS

    def finditer(self, text: str, lo: int, hi: int) -> list[re.Match]:
        return [m for m in self._MARK.finditer(text, lo, hi) if not self._abbreviation(text, m)]

    def search(self, text: str, lo: int, hi: int) -> re.Match | None:
        mark = self._MARK.search(text, lo, hi)
        while mark is not None and self._abbreviation(text, mark):
            mark = self._MARK.search(text, mark.end(), hi)
        return mark


SENTENCE_END = _SentenceEnds()


class Speakers(list):
    """PER/ORG mentions sorted by start, with ``between(lo, hi)``: the mentions lying
    inside ``lo..hi`` by bisection. A scan of every mention per quote was quadratic: on
    a 2 MB article (3,500 quotes, 20,000 mentions) it was a quarter of extraction."""

    def __init__(self, mentions):
        super().__init__(sorted(mentions, key=lambda m: m.start))
        self.starts = [m.start for m in self]

    def between(self, lo: int, hi: int) -> list[Mention]:
        """Mentions with ``lo <= start`` and ``end <= hi``, in start order."""
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.starts, hi, first)
        return [m for m in self[first:last] if m.end <= hi]


def clause_end(text: str, end: int, limit: int) -> int:
    """Where the attribution after a quote ending at ``end`` ends: its sentence's end
    before ``limit``, else just past the quote."""
    stop = SENTENCE_END.search(text, end + 1, limit)
    return stop.start() + 1 if stop else end + 1


def last_person(lo: int, start: int, quotes: list[Quote], speakers: Speakers) -> Mention | None:
    """The person named between ``lo`` and ``start`` outside quotes, when only one person
    is named there (a surname alone counts as its full name): the one a pronoun or a bare
    speech verb can stand for when no speech verb named a speaker before."""
    quoted = quoted_after(quotes, lo)
    persons = [m for m in speakers.between(lo, start) if m.label == "PER" and
               not any(a < m.end and m.start < b for a, b in quoted)]
    if not persons or len({m.text.split()[-1] for m in persons}) > 1:
        return None
    return persons[-1]


# Longer than any name a speech verb's subject is (characters): bounds the names read
# around a verb (a speed bound: output unchanged on the SemEval check and tune halves)
LONGEST_NAME = 200


def quoted_after(quotes: list[Quote], lo: int) -> list[tuple[int, int]]:
    """The spans of ``quotes`` (in text order, not overlapping) that end after ``lo``,
    read back from the last one: not every quote of a long text for each quote."""
    out = []
    for q in reversed(quotes):
        if q.end <= lo:
            break
        out.append((q.start, q.end))
    return out


def reported_speaker(text: str, lo: int, hi: int, quotes: list[Quote], speakers: Speakers,
                      verbs: re.Pattern) -> Mention | None:
    """The last name between ``lo`` and ``hi`` that is the subject of a speech verb (a
    PER/ORG within NEAR of it in the same sentence), neither inside a quote."""
    quoted = quoted_after(quotes, lo)

    def inside(a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in quoted)

    names = Speakers(m for m in speakers.between(lo, hi) if not inside(m.start, m.end))
    last: Mention | None = None
    for verb in verbs.finditer(text, lo, hi):
        if inside(verb.start(), verb.end()):
            continue
        # (only the names that can stand within NEAR of the verb: a reach of thousands
        # of characters holds many)
        found = subject(names.between(verb.start() - NEAR - LONGEST_NAME, verb.end() + NEAR +
                                       LONGEST_NAME), verb, text)
        if found is not None and (last is None or found.start > last.start):
            last = found
    return last


def subject(names: list[Mention], verb: re.Match, text: str | None = None,
             clause: tuple[str, re.Pattern] | None = None) -> Mention | None:
    """The name nearest a speech verb, at most NEAR characters from it; given ``text``,
    also in the verb's sentence (no sentence end between the two); given ``clause``
    (the text and its complementizers), not a name after the verb's "that": "el
    socialista sostuvo que la investidura de Pedro Sánchez «…»" is not Sánchez's (SemEval
    dev, tune part, ~540 quotes: 2 speakers changed, both wrong ones dropped)."""
    if clause is not None:
        whole, word = clause
        names = [m for m in names if m.end <= verb.start() or
                 not word.search(whole, verb.end(), m.start)]
    near = [(gap(m, verb.start(), verb.end()), m) for m in names]
    near = [(gap, m) for gap, m in near if gap <= NEAR and (text is None or not
            SENTENCE_END.search(text, min(m.end, verb.end()), max(m.start, verb.start())))]
    if not near:
        return None
    best = min(near, key=lambda x: x[0])[1]
    if best.label != "PER":
        # "dijo el presidente de la Orquesta, Daniel Froschauer": the person named on the
        # same side of the verb speaks, the body only qualifies them
        side = best.start >= verb.end()
        person = [(gap, m) for gap, m in near
                  if m.label == "PER" and (m.start >= verb.end()) == side]
        if person:
            return min(person, key=lambda x: x[0])[1]
    return best


def gap(mention: Mention, start: int, end: int) -> int:
    if mention.end <= start:
        return start - mention.end
    return mention.start - end if mention.start >= end else 0


class VerbIndex:
    """The speech-verb matches of one text, found once, with the pattern's
    ``finditer(text, lo, hi)``: for searches that reach thousands of characters back from
    every quote (a generic body word's speaker), which would otherwise scan the same
    stretch again for each."""

    def __init__(self, pattern: re.Pattern, text: str):
        self.pattern, self.text = pattern, text
        self.matches: list[re.Match] | None = None
        self.starts: list[int] = []

    def finditer(self, text: str, lo: int, hi: int) -> list[re.Match]:
        """The matches lying inside ``lo..hi`` (``text`` is the indexed one)."""
        if self.matches is None:
            self.matches = list(self.pattern.finditer(self.text))
            self.starts = [m.start() for m in self.matches]
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_left(self.starts, hi, first)
        return [m for m in self.matches[first:last] if m.end() <= hi]
