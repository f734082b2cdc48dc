"""Quantities: separators, magnitude words, counted things and hedges in several scripts."""

import pytest

from rashomon.extract.quantities import extract_quantities


def _one(text: str, lang: str):
    found = extract_quantities(text, lang, [])
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "lang", "value", "counted_key", "hedge"),
    [
        ("Aiuti per circa 100mila abitanti della valle.", "it", 100_000, "residents", "about"),
        ("La città conta 120.000 abitanti.", "it", 120_000, "residents", None),
        ("The town has more than 120,000 residents.", "en", 120_000, "residents", "more_than"),
        ("Die Stadt hat rund 1,2 Millionen Einwohner.", "de", 1_200_000, "residents", "about"),
        ("В городе около 12 тысяч жителей.", "ru", 12_000, "residents", "about"),
        ("این شهر 120 هزار سکنه دارد.", "fa", 120_000, "residents", None),
        ("يعيش في المدينة نحو 120 ألف نسمة.", "ar", 120_000, "residents", "about"),
        ("该市约有3万居民。", "zh", 30_000, "residents", "about"),
        ("Sono stati uccisi almeno 4 dipendenti.", "it", 4, "employees", "at_least"),
        ("Στην πόλη ζουν περίπου 5.000 κάτοικοι.", "el", 5_000, "residents", "about"),
        ("بیش از 300 نفر کشته شدند.", "fa", 300, "dead", "more_than"),
        ("Transmisję obejrzało ponad 6 milionów ludzi.", "pl", 6_000_000, "people", "more_than"),
        ("Na demonstracji było około 3000 osób.", "pl", 3000, "people", "about"),
        ("Er kwamen zo'n 400 mensen op af.", "nl", 400, "people", "about"),
        ("Mais de 200 pessoas foram retiradas das casas.", "pt", 200, "people", "more_than"),
        ("На мітинг прийшли близько 500 осіб.", "uk", 500, "people", "about"),
    ],
)
def test_counts_in_many_scripts(text, lang, value, counted_key, hedge) -> None:
    q = _one(text, lang)
    assert q.value == value
    assert q.counted_key == counted_key
    assert q.hedge == hedge
    assert text[q.start:q.end] == q.text


def test_time_units_are_units_with_a_counted_key() -> None:
    q = _one("Il blocco è durato più di 9 mesi.", "it")
    assert (q.value, q.unit, q.counted_key, q.hedge) == (9, "month", "months", "more_than")
    fa = _one("محاصره 9 ماهه این منطقه", "fa")
    assert (fa.value, fa.unit) == (9, "month")
    ru = _one("Переговоры длились более 3 месяцев.", "ru")
    assert (ru.value, ru.unit, ru.hedge) == (3, "month", "more_than")


def test_money_and_percent() -> None:
    q = _one("Il fondo vale 1,2 milioni di euro.", "it")
    assert (q.value, q.unit) == (1_200_000, "EUR")
    usd = _one("A $5 billion package was approved.", "en")
    assert (usd.value, usd.unit) == (5e9, "USD")
    pct = _one("Inflation rose to 5.5% in August.", "en")
    assert (pct.value, pct.unit) == (5.5, "%")
    zh = _one("项目耗资1.2亿美元。", "zh")
    assert (zh.value, zh.unit) == (1.2e8, "USD")


def test_number_words_need_a_counted_noun() -> None:
    q = _one("Two trucks crossed the border.", "en")
    assert (q.value, q.counted_key) == (2, "trucks")
    assert extract_quantities("One of the two said no.", "en", []) == []


def test_years_and_bare_numbers_are_not_quantities() -> None:
    assert extract_quantities("Nel 2022 la crisi è iniziata.", "it", []) == []
    assert extract_quantities("گروه 20 در هند", "fa", []) == []
    assert extract_quantities("Collage 24 Channel", "en", []) == []


def test_decimal_separators_follow_the_language() -> None:
    assert _one("Sono stati spesi 1.500 euro.", "it").value == 1500
    assert _one("They spent 1.5 million dollars.", "en").value == 1_500_000
    assert _one("Il costo è di 2,5 milioni di euro.", "it").value == 2_500_000


