"""Scoring of the real-news entity labels (bench/real/entities.jsonl): pure functions,
no project imports, so tests/test_bench_real_scoring.py checks them on hand-made spans.

A span is (start, end, label). Figures over PER, ORG and LOC only (a predicted MISC or any
other label is left out of every figure, see bench/real/GUIDELINES.md):
- typed: exact offsets and label;
- untyped: exact offsets, any of the three labels;
- overlap: same label and overlapping offsets, each gold and each predicted span used once
  (pairs taken in order of gold start), the lenient view of extent choices (clitics,
  titles, articles).
Errors of one text are sorted into classes: missed (no predicted span overlaps), wrong
type (same offsets, other label), wrong extent (overlap, same label, other offsets),
wrong extent and type, spurious (no gold span overlaps).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

TYPED = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]


class LabelError(ValueError):
    """A stored span whose surface is not the text at its offsets."""


def load_labels(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def check_surfaces(text: str, row: dict) -> None:
    """Fail loudly when a label's surface differs from the text at its offsets (the shared
    texts changed, or the cut moved)."""
    for start, end, label, surface in row["spans"]:
        if text[start:end] != surface:
            raise LabelError(f"{row['pair_id']} side {row['side']}: {label} {surface!r} "
                             f"at {start}-{end} reads {text[start:end]!r}")


def typed_only(spans: Iterable[Span]) -> list[Span]:
    return [(s, e, lab) for s, e, lab in spans if lab in TYPED]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_matches(gold: list[Span], pred: list[Span]) -> int:
    """Gold/predicted pairs of one label whose offsets overlap, each span used once."""
    used: set[int] = set()
    hits = 0
    for g in sorted(gold):
        for i, p in enumerate(pred):
            if i not in used and p[2] == g[2] and _overlaps(g, p):
                used.add(i)
                hits += 1
                break
    return hits


def counts(gold: Iterable[Span], pred: Iterable[Span]) -> dict[str, list[int]]:
    """[true positives, predicted, gold] per figure: typed overall, per label, untyped,
    overlap."""
    gold, pred = typed_only(gold), typed_only(pred)
    gold_set, pred_set = set(gold), set(pred)
    out = {"typed": [len(gold_set & pred_set), len(pred_set), len(gold_set)]}
    for label in TYPED:
        g = {x for x in gold_set if x[2] == label}
        p = {x for x in pred_set if x[2] == label}
        out[label] = [len(g & p), len(p), len(g)]
    g_plain = {(s, e) for s, e, _ in gold_set}
    p_plain = {(s, e) for s, e, _ in pred_set}
    out["untyped"] = [len(g_plain & p_plain), len(p_plain), len(g_plain)]
    out["overlap"] = [overlap_matches(sorted(gold_set), sorted(pred_set)), len(pred_set),
                      len(gold_set)]
    return out


def add(total: dict[str, list[int]], part: dict[str, list[int]]) -> None:
    for key, values in part.items():
        row = total.setdefault(key, [0, 0, 0])
        for i, v in enumerate(values):
            row[i] += v


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def summary(total: dict[str, list[int]]) -> dict:
    return {key: prf(*values) for key, values in total.items()}


def error_classes(gold: Iterable[Span], pred: Iterable[Span]) -> list[tuple[str, Span | None,
                                                                               Span | None]]:
    """(class, gold span, predicted span) for every error of one text."""
    gold, pred = sorted(set(typed_only(gold))), sorted(set(typed_only(pred)))
    gold_set, pred_set = set(gold), set(pred)
    errors: list[tuple[str, Span | None, Span | None]] = []
    for g in gold:
        if g in pred_set:
            continue
        near = [p for p in pred if _overlaps(g, p)]
        if not near:
            errors.append(("missed", g, None))
            continue
        same_offsets = [p for p in near if p[:2] == g[:2]]
        if same_offsets:
            errors.append(("wrong type", g, same_offsets[0]))
        elif any(p[2] == g[2] for p in near):
            errors.append(("wrong extent", g, next(p for p in near if p[2] == g[2])))
        else:
            errors.append(("wrong extent and type", g, near[0]))
    for p in pred:
        if p not in gold_set and not any(_overlaps(g, p) for g in gold):
            errors.append(("spurious", None, p))
    return errors
