"""One article, one reading of each name: passes over an article's resolved mentions.

- repeats: the later mentions of a name found once (the same surface, a person's
  surname alone), which a window tagger misses where their own context is weak;
- surnames: a confident person's bare surname is that person, not a namesake place;
- one sense: a surface typed two ways takes the label with the larger summed
  confidence, and keeps the gazetteer's name given to it elsewhere in the article.
The story-wide counterpart, across articles and scripts, is ``linking.py``.
"""

from __future__ import annotations

import re

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.text.spans import SpanIndex

_CJK = re.compile(r"[\u3040-\u9fff]")


def consistent(text: str, mentions: list[Mention], trust: float) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with repeats added and labels made one per
    name; ``trust`` is the model confidence from which a tagged person counts as sure."""
    return _one_sense(_surnames(text, _repeats(text, mentions), trust))


def _repeats(text: str, mentions: list[Mention]) -> list[Mention]:
    """Later mentions of a name found once: the same surface elsewhere in the article,
    and a person's surname alone ("Pavel Orlov ... Orlov said"). A window tagger misses
    them when their own context is weak; the article's first mention is the evidence."""
    forms: dict[str, Mention] = {}
    for m in mentions:
        forms.setdefault(m.text, m)
        words = m.text.split()  # a hyphenated surname is one ("Phoebe Waller-Bridge")
        if m.label == "PER" and len(words) >= 2 and len(words[-1]) >= 3 and \
                words[-1][0].isupper():
            forms.setdefault(words[-1], m)
    forms = {f: m for f, m in forms.items() if len(f) >= 2 and not f.isdigit()}
    if not forms or _CJK.search("".join(forms)):
        return mentions
    taken = SpanIndex(sorted((m.start, m.end) for m in mentions))
    out = list(mentions)
    for start, end, form in _whole_words(text, sorted(forms, key=len, reverse=True)):
        if taken.overlaps(start, end):
            continue
        source = forms[form]
        canonical = source.canonical if form == source.text else None
        out.append(lookup._mention(text, start, end, source.label, canonical,
                                  round(source.score * 0.9, 3)))
        taken.add(start, end)
    out.sort(key=lambda m: m.start)
    return out


def _whole_words(text: str, forms: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of each match of the regular expression
    ``(?<!\\w)(?:form1|form2|...)(?!\\w)`` (the forms escaped, in this order) over ``text``, as
    ``re.finditer`` gives them: left to right, at a place the first form that fits, the
    search going on after it. Found with ``str.find`` per form instead: that expression is
    new for every article, and compiling it took most of this pass (0.2 ms an article of
    the first 300 distinct SemEval texts, 2-core Xeon VM). ``\\w`` is a letter, a digit or
    "_" (``str.isalnum``), as ``re`` reads it."""
    found = []
    for rank, form in enumerate(forms):
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if (at == 0 or not _word_char(text[at - 1])) and \
                    (end == len(text) or not _word_char(text[end])):
                found.append((at, rank, end))
            at = text.find(form, at + 1)
    found.sort()
    out, reach = [], 0
    for at, rank, end in found:
        if at >= reach:  # the first form in order at the first free place
            out.append((at, end, forms[rank]))
            reach = end
    return out


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _surnames(text: str, mentions: list[Mention], trust: float) -> list[Mention]:
    """A person's surname alone is that person within the article: the bare last word of
    a confidently tagged multi-word PER name ("Joaquin Phoenix ... Phoenix said") is a
    PER where a gazetteer or the model read it as a place or a body (the city Phoenix),
    and drops the place's canonical name, as a namesake does in ``_merge``."""
    surnames: dict[str, float] = {}
    for m in mentions:
        words = m.text.split()
        if m.label == "PER" and m.score >= trust and len(words) >= 2 and \
                len(words[-1]) >= 3 and words[-1][0].isupper():
            surnames[words[-1]] = max(m.score, surnames.get(words[-1], 0.0))
    if not surnames:
        return mentions
    out = []
    for m in mentions:
        if m.label != "PER" and m.text in surnames:
            m = lookup._mention(text, m.start, m.end, "PER", None,
                                round(min(m.score, surnames[m.text]) * 0.9, 3))
        out.append(m)
    return out


def _one_sense(mentions: list[Mention]) -> list[Mention]:
    """One label per name within an article: the same surface typed differently in two
    sentences takes the label with the larger summed confidence (a name keeps its sense
    within one discourse); the story-level vote in ``linking.py`` does the same across
    articles."""
    votes: dict[str, dict[str, float]] = {}
    for m in mentions:
        if m.label != "MISC":
            tally = votes.setdefault(m.text, {})
            tally[m.label] = tally.get(m.label, 0.0) + m.score
    for m in mentions:
        tally = votes.get(m.text)
        if tally and len(tally) > 1 and m.canonical is None:
            m.label = max(tally, key=tally.get)
    # ... and one referent: a surface the gazetteer named elsewhere in the article with the
    # same label takes that name where the model's first reading had kept it off
    # ("Azerbaigian" typed ORG in one sentence, LOC after the vote: still Azerbaijan)
    known = {(m.text, m.label): m.canonical for m in mentions if m.canonical}
    for i, m in enumerate(mentions):
        canonical = known.get((m.text, m.label)) if m.canonical is None else None
        if canonical:
            mentions[i] = Mention(m.start, m.end, m.text, m.label, key=lookup.skeleton(canonical),
                                  score=m.score, canonical=canonical)
    return mentions