# --- number words with a noun, clock times, numbers in names, "2 bin 400" ---


@pytest.mark.parametrize(
    ("text", "lang", "value", "counted"),
    [
        ("The fire reached four villages before dawn.", "en", 4, "villages"),
        ("Η φωτιά έφτασε σε τέσσερα χωριά το πρωί.", "el", 4, "χωριά"),
        ("Teherán envió tres delegados y dos clubes se retiraron.", "es", 3, "delegados"),
        ("В операции участвовали восемь буксиров.", "ru", 8, "буксиров"),
        ("وعقد الطرفان ثلاث جولات من المحادثات.", "ar", 3, "جولات"),
        ("نمایندگان سه کشور در این نشست حضور داشتند.", "fa", 3, "کشور"),
    ],
)
def test_number_words_with_a_noun(text: str, lang: str, value: float, counted: str) -> None:
    q = extract_quantities(text, lang, [])[0]
    assert (q.value, q.counted) == (value, counted)


def test_pronoun_number_words_are_not_counts() -> None:
    assert extract_quantities("Gli altri due hanno votato contro.", "it", []) == []
    assert extract_quantities("The three said they would stay.", "en", []) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Толчки были зафиксированы в 03:17 по местному времени.", "ru"),
        ("火箭于17时17分在酒泉卫星发射中心点火发射。", "zh"),
        ("Shenzhou-20 blasted off at night; the Covid-19 rules were lifted.", "en"),
    ],
)
def test_clock_times_and_numbers_in_names_are_not_quantities(text: str, lang: str) -> None:
    assert extract_quantities(text, lang, []) == []


def test_magnitude_with_a_remainder() -> None:
    q = extract_quantities("AFAD bölgeye 2 bin 400 çadır gönderdi.", "tr", [])[0]
    assert (q.value, q.text) == (2400, "2 bin 400")
    q = extract_quantities("Прибыли 3 тысячи 500 беженцев.", "ru", [])[0]
    assert (q.value, q.counted_key) == (3500, "refugees")


@pytest.mark.parametrize(
    ("text", "lang", "value", "outcome"),
    [
        ("По данным МЧС, погибли 12 человек.", "ru", 12, "dead"),
        ("Depremde 231 kişi yaralandı.", "tr", 231, "injured"),
        ("Dabei kamen mindestens zwölf Menschen ums Leben.", "de", 12, "dead"),
        ("شمار جان‌باختگان این زلزله به ۱۴ نفر رسید.", "fa", 14, "dead"),
        ("Circa 3mila persone sono state evacuate.", "it", 3000, "evacuated"),
        ("地震造成12人死亡。", "zh", 12, "dead"),
        ("وأفادت السلطات بأن 40 شخصا ما زالوا مفقودين.", "ar", 40, "missing"),
    ],
)
def test_a_generic_count_takes_the_outcome_of_its_clause(text, lang, value, outcome) -> None:
    """"12 people" counts the dead when they died: the toll gets one key in every language."""
    q = _one(text, lang)
    assert (q.value, q.counted_key) == (value, outcome)


def test_each_count_takes_the_outcome_nearest_to_it() -> None:
    quantities = extract_quantities(
        "The quake killed at least 12 people and injured more than 200 others, officials "
        "said, while 30 buildings collapsed.", "en", [])
    keys = {q.value: q.counted_key for q in quantities}
    assert keys == {12: "dead", 200: "injured", 30: "buildings"}


@pytest.mark.parametrize(
    ("text", "lang", "hedge"),
    [
        ("Gemide yaklaşık 140 bin konteyner bulunuyordu.", "tr", "about"),
        ("Zatrzymano ponad 200 osób.", "pl", "more_than"),
        ("Звільнено щонайменше 100 полонених.", "uk", "at_least"),
        ("Er werden ongeveer 3000 mensen geëvacueerd.", "nl", "about"),
    ],
)
def test_hedges_in_turkish_polish_ukrainian_dutch(text, lang, hedge) -> None:
    assert _one(text, lang).hedge == hedge


