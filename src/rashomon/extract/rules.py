"""Rule-based named entities: the typer of a language without a trained model.

The trained taggers (``ner.py``) cover the 14 languages of the NER training data; a cased
language without one (Greek, and any other) falls back to the rules here:
- gazetteer names (``lookup.py``, which every language uses);
- capitalisation in cased scripts: runs of capitalised tokens, where a sentence-initial
  token counts only if its lowercase form never occurs in the text (so "Negoziati" is a
  word, "Bono" a name), labelled by cue words (roles -> PER, organisation words -> ORG,
  locative prepositions -> LOC);
- natasha's bundled Russian NER for Russian (``RASHOMON_NATASHA=1``, on top of the model).
Finding the capitalised runs and cutting them into names is ``name_runs.py``.
The uncased-script rules (Persian/Arabic role cues, Chinese surname lists) were deleted
when the trained models replaced them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rashomon.core.facts import Mention
from rashomon.extract.gazetteer import gazetteer, geonames
from rashomon.extract.lexicon import (
    Lexicon,
    fold,
    inflection,
    is_cased,
    month_names,
    territory_names,
    weekday_names,
)
from rashomon.extract.lookup import (
    _CJK_RUN,
    _CONNECTORS,
    _cjk_gazetteer_mentions,
    _gap_breaks,
    _gazetteer_mentions,
    _lookup,
    _lookup_in,
    _mention,
    _resolve,
    _sentence_initial,
    _tokens,
    stem,
)
from rashomon.extract.name_runs import (
    _after_inner_role,
    _capitalised_runs,
    _split_at,
    _split_at_connector,
    _split_name_tail,
    _strip_title_word,
    _trim_sentence_start,
)
from rashomon.extract.rule_words import (
    _ADJ_STRONG,
    _ADJECTIVE,
    _BY_WORDS,
    _COMPANY_NOUNS,
    _EVENT_WORDS,
    _FEATURE_NOUNS,
    _LIST_JOINER,
    _LOC_WORDS,
    _LOCATIVES,
    _MEDIA_NOUNS,
    _NO_MATCH,
    _OF_WORDS,
    _ORG_COMPOUND_HEADS,
    _ORG_WORDS,
    _PARTICLES,
    _PERSON_NOUNS,
    _PLACE_NOUNS_CASED,
    _ROLE_SUFFIXES,
    _ROLE_WORDS,
    _ROMANCE_ARTICLE,
    _STATE_PREFIXES,
    _VESSEL_NOUNS,
    name_splitting_articles,
)


def extract_mentions(text: str, language: str | None) -> list[Mention]:
    """Entity mentions of a language without a trained model: gazetteer names, and in a
    cased script capitalised runs typed by cue words; longest span wins on overlap."""
    lang = (language or "en").split("-")[0]
    tokens = _tokens(text, lang)
    found = _gazetteer_mentions(text, tokens, lang)
    if _CJK_RUN.search(text):
        found += _cjk_gazetteer_mentions(text, lang)
    if is_cased(lang):
        found += _cased_mentions(text, tokens, lang)
    return _resolve(found)


# -- cased scripts -------------------------------------------------------------------------
def _cased_mentions(text: str, tokens: list[tuple[int, int, str]], lang: str) -> list[Mention]:
    lower_words = {word for _, _, word in tokens if word[:1].islower()}
    lower_folded = {fold(w) for w in lower_words}
    out: list[Mention] = []
    inside = {w for s, _, w in tokens if w[0].isupper() and not _sentence_initial(text, s)}
    # trimmed first, so "Ieri la Juve di Marco Bellini" splits at the right connector
    trimmed = (_trim_sentence_start(text, whole, lower_folded, inside)
               for whole in _capitalised_runs(text, tokens))
    runs = [p for whole in trimmed if whole for p in _split_at_connector(whole)]
    runs = [p for run in runs for p in _split_name_tail(run, lang)]
    runs = [_after_inner_role(run) for run in runs]
    splitting = name_splitting_articles(lang)
    if splitting:  # "Mitglied des EZB-Rats": German articles join nouns, not names
        runs = [p for run in runs for p in _split_at(run, splitting)]
    for run in runs:
        run = _trim_sentence_start(text, run, lower_folded, inside)
        run, company = _strip_title_word(run)
        if not run:
            continue
        if company and len(run) == 1:
            out.append(_mention(text, run[0][0], run[0][1], "ORG", None, 0.7))
            continue
        special = _special_run(text, tokens, run, lang)
        if special is not None:
            if special[2]:
                out.append(_mention(text, *special, None, 0.7))
            continue
        if lang == "de" and len(run) == 1 and not _role_before(text, tokens, run[0]) and \
                not _ACRONYM.match(run[0][2]) and not _federal_body(run[0][2]):
            continue  # German capitalises every noun: a lone capitalised word is no evidence
        start, end = run[0][0], run[-1][1]
        label = _label_cased(text, tokens, run, lang)
        previous = _previous_word(tokens, run[0])
        score = _run_score(text, tokens, run, lang, label)
        if previous in _FEATURE_NOUNS:  # "corridoio Lachin", "Lachin corridor" is one name
            start, label, score = tokens[tokens.index(run[0]) - 1][0], "LOC", 0.9
        if label:
            out.append(_mention(text, start, end, label, None, score))
    _relabel_surnames(out)
    _relabel_places(out, lang)
    _relabel_lists(text, out)
    _relabel_places(out, lang)
    _relabel_by_context(text, out, lang)
    return out



def _relabel_by_context(text: str, mentions: list[Mention], lang: str) -> None:
    """Unlabelled (MISC) lone names: a person after a person-noun ("doppietta di Doué"),
    a body after a media or company noun or a Romance article ("l'Inter")."""
    romance = bool(Lexicon(lang).words("rules", "club_articles"))
    for mention in mentions:
        if mention.label != "MISC" or " " in mention.text:
            continue
        before = text[max(0, mention.start - 40):mention.start]
        tail = [fold(w) for w in re.findall(r"[^\W\d_]+", before)[-3:]]
        if _person_noun_before(tail):
            mention.label = "PER"
        elif _person_noun_before(tail, _MEDIA_NOUNS | _COMPANY_NOUNS) or (
                romance and _ROMANCE_ARTICLE.search(before)):
            mention.label = "ORG"


def _person_noun_before(tail: list[str], nouns: set[str] | None = None) -> bool:
    """"doppietta di", "del giovane", "su hija": a person-noun (or with ``nouns`` another
    class), possibly followed by a preposition or possessive, right before the name."""
    while tail and tail[-1] in _BY_WORDS:
        tail = tail[:-1]
    return bool(tail) and tail[-1] in (_PERSON_NOUNS if nouns is None else nouns)


def _special_run(text: str, tokens: list, run: list, lang: str):
    """Runs a neighbouring word decides: a capitalised adjective + lowercase institution
    noun is one body ("Збройних сил", "Китайское агентство"); a capitalised adjective
    alone names nothing ("Europese", "Eindhovense"); a name after a vessel noun is a ship.
    Returns (start, end, label or None to drop), or None for the ordinary path."""
    strong = _ADJ_STRONG.get(lang)
    if len(run) == 1 and strong and strong.search(run[0][2]):
        noun = _institution_noun_after(text, tokens, run[0], strong)
        return (run[0][0], noun[1], "ORG") if noun else (run[0][0], run[0][1], None)
    previous = _previous_word(tokens, run[0])
    if previous and previous.startswith(_VESSEL_NOUNS):
        return run[0][0], run[-1][1], "MISC"
    if strong and previous and previous.startswith(_ROLE_WORDS) and \
            any(strong.search(t[2]) for t in run):
        return run[0][0], run[-1][1], None  # "υπουργός Κλιματικής Κρίσης": a portfolio
    return None


def _institution_noun_after(text: str, tokens: list, token: tuple, adjective: re.Pattern):
    """The lowercase institution noun after a capitalised adjective, through up to two
    lowercase adjectives ("Державної прикордонної служби")."""
    index = tokens.index(token)
    for nxt in tokens[index + 1:index + 4]:
        if not nxt[2][0].islower() or _gap_breaks(text, [tokens[tokens.index(nxt) - 1], nxt]):
            return None
        if fold(nxt[2]).startswith(_ORG_WORDS):
            return nxt
        if not adjective.search(nxt[2]):
            return None
    return None


def _federal_body(word: str) -> bool:
    """German "Bundesregierung", "Landesamt": a state prefix + institution noun is a body
    even alone, where a lone capitalised German noun is otherwise no evidence."""
    folded = fold(word)
    return folded.startswith(_STATE_PREFIXES) and _compound_head(folded)



def _relabel_lists(text: str, mentions: list[Mention]) -> None:
    """"το Κοντοδεσπότι, η Μακρυμάλλη, ο Πισσώνας και η Στενή": an unlabelled name listed
    next to a place is a place too."""
    ordered = sorted(mentions, key=lambda m: m.start)
    chains: list[list[Mention]] = []
    for mention in ordered:
        if chains and _LIST_JOINER.fullmatch(text[chains[-1][-1].end:mention.start]):
            chains[-1].append(mention)
        else:
            chains.append([mention])
    # Three or more items: a pair ("Apple en Meta", "Erasmus y Bolonia") is too weak a list.
    for chain in chains:
        if len(chain) >= 3 and any(m.label == "LOC" for m in chain):
            for mention in chain:
                if mention.label == "MISC":
                    mention.label = "LOC"


def _run_score(text: str, tokens: list, run: list, lang: str, label: str) -> float:
    """0.9 (beats the gazetteer hit inside it) for a body named after a place: "Inter de
    Milán"; else 0.7, below gazetteer hits."""
    if label == "ORG" and ((_particle_name(run) and _of_place(text, run, lang)) or
                           _named_after_city(text, tokens, run, lang)):
        return 0.9
    if label == "MISC" and len(run) >= 2:  # "Coppa Italia": the event, not Italy
        return 0.9
    if label == "ORG" and any(t[2] in _CONNECTORS for t in run) and \
            fold(run[0][2]).startswith(_ORG_WORDS):  # "Bank of England", not England
        return 0.9
    return 0.7


