"""Capitalised runs for the rule typer (``rules.py``): finding runs of capitalised tokens
in a cased script and cutting them into names: a title or role word opening or inside a
run, a connector between a person and a body, a sentence-initial ordinary word, a body
followed by a person's two name words.
"""

from __future__ import annotations

import re

from rashomon.extract.lexicon import Lexicon, fold
from rashomon.extract.lookup import (
    _COMMON_CAPITALISED,
    _CONNECTORS,
    _gap_breaks,
    _sentence_initial,
)
from rashomon.extract.rule_words import (
    _ADJECTIVE,
    _COMPANY_SUFFIXES,
    _EXACT_ROLES,
    _LOC_WORDS,
    _LONG_ROLES,
    _ORG_WORDS,
    _ROLE_SUFFIXES,
    _SHORT_ROLES,
)


def _after_inner_role(run: list) -> list:
    """"Health Minister Kemal Memisoglu", "Omans Außenminister Badr al-Bussaidi": a role
    inside a run ends its title; the two or more capitalised words after it are the person
    (the words before are a portfolio or a country the gazetteer reads on its own)."""
    for index in range(1, len(run) - 2):
        word = fold(run[index][2])
        if not (word in _EXACT_ROLES or (_is_role_word(word) and
                                         not word.startswith(_ORG_WORDS))):
            continue
        tail = run[index + 1:]
        if not any(fold(t[2]).startswith(_ORG_WORDS + _LOC_WORDS) for t in tail):
            return tail
    return run


def _is_role_word(word: str) -> bool:
    """A folded word that is a title: short prefixes ("re", "dr", "mr") must match whole,
    or "Dravnik" and "Renzi" would read as titles."""
    return word in _SHORT_ROLES or word.startswith(_LONG_ROLES) or word.endswith(_ROLE_SUFFIXES)


def _strip_title_word(run: list) -> tuple[list, bool]:
    """A role or company word opening a run is a title, not part of the name:
    "Außenminister Badr al-Bussaidi", "Facebook-Konzern Meta"; returns the rest and whether
    the word announced a company. A role word alone ("Vertreter") names nobody."""
    if not run:
        return run, False
    first = fold(run[0][2])
    if first.endswith(_COMPANY_SUFFIXES) and len(run) > 1:
        return run[1:], True
    if _is_role_word(first) and not first.startswith(_ORG_WORDS):  # "Ministerstwo": a body
        rest = run[1:]
        while rest and rest[0][2] in _CONNECTORS:
            rest = rest[1:]
        if not any(fold(t[2]).startswith(_ORG_WORDS + _LOC_WORDS) for t in rest):
            return rest, False  # "Уповноважений Верховної Ради" keeps its body
    return run, False




def _split_name_tail(run: list, lang: str) -> list[list]:
    """"Πολιτικής Προστασίας Ανδρέας Καλογερόπουλος": a body (adjective inside) followed by
    two name words is a body and a person."""
    # only where adjectives inflect visibly ([language] inflected_adjectives): English
    # "European Forest Fire Information System" would split into a body and a "person"
    inflected = Lexicon(lang).flag("language", "inflected_adjectives")
    pattern = _ADJECTIVE.get(lang) if inflected else None
    if len(run) < 3 or pattern is None:
        return [run]
    head, tail = run[:-2], run[-2:]
    if any(pattern.search(t[2]) for t in head) and not any(
            pattern.search(t[2]) or fold(t[2]).startswith(_ORG_WORDS + _LOC_WORDS)
            or t[2] in _CONNECTORS for t in tail):
        return [head, tail]
    return [run]


def _split_at(run: list, words: set[str]) -> list[list]:
    """Split a run at any of ``words``, dropping them."""
    parts: list[list] = [[]]
    for token in run:
        if token[2] in words:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _split_at_connector(run: list) -> list[list]:
    """'Jonas Berglund della Commissione europea' is a person and an organisation: split at
    the first connector when two or more non-organisation words stand before it."""
    for index, token in enumerate(run):
        if token[2] in _CONNECTORS:
            head = [fold(t[2]) for t in run[:index]]
            tail = [t for t in run[index + 1:]]
            institutional = any(w.startswith(_ORG_WORDS + _LOC_WORDS) for w in head)
            if len(head) >= 2 and not institutional:
                return [run[:index], run[index + 1:]]
            # "L'Inter di Simone Inzaghi": a two-word name after the connector is a person
            # owning the thing before it
            if not institutional and len(tail) == 2 and all(t[2][0].isupper() for t in tail) \
                    and not any(fold(t[2]).startswith(_ORG_WORDS + _LOC_WORDS) for t in tail):
                return [run[:index], tail]
            break
    return [run]


def _capitalised_runs(text: str, tokens: list[tuple[int, int, str]]):
    """Runs of capitalised tokens, joined by name connectors, not across punctuation."""
    run: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []
    for token in tokens:
        word = token[2]
        contiguous = not run or not _gap_breaks(text, [(pending or run)[-1], token])
        if (word[0].isupper() or (run and _ARABIC_PARTICLE.match(word))) and contiguous:
            run.extend(pending)
            pending = []
            run.append(token)
        elif run and word in _CONNECTORS and contiguous and not pending:
            pending.append(token)
        else:
            if run:
                yield run
            run, pending = ([token], []) if word[0].isupper() else ([], [])
    if run:
        yield run


# "Badr al-Bussaidi", "Abd el-Fattah": a lowercase Arabic article glued to a capitalised
# name continues the name.
_ARABIC_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)-[A-Z]")


def _trim_sentence_start(text: str, run: list, lower_folded: set[str],
                         capitalised_inside: set[str]) -> list:
    """Drop leading tokens that are ordinary words capitalised by position, and all-caps
    shouting longer than an acronym."""
    while run and _sentence_initial(text, run[0][0]) and (
        fold(run[0][2]) in lower_folded or fold(run[0][2]) in _COMMON_CAPITALISED
    ) and not (len(run) > 1 and fold(run[0][2]).startswith(_ORG_WORDS)):
        run = run[1:]
        while run and run[0][2] in _CONNECTORS:
            run = run[1:]
    while run and run[-1][2] in _CONNECTORS:
        run = run[:-1]
    if run and len(run) == 1 and _sentence_initial(text, run[0][0]) and \
            run[0][2] not in capitalised_inside:
        return []  # "Alti funzionari": one capitalised word at a sentence start is no name
    return run
