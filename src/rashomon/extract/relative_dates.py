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
from rashomon.extract.lexicon import fold, scan_form, scanned, weekday_names
from rashomon.text.regex import scanner


def _scan(text: str) -> str:
    return scanned(text)


# Words for yesterday/today/tomorrow (day offset), per language; CLDR's relative
# day names are not exposed by Babel, so these are written out.
_RELATIVE_DAYS: dict[str, int] = {
    "yesterday": -1, "today": 0, "tomorrow": 1,
    "ieri": -1, "oggi": 0, "domani": 1, "l'altro ieri": -2, "ieri l'altro": -2,
    "hier": -1, "aujourd'hui": 0, "demain": 1, "avant-hier": -2,
    "ayer": -1, "hoy": 0, "mañana": 1, "anteayer": -2,
    "gestern": -1, "heute": 0, "morgen": 1, "vorgestern": -2,
    "ontem": -1, "hoje": 0, "amanhã": 1,
    "вчера": -1, "сегодня": 0, "завтра": 1, "позавчера": -2,
    "دیروز": -1, "امروز": 0, "فردا": 1, "پریروز": -2,
    "أمس": -1, "امس": -1, "اليوم": 0, "غدا": 1,
    "昨天": -1, "今天": 0, "明天": 1, "前天": -2, "昨日": -1, "今日": 0,
    "χθες": -1, "σήμερα": 0, "αύριο": 1,
    "dün": -1, "bugün": 0, "yarın": 1,
    # Parts of a day: "tonight", "last night" anchor to the publication day the way
    # "today" and "yesterday" do (the common phrasings of each language's news).
    "tonight": 0, "last night": -1, "this morning": 0, "stanotte": 0, "stamattina": 0,
    "ieri sera": -1, "cette nuit": 0, "ce matin": 0, "hier soir": -1, "esta noche": 0,
    "esta mañana": 0, "anoche": -1, "heute nacht": 0, "heute morgen": 0,
    "gestern abend": -1, "сегодня ночью": 0, "этой ночью": 0, "вчера вечером": -1,
    "امشب": 0, "دیشب": -1, "الليلة": 0, "bu gece": 0, "bu sabah": 0, "dün gece": -1,
    "dün akşam": -1, "vannacht": 0, "vanochtend": 0, "gisteravond": -1, "dzisiaj": 0,
    "dziś": 0, "wczoraj": -1, "jutro": 1, "сьогодні": 0, "вчора": -1,
    "vandaag": 0, "gisteren": -1,
}


# A week back or ahead: value is that day, granularity "week" (the writer meant the
# week, not the day), so the timeline and clustering, which read days, ignore it.
_RELATIVE_WEEKS: dict[str, int] = {
    "last week": -7, "next week": 7, "la settimana scorsa": -7, "la scorsa settimana": -7,
    "la settimana prossima": 7, "la semaine dernière": -7, "la semaine prochaine": 7,
    "la semana pasada": -7, "la próxima semana": 7, "letzte woche": -7,
    "vergangene woche": -7, "vergangenen woche": -7, "nächste woche": 7,
    "на прошлой неделе": -7, "на следующей неделе": 7, "минулого тижня": -7,
    "наступного тижня": 7, "هفته گذشته": -7, "هفته آینده": 7, "الأسبوع الماضي": -7,
    "الأسبوع المقبل": 7, "上周": -7, "下周": 7, "geçen hafta": -7, "gelecek hafta": 7,
    "vorige week": -7, "volgende week": 7, "w zeszłym tygodniu": -7,
    "w przyszłym tygodniu": 7, "την περασμένη εβδομάδα": -7,
}


# "That day": the day of the last absolute date before it, else the publish date.
_SAME_DAY = ("当天", "当日", "that day", "the same day", "quel giorno", "lo stesso giorno",
             "ce jour-là", "le même jour", "ese día", "el mismo día", "am selben tag",
             "в тот же день", "в тот день", "همان روز", "في اليوم نفسه", "ذلك اليوم",
             "aynı gün", "tego samego dnia", "того ж дня", "dezelfde dag")


_RELATIVE_FOLDED = {fold(k): v for k, v in _RELATIVE_DAYS.items()}


# "last"/"next" markers around a weekday name.
_LAST_WORDS = ("last", "scorso", "scorsa", "dernier", "pasado", "letzten", "vergangenen",
               "прошлый", "прошлую", "прошлое", "گذشته", "الماضي", "上")


# "next"/"coming" markers near a weekday name (folded forms, matched on the scan form).
_NEXT_NEAR = re.compile(
    r"(?<!\w)(?:next|coming|prossim[oa]|prochain|prochaine|proximo|proxima|nachsten|"
    r"kommenden|следующ\w*|наступн\w*|المقبل|القادم|اینده|آینده|下|önümüzdeki|gelecek|"
    r"volgende|komende|przyszł\w*|επομεν\w*)(?!\w)"
)


# Chinese short weekday names (周一..周日, 礼拜一..), which CLDR's wide names omit.
_CJK_WEEKDAYS = {f"{p}{d}": i for p in ("周", "週", "礼拜") for i, d in enumerate("一二三四五六日")}


_CJK_WEEKDAYS |= {"周天": 6, "星期天": 6}


_AGO = {
    "en": r"(\d+|one|two|three|four|five|six|seven)\s+(day|week)s?\s+ago",
    "it": r"(\d+|uno|due|tre|quattro|cinque|sei|sette)\s+(giorn|settiman)[oie]\s+fa",
    "ru": r"(\d+|два|три|четыре|пять)\s+(д[а-я]+|недел[а-я]+)\s+назад",
}


