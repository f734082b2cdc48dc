"""Quantities added for the per-language gold errors: number words per language, Arabic
separators through text normalization, magnitudes, percentage points, halves, Han
numerals with measure words, Turkish case suffixes and Slavic year-like counts.
Sentences written for these tests."""

from rashomon.extract.quantities import extract_quantities
from rashomon.text.normalize import clean_text


def _found(text: str, lang: str) -> list[tuple]:
    return [(q.text, q.value, q.unit) for q in extract_quantities(text, lang, [])]


def test_number_words_of_other_languages_are_not_read() -> None:
    assert _found("Die Entscheidung sei nicht einstimmig gefallen.", "de") == []
    assert _found("Une secousse très forte a réveillé la ville.", "fr") == []
    assert _found("Il ministro ha detto che sei ospedali sono chiusi.", "it")[0][1] == 6


def test_arabic_decimal_and_thousands_separators() -> None:
    text = clean_text("بلغت قوة الزلزال ٦٫٢ درجات وتضرر ١٢٬٥٠٠ منزل.", "ar")
    found = _found(text, "ar")
    assert (6.2, "magnitude") in [(v, u) for _, v, u in found]
    assert 12500 in [v for _, v, _ in found]
    fa = _found(clean_text("۱۲٬۵۰۰ نفر و ۳٫۵ میلیون دلار", "fa"), "fa")
    assert [v for _, v, _ in fa] == [12500, 3_500_000]


def test_magnitude_before_the_number() -> None:
    assert _found("un séisme de magnitude 5,4 a frappé", "fr")[0][1:] == (5.4, "magnitude")
    assert _found("Officials put the magnitude at 6.3.", "en")[0][1:] == (6.3, "magnitude")


def test_percentage_points_and_kilograms() -> None:
    assert _found("Der Zins sinkt um 0,25 Prozentpunkte.", "de")[0][1:] == (0.25, "pp")
    ar = _found("بلغ المخزون 408.6 كيلوغرام بنسبة 60 في المائة", "ar")
    assert [(v, u) for _, v, u in ar] == [(408.6, "kg"), (60, "%")]


def test_and_a_half() -> None:
    assert _found("Der Flug dauerte drei Stunden.", "de")[0][1:] == (3, "hour")
    ru = _found("Стыковка заняла три с половиной часа.", "ru")
    assert ru[0][1:] == (3.5, "hour")
    en = _found("The docking took about six and a half hours.", "en")
    assert en[0][1:] == (6.5, "hour")


def test_han_numerals_before_measure_words() -> None:
    found = _found("三名航天员进入空间站，十二名工程师留在地面，一名委员投了反对票。", "zh")
    assert [v for _, v, _ in found] == [3, 12, 1]


def test_turkish_case_suffixed_number_and_slavic_year_like_count() -> None:
    tr = _found("Ölü sayısı 14'e yükseldi, 2023'te de deprem olmuştu.", "tr")
    assert [v for _, v, _ in tr] == [14]
    pl = _found("Na wolność wyszło 1994 jeńców, a w 1994 roku nikt.", "pl")
    assert [v for _, v, _ in pl] == [1994]
    assert _found("The 2024 budget was approved.", "en") == []


def test_hostile_three_digit_systems_and_marks() -> None:
    text = clean_text("\u200fقتل ٣ و۴ و5 أشخاص\u200f " + "٫" * 300 + " 1,5 ٬ ۱۲٬", "ar")
    for q in extract_quantities(text, "ar", []):
        assert text[q.start:q.end] == q.text


def test_match_minutes_ages_ordinals_and_type_names() -> None:
    es = _found("Volvió a marcar en el minuto 63 y cerró al 88' la goleada.", "es")
    assert [(v, u) for _, v, u in es] == [(63, "minute"), (88, "minute")]
    en = _found("\"It shook,\" said Ayse Demir, 47, a teacher. Two Chinook helicopters "
                "and 14 of the injured were flown out.", "en")
    assert [v for _, v, _ in en] == [47, 2, 14]
    assert _found("这是第5次载人飞行，共有十二名航天员参加。", "zh") == [("十二名航天", 12, None)]
    assert _found("Deprem saat 03.17'de oldu, ölü sayısı 9'a çıktı.", "tr")[0][1] == 9


def test_feet_inches_and_a_list_of_figures_are_not_minutes_or_ages() -> None:
    text = ("Forecasters expect 1-3\u2032\u2032 of snow on the peaks. Children shorter than "
            "4\u20199\u201d ride in a booster seat. Trails at Galloway, 2, 4 or 6 miles, "
            "reopen on Friday.")
    assert all(u != "minute" for _, _, u in _found(text, "en"))
    assert not [q for q in extract_quantities(text, "en", []) if q.counted == "age"]
    assert [(v, u) for _, v, u in _found("Ha segnato al 12' su rigore.", "it")] == [
        (12, "minute")]


def test_persian_decimal_slash_needs_a_unit() -> None:
    text = clean_text("زلزله‌ای به بزرگی ۵/۹ ریشتر و خسارت ۲/۵ میلیون دلار؛ تاریخ ۱۴۰۳/۱۱/۲۵", "fa")
    found = _found(text, "fa")
    assert [(v, u) for _, v, u in found] == [(5.9, "magnitude"), (2_500_000, "USD")]
    assert _found(clean_text("نسبت ۳/۴ آرا", "fa"), "fa") == []
