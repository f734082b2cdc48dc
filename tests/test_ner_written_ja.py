"""Japanese: the runtime's cutting of text without spaces, the annotated news sentences we
wrote for the Japanese CRF (tools/data/ner-written.ja.txt, read by tools/written_ner.py at
build time), and what the CRF trained with them finds in Japanese news of the kinds they
were written for."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from written_ner import load, parse

from rashomon.extract import ner
from rashomon.extract.ner import tokenize

ROOT = Path(__file__).resolve().parent.parent
_KANA_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _cut(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text, char_level=True)]


def test_a_latin_or_digit_run_is_one_token_wherever_it_stands() -> None:
    """A Latin word or a number next to kana or Han is cut off it, at the start of a text as
    in its middle (before, "NHKは2024年3月に" at the start was one token and "NTT" after
    "が" three), as the training sentences' word tokens are."""
    assert _cut("NHKは2024年3月に") == ["NHK", "は", "2024", "年", "3", "月", "に"]
    assert _cut("会長がNTTドコモと") == ["会", "長", "が", "NTT", "ド", "コ", "モ", "と"]
    assert _cut("J.C.STAFFも") == ["J.C.STAFF", "も"]
    assert _cut("外长王毅") == list("外长王毅")


def test_a_japanese_mark_may_end_before_a_particle() -> None:
    tokens, tags = parse("[ORG KDDI]によると、[LOC 東京都港区]の[PER 田島]氏", char_level=True)
    assert list(zip(tokens, tags, strict=True))[:4] == [
        ("KDDI", "B-ORG"), ("に", "O"), ("よ", "O"), ("る", "O")]
    assert tags[tokens.index("東")] == "B-LOC" and tags[tokens.index("区")] == "I-LOC"
    assert list(zip(tokens, tags, strict=True))[-3:] == [
        ("田", "B-PER"), ("島", "I-PER"), ("氏", "O")]


def test_every_written_japanese_sentence_reads_as_the_runtime_cuts_it() -> None:
    rows = load("ja")
    assert len(rows) >= 600
    texts = set()
    for row in rows:
        assert len(row["tokens"]) == len(row["tags"]) and row["source"] == "written"
        text = " ".join(row["tokens"])
        assert _cut(text) == row["tokens"]  # no re-cutting at training time
        for prev, tag in zip(["O", *row["tags"]], row["tags"], strict=False):
            assert tag == "O" or tag[:2] == "B-" or prev[2:] == tag[2:], row
        texts.add(text)
    assert len(texts) == len(rows)  # no sentence written twice
    names = {t[2:] for row in rows for t in row["tags"] if t.startswith("B-")}
    assert {"PER", "ORG", "LOC"} <= names


def _evaluation_names() -> set[str]:
    names = set()
    for file in [ROOT / "bench" / "heldout" / "extraction.json",
                 *sorted((ROOT / "bench" / "gold" / "extraction").glob("*.json"))]:
        for article in json.loads(file.read_text(encoding="utf-8")):
            for entity in article["entities"]:
                names.add(entity["text"] if isinstance(entity, dict) else entity)
    return names


def test_no_name_or_text_of_the_evaluation_articles_is_in_the_japanese_sentences() -> None:
    """The held-out bench measures what the model generalises to, so the written sentences
    hold none of the names of the held-out and gold articles: every name written in kana or
    Han (the Japanese article's, and the Chinese articles' Han names that Japanese writes
    alike: 中国, 北京, 上海, 香港) and every Latin one (as a whole word: ANSSI, CMA CGM,
    GDL, ONE, NASA), nor the Japanese forms of the held-out stories' own names; and no
    stretch of 12 characters of a held-out article or a seed."""
    text = "\n".join("".join(row["tokens"]) for row in load("ja"))
    spaced = "\n".join(" ".join(row["tokens"]) for row in load("ja"))
    found = []
    for name in _evaluation_names():
        if _KANA_HAN.search(name):
            if name in text:
                found.append(name)
        elif name.isascii() and re.search(r"(?<![A-Za-z0-9])" + re.escape(name)
                                          + r"(?![A-Za-z0-9])", spaced + "\n" + text):
            found.append(name)
    # the held-out stories' own names in Japanese: Marseille-Fos, Lyon, Lufthansa, the German
    # rail and pilots' unions, Asaluyeh, Almaty, and the seeds' Putin
    for name in ("マルセイユ", "フォス", "リヨン", "ルフトハンザ", "ドイツ鉄道", "機関士労組",
                 "アサルーイェ", "アルマトイ", "プーチン", "欧州", "フランス", "日本"):
        if name in text:
            found.append(name)
    assert not found
    sources = [p for p in (ROOT / "bench" / "heldout" / "corpus").rglob("*") if p.is_file()]
    seeds = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared") / "seeds"
    sources += sorted(seeds.glob("*.txt")) if seeds.exists() else []
    windows = {line[k:k + 12] for line in text.splitlines() for k in range(len(line) - 11)}
    for source in sources:
        body = source.read_text(encoding="utf-8", errors="replace")
        assert not windows & {body[k:k + 12] for k in range(len(body) - 11)}, source.name


def _names(text: str) -> set[tuple[str, str]]:
    return {(text[s.start:s.end], s.label) for s in ner.Tagger("ja").spans(text)}


def test_a_latin_name_before_a_particle_is_found_at_a_texts_start() -> None:
    """Before the cutting above, "KDDIによると" was one token and no name could be tagged."""
    assert ("KDDI", "ORG") in _names("KDDIによると、通信障害は午後3時ごろに解消した。")


@pytest.mark.parametrize(("text", "names"), [
    # a country abbreviation, the trade and the company: the CRF without the written
    # sentences read "米製薬大手ファイザー社" as one ORG, "アストラゼネカ" as PER (0.30) and
    # missed "インテル" and "米"
    ("米製薬大手ファイザー社は、新しいワクチンの承認を申請した。",
     {("米", "LOC"), ("ファイザー社", "ORG")}),
    ("英製薬大手アストラゼネカは、研究拠点を新設すると発表した。",
     {("英", "LOC"), ("アストラゼネカ", "ORG")}),
    ("米半導体大手インテルの業績が悪化した。", {("米", "LOC"), ("インテル", "ORG")}),
    # a surname glued to a minister's title: before, "須藤経済再生相" was one MISC
    ("須藤経済再生相は、賃上げ税制の拡充を検討すると述べた。", {("須藤", "PER")}),
])
def test_japanese_news_names_of_the_kinds_the_written_sentences_teach(
        text: str, names: set[tuple[str, str]]) -> None:
    """Sentences of our own, in none of the written ones (their names neither)."""
    assert _names(text) == names
