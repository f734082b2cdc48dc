"""Dates added for the per-language gold errors: Turkish weekday after a date and parts of
the day, Polish 'się', Ukrainian genitive months, weeks, 'that day', year edges, Arabic
double month names and future weekdays. Sentences written for these tests."""

from datetime import datetime

import pytest

from rashomon.extract.dates import extract_dates

PUBLISHED = datetime(2025, 2, 13, 9, 0)  # a Thursday


def _values(text: str, lang: str, published: datetime | None = PUBLISHED) -> list[tuple]:
    return [(d.text, d.value, d.granularity) for d in extract_dates(text, lang, published)]


def test_turkish_today_tonight_and_weekday_after_date() -> None:
    text = "Bugün açıklama yapıldı. Sarsıntı bu gece hissedildi. Okullar 21 Şubat Cuma açılacak."
    found = _values(text, "tr")
    assert ("Bugün", "2025-02-13", "day") in found
    assert ("bu gece", "2025-02-13", "day") in found
    assert ("21 Şubat Cuma", "2025-02-21", "day") in found
    assert not any(v == "2025-02-07" for _, v, _ in found)  # Cuma is not a past Friday


def test_turkish_dotted_capitals_do_not_break() -> None:
    for text in ("BUGÜN toplantı var.", "YARIN gelecek.", "İki gün sonra döndü."):
        extract_dates(text, "tr", PUBLISHED)  # no KeyError on folded forms


def test_polish_reflexive_sie_is_not_august() -> None:
    found = _values("Poprzednia wymiana odbyła się 24 sierpnia w Stambule.", "pl")
    # no year written: the 24th of August nearest the publish day (13 Feb 2025) is 2024's
    assert found == [("24 sierpnia", "2024-08-24", "day")]


@pytest.mark.parametrize(("text", "lang", "value"), [
    # "Saturday, 24 August": 2024's was a Saturday (2025's a Sunday)
    ("Обмін відбувся у суботу, 24 серпня, на кордоні.", "uk", "2024-08-24"),
    # told as coming ("będą"): the next 3 October, not the nearer past one
    ("Rozmowy będą prowadzone 3 października w Warszawie.", "pl", "2025-10-03"),
    ("Переговоры прошли 15 мая в Стамбуле.", "ru", "2025-05-15"),
])
def test_genitive_month_names(text: str, lang: str, value: str) -> None:
    assert any(v == value for _, v, _ in _values(text, lang))


def test_last_and_next_week_are_week_granularity() -> None:
    nl = _values("De boete volgde vorige week na een klacht.", "nl")
    assert nl == [("vorige week", "2025-02-06", "week")]
    fa = _values("مذاکرات هفته آینده ادامه می‌یابد.", "fa")
    assert fa == [("هفته آینده", "2025-02-20", "week")]


def test_that_day_takes_the_paragraph_date_else_the_lead_date() -> None:
    text = ("飞船于2025年4月24日发射，当日晚间完成对接。\n航天员预计于4月29日返回。\n"
            "发射当天，游客聚集。")
    found = _values(text, "zh", datetime(2025, 4, 24))
    assert ("当日", "2025-04-24", "day") in found
    assert ("当天", "2025-04-24", "day") in found  # not the later 4月29日


def test_end_and_beginning_of_a_year() -> None:
    ru = _values("С конца 2023 года суда идут вокруг Африки.", "ru")
    assert ("конца 2023 года", "2023-12", "month") in ru
    en = _values("Prices rose from the beginning of 2024.", "en")
    assert any(v == "2024-01" for _, v, _ in en)


def test_arabic_month_named_twice() -> None:
    found = _values("عقدت الجولة يوم الأحد 11 مايو/أيار 2025 في مسقط.", "ar")
    assert len(found) == 1 and found[0][1] == "2025-05-11"


def test_weekday_in_a_future_sentence_is_the_coming_one() -> None:
    published = datetime(2025, 5, 11, 12, 0)  # Sunday
    de = _values("Am Freitag wollen die Delegationen erneut verhandeln.", "de", published)
    assert de[0][1] == "2025-05-16"
    fr = _values("Les diplomates doivent se retrouver vendredi à Genève.", "fr", published)
    assert fr[0][1] == "2025-05-16"
    past = _values("Am Freitag hatten die Delegationen verhandelt.", "de", published)
    assert past[0][1] == "2025-05-09"


