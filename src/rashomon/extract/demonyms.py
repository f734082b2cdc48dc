"""Adjectives of a country that open a sentence are not places.

Polish writes the adjectives of countries and peoples in lower case ("rosyjskie
ministerstwo"), so one is capitalised only where it opens a sentence ("Rosyjskie
ministerstwo obrony podało ...", "Francuski minister ..."). The Polish tagger was trained
mostly on WikiANN sentences, whose automatic annotation types such adjectives LOC, and it
reads them so at 0.9 and more. A one-word place mention that opens a sentence, ends with
an adjective ending of the language (``[entities] demonym_endings`` of
``lang/<code>.toml``, a regular expression over the lower-cased word), is followed by a
lower-case word (the noun it qualifies: a region named by an adjective stands in a list,
"Śląskie (161), Pomorskie (4)") and is no name the gazetteer knows ("Polska" is Poland)
is dropped. A language without the key is left
alone (the Russian and Ukrainian taggers leave such adjectives untagged).

Measured through the whole extraction by ``tools/probe_entity_steps.py --step demonyms``
(see ``dropped``).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.extract.gazetteer import gazetteer
from rashomon.extract.lexicon import Lexicon

#: Switch for the probe (``tools/probe_entity_steps.py --step demonyms``).
ENABLED = True


@cache
def _endings(lang: str) -> re.Pattern | None:
    value = Lexicon(lang).value("entities", "demonym_endings")
    return re.compile(str(value)) if value else None


def dropped(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """``mentions`` without the sentence-opening adjectives typed as places (see the
    module's doc).

    Measured (``tools/probe_entity_steps.py --step demonyms``): on the 142 distinct
    SemEval Polish dev texts, 6 changes, 5 right ("Chińskie władze", "Rosyjskie trolle",
    "Szwedzki polityk", "Japońska sztuka" and the surname "Grodzki" no longer places), 1
    wrong ("Śląski", a region, in a garbled sentence); before the lower-case check, the
    regions of a list ("Śląskie (161), Pomorskie (4)") were 3 more wrong ones. On the
    2,200 Polish dev sentences 1 change ("Argentyński pomocnik", which WikiANN's automatic
    annotation types LOC): F1 0.7664 -> 0.7662."""
    endings = _endings(lang) if ENABLED else None
    if endings is None:
        return mentions
    return [m for m in mentions if not _demonym(text, m, lang, endings)]


def _demonym(text: str, m: Mention, lang: str, endings: re.Pattern) -> bool:
    if m.label != "LOC" or m.canonical is not None or not m.text.isalpha() or \
            not m.text[0].isupper() or not endings.search(m.text.lower()):
        return False
    if not lookup._sentence_initial(text, m.start) or \
            not text[m.end:m.end + 40].lstrip()[:1].islower():
        return False  # an adjective qualifies the noun after it: no region's name in a list
    return lookup._lookup_in(gazetteer(lang), m.text, lang) is None
