"""Comparison rules found on the real-news comparison set's tune half and the SemEval
disputes (bench/bench_real_compare.py, bench/bench_semeval_disputes.py), on sentences
written for these tests."""

from __future__ import annotations

from rashomon.compare import slots
from rashomon.compare.build import _distinct
from rashomon.compare.units import claim_spans
from rashomon.core import Contradiction, Evidence, Quantity
from test_compare_checks import _units  # one-sentence articles through real extraction


def _q(value: float, hedge: str | None = None) -> Quantity:
    return Quantity(0, 1, str(value), value, hedge=hedge)


def _conflicts(units) -> list[Contradiction]:
    claim = [[u.index for u in units]]
    found = []
    for slot, observations in slots.quantity_slots(units, claim).items():
        found += slots.contradictions_of(slot, observations)[0]
    return found


def test_a_sentence_cut_short_inside_a_paragraph_is_a_claim_a_heading_line_is_not():
    text = ("Harbour works delayed\n"
            "The council met on Monday. Engineers said the quay would reopen in spring and "
            "the ferry company would add two")
    kept = [s.text for s in claim_spans(text)]
    assert kept == ["The council met on Monday.",
                    "Engineers said the quay would reopen in spring and the ferry company "
                    "would add two"]
    closing = "The council met on Monday.\nGallery of the harbour works this week"
    assert [s.text for s in claim_spans(closing)] == ["The council met on Monday."]


def test_a_three_digit_count_ending_in_one_zero_is_exact_larger_ones_may_be_rounded():
    assert slots.gap(slots.interval(_q(230)), slots.interval(_q(232))) > 0
    assert slots.gap(slots.interval(_q(1240)), slots.interval(_q(1200))) == 0
    # a round 300 covers 3% (291-309), no more: unhedged 310 against it is told apart
    assert slots.gap(slots.interval(_q(300)), slots.interval(_q(308))) == 0
    assert slots.gap(slots.interval(_q(300)), slots.interval(_q(310))) > 0
    assert slots.gap(slots.interval(_q(230, "about")), slots.interval(_q(232))) == 0


def test_a_figure_both_sentences_share_does_not_hide_the_one_they_dispute():
    units = _units(
        ("first.example.com", "en", "Riders from 40 clubs, 230 riders in all, started the "
         "regional cup on Sunday.", None),
        ("second.example.com", "en", "The regional cup began on Sunday with 232 riders from "
         "40 clubs.", None),
    )
    [conflict] = _conflicts(units)
    assert sorted(v["value"] for v in conflict.values) == [230, 232]


def test_agreeing_pairs_of_figures_stay_agreed():
    units = _units(
        ("first.example.com", "en", "Riders from 40 clubs, 230 riders in all, started the "
         "regional cup on Sunday.", None),
        ("second.example.com", "en", "The regional cup began on Sunday with 230 riders from "
         "40 clubs.", None),
    )
    assert _conflicts(units) == []


def _conflict(values: list[tuple[int, int, float]]) -> Contradiction:
    return Contradiction(slot="riders", kind="quantity", values=[
        {"value": v, "source": f"s{a}", "evidence": Evidence(a, "", start, start + 1)}
        for a, start, v in values])


def test_one_dispute_restated_in_other_sentences_is_listed_once():
    first = _conflict([(1, 0, 230), (2, 0, 232)])
    restated = _conflict([(1, 40, 230), (2, 90, 232)])
    other = _conflict([(1, 40, 230), (2, 90, 240)])
    assert _distinct([first, restated, other]) == [first, other]
