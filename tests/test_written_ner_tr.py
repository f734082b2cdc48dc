"""The Turkish news sentences we wrote for the Turkish CRF (tools/data/ner-written.tr.txt,
read by tools/written_ner.py at build time): they hold no name and no text of the articles
the project is evaluated on, so that the held-out figures measure what the model
generalises to."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from written_ner import load

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SAMPLE = ROOT / "src" / "rashomon" / "sample" / "corpus"

#: The names of the two seed articles (../shared/seeds, Italian and Persian, not in the
#: repository) as Turkish news writes them: the seed checks of bench/bench_extraction.py
#: (SEED_ENTITIES) and the other places, bodies and people the seeds name.
SEED_NAMES_TR = (
    "İstanbul", "Istanbul", "Dağlık Karabağ", "Karabağ", "Laçin", "Azerbaycan", "Rusya",
    "ABD", "Amerika Birleşik Devletleri", "Avrupa Birliği", "AB", "Putin", "Politico",
    "Louis Bono", "Bono", "Toivo Klaar", "Klaar", "Igor Hovayev", "Hovayev", "Khovaev",
    "Ermenistan", "Bakü", "Washington", "Moskova", "Kremlin", "Ukrayna", "Kafkasya", "Aliyev",
    "Hankendi", "Stepanakert",
)


def _turkish_articles() -> tuple[set[str], list[str]]:
    """The gold names and the plain text of every Turkish article of the held-out set
    (bench/heldout) and of the in-sample set (bench/gold and the sample corpus)."""
    names: set[str] = set()
    for path in [BENCH / "heldout" / "extraction.json",
                 *sorted((BENCH / "gold" / "extraction").glob("*.json"))]:
        for article in json.loads(path.read_text(encoding="utf-8")):
            if article.get("language") == "tr":
                for entity in article["entities"]:
                    names.update(n for n in (entity["text"], entity.get("canonical")) if n)
    texts = [p.read_text(encoding="utf-8")
             for p in (BENCH / "heldout" / "corpus" / "txt").glob("*-tr-*")]
    for line in (BENCH / "heldout" / "corpus" / "jsonl").glob("*.jsonl"):
        for row in map(json.loads, line.read_text(encoding="utf-8").splitlines()):
            if row.get("language") == "tr":
                texts.append(f"{row.get('title', '')}\n{row.get('maintext', '')}")
    for page in SAMPLE.rglob("*-tr-*"):
        texts.append(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))))
    return names, texts


def _plain_lines() -> list[str]:
    return [" ".join(row["tokens"]) for row in load("tr")]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def test_the_turkish_sentences_read_and_hold_every_kind_of_name() -> None:
    rows = load("tr")
    assert len(rows) >= 600
    labels = {t[2:] for row in rows for t in row["tags"] if t != "O"}
    assert labels == {"PER", "ORG", "LOC", "MISC"}


def test_no_name_of_an_evaluation_article_or_a_seed_is_in_the_turkish_sentences() -> None:
    names, _ = _turkish_articles()
    assert {"Türkiye", "Almanya", "GDL", "Malatya"} <= names  # the gold files were read
    names |= set(SEED_NAMES_TR)
    patterns = [re.compile(r"(?<![^\W\d_])" + re.escape(name) + r"(?![^\W\d_])")
                for name in sorted(names)]
    for text in _plain_lines():
        assert not [p.pattern for p in patterns if p.search(text)], text


def test_no_run_of_six_words_of_an_evaluation_article_is_in_the_turkish_sentences() -> None:
    _, texts = _turkish_articles()
    assert len(texts) >= 4  # two held-out articles, two sample ones
    runs = set()
    for text in texts:
        words = _words(text)
        runs.update(tuple(words[k:k + 6]) for k in range(len(words) - 5))
    for text in _plain_lines():
        words = _words(text)
        assert not [w for k in range(len(words) - 5) if (w := tuple(words[k:k + 6])) in runs], text


def test_the_check_sentences_names_are_in_no_written_sentence() -> None:
    """tools/data/ner-checks.tr.txt (sentences written to check the Turkish error kinds
    through the extractor, model card "Turkish") measures what the model generalises to:
    none of its names (persons, organisations, places) is in a written training sentence."""
    checks = load("tr", Path(__file__).resolve().parent.parent / "tools" / "data"
                  / "ner-checks.tr.txt")
    assert len(checks) >= 40
    names = set()
    for row in checks:
        for begin, end, label in _spans(row["tags"]):
            if label != "MISC":  # nationality adjectives ("Kanadalı") are words, not names
                names.add(re.split(r"['’]", " ".join(row["tokens"][begin:end]))[0])
    text = "\n".join(_plain_lines())
    for name in names:
        assert not re.search(r"(?<![^\W\d_])" + re.escape(name) + r"(?![^\W\d_])", text), name


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for k, tag in enumerate(tags):
        if tag.startswith("B-"):
            out.append((k, k + 1, tag[2:]))
        elif tag.startswith("I-") and out and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1, out[-1][2])
    return out
