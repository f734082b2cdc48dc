"""The reader's view of a report: what a reader of one language needs to follow a story
told in several.

No offline machine translation ships with Rashomon, so the help is built from what the
pipeline already knows about each sentence:

- a **gloss** under every sentence in another language than the reader's: its linked
  entities by canonical name and type, its dates in ISO form, its figures with unit and
  counted thing, the speaker of a quote — and, when another source's sentence was aligned
  with it, that sentence (marked as another source's wording);
- **disputes as grouped values**: one group per distinct value with every source that gives
  it, displayed in the reader's language (hedge kept), under a heading naming the slot
  ("villages", "area (ha)", "date of the event in Kontodespoti"), never a cut sentence;
- **agreements with every side** (one sentence per source) and a sentence in one section
  only (an agreement's sentence is not repeated under only-in).

``readable(report, facts, entities, lang)`` works on the JSON shape (``Report.to_dict()``)
and returns a new dict; the cached report is never changed. Words of the view are data
files (``compare/reader/<lang>.json``); names of countries, cities, languages, weekdays,
units and currencies come from CLDR through Babel (``compare/wording.py``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from rashomon.compare.reader_words import day_text, joined, reason_words
from rashomon.compare.wording import (  # noqa: F401 - reader_language, number: public here
    CLDR_UNITS,
    DEFAULT_LANGUAGE,
    figure,
    language_name,
    latin_text,
    number,
    place_name,
    reader_language,
    weekday,
    word_language,
    words,
)
from rashomon.core import ArticleFacts, Entity
from rashomon.lang import default_script

#: A gloss lists at most this many entities (a long sentence naming ten countries would
#: otherwise bury its figures); figures, dates and the speaker always come first.
GLOSS_ENTITIES = 6
_TYPE_ORDER = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}


# -- the facts of one sentence -------------------------------------------------------------
class Sentences:
    """The facts and linked entities of every sentence of a story's articles."""

    def __init__(self, facts: dict[int, ArticleFacts], entities: list[Entity]):
        self.facts = facts
        self.entities = {e.id: e for e in entities}
        self.occurrences: dict[int, list[tuple[int, int, str]]] = {}
        for entity in entities:
            for occ in entity.occurrences:
                self.occurrences.setdefault(occ.article_id, []).append(
                    (occ.start, occ.end, entity.id))

    def _in(self, article_id: int, start: int, end: int, items: list) -> list:
        return [x for x in items if start <= x.start and x.end <= end]

    def entity_ids(self, ev: dict) -> list[str]:
        spans = self.occurrences.get(ev["article_id"], [])
        seen: list[str] = []
        for s, e, entity_id in sorted(spans):
            if ev["start"] <= s and e <= ev["end"] and entity_id not in seen:
                seen.append(entity_id)
        return seen

    def of(self, ev: dict) -> dict[str, list]:
        facts = self.facts.get(ev["article_id"])
        if facts is None:
            return {"mentions": [], "dates": [], "quantities": [], "quotes": []}
        a, s, e = ev["article_id"], ev["start"], ev["end"]
        return {
            "mentions": self._in(a, s, e, facts.mentions),
            "dates": self._in(a, s, e, facts.dates),
            "quantities": self._in(a, s, e, facts.quantities),
            "quotes": [q for q in facts.quotes if q.start < e and s < q.end],
        }

    def entity_name(self, entity_id: str, lang: str) -> str:
        """The entity's name for a reader of ``lang``: CLDR's for countries and cities, else
        the canonical name, else a Latin-script form from another language."""
        entity = self.entities[entity_id]
        if entity.label == "LOC":
            name = place_name(entity.canonical, lang)
            if name != entity.canonical:
                return name
        if latin_text(entity.canonical) or not _latin_reader(lang):
            return entity.canonical
        forms = [f for fs in entity.surface_forms.values() for f in fs if latin_text(f)]
        return max(forms, key=len) if forms else entity.canonical


def _latin_reader(lang: str) -> bool:
    """A reader of a language written in Latin script (CLDR's default script; an unknown
    code counts as Latin). A reader of another script is not helped by a Latin-script
    form of a name, and a sentence in another script is unreadable to others."""
    return bool(lang) and default_script(lang) in ("Latn", None)


