"""What the short-name pass (``extract/short_names.py``) changes, measured through the whole
extraction: typed exact-span F1 (PER/ORG/LOC) on every cased dev sentence (tokens joined
by spaces) with and without it, and the precision of the mentions it adds or retypes; with
``--semeval``, the changes on the SemEval 2022 task 8 dev articles (real news, no entity
gold: printed for reading).

Usage: RASHOMON_SHARED=../shared PYTHONPATH=src python tools/probe_short_names.py
       [--langs en,de] [--semeval N] [-v]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import Counter
from pathlib import Path

from rashomon.extract import short_names
from rashomon.extract.entities import extract_mentions
from rashomon.extract.ner_tokens import decode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from train_ner import kind

from common import semeval_texts

DATA = Path(os.environ.get("RASHOMON_SHARED",
                           Path(__file__).resolve().parents[2] / "shared")) / "data"
SCORED = {"PER", "ORG", "LOC"}
LANGS = "en,de,fr,es,it,nl,pt,ru,tr"


def dev_rows(lang: str, data: Path):
    path = data / "ner" / f"dev.{lang}.jsonl.gz"
    if not path.exists():
        return
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if kind(row["source"]) != "cased":
                continue
            offsets, at = [], 0
            for token in row["tokens"]:
                offsets.append((at, at + len(token)))
                at += len(token) + 1
            gold = {(offsets[s][0], offsets[e - 1][1]): label
                    for s, e, label in decode(row["tags"])}
            yield " ".join(row["tokens"]), gold


def _both(text: str, lang: str) -> tuple[dict, dict]:
    """Typed spans of the extraction without and with the pass."""
    real = short_names.apposed, short_names.defined
    short_names.apposed = lambda text, mentions, lang: mentions
    short_names.defined = lambda text, mentions: mentions
    try:
        before = {(m.start, m.end): m.label for m in extract_mentions(text, lang)}
    finally:
        short_names.apposed, short_names.defined = real
    after = {(m.start, m.end): m.label for m in extract_mentions(text, lang)}
    return before, after


def count_typed(counts: Counter, gold: dict, pred: dict) -> None:
    """Add one sentence's exact-span PER/ORG/LOC hits, false and missed names to ``counts``
    (``gold`` holds every label; only the scored ones count)."""
    typed = {k: v for k, v in gold.items() if v in SCORED}
    scored = {k: v for k, v in pred.items() if v in SCORED}
    counts["tp"] += sum(typed.get(k) == v for k, v in scored.items())
    counts["fp"] += sum(typed.get(k) != v for k, v in scored.items())
    counts["fn"] += sum(scored.get(k) != v for k, v in typed.items())


def _f1(c: Counter) -> float:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def dev(langs: list[str], data: Path, verbose: bool) -> None:
    for lang in langs:
        counts = {"before": Counter(), "after": Counter()}
        changed = Counter()
        for text, gold in dev_rows(lang, data):
            before, after = _both(text, lang)
            for name, pred in (("before", before), ("after", after)):
                count_typed(counts[name], gold, pred)
            for span, label in after.items():
                if before.get(span) != label:
                    right = gold.get(span) == label
                    changed["right" if right else "wrong"] += 1
                    if verbose:
                        print(f"  {lang} {'+' if right else '-'} {text[span[0]:span[1]]!r} "
                              f"{before.get(span)} -> {label} (gold {gold.get(span)})")
        if not counts["before"]["tp"] + counts["before"]["fn"]:
            print(f"{lang}: no cased dev sentences")
            continue
        print(f"{lang}: dev cased F1 {_f1(counts['before'])} -> {_f1(counts['after'])}; "
              f"changed {changed['right']} right, {changed['wrong']} wrong")


def semeval(limit: int, data: Path, langs: list[str]) -> None:
    """The changes on distinct SemEval article texts of ``langs`` (first ``limit``)."""
    shown = Counter()
    for lang, text in semeval_texts(data / "semeval2022-task8-dev.csv", langs):
        if shown[lang] >= limit:
            continue
        shown[lang] += 1
        before, after = _both(text, lang)
        for span, label in sorted(after.items()):
            if before.get(span) != label:
                print(f"  {lang} {text[span[0]:span[1]]!r} {before.get(span)} -> {label}"
                      f" | {text[max(0, span[0] - 60):span[1] + 30]!r}")
    print("articles read:", dict(shown))


def probe_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every name probe takes: languages, data folder, SemEval instead of dev."""
    parser.add_argument("--langs", default=LANGS)
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--semeval", type=int, default=0,
                        help="read this many SemEval articles per language instead")
    parser.add_argument("-v", action="store_true", help="print every changed mention")


def main() -> None:
    parser = argparse.ArgumentParser()
    probe_arguments(parser)
    args = parser.parse_args()
    langs = args.langs.split(",")
    if args.semeval:
        semeval(args.semeval, Path(args.data), langs)
    else:
        dev(langs, Path(args.data), args.v)


if __name__ == "__main__":
    main()