_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "uno": 1, "due": 2, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7,
                  "tre": 3, "два": 2, "три": 3, "четыре": 4, "пять": 5}


# Relative years: phrase -> offset from the publish year (folded forms).
_RELATIVE_YEARS: dict[str, int] = {
    "this year": 0, "last year": -1, "next year": 1, "quest'anno": 0, "quest’anno": 0,
    "l'anno scorso": -1, "lo scorso anno": -1, "l'anno prossimo": 1, "cette annee": 0,
    "l'annee derniere": -1, "l'an dernier": -1, "l'an prochain": 1, "este ano": 0,
    "el ano pasado": -1, "el proximo ano": 1, "dieses jahr": 0, "diesem jahr": 0,
    "letztes jahr": -1, "vergangenes jahr": -1, "im vergangenen jahr": -1,
    "nachstes jahr": 1, "в этом году": 0, "в прошлом году": -1, "в следующем году": 1,
    "цього року": 0, "минулого року": -1, "امسال": 0, "پارسال": -1, "سال گذشته": -1,
    "سال اینده": 1, "هذا العام": 0, "العام الماضی": -1, "العام المقبل": 1, "bu yıl": 0,
    "geçen yıl": -1, "gelecek yıl": 1, "dit jaar": 0, "vorig jaar": -1, "volgend jaar": 1,
    "w tym roku": 0, "w zeszłym roku": -1, "φετος": 0, "περσι": -1, "今年": 0, "去年": -1,
    "明年": 1, "前年": -2,
}


_N_YEARS_AGO = scanner(
    r"(?<!\w)(\d+|one|two|three|four|five|due|tre|deux|trois|dos|tres|zwei|drei|два|три|"
    r"iki|uc|dwa|trzy|δυο|τρια)\s+(?:years?|anni|ans|anos|jahren|года|лет|yıl|lata|χρονια)\s+"
    r"(?:ago|fa|once\w*|назад|temu|πριν)(?!\w)"
)


_YEAR_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "due": 2, "tre": 3,
                      "deux": 2, "trois": 3, "dos": 2, "tres": 3, "zwei": 2, "drei": 3,
                      "два": 2, "три": 3, "iki": 2, "uc": 3, "dwa": 2, "trzy": 3, "δυο": 2,
                      "τρια": 3}


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
    for match in _N_YEARS_AGO.finditer(scanned):
        count = int(match[1]) if match[1].isdigit() else _YEAR_WORD_NUMBERS[match[1]]
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
    ago = _AGO.get(language)
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
            target = _ago(match.group("ago"), base)
        else:
            word = fold(match.group("w"))
            if word in _RELATIVE_FOLDED:
                target = base + timedelta(days=_RELATIVE_FOLDED[word])
            elif (weekday := _weekday_of(word, lang)) is not None:
                ahead = _NEXT_NEAR.search(scanned[max(0, start - 12):end + 12]) or \
                    _FUTURE_VERB.search(_sentence_around(scanned, start, end))
                target = (_next_weekday if ahead else _last_weekday)(base, weekday)
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


# Future markers in the weekday's sentence: "Am Freitag wollen Vertreter ...", "doivent
# rencontrer ... vendredi", "will meet on Friday". Written for this project; on the gold
# set both future weekdays (de, fr) carry one and no past weekday does.
_FUTURE_VERB = re.compile(
    r"(?<!\w)(?:will|shall|is due|are due|is set to|are set to|plans? to|wollen|werden|"
    r"soll|sollen|doit|doivent|devrait|devraient|vont|dovrebbe|dovrebbero|devono|"
    r"va a|van a|tiene previsto|debe|deben|будет|будут|планирует|собира\w+|"
    r"буде|будуть|będzie|będą|zal|zullen|سوف|من المقرر|قرار است|"
    r"خواهد|خواهند|θα|将|将要|计划|edecek|yapacak)(?!\w)", re.IGNORECASE)


def _sentence_around(scanned: str, start: int, end: int) -> str:
    left = max(scanned.rfind(".", 0, start), scanned.rfind("\n", 0, start), start - 120)
    stops = [i for i in (scanned.find(".", end), scanned.find("\n", end)) if i != -1]
    right = min([*stops, end + 120])
    return scanned[left + 1:right]


def _inside_quoted_name(text: str, start: int, end: int) -> bool:
    """«الشرق اليوم», "Today Show": a day word closing a short quoted title is a name."""
    if text[end:end + 1] not in "»”\"":
        return False
    opening = max(text.rfind(q, max(0, start - 30), start) for q in "«“\"")
    return opening != -1 and text[opening + 1:start].strip() != ""


def _ago(phrase: str, base: date) -> date | None:
    parts = phrase.split()
    count = int(parts[0]) if parts[0].isdigit() else _SMALL_NUMBERS.get(parts[0].lower())
    if count is None:
        return None
    week = parts[1].lower().startswith(("week", "settiman", "недел"))
    return base - timedelta(days=count * (7 if week else 1))


@cache
def _weekday_stems(language: str) -> dict[str, int]:
    """Weekday names without their last letter, for inflected and compound forms:
    "суботу", "Σαββάτου", "woensdagmiddag", "Samstagabend". Short names (شنبه) excluded:
    their stems are ordinary words; English inflects no weekday ("Sundays" is habitual)."""
    if language == "en":
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


_JOINER = re.compile(r"[\s,،]{1,3}(?:the\s+|le\s+|el\s+|il\s+|den\s+)?")


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
        if joined and not prev.relative and prev.granularity == "day" and item.relative \
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
