"""What the story-level name unions of ``linking._union_surnames`` change, on pairs of real
news articles: the SemEval 2022 task 8 dev pairs (two articles each, with a human
similarity score; no entity gold). Each pair is read as a story of two articles: the
mentions of both are grouped by ``linking._union_by_keys`` with and without the step,
each group typed by the story vote (``linking._entity``), and every mention whose group
or label changes is printed for reading by hand.

Usage: RASHOMON_SHARED=../shared PYTHONPATH=src python tools/probe_story_names.py
       [--pairs N] [--max-overall 2.5] [--langs en,de,...]
"""

from __future__ import annotations

import argparse
import csv
import os
from collections import Counter
from pathlib import Path

from rashomon.core import Article
from rashomon.extract import linking
from rashomon.extract.entities import extract_mentions

DATA = Path(os.environ.get("RASHOMON_SHARED",
                           Path(__file__).resolve().parents[2] / "shared")) / "data"


def _labels(items, with_step: bool) -> list[str]:
    """The story label of each mention of ``items`` after the unions and the vote."""
    find, union = linking.disjoint_sets(len(items))
    real = linking._union_surnames
    if not with_step:
        linking._union_surnames = lambda items, union: None
    try:
        linking._union_by_keys(items, union)
    finally:
        linking._union_surnames = real
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    labels = [""] * len(items)
    for members in groups.values():
        copies = [(aid, m.__class__(m.start, m.end, m.text, m.label, m.key, None, m.score,
                                    m.canonical)) for aid, m in (items[i] for i in members)]
        by_id = {aid: Article(id=aid, url="", title="", maintext="", language="")
                 for aid, _ in copies}
        linking._entity(copies, by_id)
        for i, (_, copy) in zip(members, copies, strict=True):
            labels[i] = copy.label
    return labels


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--max-overall", type=float, default=2.5,
                        help="only pairs at most this far apart (1 = same story, 4 = unrelated)")
    parser.add_argument("--langs", default="en,de,es,fr,tr,pl,ar")
    args = parser.parse_args()
    langs = set(args.langs.split(","))
    csv.field_size_limit(10**8)
    read = 0
    counts = Counter()
    with open(DATA / "semeval2022-task8-dev.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if read >= args.pairs or float(row["Overall"]) > args.max_overall or \
                    row["lang1"] not in langs or row["lang2"] not in langs:
                continue
            read += 1
            items = []
            for aid, (lang, text) in enumerate(((row["lang1"], row["text1"]),
                                                (row["lang2"], row["text2"]))):
                items += [(aid, m) for m in extract_mentions(text, lang)]
            before, after = _labels(items, False), _labels(items, True)
            for (aid, m), old, new in zip(items, before, after, strict=True):
                if old != new:
                    counts[f"{old}->{new}"] += 1
                    print(f"  pair {read} art {aid} {m.text!r} {m.label} (score {m.score}): "
                          f"story {old} -> {new}")
    print("pairs read:", read, "label changes:", dict(counts))


if __name__ == "__main__":
    main()
