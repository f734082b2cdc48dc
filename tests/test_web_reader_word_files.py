"""The reader's word files (compare/reader/<lang>.json) are complete, translated and agree
with CLDR where CLDR has the word:

- every file has exactly the keys of en.json, each value the same placeholders;
- no English is left in a file of another language: a value equal to its English one is
  allowed only when it is that language's word too (listed below, judged one by one), and
  no translation keeps two English words of its English value in a row; files of other
  scripts hold no Latin word but format names;
- "and" in an enumeration ("people, places and organisations", "names, dates and
  figures") is the conjunction of the language's CLDR list pattern, as the page's own
  lists are (Babel's format_list, web/reader.py);
- weekday, month and language names are never written in a file: the view takes them from
  CLDR (compare/wording.py: weekday, language_name), so they cannot disagree with it."""

from __future__ import annotations

import json
import re

import pytest
from babel import Locale
from babel.lists import format_list

from rashomon.compare.wording import READER_DIR

FILES = sorted(READER_DIR.glob("*.json"))
OTHERS = [p for p in FILES if p.stem != "en"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
#: Words the same in English and in the file's language (judged: the French, German,
#: Spanish, Italian, Dutch or Portuguese word is spelt so), by key.
SAME_WORD = {
    "fr": {"types.ORG", "counted.villages", "counted.minutes", "dimensions.km",
           "dimensions.magnitude", "unit_words.IRT", "unit_words.magnitude", "date",
           "counts.sources.one", "counts.sources.other", "counts.contradictions.one",
           "counts.contradictions.other", "page.articles", "page.source",
           "counts.articles.one", "counts.articles.other", "report.contradictions",
           "report.sources", "report.source", "report.copies", "report.article",
           "report.article_n", "report.kinds.date", "page.col_sources", "page.original",
           "page.legend.date"},
    "de": {"page.col_name", "page.col_feed", "page.col_status"},
    "es": {"page.original", "errors.title"},
    "it": {"page.col_feed"},
    "nl": {"counted.containers", "page.col_feed", "page.col_item", "page.col_status"},
    "pt": {"dimensions.magnitude", "unit_words.IRT", "unit_words.magnitude", "page.original",
           "page.col_feed", "page.col_item"},
}
#: Names of file formats and tools, the same in every language.
FORMATS = {"CSV", "JSON", "Markdown", "API", "RSS", "Atom", "news-please"}
LATIN_SCRIPT = {"de", "en", "es", "fr", "it", "nl", "pl", "pt", "tr"}


def flat(node: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def load(path) -> dict[str, str]:
    values = flat(json.loads(path.read_text("utf-8")))
    values.pop("about")  # the file's description, for whoever edits it
    return values


ENGLISH = load(READER_DIR / "en.json")


def english_of(key: str) -> str:
    """The English value a key of any file answers to: a count's plural form that English
    lacks ("counts.sources.few") answers to English's "other" form."""
    if key in ENGLISH:
        return ENGLISH[key]
    return ENGLISH[key.rsplit(".", 1)[0] + ".other"]


def plural_categories(lang: str) -> set[str]:
    """CLDR's plural categories of ``lang`` (Babel): "other" and the explicit ones."""
    return set(Locale.parse(lang).plural_form.tags) | {"other"}


def single_number(lang: str, category: str) -> bool:
    """A category only one whole number falls in (Arabic "two", English "one"): its form
    may say the number in words ("مصدران" for 2 sources)."""
    rule = Locale.parse(lang).plural_form
    return sum(rule(n) == category for n in range(0, 1000)) == 1


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_key_of_english_with_the_same_placeholders(path) -> None:
    own = load(path)
    plain = {k for k in own if not k.startswith("counts.")}
    english = {k for k in ENGLISH if not k.startswith("counts.")}
    assert plain == english, (sorted(english - plain), sorted(plain - english))
    for key, value in own.items():
        assert isinstance(value, str) and value.strip(), (path.stem, key)
        slots, english = set(PLACEHOLDER.findall(value)), set(PLACEHOLDER.findall(english_of(key)))
        if key.startswith("hedges."):  # "{n} üzeri": a hedge may place the figure itself
            slots.discard("{n}")
        if key.startswith("counts.") and single_number(path.stem, key.rsplit(".", 1)[1]):
            slots.add("{n}")  # "مصدر واحد", "مصدران": the number said by the noun form
        assert slots == english, (path.stem, key, value)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_counts_have_a_form_for_every_cldr_plural_category(path) -> None:
    """A count's noun takes the form of the number's CLDR plural category: one and other
    in English, German or Persian, one / few / many / other in Russian, Ukrainian and
    Polish, six in Arabic, other only in Chinese and Japanese; every count English has,
    every category the language has, no other."""
    counts = json.loads(path.read_text("utf-8"))["counts"]
    english = json.loads((READER_DIR / "en.json").read_text("utf-8"))["counts"]
    assert set(counts) == set(english), path.stem
    for key, forms in counts.items():
        assert set(forms) == plural_categories(path.stem), (path.stem, key, sorted(forms))


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "1 source"), ("en", 21, "21 sources"),
    ("ru", 1, "1 источник"), ("ru", 3, "3 источника"), ("ru", 5, "5 источников"),
    ("ru", 21, "21 источник"), ("ru", 1234, "1 234 источника"),
    ("pl", 22, "22 źródła"), ("pl", 25, "25 źródeł"), ("uk", 11, "11 джерел"),
    ("ar", 1, "مصدر واحد"), ("ar", 2, "مصدران"), ("ar", 3, "3 مصادر"), ("ar", 11, "11 مصدرًا"),
    ("ar", 100, "100 مصدر"), ("ja", 1, "情報源1件"), ("fr", 0, "0 source"),
])
def test_counted_noun_forms(lang, n, expected) -> None:
    from rashomon.compare.reader_words import counted

    assert counted("sources", n, lang).replace("\u00a0", " ").replace("\u202f", " ") == expected


