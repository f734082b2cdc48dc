"""Quantities: a number (digits or words, local separators, magnitude words), its unit,
the thing it counts, and the writer's hedge.

Why rules: the forms are few and regular per language, CLDR supplies the magnitude words
(``mila``, ``هزار``, ``тысяч``, ``ألف``, ``万``), and a rule is ~0.1 ms where a model is
not available offline. ``counted_key`` maps common counted nouns of many languages to
one English key so "100mila residenti" and "120 هزار سکنه" compare as the same kind.
The word tables (units, hedges, counted nouns, number and outcome words) are read in
``quantity_words.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rashomon.core.facts import DateMention, Quantity
from rashomon.extract.lexicon import (
    Lexicon,
    comma_decimal,
    fold,
    lexicon_languages,
    magnitude_words,
    scanned,
)
from rashomon.extract.quantity_brackets import bracketed_counts
from rashomon.extract.quantity_duals import dual_counts
from rashomon.extract.quantity_forms import (
    HALF,
    HAN_COUNT,
    approximate_scale,
    approximate_words,
    article_before,
    cued,
    dual_unit_noun,
    half_durations,
    han_value,
    in_date,
    multipliers,
    not_counts,
    one_words,
    word_groups,
    word_value,
    words_pattern,
)
from rashomon.extract.quantity_heads import counted_before, names_counted_before
from rashomon.extract.quantity_names import name_number
from rashomon.extract.quantity_ranges import complete_ranges, starts_range
from rashomon.extract.quantity_units import (
    _cjk_counted,
    _counted,
    _folded_words,
    _is_cjk,
    _unit_after,
    _unit_before,
    particle_after,
)
from rashomon.extract.quantity_words import (
    _HEDGES_AFTER,
    _HEDGES_BY_LAST,
    _NUMBER_WORDS,
    _NUMBER_WORDS_BY_LANG,
    _OUTCOMES,
    _TIME_UNIT_CODES,
)
from rashomon.text.regex import scanner
from rashomon.text.spans import SpanIndex

_NUMBER = re.compile(r"(?<![A-Za-z\d.,])\d{1,3}(?:(?P<sep>[.,\u202f' ٬])\d{3})(?:(?P=sep)\d{3})*"
                     r"(?:[.,٫]\d+)?(?!\d)"
                     r"|(?<![A-Za-z\d.,])\d+(?:[.,٫]\d+)?(?![\d])")

# Clock times ("03:17", "17h30", "17时17分") are not quantities ("36時間" is a duration);
# the languages' own ("um 18 Uhr", "à 2 heures") are ``[quantities.number_cues]`` data.
_CLOCK = scanner(r"(?<!\d)\d{1,2}[:h]\d{2}(?!\d)|"
                    r"(?<!\d)\d{1,2}\s*[时時点](?![間间])\s*(?:\d{1,2}\s*分)?|"
                    # "14.20 Uhr", "saat 23.59": a dotted clock time, not a decimal (not
                    # "um 0,25": German "um" is also "by", as in "um 0,25 Punkte gesenkt")
                    r"(?<!\d)\d{1,2}[.,]\d{2}(?=\s*(?:Uhr|uur)\b)|"
                    r"(?<=\bsaat )\d{1,2}[.,]\d{2}(?!\d)|"
                    # Persian "ساعت 3 و 17 دقیقه" (3:17): hour and minutes in words
                    r"ساعت\s*[\d۰-۹]{1,2}\s*و\s*[\d۰-۹]{1,2}\s*دقیقه")


def extract_quantities(text: str, language: str | None, dates: list[DateMention]) -> list[Quantity]:
    """All quantities in ``text`` outside the date spans (years and days are dates)."""
    lang = language or "en"
    folded = scanned(text)
    taken = SpanIndex([(d.start, d.end) for d in dates] +
                      [m.span() for m in _CLOCK.finditer(text)] + not_counts(folded, lang))
    # "一天半", "1時間半" first: the number scan would read "1時間" and leave the half
    out = [q for q in half_durations(text, folded, lang, _hedge)
           if not taken.overlaps(q.start, q.end)]
    for quantity in out:
        taken.add(quantity.start, quantity.end)
    ranges: dict[int, str] = {}  # quantity id -> "start" (of a range) / "scaled" (magnitude)
    for match in _number_pattern(lang).finditer(folded):
        start, end = match.span()
        if any(s <= start < e or s < end <= e for s, e in taken.near(start, end)):
            continue
        if start >= 2 and folded[start - 1] == "-" and folded[start - 2].isalpha():
            continue  # "Shenzhou-20", "Covid-19": a number inside a name
        if start >= 1 and folded[start - 1] in "第#№":
            continue  # "第5次", "#3": an ordinal or a rank, not a count
        if folded[end:end + 1] in ("号", "號"):
            continue  # "神舟20号": a craft's or a document's number, not a count
        quantity = _build(text, folded, match, lang, taken, ranges) or \
            _minute_or_age(text, folded, match)
        if quantity is not None:
            out.append(quantity)
            taken.add(quantity.start, quantity.end)
    out = complete_ranges(text, out, ranges)  # "60 bis 80 km/h": 60 km/h
    if lang in ("zh", "ja"):
        out += _han_counts(text, taken)
    out += dual_counts(text, folded, lang, taken)  # Arabic "شخصان": two persons
    out += bracketed_counts(text, taken)  # "Lagos (23), Kano (7)"
    for quantity in out:
        if not (quantity.counted or quantity.unit):  # "the number of cases rose to 448"
            named = counted_before(text, folded, quantity, lang)
            if named is not None:
                quantity.counted, quantity.counted_key = named
    for quantity in out:
        if quantity.counted_key in (None, "people") and not quantity.unit:
            quantity.counted_key = _outcome(folded, quantity) or quantity.counted_key
        elif quantity.unit == "year" and _is_age(text, folded, quantity):
            quantity.counted, quantity.counted_key = "age", "age"
    return sorted(out, key=lambda q: q.start)


#: What happened to the people a bare or generic count ("12 человек", "231 kişi", "۱۴ نفر")
#: counts, read from the verb or noun of its clause: "12 человек погибли" counts the dead,
#: "231 kişi yaralandı" the injured. Without it the same toll has no shared key across
#: languages and the comparison cannot line up the sources' tolls. Folded stems, written
#: for this project in the languages of the sample corpus.
#: How far (characters) around the number an outcome word is looked for; the clause of
#: "Nach Angaben der AFAD kamen mindestens zwölf Menschen ums Leben" spans ~40.
_OUTCOME_WINDOW = 50
_CLAUSE_END = re.compile(r"[.;:!?؛。；！？\n]|,\s|،\s|، ")


def _is_age(text: str, folded: str, quantity: Quantity) -> bool:
    """"70-jähriger Mann", "un hombre de 67 años": the years are a person's age, the
    same slot however each language writes it ("10-jährige Anleihen" are not)."""
    hyphen = text.find("-", quantity.start, quantity.end)
    if hyphen >= 0 and _AGE_HYPHEN.match(text, hyphen):
        return True
    return bool(_AGE_PERSON.search(text, max(0, quantity.start - 20), quantity.start))


def _outcome(folded: str, quantity: Quantity) -> str | None:
    """The outcome word nearest to the number inside its clause, if any."""
    left = folded[max(0, quantity.start - _OUTCOME_WINDOW):quantity.start]
    ends = list(_CLAUSE_END.finditer(left))
    left_start = quantity.start - len(left) + (ends[-1].end() if ends else 0)
    right = folded[quantity.end:quantity.end + _OUTCOME_WINDOW]
    stop = _CLAUSE_END.search(right)
    right = right[:stop.start()] if stop else right
    best: tuple[int, str] | None = None
    present = set(folded[left_start:quantity.start]) | set(right)
    for key, stems in _OUTCOMES.items():
        for stem in stems:
            if stem[0] not in present:
                continue  # cannot occur in either window
            at = folded.rfind(stem, left_start, quantity.start)
            if at >= 0 and (best is None or quantity.start - at < best[0]):
                best = (quantity.start - at, key)
            at = right.find(stem)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, key)
    return best[1] if best else None


# The minute of a match ("en el minuto 63", "al 12'") and a person's age in apposition
# ("Mehmet Karaca, 52, said") are figures of news writing that count nothing: they are
# kept as a minute or an age, so that they are not compared as counts. Measured on the
# 1,563 distinct real texts of the SemEval dev pairs (text we did not write them from):
# the apposition read 26 ages, 25 right; the one wrong was a list of distances
# ("Galloway, 2, 4 or 6 miles"), so a figure followed by another after its comma is not
# an age. The minute mark fired twice there, both on inches and feet ("1-3′′",
# "4’9”"), so a mark followed by another mark or a digit is not a minute (both cases now
# read nothing there; match minutes keep "al 88'").
_MINUTE_BEFORE = re.compile(r"(?:minuto|minute|minuti|minutes|dakika|минуте)\s$")
_MINUTE_MARK = re.compile(r"['’′](?![^\W_]|['’′″”\"])")
_AGE_APPOSITION = re.compile(r"[A-ZÀ-Þ][^\W\d_]+,\s$")
_NEXT_FIGURE = re.compile(r",\s*\d")


def _minute_or_age(text: str, folded: str, match: re.Match[str]) -> Quantity | None:
    start, end = match.span()
    raw = match.group("num")
    if not raw or not raw.isdigit() or int(raw) > 130:
        return None
    if _MINUTE_BEFORE.search(folded, max(0, start - 10), start) or \
            _MINUTE_MARK.match(folded, end):
        q_end = end + (1 if _MINUTE_MARK.match(folded, end) else 0)
        return Quantity(start, q_end, text[start:q_end], float(raw), "minute", None, None,
                        None)
    if _AGE_APPOSITION.search(text, max(0, start - 30), start) and text[end:end + 1] == "," \
            and not _NEXT_FIGURE.match(text, end):
        return Quantity(start, end, text[start:end], float(raw), "year", "age", "age", None)
    return None


def _han_counts(text: str, taken: SpanIndex) -> list[Quantity]:
    """Han numerals before a measure word ("三名航天员", "一名委员"): the word boundary the
    number-word pattern needs does not exist between Han characters."""
    out = []
    for match in HAN_COUNT.finditer(text):
        start, end = match.span(1)
        value = han_value(match.group(1))
        if value is None or any(s <= start < e for s, e in taken.near(start, start)):
            continue
        counted, key, counted_end = _cjk_counted(text, end, text[end:end + 4])
        out.append(Quantity(start, counted_end, text[start:counted_end], float(value), None,
                            counted, key, None))
    return out


@lru_cache(maxsize=64)  # bounded: the language code comes from article metadata
def _number_pattern(language: str) -> re.Pattern[str]:
    """Number (digits or word) + optional magnitude word, attached or spaced."""
    # approximate nouns multiply a number before them ("two dozen", "два десятка")
    magnitudes = sorted([*magnitude_words(language), *approximate_words(language),
                         *multipliers(language)], key=len,
                        reverse=True)
    mags = "|".join(re.escape(m) for m in magnitudes if len(m) > 1 or not m.isascii())
    # A language we hold no number words for reads digits only (no foreign false friends).
    table = _NUMBER_WORDS_BY_LANG.get(language.split("-")[0], {})
    words = words_pattern(table)
    # Persian also writes the decimal point as a slash ("۵/۹ ریشتر", "۲/۵ میلیون")
    slash = r"(?<![\d/])\d{1,3}/\d{1,2}(?![\d/])|" if language in ("fa", "ur", "ps") else ""
    return scanner(
        rf"(?P<num>{slash}{_NUMBER.pattern}|(?<!\w)(?:(?P<word>{words})(?!\w)|{word_groups(language)}))"
        rf"(?:\s?(?P<mag>{mags})(?:(?<=[\u3040-\u9fff])|(?![^\W\d_])))?"
    )


def _build(text: str, folded: str, match: re.Match[str], lang: str,
           taken: SpanIndex, ranges: dict[int, str] | None = None) -> Quantity | None:
    start, end = match.span()
    if match.group("attached"):  # "لشهر ونصف": the quantity starts after the "ل"
        start = match.start("unoun")
    form = word_value(text, match, lang)  # "une quinzaine", "a decade", "un milione", "beşinin"
    value = form[0] if form else _number_value(match.group("num"), lang)
    if value is None or (not form and in_date(folded, start, end, value, lang)):
        return None
    is_word = bool(match.group("word")) or form is not None
    article = article_before(folded, start, lang) if match.group("approx") or \
        match.group("unoun") else None
    start = start if article is None else article
    magnitude = match.group("mag")
    scale = 1.0
    if magnitude:
        scale = magnitude_words(lang).get(magnitude.strip().rstrip(".")) or \
            approximate_scale(magnitude, lang) or multipliers(lang).get(magnitude) or 1
        value *= scale
        rest = _REMAINDER.match(folded, end)
        if rest and scale > 1 and int(rest.group(1)) < scale:
            value += int(rest.group(1))  # "2 bin 400 çadır", "3 тысячи 500": 2,400 / 3,500
            end = rest.end()
    half = HALF.match(folded, end)
    if half:  # "three and a half hours", "три с половиной часа", "un milliard et demi"
        value, end = value + 0.5 * (scale if magnitude else 1), half.end()
    unit, unit_end = (form[1], end) if match.group("unoun") else _unit_after(folded, end)
    half_after = HALF.match(folded, unit_end) if unit and not half else None
    if half_after:  # "un giorno e mezzo", "two days and a half"
        value, unit_end = value + 0.5, half_after.end()
    if match.group("one") and not (magnitude or half_after):
        return None  # "a", "un": a number only as "un milione", "un giorno e mezzo"
    if "/" in (match.group("num") or "") and not (unit or magnitude):
        return None  # a slash number without a unit is a date or a fraction, not a decimal
    before_unit = _unit_before(folded, start)
    if before_unit:
        unit = unit or before_unit[0]
        start = before_unit[1]
    after_hedge = _hedge_after(folded, unit_end if unit else end)
    # the counted noun follows a hedge written after the number: "100 с лишним человек",
    # "100 e passa persone", "1200 سے زائد افراد"
    ranged = not unit and not match.group("word") and starts_range(folded, end)
    counted, counted_key, _counted_end = (None, None, None) if ranged else _counted(
        text, folded, after_hedge[1] if after_hedge else (unit_end if unit else end))
    if unit in _TIME_UNIT_CODES and not counted_key:
        counted, counted_key = text[end:unit_end].strip(), f"{unit}s"
    # "rose to nine"; "the number of cases ... 448" (the counted noun named before it)
    cue = not (unit or counted_key) and (cued(folded, match.start(), lang) or (
        not counted and names_counted_before(folded, match.start(), lang)))
    if is_word and not (counted_key or unit or cue or match.group("stem") or
                        _word_counts(folded, start, counted, value)):
        return None  # "one of the", "the two said": a number word used as a pronoun
    if not magnitude and not unit and not counted_key and _is_year_like(value, match) and \
            not _counts_after_year(lang, counted):
        return None
    if counted and counted[0].isupper() and not counted_key and not is_word \
            and not Lexicon(lang).flag("language", "capitalises_nouns"):
        return None  # "24 Channel", "Airbus A320": a number inside a name ("two Canadair
        # aircraft" counts: a number word before a type name)
    hedge, hedge_start, hedge_end = _hedge(folded, start, end if not unit else unit_end)
    if ((match.group("unoun") and not dual_unit_noun(match, lang)) or (
            match.group("approx") and one_words(lang) and
            not re.search(r"[\s-]", match.group("approx")))) and article is None and hedge is None \
            and not (half or half_after):
        return None  # "the last decade", "mehrere Dutzend" are no count; "a decade",
        # "более десятилетия", "une vingtaine", "half a dozen" are
    if cue:  # "возросло до девяти": the "до" of the cue is no "up to"
        hedge, hedge_start, hedge_end = None, None, end
    hedge = hedge or ("about" if match.group("approx") else None)
    suffixed = (match.group("num") or "").isdigit() and _case_suffixed(folded, end, lang)
    if not (unit or magnitude or hedge or cue or is_word or counted_key) and \
            name_number(text, folded, start, end, lang, taken):
        return None  # "the Big 12 title", "France 24 reported": a number in a name
    if not (unit or counted or magnitude or hedge or suffixed or cue or ranged or
            (not is_word and particle_after(folded, end))):  # "saat 03.17'de"
        return None  # a bare number ("gruppo 20", page numbers) is not a reported quantity
    q_end = max(end, unit_end if unit else end, hedge_end)
    q_start = hedge_start if hedge_start is not None else start
    quantity = Quantity(q_start, q_end, text[q_start:q_end], round(value, 6), unit, counted,
                        counted_key, hedge)
    if ranges is not None and ((magnitude and scale > 1) or (ranged and not (counted or cue))):
        ranges[id(quantity)] = "scaled" if magnitude and scale > 1 else "start"
    return quantity


def _counts_after_year(lang: str, counted: str | None) -> bool:
    """A year-like number still counts when a noun follows that is not the language's 'year'."""
    year_nouns = _year_nouns(lang)
    return bool(year_nouns) and bool(counted) and counted[0].islower() and \
        not fold(counted).startswith(year_nouns)


