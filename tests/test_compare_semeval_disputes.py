"""The real-news dispute bench (bench/bench_semeval_disputes.py): its scoring rule and its
labels file (the comparison itself runs there, on the SemEval texts of ../shared)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
spec = importlib.util.spec_from_file_location("bench_semeval_disputes",
                                              BENCH / "bench_semeval_disputes.py")
bench = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(bench)

LABELS = [
    {"pair": "1_2", "row": 0, "kind": "quantity", "values": [230, 232]},
    {"pair": "3_4", "row": 0, "kind": "date", "values": ["Tuesday", "Wednesday"]},
]


def test_a_figure_dispute_is_right_only_with_both_labelled_values_of_its_pair() -> None:
    reported = {
        ("1_2", 0): [{"kind": "quantity", "values": [230.0, 50.0]},   # one value only
                     {"kind": "duration", "values": [232.0, 230.0]}],  # a figure: right
        ("3_4", 0): [{"kind": "quantity", "values": [5.0, 7.0]}],     # not the date
        ("5_6", 0): [{"kind": "place", "values": ["Rome", "Muscat"]}],
    }
    result = bench.score(reported, LABELS)
    assert (result["reported"], result["right"], result["labelled"]) == (3, 1, 2)
    assert result["precision"] == 0.333 and result["recall"] == 0.5
    assert [m["pair"] for m in result["missed_items"]] == ["3_4"]
    assert len(result["place_disputes"]) == 1  # listed, not scored


def test_a_pair_listed_twice_is_scored_row_by_row() -> None:
    reported = {("1_2", 1): [{"kind": "quantity", "values": [230.0, 232.0]}]}
    result = bench.score(reported, LABELS)
    assert result["right"] == 0 and result["recall"] == 0.0


def test_same_story_rows_number_the_rows_of_a_repeated_pair() -> None:
    class Pair:
        def __init__(self, pair_id: str, overall: float):
            self.pair_id, self.overall = pair_id, overall

    rows = bench.same_story_rows([Pair("a", 1.0), Pair("b", 3.0), Pair("a", 1.5)], 1.5)
    assert [(pid, row) for pid, row, _ in rows] == [("a", 0), ("a", 1)]


def test_the_labels_name_pairs_kinds_and_values_and_no_article_text() -> None:
    labels = json.loads((BENCH / "semeval_disputes.json").read_text(encoding="utf-8"))
    assert labels["sample"]["rows"] == 185
    for item in labels["disputes"]:
        assert set(item) <= {"pair", "row", "kind", "values", "what", "note"}
        assert item["kind"] in bench.FAMILY and len(item["values"]) == 2
        assert len(item["what"]) < 200 and item["pair"].count("_") == 1
