"""A name's type said by the common noun written right after it: "the Ifo institute",
"the GDL union", "the Zailiysky Alatau range", "Édouard Herriot hospital", "the
Rhine-Main area".

In a language that puts a body's or a place's kind after its name, in lower case
(English), the noun says what the name is, and a window tagger that sees the name alone
("Ifo" a place, "Zailiysky Alatau" a person) misses it. The nouns are language data:
``[entities] organisation_heads`` and ``place_heads`` in ``lang/<code>.toml`` (a language
without them is left alone); up to ``MODIFIERS`` lower-case words may stand between the
name and the noun ("the Shymbulak ski resort", "the GDL train drivers' union").

Measured through the whole extraction by ``tools/probe_entity_steps.py --step
head_nouns``: see ``headed``.
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import lookup, tagger_lexicons
from rashomon.extract.lexicon import Lexicon, fold
from rashomon.text.spans import SpanIndex

#: Switch for the probe (``tools/probe_entity_steps.py``), which measures with it off and on.
ENABLED = True
#: Lower-case words allowed between the name and its noun ("ski" of "ski resort"). With 2
#: ("the GDL train drivers' union"), the SemEval English dev articles gave verbs as
#: modifiers ("AKK was elected party leader": AKK an ORG), so one.
MODIFIERS = 1
#: A single word the extraction left untagged is added only when it is rarer than this
#: rank in the language's word-frequency list (``tagger_lexicons.ranks``), as names are:
#: on the SemEval English dev articles the words added that were not names ("June" 630,
#: "Internet" 939, "Greek" 3,016, "Easter" 5,904, "Austrian" 9,604) all ranked under
#: 10,000, the names ("Henin", "Ifo", "GDL", "Rajouri") over it or outside the list. The
#: third of ``tagger_lexicons.RANK_CUTS``.
RARE = 10_000
#: Score of a name the step adds (one the extraction missed): at APPOSED_SCORE's level
#: (``short_names``, 0.6), under the model's sure spans. A fixed point, not tuned.
ADDED_SCORE = 0.6

_NAME = r"[^\W\d_a-zß-ÿа-яё][\w&'’.-]*"


@cache
def _pattern(lang: str) -> tuple[re.Pattern | None, dict[str, str]]:
    """The language's name-then-noun pattern (group 1 the name, group 2 the noun) and
    the label each noun gives."""
    lexicon = Lexicon(lang)
    heads = {fold(w): "ORG" for w in lexicon.words("entities", "organisation_heads")}
    heads.update({fold(w): "LOC" for w in lexicon.words("entities", "place_heads")})
    if not heads:
        return None, heads
    gap = r"[ \t\xa0]+"
    nouns = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    # modifiers are not kind nouns ("the Kharkiv city council" is a city's council) nor
    # function words ("the end of June for the region")
    stops = "|".join(re.escape(w) for w in sorted(_openers(lang) | set(heads), key=len,
                                                   reverse=True))
    modifier = r"(?:(?!(?:" + stops + r")(?![\w-]))[a-z][a-z-]*['’]?" + gap + r"){0," + \
        str(MODIFIERS) + "}"
    name = _NAME + r"(?:" + gap + _NAME + r"){0,3}"
    return re.compile(r"(?<![\w'’&.-])(" + name + r")" + gap + modifier + r"(" + nouns +
                      r")(?![\w-])"), heads


@cache
def _openers(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in Lexicon(lang).words("names", "sentence_openers"))


def _name_start(text: str, start: int, end: int, lang: str) -> int:
    """Where the name of a run of capitalised words starts: after a capitalised function
    word ("The Ifo institute") and after a possessive ("Germany's Ifo institute")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    at = start
    for word in words[:-1]:
        w = word.group()
        if fold(w) in _openers(lang) or re.search(r"['’]s?\Z", w):
            at = start + word.end()
            continue
        break
    while at < end and text[at].isspace():
        at += 1
    return at


def _added(name: str, lang: str) -> bool:
    """Whether an untagged run may be added as a name: not one letter ("I am party
    leader"), and its last word rare in the language (``RARE``): "the South Korean
    company" is an adjective's (the one change on the English cased dev sentences, wrong,
    before this check)."""
    if sum(ch.isalpha() for ch in name) < 2:
        return False
    rank = tagger_lexicons.ranks(lang).get(name.split()[-1].lower())
    return rank is None or rank >= RARE


def headed(text: str, mentions: list[Mention], lang: str, trust: float) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with the names a following kind noun types:
    a mention ending right before the noun (modifiers aside) takes the noun's label when
    the model was unsure of its own (score under ``trust``); a run of capitalised words
    there that the extraction left untagged is added with that label.

    Measured (``tools/probe_entity_steps.py --step head_nouns``): on the 426 distinct
    SemEval English dev texts, 10 changes: 8 right ("Kashmir's Rajouri district",
    "Kalal area", "the Henin region" PER -> LOC, "the Western Balkans region" and its
    repeats 3, "his Mar-a-Lago resort" 2), 2 "the WhatsApp group" ORG (a company's
    service, MISC in some conventions); on the 1,821 English cased dev sentences no
    change (F1 0.7881 with and without)."""
    if not ENABLED:
        return mentions
    pattern, heads = _pattern(lang)
    if pattern is None:
        return mentions
    out = list(mentions)
    by_end = {m.end: i for i, m in enumerate(out)}
    taken = SpanIndex((m.start, m.end) for m in out)
    for found in pattern.finditer(text):
        label = heads[fold(found.group(2))]
        start, end = found.span(1)
        name = text[start:end]
        if re.search(r"['’]s?\Z", name) or re.search(r"-[a-z]\w*\Z", name):
            continue  # "California's oldest newspaper", "a Brooklyn-based company"
        i = by_end.get(end)
        if i is not None and out[i].start >= start:
            m = out[i]
            if m.label not in (label, "MISC") and m.canonical is None and m.score < trust:
                out[i] = lookup._mention(text, m.start, m.end, label, None, m.score)
            continue
        start = _name_start(text, start, end, lang)
        if end <= start or not _added(text[start:end], lang) or (
                lookup._sentence_initial(text, start) and " " not in text[start:end]):
            continue  # one capitalised word opening a sentence may be a common word
        if taken.overlaps(start, end):
            continue
        out.append(lookup._mention(text, start, end, label, None, ADDED_SCORE))
        taken.add(start, end)
        by_end[end] = len(out) - 1
    out.sort(key=lambda m: m.start)
    return out