def gloss_parts(ev: dict, sentences: Sentences, lang: str) -> list[str]:
    """The sentence's facts as short phrases in the reader's language."""
    w = words(word_language(lang))
    found = sentences.of(ev)
    parts: list[str] = []
    named = sentences.entity_ids(ev)
    names = {entity_id: sentences.entity_name(entity_id, lang) for entity_id in named}
    for quote in found["quotes"]:
        speaker = _speaker(quote.speaker, sentences, ev, names)
        readable_speaker = speaker and (latin_text(speaker) or not _latin_reader(lang))
        parts.append(w["quote_by"].format(speaker=speaker) if readable_speaker else w["quote"])
    for q in found["quantities"]:
        # "9 months" says what it counts already; "residents: 120,000" needs the word
        what = None if q.unit and q.counted_key == f"{q.unit}s" else _counted(q.counted_key, w)
        shown = figure(q.value, q.unit, q.hedge, lang)
        parts.append(f"{what}: {shown}" if what else shown)
    for d in found["dates"]:
        shown = day_text(d.value, lang) + (f" ({weekday(d.value, lang)})" if d.relative else "")
        parts.append(f"{w['date']}: {shown}")
    named.sort(key=lambda i: _TYPE_ORDER.get(sentences.entities[i].label, 9))  # people first
    shown_entities = [f"{names[i]} ({w['types'].get(sentences.entities[i].label, '')})"
                      for i in named[:GLOSS_ENTITIES]]
    covered = {(s, e) for s, e, _ in sentences.occurrences.get(ev["article_id"], [])}
    for m in found["mentions"]:  # names no other article shares: the gazetteer's or Latin
        if (m.start, m.end) in covered or len(shown_entities) >= GLOSS_ENTITIES:
            continue
        name = m.canonical or (m.text if latin_text(m.text) else None)
        phrase = f"{name} ({w['types'].get(m.label, '')})" if name else None
        if phrase and phrase not in shown_entities:
            shown_entities.append(phrase)
    return parts + shown_entities


def _speaker(speaker: str | None, sentences: Sentences, ev: dict,
             names: dict[str, str]) -> str | None:
    if not speaker:
        return None
    for _s, _e, entity_id in sentences.occurrences.get(ev["article_id"], []):
        entity = sentences.entities[entity_id]
        forms = {f for fs in entity.surface_forms.values() for f in fs} | {entity.canonical}
        if speaker in forms and entity_id in names:
            return names[entity_id]
    return speaker


def _counted(key: str | None, w: dict) -> str | None:
    if not key:
        return None
    return w["counted"].get(key, key.replace("_", " "))


