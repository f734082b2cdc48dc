"""Named entities: a trained tagger types the names, gazetteers name the known ones.

1. The language's CRF (``ner.py``, trained on the multilingual NER sets, see
   ``models/README.md``) finds PER/ORG/LOC/MISC spans with a confidence;
2. gazetteers (CLDR, GeoNames, the hand list of international bodies; ``lookup.py`` holds
   the affix-stripping look-ups) attach a canonical English name to the spans they know,
   which is what links ``استانبول`` to ``Istanbul`` across scripts, and add the known
   places and bodies the model missed;
3. where model and gazetteer disagree on a span, the model's label stands unless its
   confidence is low; the story-level vote in ``linking.py`` settles the rest.
A language without a trained model (Greek) falls back to the rule typer of ``rules.py``.
``Mention.key`` is script-independent: the canonical English name's skeleton for
gazetteer hits, else the anyascii consonant skeleton of the surface form.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cache

from rashomon.config import setting
from rashomon.core.facts import Mention
from rashomon.extract import (
    datelines,
    demonyms,
    glued_sentences,
    head_nouns,
    institutions,
    institutions_cjk,
    kind_before,
    list_names,
    lookup,
    name_table,
    rules,
    script_places,
    short_names,
    tagger_lexicons,
)
from rashomon.extract.lexicon import Lexicon, fold, is_cased
from rashomon.extract.ner import model_language, tagger
from rashomon.extract.ner_tokens import Span
from rashomon.extract.tagger_nn import network_budget
from rashomon.text.spans import SpanIndex

#: Below this model confidence (CRF marginal of the span's least sure token) a
#: gazetteer's label for the same span wins over the model's. Measured on the cased dev
#: sets of en, fr and de: spans under 0.7 had the right extent but the wrong label 15-22%
#: of the time (above 0.9: 1-3%).
TRUST = 0.7
#: Model spans below this confidence are dropped: on the same dev sets they were right
#: 27-38% of the time (ar, ru, tr: 30-43%), under half the models' F1 (0.65-0.82), so
#: keeping them lowers F1.
MIN_SCORE = 0.5
#: A span between this and MIN_SCORE is kept when a role or organisation word of the
#: language (``lang/<code>.toml``, ``[entities]``) stands next to it with the same type:
#: the cue is the tie-breaker the window model lacks. On the non-WikiANN dev sets of fa,
#: ar, ru, en and de, cued spans between 0.3 and 0.5 were right 5 times of 11 (uncued ones
#: 20-48%): thin evidence, since dev sentences rarely carry a role word next to a name.
CUED_SCORE = 0.3
#: Score of a gazetteer hit found only among GeoNames' alternate names (curated and CLDR
#: hits score 0.95): it names a span the model calls a place and adds a place the model
#: did not see, but never overrules the model's label.
GEO_SCORE = 0.6
#: Score of a name of the other languages' training sentences (``name_table.py``): above
#: GEO_SCORE, so it settles the label of a span the model tagged under TRUST (``_merge``),
#: and under the gazetteers' 0.95, whose canonical names win an overlap. A fixed point
#: between the two, not tuned.
NAME_SCORE = 0.65
# One word of the table only settles the label of a model span under TRUST: added as
# names, single words cost precision on the English cased dev sentences ("June" PER, "PM"
# ORG: 14 right, 43 wrong in 1,500 sentences); runs of two or more words are added.

# Characters a model span may not start or end with (quotes and brackets it took along).
_POSSESSIVE = re.compile(r"\w['’]s\s+(?=[A-Z])")
_OPENING = "«“„‹「『"
_CLOSING = "»”‹›」』"
_EDGE = "،؛؟ \t\n\"'«»“”„‘’()[]{}<>,.;:!?·•-–—/\\|*#"


#: Texts longer than this are analysed in pieces cut at paragraph ends, so the work per
#: piece (overlap resolution, repeats) stays bounded and a 2 MB article stays linear
#: (tests/test_hostile_large.py); news articles are far shorter than one piece.
PIECE = 20_000


def extract_mentions(text: str, language: str | None) -> list[Mention]:
    """Entity mentions in ``text`` (offsets into it), longest span wins on overlap."""
    with network_budget():  # the neural tagger's budget is per article, over its pieces
        return _pieces(text, language)


def _pieces(text: str, language: str | None) -> list[Mention]:
    if len(text) <= PIECE:
        return _mentions(text, language)
    out: list[Mention] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + PIECE)
        if end < len(text):
            cut = text.rfind("\n", start + PIECE // 2, end)
            end = cut + 1 if cut > 0 else end
        out += [Mention(m.start + start, m.end + start, m.text, m.label, m.key, m.entity_id,
                        m.score, m.canonical) for m in _mentions(text[start:end], language)]
        start = end
    return out


def _mentions(text: str, language: str | None) -> list[Mention]:
    lang = (language or "en").split("-")[0].lower()
    model = tagger(lang)
    if model is None:
        return rules.extract_mentions(text, lang)
    tokens = lookup._tokens(text, lang)
    # GeoNames' 34,000 cities carry alternate names that are also surnames ("Иванов" ->
    # Ivanovo): their hits are weak (GEO_SCORE), so the model's label always wins on them.
    known = lookup._gazetteer_mentions(text, tokens, lang, geo_score=GEO_SCORE)
    if lang in ("zh", "ja") or lookup._CJK_RUN.search(text):
        known += lookup._cjk_gazetteer_mentions(text, lang)
    named: dict[tuple[int, int], str] = {}
    if is_cased(lang) and not lookup._CJK_RUN.search(text):
        for s, e, label, words in name_table.find(text, tokens, lang):
            if words > 1:  # a weak gazetteer name (NAME_SCORE)
                known.append(lookup._mention(text, s, e, label, None, NAME_SCORE))
            else:
                named[(s, e)] = label
    if is_cased(lang) and LOWER_TAIL_CHECK:
        known = [k for k in known if not _lower_tail(k.text)]
    cues = _cues(lang)
    spans = model.spans(text)
    spans = sorted(spans + _conjoined_names(text, spans, lang), key=lambda s: s.start)
    joined = _coordinated(text, spans, lang)
    found = [m for m in (_model_mention(text, s.start, s.end, joined.get(s, s.label), s.score,
                                        lang)
                         for s in spans
                         if _kept(s) or (s.score >= CUED_SCORE and (
                             s in joined or named.get((s.start, s.end)) == s.label
                             or _cued(text, s.start, s.end, s.label, cues))))
             if m is not None]
    for m in found:  # one word of the table only settles a label the model is unsure of
        label = named.get((m.start, m.end))
        if label and m.score < TRUST:
            m.label = label
    if lang == "ru" and setting("RASHOMON_NATASHA") == "1":
        found += rules._natasha_mentions(text)
    found = demonyms.dropped(text, found, lang)  # "Rosyjskie ministerstwo": no place
    merged = _merge(text, found, lookup._resolve(known), model, lang)
    merged = script_places.added(text, merged, lang)  # "حلب وإدلب": a town by its context
    merged = institutions_cjk.expand(text, merged, lang)  # "<place>…局" (zh, ja)
    merged = institutions.expand(text, merged, lang)  # "Hospices civils de Lyon" (spaced scripts)
    merged = short_names.defined(text, merged)  # "(HCL)": the short forms of those long names
    return merged if is_cased(lang) else _quoted_siblings(text, merged)


#: Switch for the probe (``tools/probe_entity_steps.py --step entities:LOWER_TAIL_CHECK``).
LOWER_TAIL_CHECK = True


def _lower_tail(name: str) -> bool:
    """A gazetteer hit of several words whose last word is in lower case ("Le port" of
    "Le port de Marseille", matched to the town Le Port by folded look-up): in a cased
    script a place's or a body's name ends with a capitalised word ("Rio de Janeiro",
    "Frankfurt am Main"), so it is a common phrase. Measured (``tools/probe_entity_steps.py
    --step entities:LOWER_TAIL_CHECK``): on the 1,456 SemEval dev texts of en de es fr tr
    pl, 2 changes, both right (Spanish "La vista", "El paso" opening sentences, read as
    the towns La Vista and El Paso); on the cased dev sentences, fr 1 change, right ("La
    porte", F1 0.7346 -> 0.7350), en de es nl pt ru tr pl none."""
    words = name.split()
    return len(words) > 1 and words[-1][:1].islower()


_QUOTED = re.compile(r"[\"“«]([^\"“”«»\n]{2,40}?)[\"”»]")
_SENTENCE = re.compile(r"[^.!?؟。\n]+")


def _quoted_siblings(text: str, mentions: list[Mention]) -> list[Mention]:
    """Scripts without capitals mark names with quotation marks: in a sentence where a
    quoted phrase is a person the model found ("دانیل مورل"، ... "آنا برگر" ... "پاول
    سوکولوف"), the other short quoted phrases (two or three words) are listed people too."""
    out = list(mentions)
    persons: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        if m.label == "PER":
            persons.setdefault((m.start, m.end), []).append(m)
    taken = SpanIndex((m.start, m.end) for m in mentions)
    for sentence in _SENTENCE.finditer(text):
        quoted = [q for q in _QUOTED.finditer(text, sentence.start(), sentence.end())]
        people = [m for q in quoted for m in persons.get(q.span(1), ())]
        if not people:
            continue
        for q in quoted:
            start, end = q.span(1)
            if 2 <= len(q.group(1).split()) <= 3 and \
                    not taken.overlaps(start, end):
                out.append(lookup._mention(text, start, end, "PER", None,
                                          round(min(p.score for p in people) * 0.8, 3)))
                taken.add(start, end)
    out.sort(key=lambda m: m.start)
    return out


@cache
def _cues(lang: str) -> dict[str, tuple[str, ...]]:
    lexicon = Lexicon(lang)
    return {"PER": tuple(w.lower() for w in lexicon.words("entities", "person_cues")),
            "ORG": tuple(w.lower() for w in lexicon.words("entities", "organisation_cues"))}


def _cued(text: str, start: int, end: int, label: str, cues: dict) -> bool:
    """A role word next to a person's name ("President X", "X، رئیس‌جمهور") or an
    organisation word opening or preceding a body's name (``شرکت دولتی کودلکو``)."""
    words = cues.get(label)
    if not words:
        return False
    before = text[max(0, start - 30):start].lower().rstrip(" ,،:-")
    after = text[end:end + 30].lower().lstrip(" ,،:-")
    inside = text[start:end].lower()
    if label == "PER":
        return not inside.startswith(words) and (before.endswith(words) or
                                                 after.startswith(words))
    return before.endswith(words) or inside.startswith(words)


@cache
def _conjunctions(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in Lexicon(lang).words("rules", "list_conjunctions"))


def _coordinated(text: str, spans: list, lang: str) -> dict:
    """Spans joined by a conjunction of the language to a span the model is surer of
    ("Иванов и Петров", "Королёв и Глушко"), with the label they take: conjoined names
    share their type. Under MIN_SCORE beside a span of the same label at MIN_SCORE or
    more, a span is kept (from CUED_SCORE, like a cued one); under TRUST beside a span of
    another of PER/ORG/LOC at TRUST or more, it takes that span's label."""
    words = _conjunctions(lang)
    out: dict = {}
    if not words:
        return out
    for a, b in itertools.pairwise(spans):
        if text[a.end:b.start].strip().lower() not in words:
            continue
        for me, other in ((a, b), (b, a)):
            if me.label == other.label and me.score < MIN_SCORE <= other.score:
                out[me] = me.label
            elif me.label != other.label and me.score < TRUST <= other.score and \
                    {me.label, other.label} <= _TYPED:
                out[me] = other.label
    return out


_TYPED = {"PER", "ORG", "LOC"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _conjoined_names(text: str, spans: list, lang: str) -> list[Span]:
    """A capitalised word the model left untagged, joined by a list conjunction to a
    person it is sure of ("Смирнов и Кузнецов заявили": Кузнецов PER 0.99, Смирнов
    untagged at the sentence start), is a person too when the language's morphological
    dictionary (``tagger_lexicons.morph``) lists it as a surname or first name. Measured
    on the Russian training and dev sentences: of the capitalised words so listed that
    stand next to "и" and a tagged person on its other side, 295 of 296 were (part of) a
    person's name; on the German ones, next to "und", 59 of 61 listed only as names, but
    16 of 20 also listed as a common noun's form ("Weber", "Koch"), which are left to the
    model."""
    words = _conjunctions(lang)
    table = tagger_lexicons.morph(model_language(lang) or lang) if words else {}
    if not table:
        return []
    taken = [(s.start, s.end) for s in spans]
    out = []
    for span in spans:
        if span.label != "PER" or span.score < TRUST:
            continue
        before = re.search(r"(?<![\w'’-])(" + _WORD.pattern + r")\s+(\S+)\s+\Z",
                           text[max(0, span.start - 60):span.start])
        after = re.match(r"\s+(\S+)\s+(" + _WORD.pattern + r")(?![\w'’-])",
                         text[span.end:span.end + 60])
        found = []
        if before:
            base = max(0, span.start - 60)
            found.append((base + before.start(1), base + before.end(1), before.group(2)))
        if after:
            found.append((span.end + after.start(2), span.end + after.end(2), after.group(1)))
        for start, end, conjunction in found:
            word = text[start:end]
            if conjunction.lower() not in words or not word[0].isupper() or \
                    any(s < end and start < e for s, e in taken):
                continue
            classes = table.get(word.lower().replace("ё", "е"), "")
            if ("S" in classes or "N" in classes) and "C" not in classes:
                out.append(Span(start, end, "PER", round(span.score * 0.9, 3), span.floor))
                taken.append((start, end))
    return out


def _model_mention(text: str, start: int, end: int, label: str, score: float, lang: str):
    """A model span as a mention, trimmed of stray punctuation, of an elided article
    ("dell'Ucraina") and, in a cased script, of lower-case words before the first capital
    ("rival Chrysler"; short particles such as "de", "van" stay); None when what remains
    cannot be a name (a lone Latin letter such as the pronoun "I"). A case ending written
    after an apostrophe (Turkish "Ankara'ya", English "China's") is cut off."""
    cased = is_cased(lang)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if cased:  # "sagte Trump.Russia und": the name ends at the glued sentence end
        glued = glued_sentences.cut(text, start, end)
        if glued is None:
            return None
        start, end = glued
    elided = lookup._ELISION.match(text[start:end])
    if elided and start + elided.end() < end:
        start += elided.end()
    while cased:
        word = re.match(r"[^\W\d_]{4,}\s+", text[start:end])
        if not word or not word.group()[0].islower():
            break
        start += word.end()
    if cased and label == "PER":
        start = _after_title(text, _after_opener(text, start, end, lang), end, lang)
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive:  # "Chile's El Teniente": the name is the possessed one
        start = possessive.end()
    suffix = lookup._APOSTROPHE_SUFFIX.search(text, start, end)
    in_word = Lexicon(lang).flag("language", "apostrophe_in_words")  # Об'єднаним
    if suffix and not in_word and suffix.group()[1:].islower() and suffix.start() > start:
        end = suffix.start()
    surface = text[start:end]
    opened = max(surface.rfind(q) for q in _OPENING)
    if opened >= 0 and not any(q in surface[opened:] for q in _CLOSING):
        start += opened + 1  # "ОАО «Газпром": the name is the quoted part
        surface = text[start:end]
    letters = sum(ch.isalpha() for ch in surface)
    if letters == 0 or (letters == 1 and surface.isascii()):
        return None
    if cased and not any(ch.isupper() for ch in surface):
        return None  # a name in a cased script has a capital (lower-cased training text)
    return lookup._mention(text, start, end, label, None, score)


@cache
def _openers(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in Lexicon(lang).words("names", "sentence_openers"))


def _after_opener(text: str, start: int, end: int, lang: str) -> int:
    """Where a person's name starts when the span opens a sentence with one of the
    language's capitalised function words (``[names] sentence_openers``: "Вчера Иванов",
    "Gestern Scholz") and a capitalised word follows. Only for persons: the articles
    among those words open the names of places and bodies ("Los Angeles Sparks")."""
    word = _TITLE.match(text, start, end)
    if not word or not lookup._sentence_initial(text, start) or \
            fold(word.group(1)) not in _openers(lang) or text[word.end(1)] == ".":
        return start  # a letter and a full stop is an initial ("В. В. Путин"), not "В"
    return word.end() if text[word.end()].isupper() else start


_TITLE = re.compile(r"([^\W\d_][\w'’-]*)\.?\s+(?=[^\W\d_])")


def _after_title(text: str, start: int, end: int, lang: str) -> int:
    """Where a person's name starts when the span opens with a capitalised title or role
    word of the language ("Premier Donald Tusk", "Президент Володимир Зеленський", "Mr
    Smith"): the NER corpora we train on leave titles out of PER spans, and the name left
    (one or more capitalised words) is what links across articles."""
    title = _TITLE.match(text, start, end)
    if not title or not title.group(1)[0].isupper() or \
            title.group(1).lower() not in _cues(lang)["PER"]:
        return start
    rest = text[title.end():end].split()
    return title.end() if rest and all(w[0].isupper() for w in rest) else start


def _merge(text: str, found: list[Mention], known: list[Mention], model,
           lang: str) -> list[Mention]:
    """Model spans with gazetteer names attached; known names the model missed added."""
    out: list[Mention] = []
    used: set[int] = set()
    # ``known`` comes from ``lookup._resolve``: sorted and non-overlapping, so the names
    # overlapping a span are one run of it, found by bisection on the ends
    ends = [k.end for k in known]
    disjoint = all(a.end <= b.start for a, b in itertools.pairwise(known))
    for mention in found:
        if disjoint:
            overlapping = []
            for i in range(bisect.bisect_right(ends, mention.start), len(known)):
                if known[i].start >= mention.end:
                    break
                overlapping.append((i, known[i]))
        else:
            overlapping = [(i, k) for i, k in enumerate(known)
                           if k.start < mention.end and mention.start < k.end]
        same = next(((i, k) for i, k in overlapping
                     if k.start == mention.start and k.end == mention.end), None)
        if same is not None:
            i, k = same
            used.add(i)
            strong = k.score > GEO_SCORE
            label = mention.label if mention.score >= TRUST or not strong else k.label
            # a known place's name on a span the model reads as a person ("Иванов", not
            # the town Ivanovo) is a namesake: no canonical name, so no link to the place
            canonical = k.canonical if label == k.label else None
            out.append(lookup._mention(text, mention.start, mention.end, label, canonical,
                                      max(mention.score, k.score) if canonical else
                                      mention.score))
            continue
        wider = next(((i, k) for i, k in overlapping
                      if k.start <= mention.start and mention.end <= k.end), None)
        if wider is not None:  # the model cut a known name short ("Nagorno" of Nagorno-Karabakh)
            used.add(wider[0])
            out.append(wider[1])
            continue
        edge = next(((i, k) for i, k in overlapping if k.score > GEO_SCORE and
                     k.start == mention.start and k.end < mention.end and
                     (_ACRONYM.fullmatch(k.text) or (
                         mention.score < TRUST and k.label != mention.label and
                         text[k.end:].lstrip()[:1].isupper()))), None)
        if edge is not None:  # "ЕС Тойво Клаар", "ВТБ Андрей Костин": a known body's
            used.add(edge[0])  # acronym, then a name of its own; or a known name of
            # another type opening an unsure span ("Кремля Дмитрий Песков", PER 0.51)
            out.append(edge[1])
            out += _retagged(text, edge[1].end, mention.end, model, mention)
            continue
        for i, _ in overlapping:  # a known name inside a longer one ("Banca d'Italia")
            used.add(i)
        out.append(mention)
    taken = SpanIndex((m.start, m.end) for m in out)
    for i, k in enumerate(known):
        if i not in used and not _weak_opener(text, k) and not taken.overlaps(k.start, k.end):
            out.append(k)
            taken.add(k.start, k.end)
    out = list_names.listed(text, lookup._resolve(out), lang)  # "X, Y and Z" share a type
    out = datelines.credited(text, out)  # "Brüssel (dnz) -": the agency an ORG
    out = head_nouns.headed(text, out, lang, TRUST)  # "the Ifo institute": ORG
    out = kind_before.preceded(text, out, lang)  # "il corridoio Lachin": LOC
    return short_names.consistent(text, out, lang, TRUST)


_ACRONYM = re.compile(r"[^\W\d_a-zа-яё]{2,6}")


def _weak_opener(text: str, known: Mention) -> bool:
    """A one-word GeoNames-only name (alternate names of small places) that opens a
    sentence, where the model saw no name: its capital says nothing there, and such
    words are mostly common ones ("Poco prima ..." read as the place Paco)."""
    if known.score > GEO_SCORE or " " in known.text:
        return False
    before = text[:known.start].rstrip(" \t\"'«“„‘(")
    return not before or before[-1] in ".!?…\n:;"


def _kept(span) -> bool:
    """A model span confident enough to keep: over its tagger's floor (the pair's is
    lower, ``tagger_nn.PAIR_MIN_SCORE``) or, by default, ``MIN_SCORE``."""
    return span.score >= (MIN_SCORE if span.floor is None else span.floor)


def _retagged(text: str, start: int, end: int, model, whole: Mention) -> list[Mention]:
    """The rest of a span after a known acronym, as its own name: its label is the
    model's reading of the rest alone (the whole span's label was the acronym's)."""
    while start < end and text[start] in _EDGE:
        start += 1
    if start >= end:
        return []
    spans = [s for s in model.spans(text[start:end]) if _kept(s)]
    if not spans:
        return [lookup._mention(text, start, end, whole.label, None, whole.score)]
    best = max(spans, key=lambda s: s.end - s.start)
    return [lookup._mention(text, start, end, best.label, None, best.score)]
