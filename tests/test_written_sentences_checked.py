"""The news sentences we wrote for a language's CRF (tools/data/ner-written.<lang>.txt): they
read as the runtime cuts them, and they hold no name of any evaluation text (bench/gold,
bench/heldout, bench/real)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from written_ner import load  # noqa: E402

from rashomon.extract.ner import tokenize  # noqa: E402

# language -> (labels the sentences must hold, whether the fresh real-news part is checked
# and names are compared case-folded). The Polish sentences were written before the fresh
# part was drawn (11 of its 32 Polish names, ZUS or PAP among them, were already in them:
# model card, Polish section), so the halves whose texts came first are checked, as written;
# the Spanish ones were written after, so every part is, case-folded.
CASES = {"pl": ({"PER", "ORG", "LOC"}, False), "es": ({"PER", "ORG", "LOC", "MISC"}, True)}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_sentences_read_as_the_runtime_cuts_them(lang: str) -> None:
    rows = load(lang)
    assert len(rows) >= 200
    texts = set()
    for row in rows:
        text = " ".join(row["tokens"])
        assert [text[s:e] for s, e in tokenize(text)] == row["tokens"]
        for prev, tag in zip(["O", *row["tags"]], row["tags"], strict=False):
            assert tag == "O" or tag[:2] == "B-" or prev[2:] == tag[2:], row
        texts.add(text)
    assert len(texts) == len(rows)  # no sentence written twice
    assert CASES[lang][0] <= {t[2:] for row in rows for t in row["tags"] if t != "O"}


def _evaluation_names(fresh: bool) -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "bench" / "gold" / "extraction").glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(item, dict):
                names.update(e["text"] for e in item.get("entities", []))
    for item in json.loads((ROOT / "bench" / "heldout" / "extraction.json").read_text()):
        names.update(e["text"] for e in item["entities"])
    real = ROOT / "bench" / "real"
    fresh_parts = sorted(real.glob("entities-fresh.*.jsonl")) if fresh else []
    for path in [real / "entities.jsonl", *fresh_parts]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.update(span[3] for span in json.loads(line)["spans"])
    return names


@pytest.mark.parametrize("lang", sorted(CASES))
def test_no_evaluation_name_is_written_into_the_sentences(lang: str) -> None:
    folded = CASES[lang][1]
    case = str.lower if folded else str
    rows = load(lang)
    words = {case(w) for row in rows for w in row["tokens"]}
    text = case(" " + "\n ".join(" ".join(row["tokens"]) + " " for row in rows))
    found = []
    for name in _evaluation_names(fresh=folded):
        parts = re.findall(r"\w+", case(name))
        single = len(parts) == 1 and parts[0] in words and len(parts[0]) > 2
        joined = " ".join(parts)  # Polish as written: inside a longer word too (a case ending)
        if single or (len(parts) > 1 and (f" {joined} " if folded else joined) in text):
            found.append(name)
    assert not found, sorted(found)