# -- the whole report -----------------------------------------------------------------------
def readable(report: dict[str, Any], facts: dict[int, ArticleFacts], entities: list[Entity],
             lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """A copy of ``report`` with grouped disputes, headings, glosses and one section per
    sentence, for a reader of ``lang``."""
    lang = reader_language(lang)
    out = json.loads(json.dumps(report))  # a deep copy, several times faster than copy's
    sentences = Sentences(facts, entities)
    languages = {a["id"]: a.get("language") for a in out.get("articles", [])}
    for ev in _evidence(out):  # evidence of old reports may lack its language
        ev["language"] = ev.get("language") or languages.get(ev["article_id"])
    for section in _sections(out):
        _one_side_per_source(section.get("agreements", []))
        _agreement_wins(section)
        for key in ("contradictions", "variations"):
            for conflict in section.get(key, []):
                conflict["groups"] = groups(conflict, sentences, lang)
                conflict["heading"] = heading(conflict, sentences, lang)
        for item in section.get("implausible", []):  # None: an old report, English reason
            item["reason_words"] = reason_words(item, lang)
    siblings = _siblings(out)
    for ev in _evidence(out):
        _add_gloss(ev, sentences, siblings, lang)
    out["reader_language"] = lang
    return out


def _sections(report: dict) -> Iterator[dict]:
    """The report and every nested per-event report (``events``) it may carry."""
    yield report
    for event in report.get("events") or []:
        if isinstance(event, dict):
            yield from _sections(event)


def _evidence(node: Any) -> Iterator[dict]:
    """Every evidence dict anywhere in the report (each dict object once)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "sentence" in item and "article_id" in item and "start" in item:
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item
                continue
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _one_side_per_source(agreements: list[dict]) -> None:
    """An agreement lists one sentence per source (its first), every source's language."""
    for claim in agreements:
        kept, seen = [], set()
        for ev in claim.get("evidence", []):
            if ev.get("source") not in seen:
                seen.add(ev.get("source"))
                kept.append(ev)
        claim["evidence"] = kept


def _agreement_wins(section: dict) -> None:
    """A sentence an agreement lists is not listed again under only-in."""
    agreed = {(e["article_id"], e["start"]) for c in section.get("agreements", [])
              for e in c.get("evidence", [])}
    only_in = section.get("only_in") or {}
    for source, claims in list(only_in.items()):
        kept = []
        for claim in claims:
            claim["evidence"] = [e for e in claim.get("evidence", [])
                                 if (e["article_id"], e["start"]) not in agreed]
            if claim["evidence"]:
                kept.append(claim)
        only_in[source] = kept


def _siblings(report: dict) -> dict[tuple[int, int], list[dict]]:
    """Sentence -> the sentences other sources wrote in the same aligned claim."""
    found: dict[tuple[int, int], list[dict]] = {}
    for section in _sections(report):
        claims = list(section.get("agreements", []))
        claims += [c for cs in (section.get("only_in") or {}).values() for c in cs]
        for claim in claims:
            for ev in claim.get("evidence", []):
                others = [o for o in claim["evidence"] if o.get("source") != ev.get("source")]
                found.setdefault((ev["article_id"], ev["start"]), []).extend(others)
    return found


def _add_gloss(ev: dict, sentences: Sentences, siblings: dict, lang: str) -> None:
    if (ev.get("language") or lang) == lang:
        return
    w = words(word_language(lang))
    parts = gloss_parts(ev, sentences, lang)
    aligned_with = siblings.get((ev["article_id"], ev["start"]), [])
    other = _aligned(ev, aligned_with, lang)
    if not parts and other is None:  # nothing of its own: what an aligned sentence names
        for sibling in aligned_with:
            borrowed = gloss_parts(sibling, sentences, lang)
            if borrowed:
                label = w["aligned_facts"].format(
                    source=sibling.get("source") or "?",
                    language=language_name(sibling.get("language"), lang))
                parts = [f"{label}: {' · '.join(borrowed)}"]
                break
    ev["gloss_facts"] = " · ".join(parts)
    ev["aligned"] = None
    line = list(parts)
    if other is not None:
        label = w["other_wording"].format(source=other.get("source") or "?",
                                          language=language_name(other.get("language"), lang))
        ev["aligned"] = {k: other.get(k) for k in
                         ("article_id", "start", "end", "source", "language", "sentence")}
        ev["aligned"]["label"] = label
        line.append(f"{label}: «{other['sentence']}»")
    ev["gloss"] = " · ".join(line)


def _aligned(ev: dict, others: list[dict], lang: str) -> dict | None:
    """Another source's aligned sentence a reader of ``lang`` can use: in the reader's
    language first, else (for a sentence in a script the reader does not read) one in
    the reader's script."""
    mine = ev.get("language")
    ranked = [o for o in others if o.get("language") == lang]
    if _latin_reader(lang) and not _latin_reader(mine or ""):
        # a Persian sentence: an Italian one beside it is something a reader of English
        # can partly follow (names, numbers, cognates); the reverse helps nobody
        ranked += [o for o in others if o.get("language") not in (lang, mine)
                   and _latin_reader(o.get("language") or "")]
    return ranked[0] if ranked else None


# -- disputes as grouped values -------------------------------------------------------------
def _group_key(kind: str, value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, int | float):
        return round(float(value), 6)
    return str(value)[:10] if kind == "date" else str(value)


def _quantity_of(v: dict, sentences: Sentences):
    """The extracted quantity behind one disputed value (same value, inside the sentence)."""
    ev = v.get("evidence") or {}
    if not ev or not isinstance(v.get("value"), int | float):
        return None
    found = [q for q in sentences.of(ev)["quantities"] if abs(q.value - v["value"]) < 1e-6]
    text = v.get("text") or ""
    return next((q for q in found if q.text in text or text in q.text), found[0] if found
                else None)


def groups(conflict: dict, sentences: Sentences, lang: str) -> list[dict]:
    """One group per distinct value: display, hedge, unit, counted thing, sources, evidence;
    the value most sources give first."""
    kind = conflict.get("kind", "")
    w = words(word_language(lang))
    by_key: dict[Any, dict] = {}
    for v in conflict.get("values", []):
        ev = v.get("evidence") or {}
        key = _group_key(kind, v.get("value"))
        group = by_key.setdefault(key, {
            "value": v.get("value"), "display": "", "hedge": v.get("hedge"),
            "unit": v.get("unit"), "counted": None, "words": [], "sources": [],
            "source_labels": [], "evidence": [],
        })
        if group["hedge"] != v.get("hedge"):
            group["hedge"] = group["hedge"] or v.get("hedge")
        q = _quantity_of(v, sentences)
        if q is not None and q.counted_key and not group["counted"]:
            group["counted"] = _counted(q.counted_key, w)
        elif q is not None and q.counted and ev.get("language") == lang \
                and len(q.counted) <= 30 and len(q.counted.split()) <= 3:
            # no concept key ("300 firefighters"): the word a source in the reader's
            # language used names the slot; kept apart so it never mixes with keys
            group.setdefault("counted_word", q.counted.strip(" .,;:"))
        source = v.get("source") or ev.get("source")
        if source not in group["sources"]:
            group["sources"].append(source)
            group["source_labels"].append(source_label(source, ev.get("language"), lang))
        if v.get("text") and v["text"] not in group["words"]:
            group["words"].append(v["text"])
        if ev:
            group["evidence"].append(ev)
    out = list(by_key.values())
    for group in out:
        group["display"] = _display(kind, group, sentences, lang)
    return sorted(out, key=lambda g: (-len(g["sources"]), str(_sort_value(g["value"]))))


def _sort_value(value: Any) -> Any:
    return f"{float(value):020.6f}" if isinstance(value, int | float) else value


def _display(kind: str, group: dict, sentences: Sentences, lang: str) -> str:
    value = group["value"]
    if kind == "date" and isinstance(value, str):
        day = weekday(value, lang)
        return f"{value[:10]} ({day})" if day else value
    if isinstance(value, int | float):
        shown = figure(float(value), group["unit"], group["hedge"], lang)
        return f"{shown} {group['counted']}" if group["counted"] else shown
    if isinstance(value, list | tuple):
        return joined([_place(v, sentences, lang) for v in value], lang)
    return str(value)


def _place(key: str, sentences: Sentences, lang: str) -> str:
    entity = sentences.entities.get(key)
    return sentences.entity_name(key, lang) if entity else key.replace("-", " ").title()


def source_label(source: str | None, language: str | None, lang: str) -> str:
    """An outlet's name, or "(German)" for an article that names no outlet."""
    if source and not re.fullmatch(r"article-\d+", source):
        return source
    return words(word_language(lang))["source_unnamed"].format(
        language=language_name(language, lang))


#: Unit codes that are English words: a heading names them by CLDR's name in the reader's
#: language ("分 (minute)" was a Japanese page's heading of a dispute in minutes); symbols
#: (km, ha, %, USD) are read as they are in every language.
WORD_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})


