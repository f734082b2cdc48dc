"""Role-word speakers: "the spokesman told", "sagte der CDU-Politiker", "dijo la portavoz",
"заявил представитель ведомства".

News names a speaker once with a role ("Hessens Kultusminister Alexander Lorz", "X, a
spokesman for Y") and later by the role alone. A role noun standing as a speech verb's
subject is therefore the person the article introduced with that role, the nearest such
introduction before the quote; with none, the body the role phrase itself names ("der
CDU-Politiker", "the ministry's spokesman"); else no one — not some other name that
happens to stand near the verb. The role words are per language in ``[quotes]
role_nouns`` / ``generic_roles`` of ``rashomon/lang/<code>.toml``; a generic role
("official", "Politiker") stands for a person introduced with any role.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from rashomon.core.facts import Mention
from rashomon.extract.lexicon import Lexicon

# A word: a letter, then letters, digits, hyphens or apostrophes ("CDU-Politiker",
# "porte-parole", "прем'єр")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# What ends the stretch of words around a speech verb that may hold its subject: a
# sentence or clause mark, or a quotation mark
_BREAK = re.compile(r"[.!?;:\n«»“”„\"「」]")
# ... and a comma, between a verb and its subject ("a world leader, he said": the
# subject is "he"); an introduction may stand across one ("la concejala, Raquel Ruiz")
_CLAUSE = re.compile(r"[.!?;:,،\n«»“”„\"「」]")
# How many words, and characters, between a speech verb and its role-noun subject
# ("dijo el presidente", "the Bavarian First Minister stated", "La concejala de Hacienda
# resalta"), and between a name and the role that introduces it ("minister zdrowia Olivier
# Veran", "X, a spokesman for Y"). Set by hand on the forms above (SemEval dev, tune
# part); a longer reach runs into the next clause's nouns.
_WORDS, _REACH = 4, 40
# The longest inflection ending after a role word ("Sprecherin", "rzecznikiem", "valisi")
_ENDING = 3


@dataclass(frozen=True)
class _Roles:
    specific: frozenset[str]
    generic: frozenset[str]
    compounds: bool
    prefixes: tuple[str, ...] = ()

    def role(self, word: str) -> str | None:
        """The role entry ``word`` is a form of, or None."""
        return _role_of(self, word)


@lru_cache(maxsize=65536)
def _role_of(table: _Roles, word: str) -> str | None:
    """``_Roles.role``, remembered per word (a text repeats its words)."""
    low = word.casefold().replace("’", "'")
    parts = [low, low.rsplit("-", 1)[-1]] if "-" in low else [low]
    # "exministro", "vicepresidente": a role behind a prefix written solid
    parts += [low[len(p):] for p in table.prefixes if low.startswith(p)]
    for part in parts:
        for entry in table.specific | table.generic:
            if part.startswith(entry) and len(part) - len(entry) <= _ENDING:
                return entry
            if table.compounds and len(part) > len(entry) + 2:
                at = part.rfind(entry)
                if at > 0 and len(part) - at - len(entry) <= _ENDING:
                    return entry
    return None


@cache
def roles(language: str | None) -> _Roles | None:
    """The role words of ``language``, or None when its data file lists none."""
    lexicon = Lexicon(language) if language else None
    if not lexicon:
        return None
    specific = frozenset(w.casefold() for w in lexicon.words("quotes", "role_nouns"))
    generic = frozenset(w.casefold() for w in lexicon.words("quotes", "generic_roles"))
    if not specific and not generic:
        return None
    return _Roles(specific, generic, lexicon.flag("language", "compounds"),
                  tuple(w.casefold() for w in lexicon.words("quotes", "role_prefixes")))


@dataclass(frozen=True)
class Role:
    """A role noun standing as a speech verb's subject: its entry and where it stands."""
    entry: str
    start: int
    end: int
    verb_start: int
    verb_end: int


def _words_after(text: str, start: int, stop: int, marks: re.Pattern = _BREAK) -> list[re.Match]:
    piece_end = min(stop, start + _REACH)
    cut = marks.search(text, start, piece_end)
    if cut:
        piece_end = cut.start()
    return list(_WORD.finditer(text, start, piece_end))[:_WORDS]


def _words_before(text: str, end: int, stop: int, marks: re.Pattern = _BREAK) -> list[re.Match]:
    piece_start = max(stop, end - _REACH)
    cuts = list(marks.finditer(text, piece_start, end))
    if cuts:
        piece_start = cuts[-1].end()
    return list(_WORD.finditer(text, piece_start, end))[-_WORDS:]


def subject_role(text: str, verb: re.Match, lo: int, hi: int, start: int, end: int,
                 table: _Roles, bodies: list[Mention],
                 spoken_to: Callable[[int], bool] | None = None) -> Role | None:
    """The role noun nearest ``verb`` within its clause, outside the quote at
    ``start..end`` and inside the attribution window ``lo..hi``. A role word inside a
    body's name ("Secretaría de Seguridad", "Ministry of Health") is that body, no role;
    a body before a hyphen ("CDU-Politiker") leaves the role; one after the verb for which
    ``spoken_to(word start)`` holds is the verb's object ("respondió a la concejala")."""
    after_stop = start if verb.end() <= start else hi
    before_stop = end if verb.start() >= end else lo
    found = []
    for words, side in ((_words_after(text, verb.end(), after_stop, _CLAUSE), 1),
                        (_words_before(text, verb.start(), before_stop, _CLAUSE), -1)):
        for word in (words if side == 1 else reversed(words)):
            entry = table.role(word.group())
            if entry is None or any(b.start <= word.start() and word.end() <= b.end
                                    for b in bodies):
                continue
            if side == 1 and spoken_to is not None and spoken_to(word.start()):
                break
            gap = word.start() - verb.end() if side == 1 else verb.start() - word.end()
            found.append((gap, Role(entry, word.start(), word.end(), verb.start(), verb.end())))
            break
    return min(found, key=lambda x: x[0])[1] if found else None


