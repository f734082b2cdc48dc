"""Institutions named after a place: "Hospices civils de Lyon", "Департамент по
чрезвычайным ситуациям города Алматы", "Almatı Başkonsolosluğu".

A window tagger finds the place inside such a name and types it LOC, losing the body.
After the tagger and the gazetteer (``entities._mentions``), a place mention is widened
to one ORG when an institution head governs it:

- head-initial: a head word (``[institutions] heads``, learned from the training
  sentences by ``tools/learn_institution_heads.py``, and the hand-checked
  ``generic_heads``), optionally preceded by a capitalised adjective ("Державна служба"),
  then a few words (lower-case modifiers "civils", complements "по чрезвычайным
  ситуациям", capitalised words of the name), then a linker of the language ("de",
  "of") or, where the language marks the genitive by case (``genitive = true``), none,
  then the place: "Hospices civils de Lyon", "Генеральна прокуратура Казахстану";
- head-final: the place, then at most ``FINAL_BETWEEN`` capitalised words, then a word or
  phrase of ``final_heads`` / ``generic_final_heads``: "Almatı Belediye Başkanlığı",
  "Paris prosecutor's office";
- a model span typed LOC or PER that itself opens with a head and holds two words or
  more ("Державна служба України" read as a place) is typed ORG.

The whole phrase becomes one ORG; the mentions inside it (the place, a head the model
typed as a name) are no longer separate mentions for that occurrence. In a cased script
the phrase must open with a capital, except after a head of ``lowercase_heads`` (names
news writes in lower case: "mairie de", "parquet de"). A language plugs in through its
data file: without ``[institutions] expand = true`` nothing changes.
"""

from __future__ import annotations

import re
from functools import cache

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.extract.gazetteer import gazetteer
from rashomon.extract.lexicon import Lexicon, fold, is_cased

#: The kind nouns a name ends with where a language puts the kind after the name
#: (``[entities] organisation_heads``: "bank", "committee", read lower-case after a name by
#: ``head_nouns``) also retype a model span of two words or more that ends with one
#: capitalised ("... Central Bank" read as a place). Switch for the probe
#: (``tools/probe_entity_steps.py --step institutions:KIND_FINAL``).
KIND_FINAL = True
#: Most words from the head (inclusive) to the place (exclusive). Institution names with
#: a place complement run to 6 ("Caisse primaire d'assurance maladie de l'Yonne": 5;
#: "Департамент по чрезвычайным ситуациям города": 5); a longer stretch between a head
#: and a place is a clause ("the university said on Monday in Paris"), not a name.
MAX_WORDS = 6
#: Most capitalised words between a place and its final head ("Almatı Belediye
#: Başkanlığı": 1), so "Ankara Büyükşehir Belediye Başkanlığı" (2) still fits.
FINAL_BETWEEN = 2

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _data(lang: str) -> dict | None:
    """The language's ``[institutions]`` data, prepared; None when it does not expand."""
    return _prepared(lang) if Lexicon(lang).flag("institutions", "expand") else None


@cache
def _prepared(lang: str) -> dict | None:
    """The language's ``[institutions]`` data, prepared (None without heads)."""
    lexicon = Lexicon(lang)
    if not lexicon.table("institutions", "") and not lexicon.words("institutions", "linkers") \
            and not lexicon.words("institutions", "generic_final_heads"):
        return None

    def words(name: str) -> tuple[str, ...]:
        return lexicon.words("institutions", name)

    heads = {_key(w, lang) for w in words("heads") + words("generic_heads")}
    heads |= {_key(w, lang) for w in lexicon.words("entities", "organisation_cues")}
    lowercase = {_key(w, lang) for w in words("lowercase_heads")}
    final = [fold(w) for w in words("final_heads") + words("generic_final_heads")]
    lowercase_final = {fold(w) for w in words("lowercase_final_heads")}
    suffixes = "|".join(re.escape(s) for s in sorted(words("head_suffixes"), key=len,
                                                        reverse=True))
    final_re = None
    if final:
        alternation = "|".join(re.escape(w) for w in sorted(set(final), key=len, reverse=True))
        ending = f"(?:{suffixes})?" if suffixes else ""
        final_re = re.compile(rf"(?P<core>(?:{alternation}){ending})(?:['’]\w+)?(?![\w'’-])")
    linkers = {fold(w).replace("’", "'") for w in words("linkers")}
    openers = {fold(w) for w in lexicon.words("names", "sentence_openers")}
    return {"heads": heads | lowercase, "lowercase_final": lowercase_final,
            "breaks": {fold(w).replace("’", "'") for w in words("breaks")},
            "complements": {fold(w) for w in words("complements")},
            "place_nouns": {fold(w) for w in words("place_nouns")},
            "capital_linkers": {fold(w) for w in words("capital_linkers")},
            # where adjectives inflect, the capitalised word a lower-case head may take
            # along must read as one ("Державна служба", not "Профессор университета")
            "adjective": re.compile(str(lexicon.value("rules", "adjective_endings")))
            if lexicon.flag("language", "inflected_adjectives") and
            lexicon.value("rules", "adjective_endings") else None,
            "retype": lexicon.flag("institutions", "retype"),
            "verb": re.compile(str(lexicon.value("institutions", "verb_endings")))
            if lexicon.value("institutions", "verb_endings") else None, "lowercase": lowercase,
            "final": final_re,
            "kind_final": {fold(w) for w in lexicon.words("entities", "organisation_heads")},
            "linkers": linkers, "openers": openers, "cased": is_cased(lang),
            "genitive": lexicon.flag("institutions", "genitive")}


