"""A name's type said by the geographic kind noun written right before it, in languages
that put a place's kind first and in lower case: "il corridoio Lachin", "el río Ebro",
"la ville de Lyon", "a região do Algarve".

A window tagger that sees an unknown single name there ("Lachin", a surname-like word)
may read a person; the kind noun says it is a place, whatever the name alone suggests.
Only geographic kinds are listed (rivers, lakes, valleys, regions, towns ...): the
nouns are language data, ``[entities] place_kinds_before`` and the prepositions that may
stand between noun and name, ``place_kind_links``, in ``lang/<code>.toml``; a language
without them is left alone. Kinds that also name bodies or media ("canale" a TV channel,
"comune" a town council) are left out of the lists.

Measured through the whole extraction by ``tools/probe_entity_steps.py --step
kind_before``: see ``preceded``.
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.extract.lexicon import Lexicon, fold

#: Switch for the probe (``tools/probe_entity_steps.py``), which measures with it off and on.
ENABLED = True
#: Longest name (in words) the noun types: a kind noun names one place, and a longer run
#: after it is more likely a name of something else that begins there.
MAX_WORDS = 3


@cache
def _pattern(lang: str) -> re.Pattern | None:
    """Noun (+ link) right before a position: the pattern matched against the text
    before a mention, ending at the mention's start."""
    lexicon = Lexicon(lang)
    kinds = sorted({fold(w) for w in lexicon.words("entities", "place_kinds_before")},
                   key=len, reverse=True)
    if not kinds:
        return None
    links = sorted({fold(w) for w in lexicon.words("entities", "place_kind_links")},
                   key=len, reverse=True)
    link = ("(?:(?:" + "|".join(re.escape(w) for w in links) + r")(?:[ \t\xa0]+|(?<=['’])))?"
            if links else "")
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in kinds) +
                      r")[ \t\xa0]+" + link + r"\Z")


def preceded(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """``mentions`` with a person or organisation right after a geographic kind noun
    (written in lower case, optionally with its linking preposition) typed LOC; a name
    the gazetteer resolved (``canonical``) keeps its type.

    Measured (``tools/probe_entity_steps.py --step kind_before``) on text it was not
    written from: cased dev sentences es 1,315 and pt 1,034 no change; fr 1,241 two
    changes, F1 0.735 -> 0.734 by the dev labels, both "du quartier X" of a 19th-century
    OCR paper read by hand as neighbourhoods the labels call PER or leave out; the 240
    SemEval es/fr dev articles no change. Rare by design: the tagger mostly reads a name
    after such a noun as a place already. Italian has no cased dev source."""
    if not ENABLED:
        return mentions
    pattern = _pattern(lang)
    if pattern is None:
        return mentions
    out = list(mentions)
    for i, m in enumerate(out):
        if m.label not in ("PER", "ORG") or m.canonical is not None or \
                len(m.text.split()) > MAX_WORDS:
            continue
        before = text[max(0, m.start - 40):m.start]
        found = pattern.search(fold(before))
        if found is None or any(ch.isupper() for ch in before[-len(found.group()):]):
            continue  # "Rio Grande", "Monte Carlo": a capitalised noun is the name's own
        out[i] = lookup._mention(text, m.start, m.end, "LOC", None, m.score)
    return out
