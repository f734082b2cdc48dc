"""Direct speech opened by a dash, as Polish, Russian and Ukrainian news write it:

    – Nie zgadzamy się na takie warunki – powiedział minister.
    – Мы не согласны с этим решением, – заявил губернатор. – Будем обжаловать.

A dash at the start of a paragraph or sentence opens the speech; a second dash closes it
when a speech verb follows right after ("– powiedział", ", – заявил"). What follows the
attribution sentence, opened by a dash again, is the same speaker going on. Languages
that write speech this way say so in ``[quotes] dash_speech = true``
(``rashomon/lang/<code>.toml``); a dash with no speech verb after the second one is not
taken as speech (lists, bullet points and asides use the same dash).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.extract.lexicon import Lexicon

# An opening dash: at the start of the text or a line, or after a sentence's end (not
# after a closing quotation mark: '"…" - informuje X' is the attribution's dash)
_OPEN = re.compile(r"(?:^|(?<=\n)|(?<=[.!?…] ))[ \t]*[–—-][ \t]+(?=\S)")
# The speech: up to a spaced dash (a hyphen inside a word, "e-recepta", is no dash), on
# one line; an optional comma before the closing dash (Russian ", – заявил")
_SPEECH = re.compile(r"(?:(?![ \t,][–—-][ \t])[^\n]){8,600}?(?=,?[ \t][–—-][ \t])")
_CLOSE = re.compile(r",?[ \t][–—-][ \t]+")
# The rest of a speaker's sentence after the verb, and the dash that continues the speech
_AFTER_VERB = re.compile(r"[^\n.!?]{0,120}[.!?]")
_GO_ON = re.compile(r"[ \t]*[–—-][ \t]+(?=\S)")
_PIECE_END = re.compile(r"\n|[ \t][–—-][ \t]")
# The longest continuing piece read (characters): about two news sentences
_GOING_ON = 400


@cache
def dash_speech(language: str | None) -> bool:
    """Whether ``language`` writes direct speech after a dash."""
    return bool(language) and Lexicon(language).flag("quotes", "dash_speech")


def dash_quotes(text: str, verbs: re.Pattern) -> list[tuple[int, int, re.Match]]:
    """The dash-opened speech of ``text``: the start and end of the speech and the speech
    verb after it, for each piece; a piece continuing the speech after the attribution
    sentence repeats that verb."""
    out: list[tuple[int, int, re.Match]] = []
    position = 0
    while True:
        opener = _OPEN.search(text, position)
        if opener is None:
            break
        position = opener.end()
        if verbs.match(text, opener.end()):
            continue  # "… – dodał X. – powiedział": an attribution, not speech
        speech = _SPEECH.match(text, opener.end())
        if speech is None:
            continue
        close = _CLOSE.match(text, speech.end())
        if close is None:
            continue
        verb = verbs.match(text, close.end())
        if verb is None:
            continue
        end = speech.end()
        out.append((opener.end(), end, verb))
        position = verb.end()
        rest = _AFTER_VERB.match(text, verb.end())
        if rest is None:
            continue
        position = rest.end()
        more = _GO_ON.match(text, rest.end())
        if more is None:
            continue
        stop = _PIECE_END.search(text, more.end(), more.end() + _GOING_ON)
        piece_end = stop.start() if stop else min(len(text), more.end() + _GOING_ON)
        # (pages flattened to one line run on into the narration: the piece ends at its
        # last sentence end)
        last = max(text.rfind(mark, more.end(), piece_end) for mark in ".!?…")
        if last > more.end():
            piece_end = last + 1
        if piece_end - more.end() >= 8:
            out.append((more.end(), piece_end, verb))
            position = piece_end
    return out
