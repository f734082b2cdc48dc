"""Dates in several scripts and calendars, relative dates, and duration false positives."""

from datetime import datetime

import pytest

from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.extract.dates import extract_dates

PUBLISHED = datetime(2023, 9, 21, 10, 0)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Il vertice si è tenuto il 17 settembre 2023 a Ginevra.", "it", ("2023-09-17", "day")),
        ("The summit took place on September 17, 2023 in Geneva.", "en", ("2023-09-17", "day")),
        ("Der Gipfel fand am 17. September 2023 in Genf statt.", "de", ("2023-09-17", "day")),
        ("Саммит прошёл 17 сентября 2023 года в Женеве.", "ru", ("2023-09-17", "day")),
        ("این نشست در 17 سپتامبر 2023 در ژنو برگزار شد.", "fa", ("2023-09-17", "day")),
        ("عقدت القمة في 17 سبتمبر 2023 في جنيف.", "ar", ("2023-09-17", "day")),
        ("峰会于2023年9月17日在日内瓦举行。", "zh", ("2023-09-17", "day")),
        ("Η σύνοδος έγινε στις 17 Σεπτεμβρίου 2023 στη Γενεύη.", "el", ("2023-09-17", "day")),
        ("La cumbre se celebró el 17 de septiembre de 2023.", "es", ("2023-09-17", "day")),
        ("Le sommet a eu lieu le 1er mars 2022 à Genève.", "fr", ("2022-03-01", "day")),
        ("Published 2023-09-17 by the desk.", "en", ("2023-09-17", "day")),
        ("Termine: 17.09.2023, Genf.", "de", ("2023-09-17", "day")),
    ],
)
def test_absolute_dates_in_many_scripts(text: str, lang: str, expected: tuple[str, str]) -> None:
    dates = extract_dates(text, lang, None)
    assert [(d.value, d.granularity) for d in dates] == [expected]
    assert text[dates[0].start:dates[0].end] == dates[0].text


def test_month_granularity() -> None:
    dates = extract_dates("L'invasione è iniziata nel febbraio 2022.", "it", None)
    assert [(d.value, d.granularity) for d in dates] == [("2022-02", "month")]
    fa = extract_dates("در مارس 2023 دیدار کردند.", "fa", None)
    assert [(d.value, d.granularity) for d in fa] == [("2023-03", "month")]


def test_solar_hijri_and_hijri_calendars() -> None:
    fa = extract_dates("این دیدار روز 26 شهریور 1402 انجام شد.", "fa", None)
    assert [(d.value, d.calendar) for d in fa] == [("2023-09-17", "persian")]
    nowruz = extract_dates("جشن در 1 فروردین 1403 آغاز شد.", "fa", None)
    assert nowruz[0].value == "2024-03-20"
    ar = extract_dates("وصل الوفد في 2 ربيع الأول 1445 هـ إلى العاصمة.", "ar", None)
    assert [(d.value, d.calendar) for d in ar] == [("2023-09-17", "hijri")]


def test_year_of_a_dayless_year_comes_from_context() -> None:
    text = "Tutto è iniziato il 17 settembre 2023. Dopo la crisi del febbraio 2022, il 19 settembre"
    values = [d.value for d in extract_dates(text, "it", None)]
    assert values == ["2023-09-17", "2022-02", "2023-09-19"]
    assert extract_dates("Il 19 settembre ha parlato.", "it", PUBLISHED)[0].value == "2023-09-19"


def test_relative_dates_resolve_against_publish_time() -> None:
    cases = [("Ieri il ministro ha parlato.", "it", "2023-09-20"),
             ("Yesterday the minister spoke, three days ago too.", "en", "2023-09-20"),
             ("Вчера министр выступил.", "ru", "2023-09-20"),
             ("وزیر دیروز سخنرانی کرد.", "fa", "2023-09-20"),
             ("部长昨天发表讲话。", "zh", "2023-09-20")]
    for text, lang, value in cases:
        dates = extract_dates(text, lang, PUBLISHED)
        assert dates and dates[0].value == value and dates[0].relative, (text, dates)
    assert [d.value for d in extract_dates("It happened 3 days ago.", "en", PUBLISHED)] == [
        "2023-09-18"]
    # Thursday 21 Sep 2023: "Tuesday" is the 19th.
    assert extract_dates("On Tuesday they met.", "en", PUBLISHED)[0].value == "2023-09-19"


def test_relative_dates_skipped_without_publish_time() -> None:
    assert extract_dates("Ieri il ministro ha parlato.", "it", None) == []


def test_durations_are_not_dates() -> None:
    text = "Il blocco è durato più di 9 mesi e l'operazione si è chiusa in 24 ore."
    assert extract_dates(text, "it", PUBLISHED) == []
    assert extract_dates("Переговоры длились 3 месяца.", "ru", PUBLISHED) == []