def unit_label(unit: str, lang: str) -> str:
    """How a heading names ``unit`` for a reader of ``lang``: "分" for a Japanese reader's
    minutes, "minutes" for an English one; a symbol as it is."""
    if unit not in WORD_UNITS or unit not in CLDR_UNITS:
        return unit
    from babel.units import get_unit_name

    for locale in (lang, DEFAULT_LANGUAGE):
        try:
            name = get_unit_name(CLDR_UNITS[unit], length="long", locale=locale)
        except Exception:  # a language Babel cannot load: the next one
            continue
        if name:
            return name
    return unit


def heading(conflict: dict, sentences: Sentences, lang: str) -> str:
    """The slot in the reader's language: the counted thing, else the unit's dimension with
    the unit, else (dates, places) the event with the place or name its sentences share."""
    w = words(word_language(lang))
    kind = conflict.get("kind", "")
    found = conflict.get("groups") or []
    if kind in ("quantity", "duration"):
        counted = Counter(g["counted"] for g in found if g["counted"])
        units = Counter(g["unit"] for g in found if g["unit"])
        unit = units.most_common(1)[0][0] if units else None
        label = unit_label(unit, lang) if unit else None
        if counted:
            name = counted.most_common(1)[0][0]
            return f"{name} ({label})" if label and label not in name else name
        slot = conflict.get("slot") or ""
        if slot in w["counted"]:
            return w["counted"][slot]
        if label:
            return f"{w['dimensions'].get(unit, w['heading']['figure'])} ({label})"
        own = Counter(g["counted_word"] for g in found if g.get("counted_word"))
        return own.most_common(1)[0][0] if own else w["heading"]["figure"]
    if kind == "date":
        shared = _shared_entity(conflict, sentences)
        if shared is None:
            return w["heading"]["date"]
        name = sentences.entity_name(shared, lang)
        key = "date_at" if sentences.entities[shared].label == "LOC" else "date_with"
        return w["heading"][key].format(place=name, name=name)
    return w["heading"].get(kind, kind)


def _shared_entity(conflict: dict, sentences: Sentences) -> str | None:
    """The entity named by the most of the dispute's sentences (at least two), places first."""
    counts: Counter[str] = Counter()
    for v in conflict.get("values", []):
        if v.get("evidence"):
            counts.update(set(sentences.entity_ids(v["evidence"])))
    ranked = sorted((n, sentences.entities[i].label == "LOC", i) for i, n in counts.items()
                    if n >= 2)
    return ranked[-1][2] if ranked else None
