"""Relative dates: day words ("ieri", "вчера", "昨天"), weekdays, "last week", "this year",
"N days ago" and "that day", resolved against the publish time (skipped when it is
unknown); and the merge of a weekday with the absolute date next to it ("jeudi 20 mars").
``dates.py`` runs these beside its absolute-date finders.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

from rashomon.core.facts import DateMention
from rashomon.extract.lexicon import (
    Lexicon,
    all_words,
    fold,
    lexicon_languages,
    month_names,
    scan_form,
    scanned,
    weekday_names,
)
from rashomon.lang import alternation
from rashomon.text.regex import scanner


def _scan(text: str) -> str:
    return scanned(text)


def _joined(name: str) -> dict[str, int]:
    """A ``[dates.<name>]`` table of every language's data file, joined: phrase -> offset.
    Read whatever the article's language (a quoted "yesterday" in a French article)."""
    table: dict[str, int] = {}
    for lang in lexicon_languages():
        table.update({str(k): int(v) for k, v in Lexicon(lang).table("dates", name).items()})
    return table


def _patterns(name: str) -> str:
    """The ``[dates] <name>`` regular expressions of every language, folded, as one
    alternation."""
    return alternation("dates", name, transform=fold)


# Words for yesterday/today/tomorrow and parts of a day (day offset), a week back or
# ahead (value: that day, granularity "week": the writer meant the week, so the timeline
# and clustering, which read days, ignore it), "that day" (the day of the last absolute
# date before it, else the publish date), and this/last/next year; CLDR's relative names
# are not exposed by Babel, so the language files write them out.
_RELATIVE_FOLDED = {fold(k): v for k, v in _joined("relative_days").items()}
_RELATIVE_WEEKS = _joined("relative_weeks")
_SAME_DAY = tuple(sorted(all_words("dates", "same_day")))
_RELATIVE_YEARS = _joined("relative_years")

# "next"/"coming" markers near a weekday name (matched on the scan form).
_NEXT_NEAR = re.compile(rf"(?<!\w)(?:{_patterns('next_words')})(?!\w)")


# Chinese short weekday names (周一..周日, 礼拜一..), which CLDR's wide names omit.
_CJK_WEEKDAYS = {f"{p}{d}": i for p in ("周", "週", "礼拜") for i, d in enumerate("一二三四五六日")}


_CJK_WEEKDAYS |= {"周天": 6, "星期天": 6}


@cache
def _number_words(language: str | None) -> dict[str, int]:
    """Number words (``[quantities.number_words]``) in scan form -> value: the
    language's, or every language's when ``language`` is None."""
    languages = [language] if language else lexicon_languages()
    words: dict[str, int] = {}
    for lang in languages:
        for word, value in Lexicon(lang).table("quantities", "number_words").items():
            if float(value).is_integer():  # "полтора" (1.5) counts no whole days back
                words.setdefault(scan_form(str(word)), int(value))
    return words


def _with_count(template: str, language: str | None) -> str:
    """A ``{n}`` template with the count: digits or one of the number words."""
    words = sorted(_number_words(language), key=len, reverse=True)
    count = "|".join([r"\d+", *(re.escape(w) for w in words)])
    return template.replace("{n}", f"(?:{count})")


@cache
def _ago_pattern(language: str) -> str | None:
    """"3 days ago", "due settimane fa" in the language (``[dates] days_ago``)."""
    template = Lexicon(language).value("dates", "days_ago")
    return _with_count(fold(template), language) if isinstance(template, str) else None


@cache
def _years_ago_pattern() -> re.Pattern[str]:
    """"two years ago", "iki yıl önce" in any language (``[dates] years_ago``)."""
    templates = []
    for lang in lexicon_languages():
        template = Lexicon(lang).value("dates", "years_ago")
        if isinstance(template, str):
            templates.append(_with_count(fold(template), lang))
    return scanner(rf"(?<!\w)(?:{'|'.join(templates) or '(?!)'})(?!\w)")


@cache
def _relative_year_pattern() -> re.Pattern[str]:
    words = sorted((fold(w) for w in _RELATIVE_YEARS), key=len, reverse=True)
    edge_before, edge_after = r"(?<![^\W\u3040-\u9fff])", r"(?![^\W\u3040-\u9fff])"
    return scanner(rf"{edge_before}(?:{'|'.join(re.escape(w) for w in words)}){edge_after}")


_RELATIVE_YEARS_FOLDED = {fold(k): v for k, v in _RELATIVE_YEARS.items()}