@lru_cache(maxsize=64)  # bounded: the language code comes from article metadata
def _year_nouns(lang: str) -> tuple[str, ...]:
    """The nouns ``lang`` writes a year with (``[quantities.phrases] year_nouns``: "году")."""
    return tuple(fold(w) for w in Lexicon(lang).words_of("quantities", "phrases", "year_nouns"))


# Turkish writes case endings on a number after an apostrophe: "sayısı 14'e yükseldi"
# (rose to 14), "19'unun tedavisi": the number is a referenced count, not a page number.
_TR_CASE = re.compile(r"['’][a-zçğıöşü]{1,6}(?![\w])")


def _case_suffixed(folded: str, end: int, lang: str) -> bool:
    return Lexicon(lang).flag("language", "apostrophe_case_suffixes") and \
        _TR_CASE.match(folded, end) is not None


# Words that show a number word is a pronoun, not a count: "the two said", "i due hanno".
_PRONOUN_BEFORE = re.compile(
    rf"(?<!\w)(?:{'|'.join(sorted(map(re.escape, _folded_words('pronoun_determiners'))))})\s+$")
_VERB_AFTER = _folded_words("verbs_after")


def _word_counts(folded: str, start: int, counted: str | None, value: float) -> bool:
    """A number word with a following noun counts it ("four villages", "τέσσερα χωριά"),
    except "one" (mostly an article) and pronoun uses."""
    if not counted or value <= 1 or fold(counted) in _VERB_AFTER:
        return False
    return not _PRONOUN_BEFORE.search(folded[max(0, start - 8):start])


