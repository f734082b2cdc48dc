"""Bodies as speakers by a common noun: "schrieb der Zoo", "the company said", "afirmó el
ministerio", "وأضاف البيان".

News name a body once ("der Krefelder Zoo", "Sony") and then let it speak by its kind
noun. A kind noun standing as a speech verb's subject is the body the article named with
that noun in its name, the nearest before the quote ("der Zoo" -> "Krefelder Zoo", "el
ministerio" -> "Ministerio de Salud"); a generic one ("das Unternehmen", "the company",
"the statement") is the body a speech verb had as its subject last before the quote
(``quotes``), else the body named last. With none named, the noun
itself speaks ("die Polizei"): a body the text does not name otherwise. The nouns are
per language in ``[quotes] body_nouns`` / ``generic_bodies`` of
``rashomon/lang/<code>.toml``.
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract.lexicon import Lexicon
from rashomon.extract.quote_roles import _CLAUSE, _words_after, _words_before

# How far before a quote (characters) the body a kind noun stands for may be named: about
# a news article's first half (the body is named in the lead), and a bound on long texts.
# Set by hand (a SemEval Arabic text names the ministry 1,400 characters before "وختم
# البيان"); SemEval dev: check half 3 speakers added, first fresh sample 1, tune half 4,
# all right by reading
NAMED_REACH = 3000
# How many words after the verb may hold its kind-noun subject: an article and the noun
# ("said the company", "schrieb der Zoo"); before the verb only its neighbour ("the
# company said"): with two, "in a statement and added" read "statement" as the subject
# (SemEval first fresh sample, one wrong speaker)
_NEXT_WORDS = 2


@cache
def body_nouns(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The kind nouns (``body_nouns``) and generic body words (``generic_bodies``) of
    ``language``, case-folded."""
    lexicon = Lexicon(language) if language else None
    if not lexicon:
        return frozenset(), frozenset()
    return (frozenset(w.casefold() for w in lexicon.words("quotes", "body_nouns")),
            frozenset(w.casefold() for w in lexicon.words("quotes", "generic_bodies")))


def body_subject(text: str, verb: re.Match, lo: int, hi: int, start: int, end: int,
                 language: str | None) -> re.Match | None:
    """The kind noun right next to ``verb`` (right before it, or one of the two words after
    it, in its clause, outside the quote at ``start..end`` and inside the window
    ``lo..hi``), or None."""
    specific, generic = body_nouns(language)
    if not specific and not generic:
        return None
    after_stop = start if verb.end() <= start else hi
    before_stop = end if verb.start() >= end else lo
    # after the verb an article may come first ("said the company"); before it, the noun
    # is the verb's neighbour ("the company said", not "in a statement and added")
    near = _words_after(text, verb.end(), after_stop, _CLAUSE)[:_NEXT_WORDS] + \
        _words_before(text, verb.start(), before_stop, _CLAUSE)[-1:]
    for word in near:
        if word.group().casefold() in specific or word.group().casefold() in generic:
            return word
    return None


def generic_body(noun: re.Match, language: str | None) -> bool:
    """Whether the kind noun ``noun`` is a generic body word ("the company", "البيان")."""
    return noun.group().casefold() in body_nouns(language)[1]


def body_speaker(text: str, noun: re.Match, start: int, names, language: str | None) -> Mention:
    """The body the kind noun at ``noun`` stands for (``names``: the article's PER/ORG
    mentions, ``quote_subjects.Speakers``): the nearest ORG before the quote with the noun in its
    name, or for a generic word the nearest ORG before it; else the noun itself."""
    specific, _ = body_nouns(language)
    word = noun.group().casefold()
    first = min(start, noun.start())
    bodies = [m for m in names.between(max(0, first - NAMED_REACH), first) if m.label == "ORG"]
    for m in reversed(bodies):
        if word not in specific or word in m.text.casefold():
            return m
    return Mention(noun.start(), noun.end(), noun.group(), "ORG", score=0.0)