def test_hyphenated_durations_and_dotted_clock_times() -> None:
    hour = _one("Pilots called a 48-hour strike.", "en")
    assert (hour.value, hour.unit) == (48, "hour")
    stunden = _one("Die Gewerkschaft ruft zu einem 48-stündigen Streik auf.", "de")
    assert (stunden.value, stunden.unit) == (48, "hour")
    assert extract_quantities("Der Streik beginnt um 0.01 Uhr und endet um 23.59 Uhr.",
                              "de", []) == []
    cut = _one("Die EZB senkt den Leitzins um 0,25 Prozentpunkte.", "de")  # "um" = by
    assert (cut.value, cut.unit) == (0.25, "pp")


@pytest.mark.parametrize(
    ("text", "lang", "age"),
    [
        ("In Monterenzio wird ein 70-jähriger Mann vermisst.", "de", 70),
        ("В районе Монтеренцио пропал без вести 67-летний мужчина.", "ru", 67),
        ("Proseguono le ricerche dell'uomo di 67 anni disperso.", "it", 67),
        ("Un hombre de 67 años continúa desaparecido.", "es", 67),
        ("A 67-year-old man is missing.", "en", 67),
    ],
)
def test_a_persons_age_is_one_slot_in_every_language(text, lang, age) -> None:
    q = _one(text, lang)
    assert (q.value, q.unit, q.counted_key) == (age, "year", "age")


def test_a_ten_year_bond_is_not_an_age() -> None:
    q = _one("Die Rendite zehnjähriger und 10-jähriger Anleihen stieg.", "de")
    assert q.counted_key != "age"


def test_turkish_writes_the_percent_before_the_number() -> None:
    quantities = extract_quantities("Trenlerin yalnızca yüzde 20'si çalıştı; enflasyon %3,5 "
                                    "oldu.", "tr", [])
    assert [(q.value, q.unit) for q in quantities] == [(20, "%"), (3.5, "%")]


@pytest.mark.parametrize(
    ("text", "lang", "value", "counted_key", "hedge"),
    [
        ("Погибли 100 с лишним человек.", "ru", 100, "dead", "more_than"),
        ("Erano 100 e passa persone in piazza.", "it", 100, "people", "more_than"),
        ("Some 20-odd people were hurt.", "en", 20, "people", "about"),
        ("سیلاب سے 1200 سے زائد افراد متاثر ہوئے۔", "ur", 1200, "people", "more_than"),
    ],
)
def test_counted_noun_after_a_trailing_hedge(text: str, lang: str, value: float,
                                             counted_key: str, hedge: str) -> None:
    q = extract_quantities(text, lang, [])[0]
    assert (q.value, q.counted_key, q.hedge) == (value, counted_key, hedge)


def test_urdu_reads_its_own_number_words_not_persian() -> None:
    # Urdu "تین" (3) and "پانچ" (5); Persian "سه" (3) is not an Urdu word
    found = extract_quantities("دھماکے میں کم از کم تین افراد ہلاک اور پانچ گاؤں متاثر ہوئے۔",
                               "ur", [])
    assert [(q.value, q.counted_key) for q in found] == [(3, "dead"), (5, "villages")]
    assert found[0].hedge == "at_least"
    assert extract_quantities("سه نفر", "ur", []) == []


def test_arabic_half_noun_with_a_joined_preposition():
    # "لشهر ونصف" (for a month and a half), "بيوم ونصف" (by a day and a half): the
    # preposition is written joined to the noun; the quantity starts after it
    from rashomon.extract.dates import extract_dates

    def found(text: str) -> list[tuple]:
        return [(q.text, q.value, q.unit) for q in
                extract_quantities(text, "ar", extract_dates(text, "ar", None))]

    assert found("أغلقت السلطات المعبر الحدودي لشهر ونصف بسبب الفيضانات.") == [
        ("شهر ونصف", 1.5, "month")]
    assert found("تأخر وصول شحنة القمح إلى الميناء بيوم ونصف عن موعدها.") == [
        ("يوم ونصف", 1.5, "day")]
    assert found("انتظر المسافرون بساعتين ونصف قبل إقلاع الطائرة.") == [
        ("ساعتين ونصف", 2.5, "hour")]
    # without "ونصف" a noun with a joined preposition is no figure ("لساعة" = for an hour)
    assert found("توقف المصنع لساعة ثم عاد إلى العمل.") == []
