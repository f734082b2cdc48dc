"""Short organisation names the article itself explains, typed after tagging.

A window tagger sees a short name without the words that explain it elsewhere in the
article: three capitals are a person, a place or nothing, a one-word brand a person.
- defined short forms: news writes a body's long name once with its short form in
  brackets, "Long Name (ACR)" or "ACR (Long Name)", then the short form alone.
  ``definitions`` finds the pairs by letter matching (each letter of the short form found
  in order in the long form, the first at the start of a word: the method of Schwartz &
  Hearst, 2003, written anew here); ``defined`` gives every occurrence of the short form
  the type the extraction gave the long form.
- names in apposition to an organisation noun ("the airline X", "la compagnie X",
  "авиакомпания X", "the carriers X, Y and Z"; ``[entities] apposition_cues`` and
  ``apposition_list_cues`` in ``lang/<code>.toml``): ``apposed`` makes them ORG.
Measured through the whole extraction by ``tools/probe_short_names.py`` (figures at
``defined`` and ``apposed``).
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import discourse, lookup
from rashomon.extract.lexicon import Lexicon, fold
from rashomon.text.spans import SpanIndex

# A short form: one word of 2-10 characters (digits and "&" allowed after the first
# letter) with at least two capitals ("NATO", "S&P", "ProSieben"), or a capitalised word
# of 3-6 letters whose every letter starts a word of the long form ("Anssi", "Cnil").
_SHORT = r"[^\W\d_][\w&]{1,9}"
_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_AFTER = re.compile(r"\(\s*(" + _SHORT + r")\s*\)")
_BEFORE = re.compile(r"(?<![\w'’-])(" + _SHORT + r")\s*\(([^()\n]{3,120})\)")


def _capitals(word: str) -> int:
    return sum(ch.isupper() for ch in word)


def _short_ok(short: str) -> bool:
    if not short[0].isupper():
        return False
    return _capitals(short) >= 2 or (short[1:].islower() and 3 <= len(short) <= 6)


def _starts(long: str) -> list[int]:
    """Offsets in ``long`` where a word starts (after a space, a hyphen or an elision)."""
    return [i for i, ch in enumerate(long) if ch.isalnum() and
            (i == 0 or not long[i - 1].isalnum())]


def match(short: str, long: str) -> int | None:
    """Where in ``long`` (a run of words before or after ``short``) the long form of
    ``short`` starts, or None. Letters are matched right to left: each letter of the
    short form is found in the long form before the previous one's match, the first at a
    word start; an all-capitals short form may match inside words ("DCX"), a capitalised
    one ("Anssi") only at word starts. The long form is the shortest run that matches."""
    letters = [ch.lower() for ch in short if ch.isalnum()]
    starts = set(_starts(long))
    strict = not short.isupper()
    i = len(long) - 1
    for k in range(len(letters) - 1, -1, -1):
        while i >= 0 and (long[i].lower() != letters[k] or
                          ((k == 0 or strict) and i not in starts)):
            i -= 1
        if i < 0:
            return None
        i -= 1
    return i + 1  # the first letter's match, at a word start


def definitions(text: str) -> list[tuple[int, int, int, int]]:
    """``(short start, short end, long start, long end)`` of every definition in
    ``text``: "Long Name (ACR)" and "ACR (Long Name)"."""
    out = []
    for found in _AFTER.finditer(text):
        short = found.group(1)
        if not _short_ok(short):
            continue
        # the words before the bracket, on its line, in its sentence, outside brackets;
        # at most min(|short| + 5, 2 |short|) of them (Schwartz & Hearst's window)
        begin = found.start()
        floor = max(0, begin - 200, *(m.end() for m in _STOP.finditer(text, max(0, begin - 200),
                                                                      begin)))
        words = list(_WORD.finditer(text, floor, begin))[-min(len(short) + 5, 2 * len(short)):]
        if not words:
            continue
        base, end = words[0].start(), words[-1].end()
        at = match(short, text[base:end])
        if at is not None:
            out.append((found.start(1), found.end(1), base + at, end))
    for found in _BEFORE.finditer(text):
        short, inner = found.group(1), found.group(2)
        stripped = inner.strip()
        if not _short_ok(short) or not any(ch.islower() for ch in stripped):
            continue
        # the bracket holds the long form alone, from its first word
        if match(short, stripped) != 0 or \
                len(stripped.split()) > min(len(short) + 5, 2 * len(short)):
            continue
        start = found.start(2) + inner.index(stripped)
        out.append((found.start(1), found.end(1), start, start + len(stripped)))
    return out


_STOP = re.compile(r"[.!?;:](?=\s)|[\n()\[\]«»\"“”]")


def consistent(text: str, mentions: list[Mention], lang: str, trust: float) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) through the article's one-sense passes
    (``discourse.consistent``), with its short names typed: names in apposition to an
    organisation noun before them (``apposed``: their later mentions are repeats), then
    the defined short forms (``defined``: a long form may be a repeat)."""
    return defined(text, discourse.consistent(text, apposed(text, mentions, lang), trust))


