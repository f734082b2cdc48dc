"""Quotes: direct speech in quotation marks and reported speech, with the speaker.

Speech is marked the same way in every outlet of a language — quotation marks of a few
kinds and a closed set of speech verbs and attribution cues, listed per language in
``rashomon/lang/<code>.toml`` (``[quotes]``). The speaker is the PER/ORG mention nearest
the speech verb next to the quote, on whichever side the language puts it ("said X",
"X said", "X گفت", "заявил X", "X表示").
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from rashomon.core.facts import Mention, Quote
from rashomon.extract.lexicon import Lexicon, lexicon_languages
from rashomon.text.spans import SpanIndex

_PAIRS = {"«": "»", "“": "”", "„": "“", "「": "」", "『": "』", '"': '"', "‹": "›", "”": "”"}
_OPENERS = re.compile(r"[«“„「『\"‹]")
_SPEAKER_LABELS = ("PER", "ORG")
# How far from a quote its attribution may stand (characters): "…», ha affermato X" and
# 'X said on Tuesday: "…' fit; a name in the next sentence does not.
_AFTER, _BEFORE = 120, 160
# How far from the speech verb the speaker may stand (characters).
_NEAR = 60
_SENTENCE_END = re.compile(r"[.!?。！？]\s")


@cache
def _cues(language: str | None) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Speech-verb pattern and attribution cues of ``language`` (all languages when it
    is unknown or its data file lists no speech verbs)."""
    own = bool(language) and bool(Lexicon(language).words("quotes", "speech_verbs"))
    languages = [language] if own else lexicon_languages()
    verbs: set[str] = set()
    according: set[str] = set()
    for lang in languages:
        lexicon = Lexicon(lang)
        verbs.update(lexicon.words("quotes", "speech_verbs"))
        according.update(lexicon.words("quotes", "according_to"))
    words = sorted(verbs | according, key=len, reverse=True)
    if not words:
        return None, None
    body = "|".join(re.escape(w) for w in words)
    # whole words in spaced scripts; CJK verbs stand between characters
    verb = re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])|(?:{body})(?=[\u3040-\u9fff])")
    if not according:
        return verb, None
    cue = "|".join(re.escape(w) for w in sorted(according, key=len, reverse=True))
    # "according to X, <reported sentence>": cue, a short name, a comma, the sentence
    reported = re.compile(rf"(?<![^\W\d_])(?:{cue})\s+([^,،.\n]{{2,60}})[,،]\s*"
                          r"([^.\n!?]{10,400}[.!?]?)")
    return verb, reported


def extract_quotes(text: str, mentions: list[Mention],
                   language: str | None = None) -> list[Quote]:
    """Direct quotes (with the speaker when a speech verb stands next to them) and
    reported-speech sentences introduced by an attribution cue."""
    verbs, according = _cues(language)
    speakers = _Speakers(m for m in mentions if m.label in _SPEAKER_LABELS)
    quotes = _direct(text, speakers, verbs, _pronouns(language))
    taken = SpanIndex((q.start, q.end) for q in quotes)
    for quote in _reported(text, speakers, according):
        if not any(quote.start < e and s < quote.end
                   for s, e in taken.near(quote.start, quote.end)):
            quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    return quotes


class _Speakers(list):
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


@cache
def _pronouns(language: str | None) -> re.Pattern | None:
    """A third-person pronoun of ``language`` (``[quotes] pronouns``) as a whole word."""
    words = Lexicon(language).words("quotes", "pronouns") if language else []
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)


# How far back (characters) the quote a pronoun refers to may end: the quote before in
# the same paragraph or the one before it ("“…,” quipped Pitt of his role. “…,” he said").
_CONTINUE = 300


def _direct(text: str, speakers: _Speakers, verbs: re.Pattern | None,
            pronouns: re.Pattern | None = None) -> list[Quote]:
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
        if len(inner.split()) < 4 and len(inner) < 12:
            continue  # "aperti", scare quotes and quoted names are not speech
        speaker = _speaker(text, opener.start(), close + 1, speakers, verbs)
        if speaker is None and pronouns is not None and out:
            speaker = _continued(text, opener.start(), close + 1, out, speakers, verbs,
                                 pronouns)
        out.append(Quote(opener.end(), close, inner, speaker, True))
    return out


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The attribution window around a quote, not crossing a sentence end outside it nor
    a line break (a paragraph's attribution is in that paragraph)."""
    lo = max(0, start - _BEFORE, text.rfind("\n", 0, start) + 1)  # nor a paragraph's
    ends = list(_SENTENCE_END.finditer(text, lo, start))
    if ends:
        lo = ends[-1].end()
    hi = min(len(text), end + _AFTER)
    paragraph = text.find("\n", end, hi)
    if paragraph != -1:
        hi = paragraph
    stop = _SENTENCE_END.search(text, end, hi)
    if stop:
        hi = stop.start() + 1
    return lo, hi


def _speaker(text: str, start: int, end: int, speakers: _Speakers,
             verbs: re.Pattern | None) -> str | None:
    """The PER/ORG nearest the speech verb closest to the quote, outside the quote."""
    if verbs is None:
        return None
    lo, hi = _window(text, start, end)
    found = [v for v in verbs.finditer(text, lo, hi)
             if v.end() <= start or v.start() >= end]
    found.sort(key=lambda v: v.start() - end if v.start() >= end else start - v.end())
    outside = [m for m in speakers.between(lo, hi) if m.end <= start or m.start >= end]
    for verb in found:
        near = [(_gap(m, verb.start(), verb.end()), m) for m in outside]
        near = [(gap, m) for gap, m in near if gap <= _NEAR]
        if near:
            return min(near, key=lambda x: x[0])[1].text
    return None


def _continued(text: str, start: int, end: int, before: list[Quote], speakers: _Speakers,
               verbs: re.Pattern, pronouns: re.Pattern) -> str | None:
    """The speaker of a quote attributed to a pronoun ("he said"): the named speaker of
    the quote just before, when it ended at most _CONTINUE characters earlier and no
    other person or body is named between the two."""
    last = before[-1]
    if last.speaker is None or start - last.end > _CONTINUE:
        return None
    lo, hi = _window(text, start, end)
    said = any(pronouns.fullmatch(word.strip(".,;:!?"))
               for verb in verbs.finditer(text, lo, hi)
               if verb.end() <= start or verb.start() >= end
               for word in (text[max(lo, verb.start() - 12):verb.start()].split()[-1:] +
                            text[verb.end():min(hi, verb.end() + 12)].split()[:1]))
    if not said:
        return None
    between = speakers.between(last.end, start)
    return last.speaker if all(m.text == last.speaker for m in between) else None


def _gap(mention: Mention, start: int, end: int) -> int:
    if mention.end <= start:
        return start - mention.end
    return mention.start - end if mention.start >= end else 0


def _reported(text: str, speakers: _Speakers, pattern: re.Pattern | None) -> list[Quote]:
    """'According to X, …' sentences: reported speech whose speaker is X."""
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(text):
        name_start, name_end = match.span(1)
        speaker = next((m.text for m in speakers.between(name_start, name_end)), None)
        start = match.start(2)
        body = match.group(2).strip()
        speaker_text = speaker or match.group(1).strip()
        out.append(Quote(start, start + len(body), body, speaker_text, False))
    return out
