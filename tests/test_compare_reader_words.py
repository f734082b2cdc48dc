"""The words a reader's view and its Markdown show are the reader's own: every reader data
file (compare/reader/<lang>.json) has every key of the English one, so no English word
falls through to a reader of another language, and the Markdown's own words come from it."""

from __future__ import annotations

import json

import pytest

from rashomon.compare import wording
from rashomon.compare.render import to_markdown

FILES = sorted(wording.READER_DIR.glob("*.json"))


def _keys(node: dict, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for key, value in node.items():
        found |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return found


def _values(node: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in _keys(node):
        value = node
        for part in key.split("."):
            value = value[part]
        out[key] = value
    return out


ENGLISH = json.loads((wording.READER_DIR / "en.json").read_text("utf-8"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_reader_file_has_every_key_and_placeholder(path) -> None:
    own = json.loads(path.read_text("utf-8"))
    # counts have one form per CLDR plural category of the language (test_web_reader_word_files)
    plain = {k for k in _keys(own) if not k.startswith("counts.")}
    assert plain == {k for k in _keys(ENGLISH) if not k.startswith("counts.")}
    english = _values(ENGLISH)
    for key, value in _values(own).items():
        if key.startswith("counts."):
            continue
        for slot in ("{n}", "{id}", "{place}", "{name}", "{speaker}", "{source}",
                     "{language}"):
            if key.startswith("hedges."):
                continue  # a hedge may place the figure ({n}) where its language puts it
            assert (slot in value) == (slot in english[key]), (path.stem, key, value)


def test_more_reader_languages_than_the_first_three() -> None:
    codes = {p.stem for p in FILES}
    assert {"es", "it", "ru", "ar", "fa", "zh", "tr", "uk"} <= codes
    for code in codes:
        assert wording.word_language(code) == code


def test_a_hedge_placed_after_the_figure() -> None:
    assert wording.figure(12, None, "more_than", "tr") == "12 üzeri"
    assert wording.figure(12, None, "more_than", "en") == "more than 12"
    assert wording.figure(12, None, "at_least", "tr") == "en az 12"


def _report(lang: str | None) -> dict:
    evidence = {"article_id": 1, "start": 0, "end": 20, "source": "a.example",
                "sentence": "Zwölf Menschen starben.", "language": "de"}
    report = {
        "story": {"id": 7, "title": "Beben", "article_count": 2, "independent_count": 2,
                  "languages": ["de", "en"], "first_reporter": None},
        "contradictions": [{"kind": "quantity", "slot": "dead", "severity": "high",
                            "values": [{"value": 12, "text": "Zwölf",
                                        "evidence": evidence}]}],
        "implausible": [], "agreements": [], "only_in": {"a.example": []}, "timeline": [],
        "sources": [{"source": "a.example", "languages": ["de"], "first_published": None,
                     "copies": []}],
    }
    if lang:
        report["reader_language"] = lang
    return report


def test_markdown_words_in_the_reader_language() -> None:
    german = to_markdown(_report("de"))
    for words in ("# Geschichte 7", "2 Artikel", "2 unabhängige Quellen", "## Widersprüche",
                  "**hoch** Zahl", "## Übereinstimmungen", "## Nur bei", "## Zeitleiste",
                  "| Quelle | Sprachen | zuerst veröffentlicht | Kopien |", "Artikel 1 @0-20",
                  "zuerst berichtet von: unbekannt"):
        assert words in german
    for english in ("## Contradictions", "## Agreements", "(none)", "first reporter"):
        assert english not in german
    plain = to_markdown(_report(None))  # no reader language: the English words
    assert "## Contradictions" in plain and "**high** figure" in plain
    unknown = to_markdown(_report("xx"))  # not a language: English, not an error
    assert "## Agreements" in unknown