def defined(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each defined short form typed as its long form is: the occurrences the extraction
    typed otherwise take that type, the ones it left untagged become mentions.

    Measured (``tools/probe_short_names.py``): the dev sentences are single sentences, so
    only a definition's own bracket is scored there: 1 change right ("Schweizerische
    Nationalfonds (NF)"), 5 wrong (technical terms the extraction typed ORG: "GNU General
    Public License (GPL)", "File Transfer Protocol"); dev cased F1 moves under 0.0003 in
    en de fr es nl pt ru tr. On the SemEval 2022 task 8 dev
    articles (1,456 distinct real news texts in en de es fr tr pl; no entity gold, read by
    hand by the author): 45 changes, 37 right (IMSS, PSUV, DSÖ, ALKUD ...), 8 wrong (a tax
    and a frontier the extraction typed ORG: "Impuesto Provincial Automotor (IPA)", "Line
    of Control (LoC)"; "Centros de Diagnóstico Integral (CDI)")."""
    pairs = definitions(text)
    if not pairs:
        return mentions
    mentions = _long_forms(text, mentions, pairs)
    by_end = {m.end: m for m in mentions}
    typed: dict[str, Mention] = {}
    for s, e, ls, le in pairs:
        long = by_end.get(le)
        # the long form is a name of the extraction, whole (or the end of a longer one)
        if long is not None and long.start <= ls and long.label in _TYPED:
            typed.setdefault(text[s:e], long)
    if not typed:
        return mentions
    out = list(mentions)
    taken = SpanIndex((m.start, m.end) for m in mentions)
    exact = {(m.start, m.end): i for i, m in enumerate(mentions)}
    pattern = re.compile(r"(?<![\w'’&-])(?:" + "|".join(
        re.escape(f) for f in sorted(typed, key=len, reverse=True)) + r")(?![\w&-])")
    for found in pattern.finditer(text):
        start, end = found.span()
        source = typed[found.group()]
        i = exact.get((start, end))
        if i is not None:
            if out[i].label != source.label:
                out[i] = lookup._mention(text, start, end, source.label, None,
                                         round(source.score * SCORE, 3))
            continue
        if taken.overlaps(start, end):
            continue  # inside a longer name ("HCL Technologies")
        out.append(lookup._mention(text, start, end, source.label, None,
                                   round(source.score * SCORE, 3)))
        taken.add(start, end)
    out.sort(key=lambda m: m.start)
    return out


def _long_forms(text: str, mentions: list[Mention], pairs: list) -> list[Mention]:
    """The long form of a short form the extraction typed ORG in its bracket, where it
    left the long form untyped or typed only a name inside it ("Zimbabwe" of "Zimbabwe
    Prisons and Correctional Services (ZPCS)"): an ORG, as its short form. Measured
    (``tools/probe_short_names.py``): dev cased F1 en 0.7876 -> 0.7873 ("Ground
    Controlled Approach", untagged in the gold), pt 0.8171 -> 0.8179 (a police centre's
    name), the rest unchanged; on the SemEval dev articles (read by hand) 7 long forms
    added, 6 right (a jihadist group, a bomb squad, "Weltgesundheitsorganisation" twice),
    1 a regulation ("Datenschutzgrundverordnung (DSGVO)"); held-out unchanged."""
    at = {(m.start, m.end): m for m in mentions}
    out = list(mentions)
    for s, e, ls, le in pairs:
        short = at.get((s, e))
        if short is None or short.label != "ORG" or not text[ls].isupper():
            continue
        inside = [m for m in out if m.start < le and ls < m.end]
        if any(m.start < ls or m.end > le or (m.start, m.end) == (ls, le) for m in inside):
            continue  # a name across its edge, or the long form typed already
        out = [m for m in out if m not in inside]
        out.append(lookup._mention(text, ls, le, "ORG", None, round(short.score * SCORE, 3)))
    out.sort(key=lambda m: m.start)
    return out


_GAP = r"[ \t\xa0]+"
_NAME = r"[^\W\d_a-zß-ÿа-яё][\w&'’-]+(?:\.\w+)*"


@cache
def _run(lang: str) -> str:
    """A name: up to four capitalised words, with the language's lower-case name
    connectors between them ("Veterans for Truth", "Folha de São Paulo"; ``[names]
    connectors``, less the list conjunctions, which join two names)."""
    lexicon = Lexicon(lang)
    joins = set(lexicon.words("rules", "list_conjunctions"))
    connectors = [w for w in lexicon.words("names", "connectors") if w not in joins]
    link = _GAP + (r"(?:(?:" + "|".join(map(re.escape, connectors)) + r")" + _GAP +
                   r"){0,2}" if connectors else "")
    return _NAME + r"(?:" + link + _NAME + r"){0,3}"


#: Switch for the probe (``tools/probe_entity_steps.py --step short_names:COMMA``).
COMMA = True


@cache
def _comma_apposition(lang: str) -> re.Pattern | None:
    """The language's organisation nouns, a comma, then a one-word name closed by a comma
    or a full stop: "the national cybersecurity agency, ANSSI, sent". One word: after
    "the president of the company," a person's full name follows as often.

    Measured: in the cased training and dev sentences the names it picks are gold ORG
    en 3/3, ru 1/1, pt 1/1, es 0/1 (a band's member after "grupo"); two-word names added
    2 persons in pt ("o presidente de a empresa, Kenzo Tsujimoto"). Through the
    extraction (``tools/probe_entity_steps.py --step short_names:COMMA``): cased dev
    sentences of en fr es nl pt ru pl tr, no change; SemEval dev texts of en de es fr tr
    pl, 3 changes, all right ("telecommunications operator, Ooredoo," and its title
    repeat, "a UK-based firm, Hiscox,")."""
    words = Lexicon(lang).words("entities", "apposition_cues")
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")[ \t]?," + _GAP +
        "(" + _NAME + r")(?=[ \t]?[,.;)]|" + _GAP + r"[-–—])")


@cache
def _apposition(lang: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The language's organisation nouns, singular then plural, each followed by a name."""
    lexicon = Lexicon(lang)
    out = []
    for key in ("apposition_cues", "apposition_list_cues"):
        words = lexicon.words("entities", key)
        out.append(re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(w) for w in sorted(words, key=len, reverse=True)) +
            r")" + _GAP + "(" + _run(lang) + ")") if words else None)
    return out[0], out[1]