def _relative_years(text: str, lang: str, published: datetime) -> list[DateMention]:
    """"this year", "l'anno scorso", "去年", "iki yıl önce" -> a year value."""
    scanned = _scan(text)
    out: list[DateMention] = []
    for match in _relative_year_pattern().finditer(scanned):
        year = published.year + _RELATIVE_YEARS_FOLDED[match.group()]
        out.append(DateMention(*match.span(), text[match.start():match.end()], f"{year:04d}",
                               "year", relative=True))
    numbers = _number_words(None)
    for match in _years_ago_pattern().finditer(scanned):
        count = next((int(t) if t.isdigit() else numbers[t] for t in match.group().split()
                      if t.isdigit() or t in numbers), None)
        if count is None:
            continue
        out.append(DateMention(*match.span(), text[match.start():match.end()],
                               f"{published.year - count:04d}", "year", relative=True))
    return out


@cache
def _relative_pattern(language: str) -> re.Pattern[str]:
    words = list(_RELATIVE_FOLDED) + list(weekday_names(language)) + list(_CJK_WEEKDAYS)
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    stems = "|".join(re.escape(stem) for stem in _weekday_stems(language))
    # at least one letter after the stem: "серед" alone is "among", "середу" is Wednesday;
    # up to 12 for German/Dutch compounds of a weekday and a time of day
    # ("Freitagnachmittag", "woensdagmiddag")
    alternation += rf"|(?:{stems})\w{{1,12}}" if stems else ""
    ago = _ago_pattern(language)
    extra = f"|(?P<ago>{ago})" if ago else ""
    # Word boundaries that let CJK words ("昨天") touch their neighbours.
    edge_before, edge_after = r"(?<![^\W\u3040-\u9fff])", r"(?![^\W\u3040-\u9fff])"
    return scanner(rf"{edge_before}(?:(?P<w>{alternation}){extra}){edge_after}",
                      re.IGNORECASE)


def _relative_dates(text: str, lang: str, published: datetime) -> list[DateMention]:
    """Relative day words and weekdays resolved against the publish date."""
    out: list[DateMention] = []
    base = published.date()
    scanned = _scan(text)
    for match in _relative_pattern(lang).finditer(scanned):
        start, end = match.span()
        if "ago" in match.re.groupindex and match.group("ago"):
            target = _ago(match.group("ago"), base, lang)
        else:
            word = fold(match.group("w"))
            if word in _RELATIVE_FOLDED:
                target = base + timedelta(days=_RELATIVE_FOLDED[word])
            elif (weekday := _weekday_of(word, lang)) is not None:
                target = _resolve_weekday(text, scanned, start, end, lang, base, weekday)
            else:
                continue
        if target is not None and not _inside_quoted_name(text, start, end):
            out.append(DateMention(start, end, text[start:end], target.isoformat(), "day",
                                   relative=True))
    return out


def weekday_mentions(text: str, language: str | None) -> list[tuple[int, int, int]]:
    """(start, end, weekday number) of the weekday names in ``text``, unresolved.

    An article without a publish time cannot resolve "am Freitagnachmittag" to a date,
    but the comparison can still set the weekday against the dates other sources give
    the same event (sample story C1: Friday afternoon vs Saturday afternoon)."""
    lang = language or "en"
    found = []
    for match in _relative_pattern(lang).finditer(_scan(text)):
        word = match.group("w")
        weekday = _weekday_of(fold(word), lang) if word else None
        if weekday is not None and not _inside_quoted_name(text, *match.span()):
            found.append((match.start(), match.end(), weekday))
    return found


def _resolve_weekday(text: str, scanned: str, start: int, end: int, lang: str, base: date,
                     weekday: int) -> date:
    """A weekday name -> its day: "next Friday", a weekday in a sentence with a future
    marker and one in a clause with a future-tense verb are the coming one; otherwise
    the last one on or before publication. "este viernes" is no marker: Spanish news
    write it of the past days too ("Venezuela confirmó este viernes")."""
    ahead = told_as_ahead(text, scanned, start, end, lang)
    return (_next_weekday if ahead else _last_weekday)(base, weekday)


def told_as_ahead(text: str, scanned: str, start: int, end: int, lang: str) -> bool:
    """Is the day at ``text[start:end]`` told as coming: a "next" word right by it, a
    future marker in its sentence or a future-tense verb nearest it in its clause?"""
    if _NEXT_NEAR.search(scanned[max(0, start - 12):end + 12]):
        return True
    sentence = _sentence_around(scanned, start, end, lang)
    return bool(_FUTURE_VERB.search(sentence) or _future_tense(text, scanned, start, end,
                                                                lang))


@cache
def _tense_forms(lang: str, key: str) -> re.Pattern[str] | None:
    """``[dates] future_forms`` / ``past_forms``: the language's synthetic future and past
    tenses as whole-word regular expressions ("cancelará", "annulera", "düzenlenecek";
    "confirmó"), matched on the lowercased text with its accents, which tell the Spanish
    future "-ará" from the subjunctive "-ara"."""
    forms = Lexicon(lang).words("dates", key)
    return re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)") if forms else None