def letter_words(text: str) -> list[str]:
    """The words of a value, its placeholders and format names left out."""
    found = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", PLACEHOLDER.sub(" ", text))
    return [w for w in found if w not in FORMATS]


def pairs_of(found: list[str]) -> set[tuple[str, str]]:
    """Two words in a row."""
    return {(found[i], found[i + 1]) for i in range(len(found) - 1)}


@pytest.mark.parametrize("path", OTHERS, ids=[p.stem for p in OTHERS])
def test_no_english_left(path) -> None:
    lang, own = path.stem, load(path)
    allowed = SAME_WORD.get(lang, set())
    for key, value in own.items():
        english = english_of(key)
        if not letter_words(english):
            continue  # "({language})", "{count}: {names}": no word to translate
        if value == english:
            assert key in allowed, (lang, key, value)
            continue
        kept = pairs_of(letter_words(value)) & pairs_of(letter_words(english))
        assert not kept, (lang, key, value, kept)
        if lang not in LATIN_SCRIPT:
            latin = [w for w in letter_words(value) if w.isascii()]
            assert not latin, (lang, key, value)
    assert allowed <= {k for k, v in own.items() if v == english_of(k)}, "stale SAME_WORD"


def cldr_and(lang: str) -> str:
    """The joint before the last of three items in ``lang``'s CLDR list pattern, without
    its spaces: ", and" (en), "und" (de), "، و" (fa), "和" (zh), "、" (ja)."""
    text = format_list(["\x00", "\x01", "\x02"], style="standard", locale=lang)
    return text.split("\x01", 1)[1].split("\x02", 1)[0].strip(" ")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_enumerations_join_with_the_cldr_and(path) -> None:
    own, joint = load(path), cldr_and(path.stem)
    for key in ("page.entities", "report.gloss_note"):  # three things each
        assert joint in own[key], (path.stem, key, own[key], joint)


def cldr_names(lang: str) -> set[str]:
    loc = Locale.parse(lang)
    names = {str(n) for n in loc.languages.values()}
    for context in ("format", "stand-alone"):
        names |= {str(n) for n in loc.days[context]["wide"].values()}
        names |= {str(n) for n in loc.months[context]["wide"].values()}
    return {n.lower() for n in names if len(n) > 2}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_weekdays_months_and_languages_come_from_cldr(path) -> None:
    names = cldr_names(path.stem)
    for key, value in load(path).items():
        text = PLACEHOLDER.sub(" ", value).lower()
        if path.stem in ("zh", "ja"):  # no spaces between words: whole-value pieces
            pieces = set(re.split(r"[\s、，。：（）·・]+", text))
        else:
            pieces = set(re.findall(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", text))
        assert not pieces & names, (path.stem, key, value, pieces & names)


def test_every_variation_label_has_its_words() -> None:
    """compare/ labels a variation (its "note": a spread of estimates, a revision, a
    different period, place or day); the page names each label in the reader's words, so
    every file has every label compare writes."""
    sources = "\n".join(p.read_text("utf-8") for p in READER_DIR.parent.glob("*.py"))
    labels = set(re.findall(r'^(?:SPREAD|DIFFERENT_[A-Z]+) = "([a-z ]+)"', sources, re.M))
    labels |= set(re.findall(r'return "(different [a-z]+|revision)"', sources))
    assert {"spread of estimates", "revision", "different place"} <= labels, labels
    for path in FILES:
        notes = set(json.loads(path.read_text("utf-8"))["report"]["notes"])
        assert labels <= notes, (path.stem, labels - notes)