@cache
def _list_step(lang: str) -> re.Pattern:
    """The next name of a list: after a comma or a list conjunction of the language."""
    words = Lexicon(lang).words("rules", "list_conjunctions")
    joined = "|".join([r"[ \t\xa0]*,[ \t\xa0]*", *(_GAP + re.escape(w) + _GAP for w in words)])
    return re.compile(r"(?:" + joined + ")(" + _run(lang) + ")")


def _apposed_spans(text: str, lang: str) -> list[tuple[int, int, int]]:
    """(cue start, name start, name end) of each name in apposition: one after a singular
    noun ("the airline X"), each of a list after a plural one ("the carriers X, Y and Z")."""
    single, plural = _apposition(lang)
    out = []
    comma = _comma_apposition(lang) if COMMA else None
    if comma is not None:
        out += [(found.start(), *found.span(1)) for found in comma.finditer(text)]
    for pattern in (single, plural):
        if pattern is None:
            continue
        for found in pattern.finditer(text):
            out.append((found.start(), *found.span(1)))
            if pattern is not plural:
                continue
            at = found.end(1)
            while step := _list_step(lang).match(text, at):
                out.append((found.start(), *step.span(1)))
                at = step.end(1)
    return out


@cache
def _openers(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in Lexicon(lang).words("names", "sentence_openers"))