def test_invalid_dates_are_dropped() -> None:
    assert extract_dates("il 31 febbraio 2023", "it", None) == []
    assert extract_dates("on 45/13/2023", "en", None) == []


# --- weekday + date, month-only, relative years, next weekday, calendars without a day ---

PUB_2025 = datetime(2025, 5, 11, 18, 0)  # a Sunday


def _values(text: str, lang: str, published: datetime | None = PUB_2025) -> list[str]:
    return [d.value for d in extract_dates(text, lang, published)]


@pytest.mark.parametrize(
    ("text", "lang", "span"),
    [
        ("Les négociateurs se sont retrouvés jeudi 8 mai à Mascate.", "fr", "jeudi 8 mai"),
        ("Talks resumed on Thursday, May 8 in Muscat.", "en", "Thursday, May 8"),
        ("مذاکرات امروز پنجشنبه 18 اردیبهشت 1404 در مسقط برگزار شد.", "fa",
         "امروز پنجشنبه 18 اردیبهشت 1404"),
    ],
)
def test_weekday_before_a_date_is_one_mention(text: str, lang: str, span: str) -> None:
    dates = extract_dates(text, lang, PUB_2025)
    assert [d.text for d in dates] == [span]
    assert dates[0].value == "2025-05-08" and not dates[0].relative


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("La banca centrale deciderà a luglio se tagliare ancora.", "it", ["2025-07"]),
        ("Die Notenbank hatte im März die Zinsen gesenkt; Ende Mai folgt die Prognose.", "de",
         ["2025-03", "2025-05"]),
        ("Rates were cut in April and may fall again in September.", "en",
         ["2025-04", "2025-09"]),
        ("Il taglio di giugno dello scorso anno aveva sorpreso i mercati.", "it", ["2024-06"]),
        ("央行5月维持利率不变，预计7月再议。", "zh", ["2025-05", "2025-07"]),
    ],
)
def test_month_named_alone(text: str, lang: str, expected: list[str]) -> None:
    assert _values(text, lang) == expected


def test_english_may_the_verb_is_no_month() -> None:
    assert _values("Officials said prices may rise and March is planned.", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("L'inflazione quest'anno resterà sopra il 2%, l'anno scorso era al 5%.", "it",
         ["2025", "2024"]),
        ("今年经济增速放缓，去年为5.2%。", "zh", ["2025", "2024"]),
        ("В прошлом году экспорт вырос.", "ru", ["2024"]),
        ("Deprem iki yıl önce bölgeyi vurmuştu.", "tr", ["2023"]),
    ],
)
def test_relative_years(text: str, lang: str, expected: list[str]) -> None:
    assert _values(text, lang) == expected


def test_relative_years_need_a_publish_time() -> None:
    assert _values("Last year exports fell.", "en", None) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La prochaine séance aura lieu vendredi prochain à Oman.", "fr"),
        ("ومن المقرر عقد الجولة المقبلة يوم الجمعة المقبل في مسقط.", "ar"),
        ("Die nächste Runde ist für den kommenden Freitag geplant.", "de"),
    ],
)
def test_next_weekday_points_forward(text: str, lang: str) -> None:
    assert _values(text, lang) == ["2025-05-16"]


def test_arabic_weekday_with_arabic_yeh_and_ordinal_day() -> None:
    text = "ضرب الزلزال فجر الخميس، بعد عامين من زلزال السادس من فبراير 2023."
    assert _values(text, "ar", datetime(2025, 2, 13, 9, 0)) == ["2025-02-13", "2023-02-06"]


def test_chinese_short_weekday() -> None:
    assert _values("周三，火箭发射成功。", "zh", datetime(2025, 4, 24)) == ["2025-04-23"]


def test_persian_month_and_year_without_day() -> None:
    dates = extract_dates("زلزله بهمن 1401 در جنوب ترکیه ویرانی به بار آورد.", "fa", None)
    assert [(d.text, d.value, d.granularity) for d in dates] == [
        ("بهمن 1401", "2023-02", "month")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Die Prognose für 2025 liegt bei 2,0 Prozent.", "de", ["2025"]),
        ("Tussen 2016 en 2021 steeg de prijs.", "nl", ["2016", "2021"]),
        ("انخفضت المبيعات مقارنة بالفترة نفسها من 2023، بحسب التقرير.", "ar", ["2023"]),
    ],
)
def test_bare_years_after_a_preposition(text: str, lang: str, expected: list[str]) -> None:
    assert _values(text, lang, None) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("У суботу Україна повернула з полону 115 захисників.", "uk", "2024-08-24"),
        ("Η φωτιά ξέσπασε το απόγευμα του Σαββάτου στην Εύβοια.", "el", "2024-08-24"),
        ("Het akkoord werd woensdagmiddag gesloten.", "nl", "2024-08-21"),
    ],
)
def test_inflected_and_compound_weekdays(text: str, lang: str, expected: str) -> None:
    assert _values(text, lang, datetime(2024, 8, 24, 12, 0)) == [expected]