def _future_tense(text: str, scanned: str, start: int, end: int, lang: str) -> bool:
    """Whether the verb nearest the weekday in its clause is a future form: "subirá 7%
    desde el jueves" is ahead; "este lunes reiteró ... que el miércoles realizará" makes
    only Wednesday ahead."""
    future = _tense_forms(lang, "future_forms")
    if future is None:
        return False
    left, right = _clause(text, scanned, start, end, lang)
    clause = text[left:right].lower()
    past = _tense_forms(lang, "past_forms")
    marked = [(m.start(), True) for m in future.finditer(clause)]
    marked += [(m.start(), False) for m in past.finditer(clause)] if past else []
    if not marked:
        return False
    middle = (start + end) / 2 - left
    return min(marked, key=lambda item: abs(item[0] - middle))[1]


def _clause(text: str, scanned: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The weekday's clause (the scan form keeps offsets): its sentence cut at commas and
    semicolons, so "cancelará el jueves ..., según informó el miércoles" makes Thursday
    ahead but not Wednesday."""
    left, right = _sentence_bounds(scanned, start, end, lang)
    before = max(text.rfind(",", left, start), text.rfind(";", left, start))
    after = [i for i in (text.find(",", end, right), text.find(";", end, right)) if i != -1]
    return max(left, before + 1), min([*after, right])


# Future markers in the weekday's sentence: "Am Freitag wollen Vertreter ...", "doivent
# rencontrer ... vendredi", "will meet on Friday" (``[dates] future_verbs``, matched on
# the scan form, so the language files' accented forms (będzie) are folded too).
_FUTURE_VERB = re.compile(rf"(?<!\w)(?:{_patterns('future_verbs')})(?!\w)", re.IGNORECASE)


#: How far a weekday's sentence reaches on each side, in characters, when no full stop
#: bounds it first. Measured on the 1,563 distinct real news texts of the SemEval dev
#: pairs (1,155 relative days): a reach of 240 instead changed 17 days, 15 of them for the
#: worse ("Erdoğan said Tuesday" after "it will take" 150 characters before); the
#: sentence's future markers are a coarse sign, so they stay near.
SENTENCE_REACH = 120
# A full stop that ends a sentence: not the dot of a German/Nordic ordinal day
# ("Donnerstag, 12. März"), which is followed by a month name (checked in code).
_STOP = re.compile(r"[.\n]")
_ORDINAL_DOT = re.compile(r"(?<!\d)\d{1,2}\.$")


def _sentence_bounds(scanned: str, start: int, end: int, lang: str) -> tuple[int, int]:
    months = month_names(lang)
    stops = [m.start() for m in _STOP.finditer(scanned, max(0, start - SENTENCE_REACH),
                                               min(len(scanned), end + SENTENCE_REACH))]
    real = [i for i in stops if not (scanned[i] == "." and _ORDINAL_DOT.search(
        scanned[max(0, i - 3):i + 1]) and _next_word(scanned, i + 1) in months)]
    left = max([i for i in real if i < start], default=max(-1, start - SENTENCE_REACH - 1))
    right = min([i for i in real if i >= end], default=end + SENTENCE_REACH)
    return left + 1, right


def _next_word(scanned: str, index: int) -> str:
    match = re.match(r"\s*(\w+)", scanned[index:index + 24])
    return fold(match.group(1)) if match else ""


def _sentence_around(scanned: str, start: int, end: int, lang: str) -> str:
    left, right = _sentence_bounds(scanned, start, end, lang)
    return scanned[left:right]


def _inside_quoted_name(text: str, start: int, end: int) -> bool:
    """«الشرق اليوم», "Today Show": a day word closing a short quoted title is a name."""
    if text[end:end + 1] not in "»”\"":
        return False
    opening = max(text.rfind(q, max(0, start - 30), start) for q in "«“\"")
    return opening != -1 and text[opening + 1:start].strip() != ""


@cache
def _week_words(lang: str) -> tuple[str, ...]:
    """Unit words that make "N ... ago" weeks (``[dates] week_words``), folded."""
    return tuple(fold(w) for w in Lexicon(lang).words("dates", "week_words"))


def _ago(phrase: str, base: date, lang: str) -> date | None:
    parts = phrase.split()
    count = int(parts[0]) if parts[0].isdigit() else _number_words(lang).get(parts[0].lower())
    if count is None:
        return None
    week = parts[1].lower().startswith(_week_words(lang))
    return base - timedelta(days=count * (7 if week else 1))


@cache
def _weekday_stems(language: str) -> dict[str, int]:
    """Weekday names without their last letter, for inflected and compound forms:
    "суботу", "Σαββάτου", "woensdagmiddag", "Samstagabend". Short names (شنبه) excluded:
    their stems are ordinary words; a language whose file says its weekdays do not inflect
    (``[dates] inflected_weekdays = false``: English "Sundays" is habitual) has none."""
    if Lexicon(language).value("dates", "inflected_weekdays", True) is False:
        return {}
    return {name[:-1]: day for name, day in weekday_names(language).items() if len(name) >= 6}


def _weekday_of(word: str, language: str) -> int | None:
    """Weekday number of a (possibly inflected) weekday word."""
    exact = weekday_names(language).get(word, _CJK_WEEKDAYS.get(word))
    if exact is not None:
        return exact
    return next((d for stem, d in _weekday_stems(language).items() if word.startswith(stem)),
                None)


def _next_weekday(base: date, weekday: int) -> date:
    """"Next Friday"/"الجمعة المقبل"/"vendredi prochain": the first one after publication."""
    return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def _last_weekday(base: date, weekday: int) -> date:
    """A bare weekday in news refers to the most recent one on or before publication."""
    return base - timedelta(days=(base.weekday() - weekday) % 7)


_JOINER = re.compile(r"[\s,،]{1,3}(?:the\s+|le\s+|el\s+|il\s+|den\s+|dem\s+)?")
# A weekday right after a day date: after a space or comma ("21 Şubat Cuma"), or touching
# it or in brackets where words are not spaced ("3月12日星期四", "3月12日（周四）").
_JOINER_AFTER = re.compile(r"[\s,،]{0,3}|\s*[（(]\s*")


def _merge_weekday_dates(found: list[DateMention], text: str) -> list[DateMention]:
    """"jeudi 20 mars", "Sunday, July 27", "امروز پنجشنبه 25 بهمن 1403" are ONE mention:
    a relative day word directly before an absolute date takes the absolute value; so does
    a weekday right after a day date (Turkish "21 Şubat Cuma")."""
    merged: list[DateMention] = []
    for item in found:
        prev = merged[-1] if merged else None
        joined = prev is not None and _JOINER.fullmatch(text[prev.end:item.start])
        if joined and prev.relative and prev.granularity == "day":
            merged[-1] = DateMention(prev.start, item.end, text[prev.start:item.end],
                                     item.value, item.granularity, calendar=item.calendar,
                                     relative=item.relative)
            continue
        after = prev is not None and _JOINER_AFTER.fullmatch(text, prev.end, item.start)
        if after and not prev.relative and prev.granularity == "day" and item.relative \
                and item.granularity == "day" and item.end - item.start <= 12:
            merged[-1] = DateMention(prev.start, item.end, text[prev.start:item.end],
                                     prev.value, "day", calendar=prev.calendar)
            continue
        merged.append(item)
    return merged


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({scan_form(p) for p in phrases}, key=len, reverse=True)
    # CJK words touch their neighbours, digits included ("于当日23时49分").
    edge_before, edge_after = r"(?<![^\W\u3040-\u9fff])", r"(?![^\W\d\u3040-\u9fff])"
    return scanner(rf"{edge_before}(?:{'|'.join(re.escape(w) for w in words)}){edge_after}",
                      re.IGNORECASE)


def _relative_weeks(text: str, published: datetime) -> list[DateMention]:
    """"vorige week", "last week": the publish day moved by a week, granularity week."""
    offsets = {scan_form(k): v for k, v in _RELATIVE_WEEKS.items()}
    out = []
    for match in _phrase_pattern(tuple(_RELATIVE_WEEKS)).finditer(_scan(text)):
        day = published.date() + timedelta(days=offsets[match.group().lower()])
        out.append(DateMention(*match.span(), text[match.start():match.end()],
                               day.isoformat(), "week", relative=True))
    return out


def _same_day_dates(text: str, found: list[DateMention],
                    published: datetime | None) -> list[DateMention]:
    """"当天", "that day": anaphora for the nearest day date before it in its paragraph,
    else the article's first day date (the lead's event day), else the publish day."""
    out = []
    days = [d for d in found if d.granularity == "day" and not d.relative]
    for match in _phrase_pattern(_SAME_DAY).finditer(_scan(text)):
        paragraph = text.rfind("\n", 0, match.start())
        near = [d for d in days if paragraph < d.start and d.end <= match.start()]
        chosen = near[-1] if near else (days[0] if days else None)
        value = chosen.value if chosen else (published.date().isoformat()
                                             if published else None)
        if value:
            out.append(DateMention(*match.span(), text[match.start():match.end()], value,
                                   "day", relative=True))
    return out
