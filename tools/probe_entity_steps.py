"""What one of the entity steps with an ``ENABLED`` switch changes, measured through the
whole extraction: typed exact-span F1 (PER/ORG/LOC) on every cased dev sentence with the
step off and on and the right/wrong count of the mentions it changes; with ``--semeval``,
every change on the SemEval 2022 task 8 dev articles (real news, no entity gold: printed
for reading by hand).

Usage: RASHOMON_SHARED=../shared PYTHONPATH=src python tools/probe_entity_steps.py
       --step datelines [--langs en,de] [--semeval N] [-v]
       (--step entities:LOWER_TAIL_CHECK for a switch of another name)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections import Counter
from pathlib import Path

from rashomon.extract.entities import extract_mentions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe_short_names import (
    _f1,
    count_typed,
    dev_rows,
    probe_arguments,
    semeval_texts,
)

FLAG = "ENABLED"


def _typed(text: str, lang: str, module, on: bool) -> dict:
    real = getattr(module, FLAG)
    setattr(module, FLAG, on)
    try:
        return {(m.start, m.end): m.label for m in extract_mentions(text, lang)}
    finally:
        setattr(module, FLAG, real)


def _changes(text: str, before: dict, after: dict) -> list[tuple]:
    """(span, before label, after label) of every mention the step adds, drops or
    retypes."""
    spans = sorted(set(before) | set(after))
    return [(s, before.get(s), after.get(s)) for s in spans if before.get(s) != after.get(s)]


def dev(langs: list[str], data: Path, module, verbose: bool) -> None:
    for lang in langs:
        counts = {False: Counter(), True: Counter()}
        changed = Counter()
        rows = 0
        for text, gold in dev_rows(lang, data):
            rows += 1
            pred = {on: _typed(text, lang, module, on) for on in (False, True)}
            for on in (False, True):
                count_typed(counts[on], gold, pred[on])
            for span, old, new in _changes(text, pred[False], pred[True]):
                right = gold.get(span) == new if new else gold.get(span) != old
                changed["right" if right else "wrong"] += 1
                if verbose:
                    print(f"  {lang} {'+' if right else '-'} {text[span[0]:span[1]]!r} "
                          f"{old} -> {new} (gold {gold.get(span)}) | "
                          f"{text[max(0, span[0] - 50):span[1] + 30]!r}")
        if rows:
            print(f"{lang} ({rows} sentences): dev cased F1 off {_f1(counts[False])} on "
                  f"{_f1(counts[True])} ({changed['right']} right, {changed['wrong']} wrong)",
                  flush=True)


def semeval(limit: int, data: Path, langs: list[str], module) -> None:
    """Every change on the first ``limit`` distinct SemEval article texts of each of
    ``langs``."""
    read = Counter()
    found = 0
    for lang, text in semeval_texts(data / "semeval2022-task8-dev.csv", langs):
        if read[lang] >= limit:
            continue
        read[lang] += 1
        before = _typed(text, lang, module, False)
        after = _typed(text, lang, module, True)
        for span, old, new in _changes(text, before, after):
            found += 1
            around = text[max(0, span[0] - 60):span[1] + 30].replace("\n", " ")
            print(f"  {lang} {text[span[0]:span[1]]!r} {old} -> {new} | {around!r}")
    print("articles read:", dict(read), "changes:", found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--step", required=True,
                        help="module of rashomon.extract, with :SWITCH when the switch is "
                             "not called ENABLED")
    probe_arguments(parser)
    args = parser.parse_args()
    global FLAG
    name, _, flag = args.step.partition(":")
    FLAG = flag or FLAG
    module = importlib.import_module(f"rashomon.extract.{name}")
    langs = args.langs.split(",")
    if args.semeval:
        semeval(args.semeval, Path(args.data), langs, module)
    else:
        dev(langs, Path(args.data), module, args.v)


if __name__ == "__main__":
    main()
