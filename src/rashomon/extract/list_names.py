"""Names in one list share their type: the list types the names nothing else explains.

A window tagger reads a word it never saw ("a short airline name", a one-word brand, a
village) by its shape alone, so it leaves it untyped or types it as the commonest
class of unknown capitalised words, a person. News names such words most often in lists
("the subsidiaries X, Y and Z", "in Köln und Kreischa"), where a sibling the model is
sure of says what they are. ``listed`` runs after tagging (``entities._merge``, before the
article's one-sense passes): in a list closed by a conjunction of the language (``[rules]
list_conjunctions`` of ``lang/<code>.toml``), where every member the model is sure of has
one label of PER/ORG/LOC, a capitalised run the extraction left untyped becomes a name of
that label and a member typed as another of PER/ORG/LOC under ``SURE`` takes it. It
extends ``entities._coordinated`` (two model spans joined by a conjunction) to comma lists
and to the untyped members. Measured through the whole extraction by
``tools/probe_list_names.py`` (figures in the model card, "Names a list types").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rashomon.core.facts import Mention
from rashomon.extract import lookup, tagger_lexicons
from rashomon.extract.lexicon import Lexicon, fold, is_cased
from rashomon.text.spans import SpanIndex

#: The step's switch (``tools/probe_list_names.py`` turns it off to measure).
ENABLED = True
#: A listed name at or above this confidence types its list: the model confidence from
#: which ``entities`` trusts a label (``entities.TRUST``, 0.7). Not tuned.
SURE = 0.7
#: A name added from a list scores this share of its least sure typing sibling's, as an
#: article's repeat of a name does (``discourse._repeats``, 0.9). Not tuned.
LIST_SHARE = 0.9

_WORD = re.compile(r"(?<![\w'’&.-])[^\W\d_][\w&'’.-]*[\w&]")
#: Longest run of capitalised words taken as one untyped name.
RUN = 4
_TYPED = ("PER", "ORG", "LOC")


@cache
def _joins(lang: str) -> re.Pattern:
    """What joins two items of a list: a comma, or a list conjunction of the language
    (with or without a comma before it)."""
    words = Lexicon(lang).words("rules", "list_conjunctions")
    conj = "|".join(map(re.escape, words)) if words else "(?!)"
    return re.compile(r"[ \t\xa0]*(?:,[ \t\xa0]*|,?[ \t\xa0]+(?:" + conj + r")[ \t\xa0]+)")


@cache
def _openers(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in Lexicon(lang).words("names", "sentence_openers"))


def _common(word: str, lang: str) -> bool | None:
    """Is ``word`` a common word of the language: among its 30,000 most frequent words
    (the tagger's frequency lists; past that cut is "the long tail where most surnames
    sit", ``tagger_lexicons.RANK_CUTS``), or a common noun's form in its morphological
    dictionary with no name class (German capitalises every noun: "die Töchter X")?
    None when the language has neither table: nothing tells its names from its words."""
    from rashomon.extract.ner import model_language

    model = model_language(lang) or lang
    low = word.lower()
    if "-" in low.strip("-"):  # a compound's head says what it is ("Co-Vorstandschef")
        return _common(low.rstrip("-").rsplit("-", 1)[1], lang)
    ranks = tagger_lexicons.ranks(model)
    rank = ranks.get(low)
    if rank is not None and rank < tagger_lexicons.RANK_CUTS[3]:
        return True
    table = tagger_lexicons.morph(model)
    classes = table.get(low.replace("ё", "е"), "")
    if not classes and table and tagger_lexicons._compounds(model):
        classes = tagger_lexicons._compound_tail(low, table) or ""  # "Stresssituationen"
    if ("C" in classes or "K" in classes) and not set(classes) & set("SNGOP"):
        return True
    return False if ranks or _lists_nouns(model) else None


@cache
def _lists_nouns(model: str) -> bool:
    """Does the language's morphological dictionary list common nouns (class C)?"""
    return any("C" in classes for classes in set(tagger_lexicons.morph(model).values()))


def _untyped(text: str, mentions: list[Mention], lang: str) -> list[tuple[int, int, Any]]:
    """The capitalised runs outside every mention that could be a list's names (None):
    not opening a sentence nor starting with a capitalised function word, leading common
    words cut off; a run of common words only or a lone word of two letters ("Ap."
    abbreviates) is a member that names nothing (False)."""
    openers = _openers(lang)
    taken = SpanIndex((m.start, m.end) for m in mentions)
    out = []
    for run in _runs(text):
        start, end = run[0].start(), run[-1].end()
        if taken.overlaps(start, end):
            continue
        words = [w.group() for w in run]
        if fold(words[0]) in openers or lookup._sentence_initial(text, start):
            continue
        while run and _common(run[0].group(), lang):
            run = run[1:]
        if run and _common(run[0].group(), lang) is None:
            out.append((start, end, False))  # a language whose words we cannot tell apart
        elif len(run) > 1 or (run and len(run[0].group()) > 2):
            out.append((run[0].start(), end, None))
        else:  # a common word still links its list ("X, Swiss, Y und Z"), untyped
            out.append((start, end, False))
    return out


def _runs(text: str) -> list[list[re.Match]]:
    """Runs of up to RUN capitalised words standing apart by spaces only."""
    out: list[list[re.Match]] = []
    last = None
    for word in _WORD.finditer(text):
        if not word.group()[0].isupper():
            last = None
            continue
        if last is not None and len(out[-1]) < RUN and text[last.end():word.start()] in (
                " ", "\t", "\xa0"):
            out[-1].append(word)
        else:
            out.append([word])
        last = word
    return out


def listed(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with the lists' untyped members added and
    their unsure members retyped (see the module's doc)."""
    if not ENABLED or not is_cased(lang) or not mentions or \
            Lexicon(lang).flag("entities", "lists_untyped"):
        return mentions
    joins = _joins(lang)
    items: list[tuple[int, int, Any]] = sorted(
        [(m.start, m.end, m) for m in mentions] + _untyped(text, mentions, lang),
        key=lambda item: item[0])
    chains: list[list[int]] = []
    closed: list[bool] = []  # the chain's last join is a conjunction
    for i, (start, _, _) in enumerate(items):
        if chains and chains[-1][-1] == i - 1:
            gap = text[items[i - 1][1]:start]
            if len(gap) < 12 and joins.fullmatch(gap):
                chains[-1].append(i)
                closed[-1] = gap.strip() != ","
                continue
        chains.append([i])
        closed.append(False)
    changed: dict[int, Mention] = {}
    for chain, conjoined in zip(chains, closed, strict=True):
        if len(chain) < 2 or not conjoined:
            continue
        sure = [m for i in chain if isinstance(m := items[i][2], Mention) and m.score >= SURE]
        labels = {m.label for m in sure}
        if len(labels) != 1 or not labels <= set(_TYPED):
            continue
        label = labels.pop()
        score = round(min(m.score for m in sure) * LIST_SHARE, 3)
        for i in chain:
            start, end, m = items[i]
            if m is None:
                changed[i] = lookup._mention(text, start, end, label, None, score)
            elif isinstance(m, Mention) and m.label != label and m.label in _TYPED and \
                    m.score < SURE and m.canonical is None:
                changed[i] = lookup._mention(text, start, end, label, None, m.score)
    if not changed:
        return mentions
    out = [changed.get(i, m) for i, (_, _, m) in enumerate(items)]
    return [m for m in out if isinstance(m, Mention)]
