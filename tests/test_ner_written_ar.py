"""Arabic entities on ordinary modern news text, and the news sentences we wrote for the
Arabic CRF (tools/data/ner-written.ar.txt). The example texts below are our own and their
names are in none of the written sentences (checked below), so the model tests measure what
the model generalises to; the written sentences hold no name of the Arabic evaluation
articles (bench/heldout, bench/gold)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from written_ner import load

from rashomon.extract.entities import extract_mentions
from rashomon.extract.ner import tokenize

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def _evaluation_names() -> set[str]:
    names: set[str] = set()
    files = [BENCH / "heldout" / "extraction.json", *(BENCH / "gold" / "extraction").glob("*.json")]
    for file in files:
        for article in json.loads(file.read_text(encoding="utf-8")):
            if article.get("language") == "ar":
                names |= {e["text"] for e in article["entities"]}
    return names


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[k:k + len(part)] == part for k in range(len(words) - len(part) + 1))


def test_the_written_arabic_sentences_hold_no_name_of_the_evaluation_articles() -> None:
    names = [_words(name) for name in _evaluation_names()]
    assert len(names) > 50  # the held-out and gold articles' names were read
    rows = load("ar")
    assert len(rows) >= 140
    for row in rows:
        found = [" ".join(n) for n in names if n and _contains(row["tokens"], n)]
        assert not found, (found, " ".join(row["tokens"]))


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(text, "ar")]


#: (our text, the name, its label): a prosecutor's office with the city it sits in, a
#: university hospital group closed by its adjective, a ministry named by its nationality
#: adjective with "وزارة" left out; the Arabic tagger without the written sentences gave only
#: the city of the first and nothing for the other two.
BODIES = [
    ("قالت النيابة العامة في لوزان إنها فتحت تحقيقاً في سرقة البيانات.",
     "النيابة العامة في لوزان", "ORG"),
    ("أعلنت مستشفيات بوردو الجامعية أن أنظمتها عادت إلى العمل.", "مستشفيات بوردو الجامعية",
     "ORG"),
    ("قالت الخارجية اليابانية إن طوكيو قلقة من التجربة الصاروخية.", "الخارجية اليابانية",
     "ORG"),
]


@pytest.mark.parametrize(("text", "name", "label"), BODIES)
def test_a_body_with_its_place_or_adjective_is_one_organisation(text: str, name: str,
                                                                label: str) -> None:
    found = _found(text)
    assert (name, label) in found, found
    # the place inside the body is no name of its own
    assert not [t for t, lab in found if lab == "LOC" and t in name], found


def test_the_examples_are_not_in_the_written_sentences() -> None:
    text = "\n".join(" ".join(row["tokens"]) for row in load("ar"))
    for _, name, _ in BODIES:
        assert " ".join(_words(name)) not in text, name
    for place in ("لوزان", "بوردو", "اليابانية"):
        assert place not in text, place
