"""Entities on real news nobody on the project wrote (issue 16).

The texts are 42 SemEval 2022 task 8 dev texts (real news, ar de en es fr pl tr, 6 per
language; many were machine-translated by the task's organisers and carry page debris),
drawn and cut by tools/label_real_draw.py (fixed seed, documented there). Their PER / ORG /
LOC spans were labelled by a project session reading each cut text, by
bench/real/GUIDELINES.md, before our extractor had been run on any of them. The labels
(bench/real/entities.jsonl) hold offsets and surfaces, not the texts: the texts are read
from ../shared (RASHOMON_SHARED); without them the bench skips (exit 0).

Each cut text goes through ``rashomon.extract.extract_facts`` (the extraction every ingest
runs), with the language the SemEval file gives. Figures per half (tune: read for error
classes; check: measured only before and after a stop's fixes), per language and overall:
typed exact-span P/R/F1 (PER/ORG/LOC, also per label), untyped exact-span, and same-label
overlap (lenient on extent). Scoring: bench/real_scoring.py.

A fresh part (bench/real/entities-fresh.<lang>.jsonl, "half": "fresh"): more SemEval texts
drawn by tools/real_ner.py away from every story of an evaluation set, labelled the same way
from the text alone; measured once at the end of a session's work, never read for fixes,
and reported apart (not in "all").

Run: RASHOMON_SHARED=/work/shared python bench/bench_real_entities.py [--errors tune]
(--errors tune lists every error of the tune half by class; --errors check does the same
for the check half and is meant for the end of a stop only.)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SEMEVAL, skip, write_results
from real_scoring import (
    add,
    check_surfaces,
    counts,
    error_classes,
    load_labels,
    summary,
)

LABELS = ROOT / "bench" / "real" / "entities.jsonl"
#: The fresh part: more SemEval texts (tools/real_ner.py draws them away from every story of
#: an evaluation set), labelled by the same guideline from the text alone, measured once at
#: the end of a session's work and never read for fixes; reported apart ("fresh"), not in
#: "all" (tune + check).
FRESH = sorted((ROOT / "bench" / "real").glob("entities-fresh*.jsonl"))


def read_texts(path: Path) -> dict[tuple[str, int], str]:
    import csv

    csv.field_size_limit(sys.maxsize)
    texts = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in (1, 2):
                texts[(row["pair_id"], side)] = row[f"text{side}"]
    return texts


def predicted_spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    from rashomon.core import Article
    from rashomon.extract import extract_facts

    facts = extract_facts(Article(title="", maintext=text, language=lang))
    return [(m.start, m.end, m.label) for m in facts.mentions]


def print_errors(row: dict, text: str, gold: list, pred: list) -> None:
    errors = error_classes(gold, pred)
    if not errors:
        return
    print(f"-- {row['lang']} {row['pair_id']} {row['side']} ({row['half']})")
    for kind, g, p in errors:
        shown_g = f"{g[2]} {text[g[0]:g[1]]!r}" if g else ""
        shown_p = f"{p[2]} {text[p[0]:p[1]]!r}" if p else ""
        context = text[max(0, (g or p)[0] - 30):(g or p)[1] + 30].replace("\n", " ")
        print(f"   {kind:22s} gold {shown_g:34s} pred {shown_p:34s} | {context}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=("tune", "check", "fresh"), default=None)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--half", choices=("tune", "check", "fresh"), default=None,
                        help="score one half only (print only): the tune half while fixing")
    args = parser.parse_args()
    if not SEMEVAL.exists():
        if os.environ.get("RASHOMON_BENCH_RESULTS"):  # run by the gate: say it was skipped
            write_results("real_entities", {"skipped": True, "reason": "no SemEval texts"})
        skip(f"{SEMEVAL} not found (set RASHOMON_SHARED to the shared data folder)")
    from rashomon.extract import EXTRACTOR_VERSION

    texts = read_texts(SEMEVAL)
    labelled = load_labels(LABELS) + [row for path in FRESH for row in load_labels(path)]
    rows = [r for r in labelled if args.half in (None, r["half"])]
    totals: dict = {}
    classes: dict[str, Counter] = {"tune": Counter(), "check": Counter(), "fresh": Counter()}
    for row in rows:
        text = texts[(row["pair_id"], row["side"])][:row["cut"]]
        check_surfaces(text, row)
        gold = [(s, e, lab) for s, e, lab, _ in row["spans"]]
        pred = predicted_spans(text, row["lang"])
        part = counts(gold, pred)
        keys = [(row["half"], "all"), (row["half"], row["lang"])]
        if row["half"] != "fresh":
            keys += [("all", "all"), ("all", row["lang"])]
        for key in keys:
            add(totals.setdefault(key, {}), part)
        classes[row["half"]].update(kind for kind, _, _ in error_classes(gold, pred))
        if args.errors == row["half"]:
            print_errors(row, text, gold, pred)
    figures: dict = {"extractor_version": EXTRACTOR_VERSION,
                     "articles": sum(r["half"] != "fresh" for r in rows),
                     "spans": sum(len(r["spans"]) for r in rows if r["half"] != "fresh")}
    if any(r["half"] == "fresh" for r in rows):
        fresh = [r for r in rows if r["half"] == "fresh"]
        figures["fresh_articles"] = len(fresh)
        figures["fresh_spans"] = sum(len(r["spans"]) for r in fresh)
    halves = ("tune", "check", "all") if args.half is None else (args.half,)
    if args.half is None and ("fresh", "all") in totals:
        halves += ("fresh",)
    for half in halves:
        langs = sorted({lang for h, lang in totals if h == half and lang != "all"})
        figures[half] = {**summary(totals[(half, "all")]),
                         "per_language": {lang: summary(totals[(half, lang)]) for lang in langs}}
        if half in classes and args.half in (None, half):
            figures[half]["error_classes"] = dict(sorted(classes[half].items()))
    print(f"{'':8s}{'half':7s}{'typed P':>9s}{'R':>7s}{'F1':>7s}{'PER':>7s}{'ORG':>7s}"
          f"{'LOC':>7s}{'untyped':>9s}{'overlap':>9s}")
    for half in halves:
        for lang, fig in [("all", figures[half]), *sorted(figures[half]["per_language"].items())]:
            t = fig["typed"]
            print(f"{lang:8s}{half:7s}{t['precision']:9.3f}{t['recall']:7.3f}{t['f1']:7.3f}"
                  f"{fig['PER']['f1']:7.3f}{fig['ORG']['f1']:7.3f}{fig['LOC']['f1']:7.3f}"
                  f"{fig['untyped']['f1']:9.3f}{fig['overlap']['f1']:9.3f}")
    for half in [h for h in halves if h != "all"]:
        print(f"error classes, {half}: {figures[half]['error_classes']}")
    if not args.no_write and args.half is None:
        write_results("real_entities", figures)


if __name__ == "__main__":
    main()
