"""Persian entities on ordinary modern news text, and the news sentences we wrote for the
Persian CRF (tools/data/ner-written.fa.txt). The example texts below are our own and their
names are in none of the written sentences (checked below), so the model tests measure what
the model generalises to; the written sentences hold no name of the Persian evaluation
articles (bench/heldout, bench/gold, the Persian seed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from written_ner import load

from rashomon.extract.entities import extract_mentions
from rashomon.extract.ner import tokenize
from rashomon.text.normalize import clean_text

BENCH = Path(__file__).resolve().parent.parent / "bench"
#: The names of the Persian seed article (../shared/seeds, outside the repository, so listed
#: here): its persons, places, bodies and agency, and the first names of its Russian and
#: American persons, so that no written sentence teaches the model the seed's own names.
SEED_NAMES = (
    "ایسنا", "روسیه", "اوکراین", "پولیتیکو", "استانبول", "جمهوری آذربایجان", "آذربایجان",
    "قرهباغ", "قره باغ", "قره‌باغ", "لاچین", "لوئیس بونو", "بونو", "لوئیس", "آمریکا",
    "ایالات متحده", "واشنگتن", "قفقاز", "تویوو کلار", "تویوو", "کلار", "اتحادیه اروپا",
    "ایگور خوائف", "ایگور", "خوائف", "ولادیمیر پوتین", "ولادیمیر", "پوتین", "ارمنستان",
    "آنتونی بلینکن", "آنتونی", "بلینکن", "سرگئی لاوروف", "سرگئی", "لاوروف", "گروه ۲۰", "هند",
    "مسکو", "دیمیتری پسکوف", "دیمیتری", "پسکوف", "کرملین", "ترکیه")


def _words(text: str) -> list[str]:
    """The runtime's tokens without ZWNJ (written with or without it, a name is one name)."""
    return [text[s:e].replace("\u200c", "") for s, e in tokenize(text)]


def _evaluation_names() -> set[str]:
    names = set(SEED_NAMES)
    files = [BENCH / "heldout" / "extraction.json", *(BENCH / "gold" / "extraction").glob("*.json")]
    for file in files:
        for article in json.loads(file.read_text(encoding="utf-8")):
            if article.get("language") == "fa":
                names |= {e["text"] for e in article["entities"]}
    return names


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[k:k + len(part)] == part for k in range(len(words) - len(part) + 1))


def test_the_written_persian_sentences_hold_no_name_of_the_evaluation_articles() -> None:
    names = [_words(name) for name in _evaluation_names()]
    assert len(names) > 60  # the held-out and gold articles' names were read
    rows = load("fa")
    assert len(rows) >= 600
    for row in rows:
        words = [t.replace("\u200c", "") for t in row["tokens"]]
        found = [" ".join(n) for n in names if n and _contains(words, n)]
        assert not found, (found, " ".join(row["tokens"]))


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(text, "fa")]


#: (our text, the name, its label): a transliterated foreign person after a Persian title or
#: role, in quotes or not; the preposition before a name and the one after it stay out.
PERSONS = [
    ("در همین حال، گریگوری ماسلوف، سخنگوی دولت محلی، در پاسخ به این گزارش گفت که اطلاعات "
     "منتشرشده دقیق نیست.", "گریگوری ماسلوف"),
    ("معاون وزیر انرژی، آرکادی بلینوف، روز سه‌شنبه به خبرنگاران گفت قیمت گاز تغییر نمی‌کند.",
     "آرکادی بلینوف"),
    ("\"فرانچسکو لومباردی\"، فرستاده ویژه دبیرکل در منطقه، با مقام‌های محلی دیدار کرد.",
     "فرانچسکو لومباردی"),
]


@pytest.mark.parametrize(("text", "name"), PERSONS)
def test_a_transliterated_person_after_a_persian_title_is_a_person(text: str, name: str) -> None:
    assert (name, "PER") in _found(text), _found(text)


