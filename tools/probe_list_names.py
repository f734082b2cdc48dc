"""What the list step (``extract/list_names.py``) changes, measured through the whole
extraction: typed exact-span F1 (PER/ORG/LOC) on every cased dev sentence (tokens joined
by spaces) with the step off and on, and every mention it changes; with ``--semeval``,
the changes on the SemEval 2022 task 8 dev articles (real news, no entity gold: printed
for reading, with a fixed random sample).

Usage: RASHOMON_SHARED=../shared PYTHONPATH=src python tools/probe_list_names.py
       [--langs en,de] [--semeval N] [-v]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from rashomon.extract import list_names
from rashomon.extract.entities import extract_mentions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe_short_names import (
    _f1,
    count_typed,
    dev_rows,
    probe_arguments,
    semeval_texts,
)

VARIANTS = {"off": False, "listed": True}


def _typed(text: str, lang: str, variant: str) -> dict:
    real = list_names.ENABLED
    list_names.ENABLED = VARIANTS[variant]
    try:
        return {(m.start, m.end): m.label for m in extract_mentions(text, lang)}
    finally:
        list_names.ENABLED = real


def dev(langs: list[str], data: Path, verbose: bool) -> None:
    for lang in langs:
        counts = {v: Counter() for v in VARIANTS}
        changed = {v: Counter() for v in VARIANTS}
        rows = 0
        for text, gold in dev_rows(lang, data):
            rows += 1
            base = _typed(text, lang, "off")
            for variant in VARIANTS:
                pred = base if variant == "off" else _typed(text, lang, variant)
                count_typed(counts[variant], gold, pred)
                for span, label in pred.items():
                    if base.get(span) != label:
                        right = gold.get(span) == label
                        changed[variant]["right" if right else "wrong"] += 1
                        if verbose and variant == "listed":
                            around = text[max(0, span[0] - 50):span[1] + 30]
                            print(f"  {lang} {'+' if right else '-'} "
                                  f"{text[span[0]:span[1]]!r} {base.get(span)} -> {label} "
                                  f"(gold {gold.get(span)}) | {around!r}")
        if not rows:
            print(f"{lang}: no cased dev sentences")
            continue
        print(f"{lang} ({rows} sentences): dev cased F1 off {_f1(counts['off'])}; " + "; ".join(
            f"{v} {_f1(counts[v])} ({changed[v]['right']} right, {changed[v]['wrong']} wrong)"
            for v in VARIANTS if v != "off"), flush=True)


def semeval(limit: int, data: Path, langs: list[str], sample: int, offset: int = 0) -> None:
    """The changes on distinct SemEval article texts of ``langs`` (``limit`` each, after
    the first ``offset``); ``sample`` of them drawn at random (seed 16) for reading."""
    shown = Counter()
    found = []
    for lang, text in semeval_texts(data / "semeval2022-task8-dev.csv", langs):
        if shown[lang] >= offset + limit:
            continue
        shown[lang] += 1
        if shown[lang] <= offset:
            continue
        before, after = _typed(text, lang, "off"), _typed(text, lang, "listed")
        for span, label in sorted(after.items()):
            if before.get(span) != label:
                found.append(f"  {lang} {text[span[0]:span[1]]!r} {before.get(span)} -> "
                             f"{label} | {text[max(0, span[0] - 60):span[1] + 30]!r}")
    print("articles read:", dict(shown), "changes:", len(found))
    for line in random.Random(16).sample(found, min(sample, len(found))):
        print(line.replace("\n", " "))


def main() -> None:
    parser = argparse.ArgumentParser()
    probe_arguments(parser)
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--offset", type=int, default=0,
                        help="skip the first OFFSET SemEval articles of each language")
    args = parser.parse_args()
    langs = args.langs.split(",")
    if args.semeval:
        semeval(args.semeval, Path(args.data), langs, args.sample, args.offset)
    else:
        dev(langs, Path(args.data), args.v)


if __name__ == "__main__":
    main()