def _relabel_places(mentions: list[Mention], lang: str = "en") -> None:
    """A word once seen after a locative ("στη Μακρυμάλλη") is a place everywhere in the
    article ("η Μακρυμάλλη, ο Πισσώνας"), inflected too ("της Στενής")."""
    places = {_inflection_key(m.text, lang) for m in mentions if m.label == "LOC"}
    for mention in mentions:
        if mention.label == "MISC" and _inflection_key(mention.text, lang) in places:
            mention.label = "LOC"


def _inflection_key(surface: str, lang: str) -> str:
    """The surface without a case ending (``[names.inflection]``: Greek ``key_endings``
    leaving three letters, or the stem of each word by the language's case ``endings``)."""
    key = fold(surface)
    rules = inflection(lang)
    for ending in rules.get("key_endings", ()):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[:-len(ending)]
    if rules.get("endings"):
        return " ".join(stem(w, lang) for w in key.split())
    return key


# An acronym, possibly with a German compound tail: EZB, EZB-Rats, WDN.
_ACRONYM = re.compile(r"^[A-ZÄÖÜ]{2,6}(?:-\w+)?$")


def _label_cased(text: str, tokens: list, run: list, lang: str) -> str | None:
    words = [fold(t[2]) for t in run]
    surface = text[run[0][0]:run[-1][1]]
    if lang == "en" and len(run) == 1 and re.search(r"(?:ian|ean|ese|ish)$", words[-1]):
        return None  # demonyms: "Russian", "European", "the Turkish city of"
    if len(run) >= 2 and any(w.startswith(_EVENT_WORDS) for w in words) and \
            not any(w.startswith(_LOC_WORDS) for w in words):
        return "MISC"
    if any(w.startswith(_ORG_WORDS) for w in words) or (
            Lexicon(lang).flag("language", "compounds") and
            any(_compound_head(w) for w in words)) or \
            _named_after_city(text, tokens, run, lang):
        return "ORG"
    if any(w.startswith(_LOC_WORDS) for w in words) or _place_noun_near(text, tokens, run):
        return "LOC"
    if _particle_name(run):
        return _of_place(text, run, lang) or "PER"
    if (surface.isupper() and 2 <= len(surface) <= 6) or (
            len(run) == 1 and _ACRONYM.match(surface)):
        return "ORG"
    if _role_before(text, tokens, run[0]) or _role_after(text, run[-1][1]):
        return "PER"
    if len(run) >= 2 and any(_ADJECTIVE.get(lang, _NO_MATCH).search(t[2]) for t in run):
        return "ORG"  # "Europäische Zentralbank", "Sił Zbrojnych": adjectives name bodies
    if len(run) >= 2 and all(t[2][0].isupper() for t in run):
        return "PER"
    previous = _previous_word(tokens, run[0])
    index = tokens.index(run[0])
    # "στην κεντρική Εύβοια", "in northern Evia": one lowercase adjective may intervene
    before = fold(tokens[index - 2][2]) if index >= 2 and previous and \
        tokens[index - 1][2][0].islower() and \
        not _gap_breaks(text, [tokens[index - 2], tokens[index - 1], run[0]]) else None
    if previous in _LOCATIVES or before in _LOCATIVES:
        return "LOC"
    # Unknown lone names stay MISC: a lone capitalised word with no cue is as often a place,
    # a product or a list member as a person, so no type is guessed without evidence (the
    # story-level vote in linking may still type it from other mentions).
    return "MISC"




