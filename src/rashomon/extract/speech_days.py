"""Days of a statement: a date or weekday attached to a speech verb of the language
("said on Wednesday", "informó este miércoles", "teilte am Mittwoch mit") says when
something was said, not when the reported happening was.

Two readers need it: the date disputes compare statement days only with statement days
(``compare.date_slots.date_role``), and the event signals do not take a statement's
weekday or day for the happening's (``cluster.signals.lead_weekday`` / ``event_time``).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.extract.lexicon import Lexicon
from rashomon.text.sentences import split_sentences

#: A speech verb ending at most this many words before a date, or starting at most
#: REPORT_AFTER words after it, makes the date the day of a statement ("said on
#: Wednesday", "informó este miércoles", "On Monday, the ministry said"), not the day of
#: the event: the two are compared apart. News attach the day to the verb within a
#: preposition and an article, or across a short subject in verb-second order. Measured
#: on the sentences of the 1,563 distinct SemEval dev texts: 143 of 1,597 day dates read
#: as statement days; of 25 drawn at random, 20 are, 3 are not (a day inside the quote
#: the verb opens, a fiscal year's end, a headline run into the text), 2 unclear.
#: Found on held-out story H4 ("Das teilte die Gewerkschaft am Sonntag mit" against the
#: day the freight strike began), so its comparison figures are no longer blind to it.
REPORT_BEFORE = 4
REPORT_AFTER = 3
_WORD = r"[^\W\d_][\w'’-]*"


def said_on(sentence: str, language: str | None, at: int, end: int) -> bool:
    """Whether the date at ``sentence[at:end]`` is a statement's day: a speech verb of the
    language (``[quotes] speech_verbs``, matched as written: the French "s'est déclaré"
    of a fire is not "a déclaré") is next to it, or a German separable one spans it
    ("Das teilte die Gewerkschaft am Sonntag in Hamburg mit")."""
    near, split = _speech_patterns(language or "en")
    text = sentence.lower()
    before = text[max(0, at - 120):at]
    words_before = re.findall(_WORD, before)[-REPORT_BEFORE - 1:]
    window = " ".join(words_before) + " | " + " ".join(re.findall(_WORD, text[end:end + 80])
                                                       [:REPORT_AFTER + 1])
    if near and near.search(window):
        return True
    sentence_after = re.split(r"[.!?;]", text[end:], maxsplit=1)[0]
    return any(re.search(rf"(?<!\w){verb}(?!\w)", before) and
               re.search(rf"(?<!\w){particle}(?!\w)", sentence_after)
               for verb, particle in split)


def said_on_in_text(text: str, language: str | None, start: int, end: int) -> bool:
    """``said_on`` for a date at ``text[start:end]`` of a longer text: judged inside the
    sentence that holds it, as the date disputes judge their sentence units."""
    for span in split_sentences(text):
        if span.start <= start < span.end:
            return said_on(span.text, language, start - span.start,
                           min(end, span.end) - span.start)
    return False


@cache
def _speech_patterns(language: str) -> tuple[re.Pattern[str] | None, tuple]:
    """The language's speech verbs as one pattern of whole phrases, and the two-word ones
    that open with the verb itself, not an auxiliary ("teilte mit", "fügte hinzu", "ifade
    etti"; not "a dit", "ha detto"), as (verb, rest): the two may stand apart."""
    phrases, split = [], []
    for verb in Lexicon(language).words("quotes", "speech_verbs"):
        words = verb.lower().split()
        if len(words) == 2 and len(words[0]) >= 4:
            split.append((re.escape(words[0]), re.escape(words[1])))
        phrases.append(r"\s+".join(re.escape(w) for w in words))
    near = re.compile(rf"(?<![\w'’])(?:{'|'.join(phrases)})(?!\w)") if phrases else None
    return near, tuple(split)


__all__ = ["REPORT_AFTER", "REPORT_BEFORE", "said_on", "said_on_in_text"]
