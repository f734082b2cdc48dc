"""Quotes: direct speech in quotation marks and reported speech, with the speaker.

Why rules: speech is marked the same way in every outlet of a language — quotation
marks of a few kinds and a closed set of speech verbs ("ha affermato X", "X said",
"به گفته X", "X گفت", "заявил X", "X表示"). The speaker is the entity mention nearest the
verb on the side that language puts it.
"""

from __future__ import annotations

import bisect
import re

from rashomon.core.facts import Mention, Quote
from rashomon.text.spans import SpanIndex

_PAIRS = {"«": "»", "“": "”", "„": "“", "「": "」", "『": "』", '"': '"', "‹": "›", "”": "”"}
_OPENERS = re.compile(r"[«“„「『\"‹]")

# Speech verbs; the speaker usually follows these in Romance/Slavic/English inversions.
_VERBS_SPEAKER_AFTER = (
    "ha affermato", "ha detto", "ha dichiarato", "ha spiegato", "ha sottolineato",
    "afferma", "dice", "said", "says", "told", "added", "stated", "a déclaré", "a dit",
    "selon", "según", "dijo", "declaró", "sagte", "erklärte", "laut", "secondo",
    "according to", "заявил", "заявила", "сказал", "сказала", "сообщил", "сообщила",
    "отметил", "по словам", "به گفته", "به نوشته", "قال", "وقال", "صرح", "أضاف", "بحسب",
    "وفقا لـ", "είπε", "δήλωσε",
)
# Verbs the speaker precedes (Persian SOV, Chinese, English "X said").
_VERBS_SPEAKER_BEFORE = ("گفت", "افزود", "اظهار داشت", "تاکید کرد", "اعلام کرد", "表示", "说",
                         "指出", "称", "said", "says", "told", "ha affermato", "ha dichiarato",
                         "заявил", "сказал", "قال", "sagte")
_SPEAKER_LABELS = ("PER", "ORG")


def extract_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Direct quotes (with speaker when a speech verb and a name stand next to them) and
    reported-speech sentences introduced by a speech verb."""
    mentions = _ByStart(mentions)
    quotes = _direct(text, mentions)
    taken = SpanIndex((q.start, q.end) for q in quotes)
    for quote in _reported(text, mentions):
        if not any(quote.start < e and s < quote.end
                   for s, e in taken.near(quote.start, quote.end)):
            quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _direct(text: str, mentions: list[Mention]) -> list[Quote]:
    out: list[Quote] = []
    position = 0
    while True:
        opener = _OPENERS.search(text, position)
        if opener is None:
            break
        close_char = _PAIRS[opener.group()]
        close = text.find(close_char, opener.end())
        newline = text.find("\n", opener.end())
        if close == -1 or (newline != -1 and newline < close):
            position = opener.end()
            continue
        inner = text[opener.end():close]
        position = close + 1
        if len(inner.split()) < 4:
            continue  # "aperti", scare quotes and quoted names are not speech
        speaker = _speaker(text, opener.start(), close + 1, mentions)
        out.append(Quote(opener.end(), close, inner, speaker, True))
    return out


def _speaker(text: str, start: int, end: int, mentions: list[Mention]) -> str | None:
    """Name next to a speech verb right after the quote or just before it."""
    after = text[end:end + 80]
    before = text[max(0, start - 100):start]
    for verb in _VERBS_SPEAKER_AFTER:
        at = after.find(verb)
        if 0 <= at < 20:
            name = _first_mention(mentions, end + at + len(verb), end + at + len(verb) + 40)
            if name:
                return name
    for verb in _VERBS_SPEAKER_BEFORE + _VERBS_SPEAKER_AFTER:
        at = before.rfind(verb)
        if at >= 0:
            absolute = start - len(before) + at
            name = _last_mention(mentions, absolute - 60, absolute) or _first_mention(
                mentions, absolute + len(verb), start)
            if name:
                return name
    return None


class _ByStart(list):
    """The mentions, with the slice of them starting in ``lo..hi`` found by bisection when
    they are in text order (as ``extract_mentions`` returns them): scanning all mentions
    per quote was quadratic on long texts. Out of order, the whole list is scanned."""

    def __init__(self, mentions) -> None:
        super().__init__(mentions)
        self.starts = [m.start for m in self]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))

    def starting(self, lo: int, hi: int) -> list[Mention]:
        """The mentions, in list order, that may start in ``lo..hi`` (inclusive)."""
        if not self.ordered:
            return list(self)
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_right(self.starts, hi)]


def _first_mention(mentions: _ByStart, lo: int, hi: int) -> str | None:
    for mention in mentions.starting(lo, hi):
        if lo <= mention.start < hi and mention.label in _SPEAKER_LABELS:
            return mention.text
    return None


def _last_mention(mentions: _ByStart, lo: int, hi: int) -> str | None:
    found = None
    for mention in mentions.starting(lo, hi):
        if lo <= mention.start and mention.end <= hi and mention.label in _SPEAKER_LABELS:
            found = mention.text
    return found


_REPORTED = re.compile(
    r"(?:according to|secondo|selon|según|laut|по словам|به گفته|به نوشته|بحسب|وفقا ل)"
    r"\s+[^,،.\n]{2,60}[,،]\s*[^.\n!?]{10,400}[.!?]?"
)


def _reported(text: str, mentions: list[Mention]) -> list[Quote]:
    """'According to X, …' sentences: reported speech whose speaker is X."""
    out = []
    for match in _REPORTED.finditer(text):
        cue_end = match.start() + len(match.group().split(",")[0].split("،")[0])
        speaker = _first_mention(mentions, match.start(), cue_end)
        comma = max(match.group().find(","), match.group().find("،"))
        start = match.start() + comma + 1
        body = text[start:match.end()].strip()
        start = text.index(body, start) if body else start
        speaker_text = speaker or text[match.start():cue_end].split(maxsplit=2)[-1]
        out.append(Quote(start, start + len(body), body, speaker_text, False))
    return out
