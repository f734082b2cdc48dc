"""Numbers written as words beyond the units (tens, teens and hundreds in ar de es tr), the
Arabic dual as a count of two, and particles after a number that are not what it counts.

The sentences are written for these tests.
"""

import pytest

from rashomon.extract.quantities import extract_quantities


def _found(text: str, lang: str) -> list[tuple[float, str | None, str | None]]:
    return [(q.value, q.counted, q.unit) for q in extract_quantities(text, lang, [])]


@pytest.mark.parametrize(("text", "lang", "value", "counted"), [
    ("أصيب خمسة وعشرون شخصا في انهيار المبنى.", "ar", 25, "شخصا"),
    ("نقل ثلاث و أربعين عائلة إلى المخيم.", "ar", 43, "عائلة"),
    ("اعتقلت الشرطة عشرين مشتبها به في المدينة.", "ar", 20, "مشتبها"),
    ("وصل ثلاثة عشر لاعبا إلى المطار.", "ar", 13, "لاعبا"),
    ("نزحت مئتا عائلة من القرية بعد الفيضان.", "ar", 200, "عائلة"),
    ("شارك ألف متطوع في حملة التنظيف.", "ar", 1000, "متطوع"),
    ("ووزعت الجمعية خمسمائة سلة غذائية.", "ar", 500, "سلة"),
    ("وأنقذ الغواصون ستة صيادين وثلاثة أطفال.", "ar", 3, "أطفال"),  # a joined "و"
    ("Der Verlag druckte dreihundert Exemplare.", "de", 300, "Exemplare"),
    ("Llegaron doscientas familias al albergue.", "es", 200, "familias"),
    ("Acudieron quinientos voluntarios.", "es", 500, "voluntarios"),
    ("Toplantıya iki yüz temsilci katıldı.", "tr", 200, "temsilci"),
])
def test_number_words(text: str, lang: str, value: float, counted: str) -> None:
    assert any(v == value and c == counted for v, c, _ in _found(text, lang))


def test_a_million_written_alone_counts_its_noun() -> None:
    assert (1_000_000, None, "EGP") in _found("سرق اللصوص مليون جنيه من الخزنة.", "ar")
    assert (2_000_000, None, "USD") in _found("بلغت الخسائر مليوني دولار.", "ar")


@pytest.mark.parametrize(("text", "counted"), [
    ("أصيب شخصان في حادث سير على الطريق الدولي.", "شخصان"),
    ("ألقت الشرطة القبض على شخصين يديران ورشة.", "شخصين"),
    ("قتل جنديان في انفجار عبوة ناسفة.", "جنديان"),
    ("احترقت سيارتين في الموقف.", "سيارتين"),
    ("وأنقذ المسعفون طفلين من تحت الأنقاض.", "طفلين"),  # a joined "و" before the verb only
])
def test_an_arabic_dual_noun_is_a_count_of_two(text: str, counted: str) -> None:
    assert (2.0, counted, None) in _found(text, "ar")


def test_a_dual_time_noun_is_two_of_its_unit() -> None:
    assert (2.0, "", "week") in _found("أغلقت المدارس لمدة أسبوعين.", "ar")
    # the singular is no count ("بعد ساعة": an hour later)
    assert _found("عاد الوفد بعد ساعة من الاجتماع.", "ar") == []


@pytest.mark.parametrize("text", [
    "وصل المواطنين إلى مقر البلدية.",  # a sound plural, not a dual
    "احتفل النادي بعيده السادس عشر.",  # "عشر" after an ordinal: the sixteenth
])
def test_no_dual_or_number_where_there_is_none(text: str) -> None:
    assert _found(text, "ar") == []


def test_a_particle_after_the_number_is_not_what_it_counts() -> None:
    found = extract_quantities("وارتفع عدد الضحايا إلى 79 بعد أن كان 60 أمس.", "ar", [])
    assert found and found[0].value == 79 and found[0].counted == "الضحايا"
    # no noun before it either: still a reported count, with no counted noun
    found = extract_quantities("وسجلت المستشفيات 418 خلال يوم واحد.", "ar", [])
    assert [(q.value, q.counted) for q in found][:1] == [(418, None)]


@pytest.mark.parametrize(("text", "lang", "value", "counted"), [
    ("Some two hundred officers guarded the summit.", "en", 200, "officers"),
    ("Deux cents policiers ont été déployés.", "fr", 200, "policiers"),
    ("Mille personnes ont défilé dans la ville.", "fr", 1000, "personnes"),
    ("Acudieron más de mil voluntarios.", "es", 1000, "voluntarios"),
    ("Rund zweitausend Polizisten sicherten den Gipfel.", "de", 2000, "Polizisten"),
    ("Über tausend Menschen kamen zur Kundgebung.", "de", 1000, "Menschen"),
])
def test_hundreds_and_thousands_in_words(text: str, lang: str, value: float,
                                         counted: str) -> None:
    assert any(v == value and c == counted for v, c, _ in _found(text, lang))


def test_a_multiplier_word_is_not_read_as_its_own_count() -> None:
    # "two hundred officers" is 200 officers, not 2 of "hundred" and 100 officers
    assert [v for v, _, _ in _found("Two hundred officers and 3 hundred cars.", "en")] == \
        [200, 300]
    # "Tausende" (thousands) is vague: no number
    assert _found("Tausende kamen zur Kundgebung.", "de") == []


@pytest.mark.parametrize(("text", "lang", "first"), [
    ("Die Polizei erlaubt 60 bis 80 km/h auf der Brücke.", "de", (60, None, "km")),
    ("Tickets cost between 9 and 17 dollars at the door.", "en", (9, None, "USD")),
    ("Asistieron de 10 a 12 personas por sesión.", "es", (10, "personas", None)),
    ("تتراوح أسعار السمك بين 9 إلى 17 جنيها.", "ar", (9, None, "EGP")),
    ("Likud kam auf 36 bis 37 Mandate.", "de", (36, "Mandate", None)),
])
def test_the_first_number_of_a_range_takes_the_second_ones_unit(text: str, lang: str,
                                                                 first: tuple) -> None:
    assert _found(text, lang)[0] == first


@pytest.mark.parametrize(("text", "lang"), [
    ("The Penguins won 5-2 at home.", "en"),  # a dash: a score, no range
    ("Die Sprechstunde ist von 16 bis 18 Uhr.", "de"),  # clock times
    ("بلغ عدد الطلبات 4000 و 778 طلبا.", "ar"),  # "و" writes one number in two parts
])
def test_no_range_where_there_is_none(text: str, lang: str) -> None:
    found = _found(text, lang)
    assert not [q for q in found if q[0] in (5, 16)]
    assert (4000, "طلبا", None) not in found
