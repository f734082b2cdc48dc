"""The one spoken to after a speech verb: not its subject.

A speech verb's object names who was addressed, not who spoke: "«…», reprocha al
dirigente socialista Luis Tudanca", "« … », a déclaré au maire Paul Durand le ministre",
"„…“ – powiedział do prezydenta miasta Jana Kowalskiego", "“…,” the mayor said to Tom
Harris", "“…,” the mayor told Tom Harris". The object stands after a preposition that
marks it (``[quotes] addressee_markers``: "a"/"al", "à"/"au", "do", "gegenüber", "to")
or right after a verb whose next word is the one spoken to (``addressee_verbs``:
"told"). What the marker governs is the name itself, behind articles or kind nouns
(``speaker_lead_words``: "al diario El País", "to the BBC"), or a role noun and the name
it introduces ("a la concejala Marta Gil"). Any other noun ends the object, so a name
after it is the subject again: "dijo a la prensa Gerd Hoppmann" (Hoppmann spoke to the
press), "dijo a las diez el alcalde Juan Pérez".
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.extract.lexicon import Lexicon
from rashomon.extract.quote_roles import _WORD, _Roles

# What a name in the object may stand across: words and commas ("al presidente del
# Gobierno, Pedro Sánchez"), not a sentence or clause mark nor a quotation mark
_BREAK = re.compile(r"[.!?;:\n«»“”„\"「」]")
# The most words between a marker and the name it governs ("al presidente del Gobierno,
# Pedro Sánchez": 4; "do prezydenta miasta Jana Kowalskiego": 2): set by hand on these
# forms; a longer reach runs into the next clause
_WORDS = 5


@cache
def _markers(language: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The addressee markers, addressee verbs and lead words of ``language``."""
    if not language:
        return frozenset(), frozenset(), frozenset()
    lexicon = Lexicon(language)

    def casefolded(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in lexicon.words("quotes", key))

    return (casefolded("addressee_markers"), casefolded("addressee_verbs"),
            casefolded("speaker_lead_words"))


def addressed(text: str, verb: re.Match, start: int, language: str | None,
              table: _Roles | None) -> bool:
    """Whether the name or role noun starting at ``start``, after ``verb``, stands in the
    verb's object: the one spoken to (see the module's docstring)."""
    if start < verb.end():
        return False
    markers, verbs, lead = _markers(language)
    if not markers and not verbs:
        return False
    stretch = text[verb.end():start]
    if _BREAK.search(stretch):
        return False
    words = [w.group().casefold() for w in _WORD.finditer(stretch)]
    # the object's start: right after an addressee verb, or after the last marker
    at = max((i + 1 for i, w in enumerate(words) if w in markers), default=None)
    if at is None:
        if verb.group().casefold() not in verbs:
            return False
        at = 0
    governed = words[at:]
    if len(governed) > _WORDS:
        return False
    # articles and kind nouns, then the name itself or a role noun that introduces it
    i = 0
    while i < len(governed) and governed[i] in lead:
        i += 1
    if i == len(governed):
        return True
    return table is not None and table.role(governed[i]) is not None
