"""The per-language data files (``src/rashomon/lang/<code>.toml``): their shape, and the
extraction behaviour that now comes from them instead of word tables in code."""

from __future__ import annotations

import re
import tomllib

import pytest

from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.extract.lexicon import (
    HIJRI_MONTHS,
    LANG_DIR,
    PERSIAN_MONTHS,
    all_words,
    inflection,
    is_cased,
    lexicon_languages,
    month_names,
)
from rashomon.extract.ner import model_language

#: Every top-level table a data file may hold, and the keys of the small ones.
SECTIONS = {"quotes", "entities", "quantities", "language", "names", "dates", "rules", "text",
            "partitives", "institutions", "tallies"}
QUANTITY_PATTERNS = {"age_after_hyphen", "age_person"}
LANGUAGE_KEYS = {"cased": bool, "apostrophe_in_words": bool, "ner_model": str,
                 "capitalises_nouns": bool, "compounds": bool, "inflected_adjectives": bool,
                 "apostrophe_case_suffixes": bool, "spaces_between_words": bool}
#: The fallback rule typer's tables (``[rules]``): word lists, and two regular expressions.
RULE_PATTERNS = {"adjective_endings", "strong_adjective_endings"}
INFLECTION_KEYS = {"endings", "fleeting", "clitic_prefixes", "clitic_suffixes",
                   "replacements", "key_endings", "genitive_s"}