def _place_noun_near(text: str, tokens: list, run: list) -> bool:
    index = tokens.index(run[0])
    before = [fold(t[2]) for t in tokens[max(0, index - 2):index]]
    if before and before[-1] in _OF_WORDS:
        before = before[:-1]
    if before and before[-1].startswith(_PLACE_NOUNS_CASED) and \
            not _gap_breaks(text, [tokens[index - 1], run[0]]):
        return True
    after = tokens.index(run[-1]) + 1
    return after < len(tokens) and fold(tokens[after][2]).startswith(_PLACE_NOUNS_CASED) and \
        tokens[after][2][0].islower() and not _gap_breaks(text, [run[-1], tokens[after]])


def _named_after_city(text: str, tokens: list, run: list, lang: str) -> bool:
    """"Paris Saint-Germain", "Manchester City", "Kyiv Independent": a city followed by a
    capitalised word that is no place, month or weekday names a club, paper or company.
    Countries are excluded (Israel Katz, Jordan Bardella are people), and so are runs
    after a role word."""
    if len(run) != 2:
        return False
    first, second = run[0][2], run[1][2]
    if not _big_city(first, lang) or fold(first) in territory_names(lang):
        return False
    calendar = set(month_names(lang)) | set(weekday_names(lang))
    return fold(second) not in calendar and not _lookup(gazetteer(lang), second, lang) and \
        not _role_before(text, tokens, run[0])


