"""The real-news comparison scorer (bench/bench_real_compare.py) on hand-made spans, and
the shape of its labels (bench/real/compare.jsonl); no shared data needed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
spec = importlib.util.spec_from_file_location("bench_real_compare",
                                              ROOT / "bench" / "bench_real_compare.py")
bench = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(bench)


def test_locate_ignores_whitespace_runs_and_bounds_a_cleaned_middle():
    text = "Title line\n\n The court  met\non Monday. Next one."
    assert bench.locate(text, "The court met on Monday.") == (13, 38)
    # cleaning changed a character inside: the first and last 30 characters bound it
    long = "The harbour council met on Monday and said the quay would reopen in spring."
    assert bench.locate(long, long.replace("said", "sayd")) == (0, len(long))
    assert bench.locate(text, "nowhere in the text at all, nothing") is None


def test_an_agreement_needs_a_span_on_each_side_and_half_of_its_evidence():
    label = {1: [(10, 20)], 2: [(100, 110)]}
    assert bench.matches([(1, (5, 25)), (2, (90, 120))], label, both_sides=True)
    assert not bench.matches([(1, (5, 25)), (2, (200, 220))], label, both_sides=True)
    # a true pair mixed with two unrelated sentences is not the labelled fact
    assert not bench.matches([(1, (5, 25)), (2, (90, 120)), (1, (40, 60)), (2, (300, 320)),
                              (1, (70, 80))], label, both_sides=True)
    assert bench.matches([(1, (5, 25))], {1: [(10, 20)]}, both_sides=False)


def test_precision_is_one_to_one_recall_counts_every_label_found():
    labels = [{1: [(0, 10)]}, {1: [(50, 60)]}]
    reported = [[(1, (0, 30))], [(1, (0, 30))], [(1, (200, 220))], [(2, (0, 5))]]
    ignore = {2: [(0, 8)]}
    part = bench.score_section(reported, labels, ignore, both_sides=False)
    # the repeat of the first claim is a false one; the debris claim is not counted
    assert (part["right"], part["reported"], part["found"], part["labelled"]) == (1, 3, 1, 2)
    assert part["false"] == [1, 2] and part["missed"] == [1]
    assert bench.prf(1, 3, 1, 2) == {"precision": 0.333, "recall": 0.5, "f1": 0.4,
                                     "right": 1, "reported": 3, "found": 1, "labelled": 2}


def test_labels_hold_offsets_and_kinds_only_and_both_halves():
    rows = bench.load_labels()
    assert len(rows) == 25
    assert {r["half"] for r in rows} == {"tune", "check"}
    assert any(r["lang1"] != r["lang2"] for r in rows)
    for row in rows:
        assert set(row) == {"pair_id", "row", "lang1", "lang2", "half", "sha1", "agreements",
                            "only_in", "contradictions", "ignore"}
        for item in row["agreements"]:
            assert set(item["spans"]) == {"1", "2"}
            assert all(0 <= s < e for side in item["spans"].values() for s, e in side)
        for item in row["only_in"]:
            assert item["side"] in (1, 2) and item["spans"]
            assert set(item["has"]) <= set("fdnx")