def test_the_verb_nearest_a_weekday_sets_its_direction() -> None:
    """A synthetic future ("suspenderá", "sospenderà", "annulera", "uygulanacak") makes
    its clause's weekday the coming one; the preterite nearer another weekday, or a
    weekday in another clause, keeps that one past."""
    published = datetime(2025, 5, 7, 12, 0)  # Wednesday
    es = dict(_pair(v) for v in _values(
        "La aerolínea suspenderá este jueves sus vuelos a Lisboa, según informó este "
        "miércoles su portavoz.", "es", published))
    assert es == {"jueves": "2025-05-08", "miércoles": "2025-05-07"}
    es = dict(_pair(v) for v in _values(
        "El ministerio confirmó este lunes que el viernes reabrirá las escuelas.", "es",
        published))
    assert es == {"lunes": "2025-05-05", "viernes": "2025-05-09"}
    it = dict(_pair(v) for v in _values(
        "La compagnia sospenderà giovedì i voli per Lisbona, ha comunicato lunedì il "
        "portavoce.", "it", published))
    assert it == {"giovedì": "2025-05-08", "lunedì": "2025-05-05"}
    fr = _values("Le syndicat des dockers annulera vendredi son préavis.", "fr", published)
    assert fr[0][1] == "2025-05-09"
    tr = _values("Yeni tarifeler cuma gününden itibaren uygulanacak.", "tr", published)
    assert tr[0][1] == "2025-05-09"
    # no future form: the bare weekday stays the last one
    past = _values("El sindicato convocó la huelga el viernes.", "es", published)
    assert past[0][1] == "2025-05-02"


def test_an_ordinal_day_does_not_end_the_weekdays_sentence() -> None:
    """"bis Donnerstag, 15. Mai, ..." — the dot of the ordinal day is no full stop, so the
    sentence's "soll" still reaches the Monday named after it."""
    published = datetime(2025, 5, 11, 12, 0)  # Sunday
    found = dict(_pair(v) for v in _values(
        "Der Ausstand soll am Dienstag beginnen und bis Donnerstag, 15. Mai, dauern, im "
        "Güterverkehr schon am Montagabend.", "de", published))
    assert found["Montagabend"] == "2025-05-12"
    assert found["Donnerstag, 15. Mai"] == "2025-05-15"


def _pair(value: tuple) -> tuple[str, str]:
    return value[0], value[1]


def test_day_word_closing_a_quoted_title_is_a_name() -> None:
    found = _values("ذكرت صحيفة «أخبار اليوم» أن الاجتماع انتهى.", "ar")
    assert found == []


def test_accented_markers_of_the_language_files_are_matched() -> None:
    """The files write "önümüzdeki", "będzie" as spelled; the finders match them on the
    folded text (before the move to data files both were compared unfolded and missed)."""
    published = datetime(2025, 5, 11, 12, 0)  # Sunday
    tr = _values("Heyet önümüzdeki Cuma Ankara'da toplanıyor.", "tr", published)
    assert ("Cuma", "2025-05-16", "day") in tr
    pl = _values("W piątek delegacje będą ponownie negocjować.", "pl", published)
    assert pl[0][1] == "2025-05-16"
    past = _values("W piątek delegacje negocjowały w Genewie.", "pl", published)
    assert past[0][1] == "2025-05-09"


def test_days_and_years_ago_count_with_the_language_number_words() -> None:
    found = _values("The dam was built six years ago and repaired three days ago.", "en")
    assert ("six years ago", "2019", "year") in found
    assert ("three days ago", "2025-02-10", "day") in found
    ru = _values("Плотину построили два года назад.", "ru")
    assert ("два года назад", "2023", "year") in ru


def test_year_edges_and_year_cues_from_the_language_files() -> None:
    # "początek" is matched folded now (it was compared with its ogonek and missed)
    pl = _values("Budowa ruszy na początek 2026 roku, a skończy się pod koniec 2027 roku.", "pl")
    assert ("początek 2026 roku", "2026-01", "month") in pl
    assert ("pod koniec 2027 roku", "2027-12", "month") in pl
    de = _values("Die Bank erwartet für 2026 eine Teuerung von 2,0 Prozent.", "de")
    assert ("2026", "2026", "year") in de