def _compound_head(word: str) -> bool:
    """A compound ending in an institution noun, also in the genitive (Statistikamts,
    Außenministeriums)."""
    return word.endswith(_ORG_COMPOUND_HEADS) or (
        word.endswith("s") and word[:-1].endswith(_ORG_COMPOUND_HEADS)) or (
        word.endswith("es") and word[:-2].endswith(_ORG_COMPOUND_HEADS))


def _particle_name(run: list) -> bool:
    """Capitalised words with lowercase name particles between them (a person, or a club
    or body named after a place: "Inter de Milán", decided by ``_of_place``)."""
    words = [t[2] for t in run]
    inner = words[1:-1]
    return len(run) >= 3 and words[0][0].isupper() and words[-1][0].isupper() and \
        any(w in _PARTICLES for w in inner) and \
        all(w in _PARTICLES or w[0].isupper() for w in inner)


def _of_place(text: str, run: list, lang: str) -> str | None:
    """"Inter de Milán", "Universidad de Sevilla": a name + de/di + a known city is a body
    (ORG), not a person; "Teatro di Roma" likewise."""
    return "ORG" if len(run) == 3 and _big_city(run[-1][2], lang) else None


# GeoNames population above which a city name is taken to name a club or body after it.
# Only cities of a million people are known well enough to lend their name to a club or
# body: below that, GeoNames holds many towns whose names are also common surnames and
# given names (Van, Lin, Cai, Marco), which would turn people into organisations.
_BIG_CITY = 1_000_000


def _big_city(word: str, lang: str) -> bool:
    """A curated/CLDR place, or a GeoNames city of a million people."""
    entry = _lookup_in(gazetteer(lang), word, lang)
    if entry:
        return entry[1] == "LOC"
    geo = geonames().get(fold(word))
    return bool(geo) and geo[2] >= _BIG_CITY


def _previous_word(tokens: list, token: tuple[int, int, str]) -> str | None:
    index = tokens.index(token)
    return fold(tokens[index - 1][2]) if index else None


def _role_before(text: str, tokens: list, token: tuple[int, int, str]) -> bool:
    index = tokens.index(token)
    for back in range(1, 4):
        if index - back < 0:
            return False
        previous = tokens[index - back]
        if text[previous[1]:tokens[index - back + 1][0]].strip(" ,"):
            return False
        word = fold(previous[2])
        if word.startswith(_ROLE_WORDS) or word.endswith(_ROLE_SUFFIXES):
            return True
    return False


def _role_after(text: str, end: int) -> bool:
    following = fold(text[end:end + 30].lstrip(" ,("))
    return following.startswith(_ROLE_WORDS) and text[end:end + 2].startswith(",")


def _relabel_surnames(mentions: list[Mention]) -> None:
    """A lone capitalised word that is the surname of a person named before is a PER."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PER" and " " in m.text}
    for mention in mentions:
        if mention.label == "MISC" and mention.text in surnames:
            mention.label = "PER"


# -- Russian via natasha ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def _natasha():
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _natasha_mentions(text: str) -> list[Mention]:
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [_mention(text, span.start, span.stop, span.type, None, 0.8) for span in doc.spans]