def apposed(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """A capitalised name right after an organisation noun of the language used as its
    title ("the airline X", "la compagnie X", "авиакомпания X"; ``[entities]
    apposition_cues``), or in a list after the plural noun ("the carriers X, Y and Z";
    ``apposition_list_cues``), is an organisation: a name the extraction typed otherwise
    there becomes ORG (not a person's full name: "der Partei Friedrich Merz" is the
    party's chairman), one it missed is added.

    Measured (``tools/probe_short_names.py``): in the gold of the cased training and dev
    sentences, the names these patterns pick are ORG, exact span, en 19/26, es 12/16, nl
    4/6, pt 25/34, ru 172/208 (fr 1/4: its training text is OCR'd old press). Through the
    extraction the dev sentences rarely hold one it does not already type ORG: 2 changes
    right (pt "grupo Marionetas de São Lourenço", ru "компании РусГидро"), 1 wrong (ru
    "компанией Гиннесс", gold MISC), en fr es nl none;
    German, whose nouns are all capitalised, lost 2 of 2 ("größten Fluggesellschaft
    Südamerikas") and has no cues. On the SemEval dev articles (read by hand, as above)
    the first version changed 16 names, 8 right; after the fixes that reading showed (no
    line break or sentence end inside a name, a person's full name and a capitalised
    function word left alone, German dropped), 20 changes, 19 right (RT, Nissan,
    VoteVets, Conviasa ...), 1 cut short ("law firm Proskauer, Rose, ..."): that figure
    is in-sample."""
    spans = _apposed_spans(text, lang)
    if not spans:
        return mentions
    out = list(mentions)
    taken = SpanIndex((m.start, m.end) for m in mentions)
    starts = {m.start: i for i, m in enumerate(mentions)}
    openers = _openers(lang)
    for cue, start, end in spans:
        for word in re.finditer(r"\S+", text[start:end]):  # "empresas Hoy en la ...": a
            if fold(word.group()) in openers:  # capitalised function word names nothing
                end = start + word.start()
                break
        end = start + len(text[start:end].rstrip())
        while end > start and text[end - 1] in ".,;:'’-":
            end -= 1
        if end <= start:
            continue
        if any(s <= cue < e for s, e in taken.near(cue, cue + 1)):
            continue  # the noun is part of a name ("Deutsche Bank X")
        i = starts.get(start)
        if i is not None:
            m = out[i]
            if m.label != "ORG" and m.canonical is None and not (
                    m.label == "PER" and " " in m.text):
                out[i] = lookup._mention(text, m.start, m.end, "ORG", None, m.score)
            continue
        if taken.overlaps(start, end):
            continue
        out.append(lookup._mention(text, start, end, "ORG", None, APPOSED_SCORE))
        taken.add(start, end)
    out.sort(key=lambda m: m.start)
    return out


#: Score of a name ``apposed`` adds: at GEO_SCORE's level in ``entities`` (0.6), under the
#: model's sure spans, so an article's surer reading of the same name outvotes it in
#: ``discourse``. A fixed point, not tuned.
APPOSED_SCORE = 0.6
# The long forms whose type a short form takes. Not a person's: capitals in brackets after
# a name are a party or a state ("Philippe Close (PS)", read as P..S on the SemEval dev
# articles). Not a place's: in the cased training and dev sentences of en de fr es nl pt
# ru tr, 6 of the 322 short forms found by ``definitions`` were tagged LOC, and where the
# long form was tagged LOC the short form was LOC 2 times of 5; places the extraction
# mistakes for bodies' long names ("Kunsthistorisches Museum Wien (KHM)" LOC) passed
# their type on.
_TYPED = {"ORG", "MISC"}
#: A short form's mentions score this share of its long form's (as the article's repeats
#: of a name do, ``discourse._repeats``): a fixed discount, not tuned.
SCORE = 0.9
