"""Parts of a total, in every language with a partitive file: the figure a partitive
marks is a part ("among them 7", "7 of the injured"), the total beside it is not."""

from __future__ import annotations

import pytest

from rashomon.compare.parts import _languages, is_part

# (language, sentence, figure, is it a part?)
CASES = [
    ("en", "Thirteen civilians, among them 7 children, were killed.", "7", True),
    ("en", "7 of the injured were flown to Bushehr.", "7", True),
    ("en", "The strike killed 35 people, 12 of them children.", "12", True),
    ("en", "The strike killed 35 people, 12 of them children.", "35", False),
    ("en", "3 of the 13 victims were children.", "3", True),
    ("en", "The strike killed 35 people in Idlib.", "35", False),
    ("fr", "Le bombardement a fait 19 morts, dont 7 enfants.", "7", True),
    ("fr", "Le bombardement a fait 19 morts, dont 7 enfants.", "19", False),
    ("it", "Sono morte 13 persone, di cui 7 bambini.", "7", True),
    ("es", "Murieron 13 personas, entre ellas 7 niños.", "7", True),
    ("de", "Bei dem Angriff starben 13 Menschen, darunter sieben Kinder.", "sieben", True),
    ("de", "13 der Verletzten wurden ausgeflogen.", "13", True),
    ("nl", "Er vielen 13 doden, onder wie 7 kinderen.", "7", True),
    ("ru", "Погибли 13 человек, в том числе 7 детей.", "7", True),
    ("ru", "Среди 11 погибших — двое детей.", "11", False),  # "among the 11 dead": a total
    ("ru", "Судно везло 11 тысяч контейнеров из Сингапура.", "11", False),  # из = from
    ("ru", "7 из раненых доставлены в Москву.", "7", True),
    ("uk", "Загинули 13 людей, з них 7 дітей.", "7", True),
    ("pl", "Zginęło 13 osób, w tym 7 dzieci.", "7", True),
    ("el", "Σκοτώθηκαν 13 άνθρωποι, μεταξύ των οποίων 7 παιδιά.", "7", True),
    ("tr", "13 sivil öldü, aralarında 7 çocuk var.", "7", True),
    ("ar", "قتل 13 مدنيا بينهم سبعة أطفال.", "سبعة", True),
    ("ar", "قتل 13 مدنيا بينهم سبعة أطفال.", "13", False),
    ("ar", "دفع البرنامج 68.8 مليار ريال منها 452 مليون ريال تعويضات.", "68.8", False),
    ("fa", "۷ نفر از مجروحان به بوشهر منتقل شدند.", "۷", True),
    ("fa", "۵۰۰ نفر از تهران آمدند.", "۵۰۰", False),  # از = from
    ("zh", "空袭造成13人死亡，其中7名儿童。", "7", True),
    ("zh", "空袭造成13人死亡，其中7名儿童。", "13", False),
]


@pytest.mark.parametrize(("language", "sentence", "figure", "expected"), CASES)
def test_a_partitive_marks_the_part_not_the_total(language, sentence, figure, expected):
    at = sentence.index(figure)
    assert is_part(sentence, at, at + len(figure), language) is expected


def test_every_language_with_a_file_is_tested() -> None:
    assert set(_languages()) == {language for language, *_ in CASES}


def test_a_language_without_a_file_still_knows_pronoun_partitives() -> None:
    sentence = "Thirteen civilians, among them 7 children, were killed."
    at = sentence.index("7")
    assert is_part(sentence, at, at + 1, None)
