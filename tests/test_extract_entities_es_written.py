"""The Spanish news sentences we wrote for the Spanish CRF (tools/data/ner-written.es.txt):
they read as the runtime cuts them, and they hold no name of any evaluation text
(bench/gold, bench/heldout, every half of bench/real, the fresh part included)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from written_ner import load  # noqa: E402

from rashomon.extract.ner import tokenize  # noqa: E402


def _rows() -> list[dict]:
    return load("es")


def test_the_spanish_sentences_read_as_the_runtime_cuts_them() -> None:
    rows = _rows()
    assert len(rows) >= 200
    texts = set()
    for row in rows:
        text = " ".join(row["tokens"])
        assert [text[s:e] for s, e in tokenize(text)] == row["tokens"]
        for prev, tag in zip(["O", *row["tags"]], row["tags"], strict=False):
            assert tag == "O" or tag[:2] == "B-" or prev[2:] == tag[2:], row
        texts.add(text)
    assert len(texts) == len(rows)  # no sentence written twice
    labels = {t[2:] for row in rows for t in row["tags"] if t != "O"}
    assert {"PER", "ORG", "LOC", "MISC"} <= labels


def _evaluation_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "bench" / "gold" / "extraction").glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(item, dict):
                names.update(e["text"] for e in item.get("entities", []))
    for item in json.loads((ROOT / "bench" / "heldout" / "extraction.json").read_text()):
        names.update(e["text"] for e in item["entities"])
    real = ROOT / "bench" / "real"
    for path in [real / "entities.jsonl", *sorted(real.glob("entities-fresh.*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.update(span[3] for span in json.loads(line)["spans"])
    return names


def test_no_evaluation_name_is_written_into_the_spanish_sentences() -> None:
    rows = _rows()
    words = {w.lower() for row in rows for w in row["tokens"]}
    text = " " + "\n ".join(" ".join(row["tokens"]) + " " for row in rows).lower()
    found = []
    for name in _evaluation_names():
        parts = re.findall(r"\w+", name.lower())
        single = len(parts) == 1 and parts[0] in words and len(parts[0]) > 2
        if single or (len(parts) > 1 and f" {' '.join(parts)} " in text):
            found.append(name)
    assert not found, sorted(found)
