"""Dev figures of the institution expansion (``extract/institutions.py``): typed exact-span
P/R/F1 (PER/ORG/LOC) of the whole entity extraction (``entities.extract_mentions``, with
its MIN_SCORE cuts, gazetteer and repeats) on the cased sources of each language's dev
split, before and after the expansion, and the precision of the expansions themselves
(how many widened spans are exactly a gold ORG). The sentence is the dev row's tokens
joined by spaces; a gold name is the character span of its tokens.

Usage: RASHOMON_SHARED=../shared PYTHONPATH=src python tools/score_institutions_dev.py
       [--langs fr,ru] [--split dev] [-v]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from train_ner import kind  # noqa: E402

from rashomon.extract import entities, institutions  # noqa: E402

DATA = Path(os.environ.get("RASHOMON_SHARED", ROOT.parent / "shared")) / "data" / "ner"
LANGS = ["en", "fr", "de", "es", "pt", "nl", "pl", "ru", "tr", "it", "uk"]
SCORED = {"PER", "ORG", "LOC"}


def gold_spans(tokens: list[str], tags: list[str]) -> tuple[str, set]:
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    out, i = set(), 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            label, j = tags[i][2:], i + 1
            while j < len(tags) and tags[j] == "I-" + label:
                j += 1
            if label in SCORED:
                out.add((starts[i], starts[j - 1] + len(tokens[j - 1]), label))
            i = j
        else:
            i += 1
    return " ".join(tokens), out


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4)
            if p + r else 0.0}


def score(lang: str, split: str, verbose: bool, cased_only: bool = True) -> dict:
    expand = institutions.expand
    counts = {"before": [0, 0, 0], "after": [0, 0, 0]}
    widened = right = 0
    path = DATA / f"{split}.{lang}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    institutions.expand = lambda text, mentions, lang: mentions
    try:
        for row in rows:
            if cased_only and kind(row["source"]) != "cased":
                continue
            text, gold = gold_spans(row["tokens"], row["tags"])
            before_mentions = entities.extract_mentions(text, lang)
            after_mentions = expand(text, list(before_mentions), lang)
            for name, mentions in (("before", before_mentions), ("after", after_mentions)):
                got = {(m.start, m.end, m.label) for m in mentions if m.label in SCORED}
                c = counts[name]
                c[0] += len(gold & got)
                c[1] += len(got - gold)
                c[2] += len(gold - got)
            before = {(m.start, m.end, m.label) for m in before_mentions}
            for m in after_mentions:
                if (m.start, m.end, m.label) in before:
                    continue
                widened += 1
                ok = (m.start, m.end, m.label) in gold
                right += ok
                if verbose:
                    print(f"  {'+' if ok else '-'} {m.text!r} {m.label}  | gold: "
                          f"{sorted(text[s:e] + ' ' + lab for s, e, lab in gold)}")
    finally:
        institutions.expand = expand
    out = {k: prf(*v) for k, v in counts.items()}
    out["changed"] = widened
    out["changed_right"] = right
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--all-sources", action="store_true",
                        help="also the lower-cased and social sources (it, uk dev have no "
                             "cased source)")
    parser.add_argument("--retype", choices=("data", "on", "off"), default="data",
                        help="the retyping of head-opened LOC/PER spans as the data file "
                             "says, or forced on or off (to measure it apart)")
    parser.add_argument("-v", action="store_true", help="print every changed span")
    args = parser.parse_args()
    if args.retype != "data":
        prepared = institutions._data

        def forced(lang: str):
            data = prepared(lang)
            return data and {**data, "retype": args.retype == "on"}

        institutions._data = forced
    for lang in args.langs.split(","):
        result = score(lang, args.split, args.v, not args.all_sources)
        print(lang, json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
