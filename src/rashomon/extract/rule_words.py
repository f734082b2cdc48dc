"""The cue words of the fallback rule typer (``rules.py``), read from the language data
files (``lang/<code>.toml``, table ``[rules]``): organisation, place and role words,
person and company nouns, adjective endings. Every list is joined over all languages
(news in one language cites bodies and roles in others); the adjective endings are per
language. They serve only languages without a trained model (``ner.py``).
"""

from __future__ import annotations

import re

from rashomon.extract.lexicon import Lexicon, all_words, fold, lexicon_languages
from rashomon.lang import alternation


def _folded(name: str) -> tuple[str, ...]:
    """A ``[rules]`` list of every language, case- and accent-folded, as matched against
    folded words (prefixes for ``startswith``)."""
    return tuple(sorted({fold(w) for w in all_words("rules", name)}))


def _raw(name: str) -> frozenset[str]:
    return all_words("rules", name)


def _patterns(name: str) -> dict[str, re.Pattern]:
    """A per-language regular expression of ``[rules]`` (``adjective_endings``)."""
    patterns = {}
    for lang in lexicon_languages():
        value = Lexicon(lang).value("rules", name)
        if isinstance(value, str) and value:
            patterns[lang] = re.compile(value)
    return patterns


_ORG_WORDS = _folded("org_words")
_ORG_COMPOUND_HEADS = tuple(sorted(_raw("org_compound_heads")))
_LOC_WORDS = _folded("loc_words")
_ROLE_WORDS = _folded("role_words")
_ROLE_SUFFIXES = _folded("role_suffixes")
_FEATURE_NOUNS = _raw("feature_nouns")
_LOCATIVES = _raw("locatives")
_PERSON_NOUNS = frozenset(_folded("person_nouns"))
_BY_WORDS = _raw("by_words")
_COMPANY_NOUNS = frozenset(_folded("company_nouns"))
_MEDIA_NOUNS = frozenset(_folded("media_nouns"))
_VESSEL_NOUNS = _folded("vessel_nouns")
_COMPANY_SUFFIXES = tuple(sorted(_raw("company_suffixes")))
_EXACT_ROLES = frozenset(_folded("exact_roles"))
_SHORT_ROLES = frozenset(r for r in _ROLE_WORDS if len(r) < 5)
_LONG_ROLES = tuple(r for r in _ROLE_WORDS if len(r) >= 5)
_EVENT_WORDS = _folded("event_words")
_PLACE_NOUNS_CASED = _folded("place_nouns")
_OF_WORDS = _raw("of_words")
_PARTICLES = _raw("particles")
_STATE_PREFIXES = tuple(sorted(_raw("state_prefixes")))

_NO_MATCH = re.compile(r"(?!)")
# Adjective endings per language: a capitalised run containing one names an institution
# or thing, rarely a person; the strong ones call a lone capitalised word an adjective.
_ADJECTIVE = _patterns("adjective_endings")
_ADJ_STRONG = _patterns("strong_adjective_endings")


# Words joining the names of a list, with an optional article before the next name.
_LIST_JOINER = re.compile(
    rf"\s*(?:,|{alternation('rules', 'list_conjunctions', escape=True)})?\s*"
    rf"(?:(?:{alternation('rules', 'list_articles', escape=True)})\s+)?$")

# Singular definite articles that news puts before clubs and companies ("l'Inter",
# "il Bayern", "el Barcelona", "le PSG") but not before people or cities; the data
# files write the apostrophe straight, the pattern takes the curly one too.
_ROMANCE_ARTICLE = re.compile(
    r"(?:^|[\s(])(?:" + alternation("rules", "club_articles", escape=True).replace("'", "['’]")
    + r")\s?$",
    re.IGNORECASE)


def name_splitting_articles(lang: str) -> frozenset[str]:
    """Articles that join nouns, not names, in the language ("Mitglied des EZB-Rats")."""
    return frozenset(Lexicon(lang).words("rules", "name_splitting_articles"))