def _introduces(text: str, name: Mention, role: Role, table: _Roles) -> bool:
    """Whether ``name`` stands with a role word matching ``role`` right before it
    ("Kultusminister Alexander Lorz", "la concejala de Hacienda, Raquel Ruiz") or in an
    apposition right after it ("Raquel Ruiz, concejala de Hacienda")."""
    entries = _near_roles(table, text[max(0, name.start - _REACH):name.start],
                          text[name.end:name.end + 2 + _REACH])
    return role.entry in entries or bool(entries and role.entry in table.generic)


@lru_cache(maxsize=65536)
def _near_roles(table: _Roles, before: str, after: str) -> frozenset[str]:
    """The role entries of the words right before a name (``before``: the text ending at
    it) and of an apposition right after it (``after``: the text from its end)."""
    near = _words_before(before, len(before), 0)
    if after[:2].lstrip().startswith(","):
        near += _words_after(after, after.index(",") + 1, len(after))
    return frozenset(e for e in (table.role(w.group()) for w in near) if e is not None)


# How far before a quote (characters) the introduction of a role may stand: a long news
# article (about 1,000 words); a bound, so a 2 MB text is not searched back to its start
# for every role-noun quote
_INTRO_REACH = 6000


def role_speaker(text: str, role: Role, start: int, names, table: _Roles) -> Mention | None:
    """The speaker a role noun at ``role`` stands for, the quote starting at ``start``:
    the nearest person before the quote introduced with that role (any of the name's
    mentions: the introduction is usually the first), else the body named in the role
    phrase itself, else None. ``names``: the article's PER/ORG mentions
    (``quote_subjects.Speakers``)."""
    first = min(start, role.start)
    persons = [m for m in names.between(max(0, first - _INTRO_REACH), first)
               if m.label == "PER"]
    introduced: dict[str, Mention] = {}
    for m in persons:
        if _introduces(text, m, role, table):
            introduced[m.text] = m
            introduced[m.text.split()[-1]] = m
    for m in reversed(persons):
        found = introduced.get(m.text) or introduced.get(m.text.split()[-1])
        if found is not None:
            return found
    # the body the role belongs to, named in the phrase: "CDU-Politiker", "the ministry's
    # spokesman", "portavoz del Gobierno", "представитель Минздрава"
    # (not past the verb: "the spokesman told Reuters" names no body of the spokesman)
    before_verb = role.end <= role.verb_start
    phrase_end = max([w.end() for w in _words_after(
        text, role.end, role.verb_start if before_verb else len(text))], default=role.end)
    phrase_start = min([w.start() for w in _words_before(
        text, role.start, 0 if before_verb else role.verb_end)][-2:], default=role.start)
    bodies = [m for m in names.between(max(0, phrase_start - 200), phrase_end + 200)
              if m.label == "ORG" and m.start < phrase_end and m.end > phrase_start]
    if bodies:
        return min(bodies, key=lambda m: abs(m.start - role.start))
    return None


# Up to how many capitalised words after a speech verb make an untagged speaker's name
_NAME_WORDS = 3
_NAME_END = re.compile(r"\s*(?:[.,;:!?\n(]|$)")


@cache
def _untagged_rules(language: str | None) -> tuple[int, frozenset[str], frozenset[str]]:
    """How many capitalised words at least make a name after a speech verb in
    ``language`` (0: never: a script without capitals; 2 where every noun is
    capitalised), its verbs whose next word is the one spoken to ("told Reuters",
    ``[quotes] addressee_verbs``), and its weekday and month names ("said Monday")."""
    from rashomon.extract.lexicon import locale

    lexicon = Lexicon(language) if language else None
    if not lexicon or lexicon.value("language", "cased", True) is False:
        return 0, frozenset(), frozenset()
    least = 2 if lexicon.flag("language", "capitalises_nouns") else 1
    addressee = frozenset(w.casefold() for w in lexicon.words("quotes", "addressee_verbs"))
    calendar: set[str] = set()
    loc = locale(language)
    if loc is not None:
        for table in (loc.days["format"]["wide"], loc.months["format"]["wide"]):
            calendar.update(name.casefold() for name in table.values())
    return least, addressee, frozenset(calendar)


def untagged_subject(text: str, verb: re.Match, language: str | None) -> Mention | None:
    """A speaker the model did not tag, in the inverted order of a speech verb after its
    quote: "…,” said Hannity.", "… – przekazał Marczak.", "…», sintetizó Edith.": one to
    three capitalised words right after the verb, then the clause ends (or a lower-case
    word follows). Not after a verb whose next word is the one spoken to, not a weekday
    or month, not an all-capitals acronym (an outlet: "powiedział PAP")."""
    least, addressee, calendar = _untagged_rules(language)
    if not least or verb.group().casefold() in addressee:
        return None
    words = []
    for word in _words_after(text, verb.end(), len(text), _CLAUSE)[:_NAME_WORDS + 1]:
        if not word.group()[0].isupper():
            break
        words.append(word)
    if not least <= len(words) <= _NAME_WORDS:
        return None
    if any(w.group().casefold() in calendar or not any(c.islower() for c in w.group())
           for w in words):
        return None
    after = text[words[-1].end():words[-1].end() + 2]
    if not (_NAME_END.match(after) or after[1:2].islower()):
        return None
    if text[verb.end():words[0].start()].strip():
        return None  # something else stands between the verb and the name
    start, end = words[0].start(), words[-1].end()
    return Mention(start, end, text[start:end], "PER", score=0.0)