def test_english_plural_weekday_is_habitual() -> None:
    assert _values("Markets are closed on Sundays.", "en", datetime(2024, 8, 24)) == []


def test_weekday_stem_alone_is_not_a_weekday_and_full_month_leaves_the_period() -> None:
    published = datetime(2024, 8, 24, 12, 0)
    assert _values("Серед звільнених є захисники Маріуполя.", "uk", published) == []
    dates = extract_dates("Обмен состоялся 24 августа.", "ru", published)
    assert [d.text for d in dates] == ["24 августа"]



def test_german_weekday_compounds_with_a_time_of_day() -> None:
    """"am Freitagnachmittag" in a Sunday paper is the Friday before."""
    published = datetime.fromisoformat("2025-07-27T09:00:00+00:00")
    found = extract_dates("Das Feuer war am Freitagnachmittag ausgebrochen, am "
                          "Samstagabend drehte der Wind.", "de", published)
    assert [(d.text, d.value) for d in found] == [
        ("Freitagnachmittag", "2025-07-25"), ("Samstagabend", "2025-07-26")]


def test_year_cue_scan_between_years_finds_what_the_whole_scan_finds() -> None:
    """finditer_around (the year-cue patterns searched only in the pieces holding a year)
    returns exactly the whole-text scan's matches, on every sample language and on
    edges a cut could break: long whitespace, a suffix, an apostrophe, text end."""
    from rashomon.extract import dates
    from rashomon.extract.lexicon import scan_form
    from rashomon.text.long_text import sample_texts
    from rashomon.text.regex import finditer_around

    texts = [t for group in sample_texts().values() for t in group] + [
        "Prices fell since\n\n      2019, and at the end of 2020.", "nell'2021, в 2022 г., "
        "(in 2023) «с 2024 года»; until 2025", "bis 2026", "from 20199 to 2030x. Since 1850!"]
    for text in texts:
        for pattern, anchor, form in ((dates._YEAR_CUE, dates._CUE_YEAR, text),
                                      (dates._YEAR_EDGE, dates._EDGE_YEAR, scan_form(text))):
            whole = [m.span() for m in pattern.finditer(form)]
            pieces = [m.span() for m in finditer_around(pattern, form, anchor,
                                                        dates._NOT_IN_YEAR_CUE)]
            assert pieces == whole, text[:80]
    assert [d.value for d in extract_dates("Sales rose in 2021, and by the end of 2022.",
                                           "en", None)] == ["2021", "2022-12"]


def test_a_month_in_an_undated_day_month_date_is_not_a_name() -> None:
    """Without a publish time "Thursday, March 12" has no year, so no date value; its
    month is still no place (the English model reads "March" as LOC)."""
    text = ("FRANKFURT — The airline cancelled close to 900 flights on Thursday, March 12, as "
            "pilots staged a 24-hour strike; talks resume on 3 April in Berlin.")
    facts = extract_facts(Article(title="t", maintext=text, language="en", id=1))
    names = {m.text for m in facts.mentions}
    assert "March" not in names and "April" not in names
    assert {"FRANKFURT", "Berlin"} <= names


def test_a_publish_time_of_low_confidence_is_no_reference_for_the_dates():
    # ingest's confidence of the publish time (a text guess contradicted by the page's
    # markup falls to ~0.2): below dates.TRUSTED_PUBLISH the text is read as undated
    from datetime import UTC, datetime

    from rashomon.core import Article
    from rashomon.extract import extract_facts
    from rashomon.extract.dates import TRUSTED_PUBLISH

    text = ("Die Brücke über den Kanal wurde am 4. Februar 2019 gesperrt. Gestern begannen "
            "die Arbeiten, die Sperrung endet am 12. März.")

    def days(confidence):
        article = Article(title="Brücke", maintext=text, language="de",
                          date_publish=datetime(2021, 3, 10, 8, tzinfo=UTC),
                          date_publish_confidence=confidence)
        return sorted(d.value for d in extract_facts(article).dates if d.granularity == "day")

    trusted = days(0.9)
    assert "2021-03-09" in trusted and "2021-03-12" in trusted  # "Gestern", the 12th near it
    assert days(None) == trusted  # no confidence stated: trusted as before
    low = days(TRUSTED_PUBLISH - 0.3)
    # no "Gestern" resolved against a doubtful time; the year from the text's own date
    assert low == ["2019-02-04", "2019-03-12"]