def _key(word: str, lang: str) -> str:
    """The matching form of a word (as ``tools/learn_institution_heads.py`` counts it):
    folded, an apostrophe suffix cut ("Başkonsolosluğu'na"), stemmed where the language
    declares case endings; a stem under five letters is too short to tell words apart
    ("мэрия" and "мэром" share "мэр"), so the whole folded word is compared instead."""
    word = fold(word)
    cut = re.search(r"['’]", word[1:])
    if cut and not word.endswith(("'", "’")) and cut.start() + 1 > 2:
        word = word[:cut.start() + 1]
    stem = lookup.stem(word, lang)
    return stem if len(stem) >= 5 else word


def expand(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with institution names made whole ORGs."""
    data = _data(lang)
    if data is None or not mentions:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if data["retype"] and m.label in ("LOC", "PER") and \
                _opens_with_head(text, m, data, lang):
            m = lookup._mention(text, m.start, m.end, "ORG", None, m.score)
        out.append(m)
    absorbed: set[int] = set()  # ids, not equality: a 2 MB article holds ~10^4 mentions
    for place in [m for m in out if _is_place(m, lang) or _linker_led(m, data)]:
        if id(place) in absorbed:  # absorbed by an earlier expansion
            continue
        span = _head_initial(text, place, data, lang) or (
            _head_final(text, place, data) if place.label == "LOC" else None)
        if span is None:
            continue
        start, end = span
        inside = {id(m) for m in out if start <= m.start and m.end <= end}
        if any(m.start < end and start < m.end and id(m) not in inside for m in out):
            continue  # the phrase would cut another name in two
        if any(m.label in ("PER", "ORG") and m.start > start and m is not place
               for m in out if id(m) in inside):
            continue  # another body or a person inside: two names, not one
        organisation = lookup._mention(text, start, end, "ORG", None, place.score)
        absorbed |= inside
        out = sorted([m for m in out if id(m) not in inside] + [organisation],
                     key=lambda m: m.start)
    return out


def _linker_led(m: Mention, data: dict) -> int:
    """Where the name inside a span the model opened with a linker starts ("de Rennes",
    "di Bologna": the model saw an institution but dropped its head), else 0."""
    first = _WORD.match(m.text)
    if not first or first.group().lower().replace("’", "'") not in data["linkers"]:
        return 0
    rest = m.text[first.end():].lstrip()
    return m.end - len(rest) if rest[:1].isupper() else 0


def _is_place(m: Mention, lang: str) -> bool:
    """The model's place, or a name of the gazetteer's places the model typed a person
    ("Алматы" PER in an unusual context)."""
    if m.label == "LOC":
        return True
    entry = lookup._lookup_in(gazetteer(lang), m.text, lang) if m.label == "PER" else None
    return entry is not None and entry[1] == "LOC"


def _tokens_before(text: str, end: int) -> list[tuple[int, int]]:
    """The words of one name-like run ending at ``end``, nearest first: up to MAX_WORDS + 2
    (the linker may be two words), separated by spaces or glued after an elided article
    ("d'Auch"); punctuation ends the run."""
    base = max(0, end - 240)
    out: list[tuple[int, int]] = []
    pos = end
    for match in reversed(list(_WORD.finditer(text, base, end))):
        gap = text[match.end():pos]
        if gap.strip(" \t") or (not gap and text[match.end() - 1] not in "'’"):
            break
        out.append((match.start(), match.end()))
        pos = match.start()
        if len(out) >= MAX_WORDS + 2:
            break
    return out


def _head_initial(text: str, place: Mention, data: dict, lang: str):
    words = _tokens_before(text, _linker_led(place, data) or place.start)
    folded = [fold(text[s:e]).replace("’", "'") for s, e in words]
    skip = 0
    for k in (2, 1):  # a linker of one or two words right before the place
        if len(folded) >= k and " ".join(reversed(folded[:k])) in data["linkers"]:
            skip = k
            break
    if not skip and not data["genitive"]:
        return None
    for n in range(skip, min(len(words), MAX_WORDS + skip)):
        s, e = words[n]
        if folded[n] in data["breaks"]:
            return None  # a clause word: what comes before is no longer the name
        key = _key(text[s:e], lang)
        if key not in data["heads"]:
            continue
        between = list(reversed(folded[skip:n]))  # reading order, head to linker/place
        if skip and " ".join(reversed(folded[:skip])) in data["capital_linkers"] and \
                (n == skip or not all(text[b[0]].isupper() for b in words[skip:n])):
            return None  # "посольство России в Тегеране", not "заявило в Москве"
        if not skip and between and between[0] not in data["complements"] and \
                not all(b in data["place_nouns"] for b in between) and \
                not _genitive_nouns(between, words[skip:n], text, data):
            return None  # a genitive place right after the head or its complement
        start = s
        if data["cased"] and text[s].islower():
            before = words[n + 1] if n + 1 < len(words) else None
            adjective = data["adjective"]
            # "Державна служба" (an adjective, by its ending where adjectives inflect;
            # elsewhere any capitalised word not opening the sentence: "Centre hospitalier")
            if before and text[before[0]].isupper() and \
                    fold(text[before[0]:before[1]]) not in data["openers"] and (
                    adjective.search(text[before[0]:before[1]].lower()) if adjective
                    else not lookup._sentence_initial(text, before[0])):
                start = before[0]
            elif key not in data["lowercase"]:
                continue
        return start, place.end
    return None


def _genitive_nouns(between: list[str], spans: list, text: str, data: dict) -> bool:
    """Lower-case words between a head and its genitive place that read as nouns, not
    verbs ("Министерство здравоохранения Казахстана", not "Министерство заявило ..."):
    where the data file gives the language's verb endings (``verb_endings``), a word of
    five letters or more ending so is a verb."""
    verb = data["verb"]
    return verb is not None and all(text[s].islower() for s, _ in spans) and \
        not any(len(b) >= 5 and verb.search(b) for b in between)


def _head_final(text: str, place: Mention, data: dict):
    """The place, up to FINAL_BETWEEN capitalised words, a final head ("Almatı Belediye
    Başkanlığı"); the head's apostrophe case suffix stays out ("Başkonsolosluğu'na")."""
    if data["final"] is None:
        return None
    pos = place.end
    for between in range(FINAL_BETWEEN + 1):
        gap = re.match(r"[ \t]+", text[pos:pos + 4])
        if not gap:
            return None
        pos += gap.end()
        head = data["final"].match(fold(text[pos:pos + 80]))
        if head and (not data["cased"] or text[pos].isupper() or (
                between == 0 and head.group("core") in data["lowercase_final"])):
            end = pos
            for _ in head.group("core").split():  # as many words of the original text
                word = _WORD.match(text, end + len(text[end:]) - len(text[end:].lstrip()))
                if not word:
                    return None
                end = word.end()
            suffix = re.search(r"['’][^\W\d_]+\Z", text[pos:end])
            if suffix and not head.group("core").endswith(("'s", "’s")):
                end = pos + suffix.start()
            return place.start, end
        word = _WORD.match(text, pos)
        if not word or (data["cased"] and not text[pos].isupper()):
            return None
        pos = word.end()
    return None


def _opens_with_head(text: str, m: Mention, data: dict, lang: str) -> bool:
    """A span of two words or more whose first word is a head, or whose second is one
    after a capitalised adjective where adjectives inflect ("Державна служба України"): a
    body the model read as a place or a person."""
    words = _WORD.findall(m.text)
    if len(words) < 2:
        return False
    last = data["final"] and data["final"].fullmatch(fold(words[-1]))
    if last and words[-1][:1].isupper():
        return True  # "Konya Valiliği" read as a place
    if KIND_FINAL and words[-1][:1].isupper() and fold(words[-1]) in data["kind_final"]:
        return True  # "Central Bank" of a name read as a place: the kind noun capitalised
    first, second = (_key(w, lang) for w in words[:2])
    if first in data["heads"] and first not in data["lowercase"]:
        return True
    adjective = data["adjective"]
    return adjective is not None and second in data["heads"] and \
        bool(adjective.search(words[0].lower()))
