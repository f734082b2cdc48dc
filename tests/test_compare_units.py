"""Sentence splitting in several scripts, hedge-aware value comparison, HTML escaping."""

from __future__ import annotations

import pytest

from rashomon.compare import slots
from rashomon.compare.render import to_html, to_markdown
from rashomon.core import Quantity
from rashomon.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    spans = split_sentences(text)
    for s in spans:
        assert text[s.start:s.end] == s.text
    return [s.text for s in spans]


def test_latin_abbreviations_initials_and_decimals():
    text = "Dr. Rossi met Gen. J. Smith in the U.S. capital. Growth was 3.5 per cent! Why?"
    assert _texts(text) == [
        "Dr. Rossi met Gen. J. Smith in the U.S. capital.",
        "Growth was 3.5 per cent!",
        "Why?",
    ]


def test_german_day_ordinal_is_not_a_sentence_end():
    assert _texts("Am 17. September trafen sie sich. Danach kamen 1.000 Menschen.") == [
        "Am 17. September trafen sie sich.", "Danach kamen 1.000 Menschen.",
    ]


def test_cyrillic_and_greek():
    assert _texts("Встреча прошла 17 сент. 2023 г. в Стамбуле. Погибли 4 человека.") == [
        "Встреча прошла 17 сент. 2023 г. в Стамбуле.", "Погибли 4 человека.",
    ]
    assert _texts("Η συνάντηση έγινε στην Αθήνα. Συμμετείχαν τρεις πλευρές;") == [
        "Η συνάντηση έγινε στην Αθήνα.", "Συμμετείχαν τρεις πλευρές;",
    ]


def test_persian_and_arabic_marks():
    text = "این نشست در استانبول برگزار شد. آیا این درست است؟ بله!\nانتهای پیام"
    assert _texts(text) == [
        "این نشست در استانبول برگزار شد.", "آیا این درست است؟", "بله!", "انتهای پیام",
    ]
    assert _texts("عقد الاجتماع في إسطنبول. هل هذا صحيح؟") == [
        "عقد الاجتماع في إسطنبول.", "هل هذا صحيح؟",
    ]


def test_cjk_without_spaces():
    assert _texts("会谈于9月17日在伊斯坦布尔举行。据报道，约有12万居民！「真的吗？」是的") == [
        "会谈于9月17日在伊斯坦布尔举行。", "据报道，约有12万居民！", "「真的吗？」", "是的",
    ]


def test_bullet_lines_and_quotes():
    text = "Heading\n  • Il 19 settembre è iniziata l'operazione. Poi la tregua.\n- «Basta.» Fine."
    assert _texts(text) == [
        "Heading", "Il 19 settembre è iniziata l'operazione.", "Poi la tregua.",
        "«Basta.»", "Fine.",
    ]


def _q(value: float, hedge: str | None = None, unit: str | None = None) -> Quantity:
    return Quantity(0, 1, str(value), value, unit=unit, hedge=hedge)


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (_q(100_000, "about"), _q(120_000), True),  # 20% apart: beyond "about"
        (_q(100_000, "about"), _q(95_000), False),
        (_q(9, "more_than", "month"), _q(9, None, "month"), False),
        (_q(9, "more_than", "month"), _q(12, None, "month"), False),
        (_q(9, None, "month"), _q(12, None, "month"), True),
        (_q(1240), _q(1200), False),  # rounding
        (_q(50, "up_to"), _q(30), False),
        (_q(50, "up_to"), _q(80), True),
    ],
)
def test_hedged_intervals(a: Quantity, b: Quantity, conflict: bool):
    assert (slots.gap(slots.interval(a), slots.interval(b)) > 0) is conflict


def test_severity_scale():
    assert slots.severity(abs(100_000 - 120_000) / 120_000) == "medium"
    assert slots.severity(0.05) == "low"
    assert slots.severity(0.9) == "high"


def _hostile_report() -> dict:
    evil = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
    evidence = {"article_id": 1, "sentence": evil, "start": 0, "end": len(evil),
                "source": "<b>evil.example</b>", "language": "en"}
    claim = {"id": "c1", "text": evil, "evidence": [evidence], "sources": ["<b>evil</b>"],
             "support": 1.0, "score": 0.0}
    return {
        "version": "1",
        "story": {"id": 1, "title": evil, "languages": ["en"], "article_count": 1,
                  "independent_count": 1, "first_reporter": "<i>x</i>"},
        "articles": [{"id": 1, "url": "javascript:alert(1)", "title": evil}],
        "sources": [{"source": "<b>evil</b>", "languages": ["en"], "article_ids": [1],
                     "copies": [], "first_published": None}],
        "entities": [],
        "agreements": [claim],
        "only_in": {"<b>evil</b>": [claim]},
        "contradictions": [{"slot": evil, "kind": "quantity", "severity": "high",
                            "note": None, "values": [{"value": 1, "text": evil,
                                                      "evidence": evidence}]}],
        "variations": [],
        "implausible": [{"reason": evil, "value": evil, "severity": "high",
                         "evidence": evidence}],
        "timeline": [{"date": "2024-01-01", "granularity": "day", "description": evil,
                      "evidence": [evidence]}],
    }


def test_html_escapes_article_text():
    html = to_html(_hostile_report())
    assert "<script>" not in html and "<img" not in html and "<b>evil" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html  # no link for a non-http URL


def test_markdown_lists_every_section():
    md = to_markdown(_hostile_report())
    for heading in ("## Agreements", "## Only in", "## Contradictions", "## Implausible",
                    "## Timeline"):
        assert heading in md
