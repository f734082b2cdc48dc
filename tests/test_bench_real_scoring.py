"""The real-news entity scorer (bench/real_scoring.py) on hand-made spans, and the shape
of the stored labels (bench/real/entities.jsonl); no shared data needed."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("real_scoring", ROOT / "bench" / "real_scoring.py")
scoring = importlib.util.module_from_spec(spec)
assert spec.loader is not None
sys.modules["real_scoring"] = scoring
spec.loader.exec_module(scoring)

GOLD = [(0, 5, "PER"), (10, 16, "ORG"), (20, 26, "LOC"), (30, 35, "LOC")]


def test_exact_typed_untyped_and_overlap_counts() -> None:
    pred = [(0, 5, "PER"),      # right
            (10, 16, "LOC"),    # right offsets, wrong label
            (20, 24, "LOC"),    # right label, short
            (40, 44, "PER"),    # spurious
            (50, 55, "MISC")]   # left out of every figure
    c = scoring.counts(GOLD, pred)
    assert c["typed"] == [1, 4, 4]
    assert c["untyped"] == [2, 4, 4]
    assert c["overlap"] == [2, 4, 4]
    assert c["PER"] == [1, 2, 1]
    assert c["ORG"] == [0, 0, 1]
    assert c["LOC"] == [0, 2, 2]


def test_overlap_uses_each_span_once() -> None:
    gold = [(0, 5, "PER"), (6, 11, "PER")]
    pred = [(0, 11, "PER")]  # two names merged into one
    assert scoring.overlap_matches(gold, pred) == 1


def test_prf_and_add() -> None:
    total: dict = {}
    scoring.add(total, {"typed": [1, 2, 4]})
    scoring.add(total, {"typed": [1, 2, 0]})
    fig = scoring.summary(total)["typed"]
    assert (fig["tp"], fig["pred"], fig["gold"]) == (2, 4, 4)
    assert fig["precision"] == 0.5 and fig["recall"] == 0.5 and fig["f1"] == 0.5
    assert scoring.prf(0, 0, 0)["f1"] == 1.0
    assert scoring.prf(0, 3, 2)["f1"] == 0.0


def test_error_classes() -> None:
    pred = [(0, 5, "PER"), (10, 16, "LOC"), (20, 24, "LOC"), (29, 33, "PER"), (40, 44, "ORG")]
    kinds = Counter(kind for kind, _, _ in scoring.error_classes(GOLD, pred))
    assert kinds == {"wrong type": 1, "wrong extent": 1, "wrong extent and type": 1,
                     "spurious": 1}
    missed = scoring.error_classes(GOLD, [])
    assert [k for k, _, _ in missed] == ["missed"] * 4


def test_surface_check_fails_loudly() -> None:
    row = {"pair_id": "p", "side": 1, "spans": [[4, 9, "LOC", "Paris"]]}
    scoring.check_surfaces("Die Paris-Reise", row)
    with pytest.raises(scoring.LabelError):
        scoring.check_surfaces("Die Pariser Reise", {**row, "spans": [[5, 10, "LOC", "Paris"]]})


def test_stored_labels_shape() -> None:
    rows = scoring.load_labels(ROOT / "bench" / "real" / "entities.jsonl")
    assert len(rows) >= 40
    halves = Counter((r["lang"], r["half"]) for r in rows)
    for lang in {r["lang"] for r in rows}:
        assert halves[(lang, "tune")] == halves[(lang, "check")], lang
    assert len({(r["pair_id"], r["side"]) for r in rows}) == len(rows)
    assert len({r["pair_id"] for r in rows}) == len(rows), "one side per SemEval pair"
    for r in rows:
        last_end = 0
        for start, end, label, surface in r["spans"]:
            assert label in scoring.TYPED
            assert 0 <= last_end <= start < end <= r["cut"]
            assert end - start == len(surface) and surface == surface.strip()
            last_end = end
        assert "text" not in r and "text1" not in r  # the news text is not ours to store