#: (our text, the organisation's name, whether the span is exactly it): the generic head
#: "شرکت" of the first is left out by the model ("فولاد خراسان", a known limit in the model
#: card), so there the name need only be inside the span; the prepositions never are.
ORGANISATIONS = [
    ("نمایندگان کارگران با شرکت فولاد خراسان درباره دستمزدها به توافق رسیدند.",
     "فولاد خراسان", False),
    ("اتاق بازرگانی کرمان درباره افزایش تعرفه‌های گمرکی هشدار داد.", "اتاق بازرگانی کرمان",
     True),
    ("گزارش‌های منتشرشده درباره بانک پاسارگاد نادرست است.", "بانک پاسارگاد", True),
]


@pytest.mark.parametrize(("text", "name", "exact"), ORGANISATIONS)
def test_a_preposition_next_to_an_organisation_stays_out_of_its_span(text: str, name: str,
                                                                       exact: bool) -> None:
    found = _found(text)
    if exact:
        assert (name, "ORG") in found, found
    else:
        assert [t for t, label in found if label == "ORG" and name in t], found
    assert not [t for t, _ in found if {"با", "درباره"} & set(t.split())], found


SIGNED = ("خبرگزاری کار استان سمنان گزارش داد که کارگران کارخانه قند پس از سه ماه "
          "حقوق خود را دریافت کردند.\nانتهای پیام")


def test_an_agency_sign_off_line_is_no_part_of_the_text_and_no_name() -> None:
    assert clean_text(SIGNED, "fa").splitlines()[-1].endswith("دریافت کردند.")
    for line in ("انتهای پیام/", "/انتهای پیام", "پایان خبر"):
        assert clean_text("وزیر گفت.\n" + line, "fa") == "وزیر گفت."
    # the tagger itself, given the line (a page read without the cleaning), finds no name in it
    assert not [t for t, _ in _found(SIGNED) if "پیام" in t], _found(SIGNED)


#: (our text, the name, its label): bodies whose generic head carries an ezafe chain (a
#: specialty and a city, "عالی" and a plural), a news site named without a generic head after
#: "به گزارش" and a place closed by a direction word; the CRF without the second part of the
#: written sentences cut the hospital to "قلب الزهرا شیراز" and missed the site and the council.
BODIES_AND_PLACES = [
    ("حال دو کارگر که به بیمارستان فوق تخصصی قلب الزهرا شیراز منتقل شدند وخیم است.",
     "بیمارستان فوق تخصصی قلب الزهرا شیراز", "ORG"),
    ("به گزارش نامه نیوز، نشست نمایندگان با وزیر بی‌نتیجه ماند.", "نامه نیوز", "ORG"),
    ("به گزارش پارسینه، قیمت سیمان در بازار دوباره افزایش یافت.", "پارسینه", "ORG"),
    ("شورای عالی استان‌ها با طرح تازه مالیاتی مخالفت کرد.", "شورای عالی استان‌ها", "ORG"),
    ("سخنگوی وزارت امور زنان افغانستان این گزارش را رد کرد.", "وزارت امور زنان افغانستان",
     "ORG"),
    ("آتش‌سوزی گسترده در استرالیای جنوبی هزاران هکتار جنگل را سوزاند.", "استرالیای جنوبی",
     "LOC"),
]


@pytest.mark.parametrize(("text", "name", "label"), BODIES_AND_PLACES)
def test_a_body_with_its_ezafe_chain_and_a_place_with_a_direction_are_whole(
        text: str, name: str, label: str) -> None:
    assert (name, label) in _found(text), _found(text)


def test_the_examples_are_not_in_the_written_sentences() -> None:
    examples = [example[1] for example in PERSONS + ORGANISATIONS + BODIES_AND_PLACES] + [
        "خبرگزاری کار", "سمنان"]
    text = "\n".join(" ".join(t.replace("\u200c", "") for t in row["tokens"])
                     for row in load("fa"))
    for name in examples:
        assert " ".join(_words(name)) not in text, name