@pytest.mark.parametrize("path", sorted(LANG_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_data_file_shape(path):
    assert re.fullmatch(r"[a-z]{2,3}", path.stem), "a file is named by its language code"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data and set(data) <= SECTIONS
    for key, value in data.get("language", {}).items():
        assert isinstance(value, LANGUAGE_KEYS[key]), key
    if "ner_model" in data.get("language", {}):
        assert (LANG_DIR / f"{data['language']['ner_model']}.toml").exists()
    rules = data.get("names", {}).get("inflection", {})
    assert set(rules) <= INFLECTION_KEYS
    for name in ("endings", "clitic_prefixes", "clitic_suffixes", "key_endings"):
        assert all(isinstance(w, str) and w for w in rules.get(name, []))
    assert all(len(pair) == 2 for pair in rules.get("replacements", []))
    if "fleeting" in rules:
        re.compile(rules["fleeting"])
    for name, value in data.get("rules", {}).items():
        if name in RULE_PATTERNS:
            assert re.compile(value).pattern.endswith("$"), "an ending is matched at the end"
        else:
            assert value and all(isinstance(w, str) and w == w.strip() for w in value), name
    for name, value in data.get("institutions", {}).items():  # extract/institutions.py
        if name.endswith("_endings"):
            re.compile(value)
        elif isinstance(value, list):
            assert all(isinstance(w, str) and w == w.strip() and w for w in value), name
        else:
            assert isinstance(value, bool | str), name


def test_language_properties_come_from_the_files():
    assert {"en", "fa", "ko", "cs", "ca"} <= set(lexicon_languages())
    assert not is_cased("fa") and not is_cased("ko") and not is_cased("zh")
    assert is_cased("en") and is_cased("ru")
    assert is_cased("xx") and is_cased("../../etc")  # no file: a cased script is assumed
    # a language without a model of its own uses the related one its file names
    assert model_language("uk") == "ru" and model_language("ca") == "es"
    assert model_language("en") == "en" and model_language("el") is None
    assert "Este".casefold() in all_words("names", "sentence_openers")
    assert {"degli", "von", "of"} <= all_words("names", "connectors")
    assert inflection("xx") == {} and inflection("en") == {}
    assert set(inflection("ru")) == {"endings", "fleeting"}


def test_calendar_months_from_the_files():
    assert PERSIAN_MONTHS[0] == "فروردین" and len(PERSIAN_MONTHS) == 12
    assert HIJRI_MONTHS["رمضان"] == 9 and HIJRI_MONTHS["ربیع الاول"] == 3  # ar and fa spellings
    assert month_names("ar")["شباط"] == 2  # Levantine month names beyond CLDR (ar.toml)
    assert "شباط" not in month_names("fa")


def _canonicals(language: str, text: str) -> dict[str, str | None]:
    facts = extract_facts(Article(title=text[:20], maintext=text, language=language))
    return {text[m.start:m.end]: m.canonical for m in facts.mentions}


@pytest.mark.parametrize("language, text, surface, canonical", [
    # case endings cut by stem (ru.toml / cs.toml endings)
    ("ru", "По данным Минздрава, в Египте погибли 12 человек.", "Египте", "Egypt"),
    ("uk", "За даними ООН, з Харкова евакуювали понад 100 тисяч мешканців.", "Харкова",
     "Kharkiv"),
    ("cs", "Premiér Petr Fiala v pondělí navštívil Prahu a Brno.", "Prahu", "Prague"),
    # a genitive s (de.toml), an ending replaced (el.toml)
    ("de", "Der Präsident Frankreichs traf am Dienstag den Kanzler.", "Frankreichs", "France"),
    ("el", "Σύμφωνα με την Επιτροπή, 120.000 κάτοικοι της Αθήνας επηρεάστηκαν.", "Αθήνας",
     "Athens"),
])
def test_inflected_names_found_through_the_data_files(language, text, surface, canonical):
    assert _canonicals(language, text).get(surface) == canonical


def test_rule_typer_reads_the_files():
    from rashomon.extract.rule_words import _ADJECTIVE, _LIST_JOINER, _ORG_WORDS
    from rashomon.lang import Lexicon

    def language_flag(lang: str, name: str) -> bool:
        return Lexicon(lang).flag("language", name)

    assert "ministr" in _ORG_WORDS and "υπουργ" in _ORG_WORDS  # it.toml and el.toml
    assert _ADJECTIVE["de"].search("Europäische") and not _ADJECTIVE["de"].search("Merkel")
    assert _LIST_JOINER.fullmatch(" και η ") and not _LIST_JOINER.fullmatch(" sagte ")
    assert language_flag("de", "compounds") and not language_flag("en", "compounds")
    assert language_flag("sv", "compounds")  # a file holding only language properties


def test_quantity_words_from_the_files():
    from rashomon.extract.quantities import extract_quantities

    # "في" (in) after a number is not what it counts (ar.toml not_counted, folded as the
    # text is: before, the unfolded form never matched and "في" became the counted noun)
    found = extract_quantities("ارتفع التضخم 3.5% في مارس.", "ar", [])
    assert [(q.value, q.counted) for q in found] == [(3.5, None)]
    # the decimal sign comes from CLDR: a comma in Catalan, as in Spanish
    assert [q.value for q in extract_quantities("Van morir 2,5 milions de persones.", "ca",
                                                [])][:1] == [2500000.0]


def test_text_stage_reads_the_files():
    from rashomon.compare.gloss import _latin_reader
    from rashomon.lang import default_script
    from rashomon.text.normalize import is_debris_line
    from rashomon.text.sentences import ABBREVIATIONS

    assert is_debris_line("Leggi anche: Il vertice di Bruxelles si chiude senza accordo")
    assert is_debris_line("Paylaş  Facebook  Twitter")  # tr.toml share words
    assert not is_debris_line("Leaders share concerns over the new tariffs")
    assert {"dott", "т.е", "π.χ"} <= ABBREVIATIONS
    # the default script comes from CLDR: Bengali and Tajik readers are not Latin readers
    assert default_script("bn") == "Beng" and default_script("tg") == "Cyrl"
    assert not _latin_reader("bn") and _latin_reader("az") and _latin_reader("xx")


def test_hand_written_gazetteer_file():
    from rashomon.extract.gazetteer import CASE_SENSITIVE, _hand_written, gazetteer

    data = _hand_written()
    assert all(entry["label"] in {"PER", "ORG", "LOC", "MISC"} and entry["forms"]
               for entry in data["known"].values())
    assert gazetteer("fa")["اتحادیه اروپا"] == ("European Union", "ORG")
    assert "us" not in gazetteer("en") and CASE_SENSITIVE["US"] == ("United States", "LOC")


@pytest.mark.parametrize("code", ["a" * 10_000, "../../etc/passwd", "x\x00y", "ру", "", None])
def test_hostile_language_codes_give_no_data_and_no_error(code):
    from rashomon.extract.ner import model_language
    from rashomon.lang import Lexicon

    assert not Lexicon(code) and model_language(code or "") is None
    facts = extract_facts(Article(title="t", maintext="Il ministro Antonio Tajani è arrivato "
                                  "a Bruxelles ieri con 100.000 euro.", language=code))
    assert any(m.canonical == "Brussels" for m in facts.mentions)