_REMAINDER = re.compile(r"\s(\d{1,3})(?![\d.,]\d|\s?\w*(?:bin|mila|тысяч|هزار))(?!\d)")


def _number_value(raw: str, lang: str) -> float | None:
    if raw is None:
        return None
    word = _NUMBER_WORDS.get(fold(raw))
    if word is not None:
        return float(word)
    if "/" in raw:  # Persian decimal slash (only reached with a unit or magnitude)
        return float(raw.replace("/", "."))
    raw = raw.replace("٫", ".").replace("٬", ",").replace("\u202f", "").replace("'", "")
    raw = raw.replace(" ", "")
    groups = re.fullmatch(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*", raw)
    if groups:
        sep = groups.group(1)
        repeated = raw.count(sep) > 1
        comma = comma_decimal(lang)
        thousands = repeated or (sep == "." and comma) or (sep == "," and not comma)
        if thousands:
            return float(raw.replace(sep, ""))
    raw = raw.replace(".", "").replace(",", ".") if comma_decimal(lang) else raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return None


def _is_year_like(value: float, match: re.Match[str]) -> bool:
    """A bare 4-digit 1800..2100 is a year, which the date extractor owns."""
    raw = match.group("num") or ""
    return raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100


def _alternation(name: str) -> str:
    """The ``[quantities] <name>`` regular expressions of every language as one
    alternation."""
    patterns = [Lexicon(lang).value("quantities", name) for lang in lexicon_languages()]
    return "|".join(p for p in patterns if isinstance(p, str) and p) or "(?!)"


# A person's age: a hyphenated age adjective ("70-jähriger Mann", "67-летний"), or a
# person noun, then of + years ("uomo di 67 anni", "hombre de 67 años").
_AGE_HYPHEN = re.compile(rf"-(?:{_alternation('age_after_hyphen')})")
_AGE_PERSON = re.compile(rf"(?:{_alternation('age_person')})\s+$", re.IGNORECASE)


def _hedge(folded: str, start: int, end: int) -> tuple[str | None, int | None, int]:
    before = folded[max(0, start - 24):start]
    stripped = before.rstrip()
    for word, category in _HEDGES_BY_LAST.get(stripped[-1:], ()):
        if stripped.endswith(word):
            at = start - (len(before) - len(stripped)) - len(word)
            if at == 0 or not folded[at - 1].isalpha() or _is_cjk(word[0]):
                return category, at, end
    after = _hedge_after(folded, end)
    return (after[0], None, after[1]) if after else (None, None, end)


def _hedge_after(folded: str, end: int) -> tuple[str, int] | None:
    """The hedge written right after the number at ``end`` ("20-odd", "3万多", "с лишним")
    and where it ends."""
    after = folded[end:end + 10]
    for word, category in _HEDGES_AFTER.items():
        if after.startswith(word) or (after.lstrip().startswith(word) and not _is_cjk(word[0])):
            return category, end + after.index(word) + len(word)
    return None
