"""Before/after measurement of any change to entity extraction (code or data), through
the whole extraction: save a snapshot of the typed mentions, change the code, compare.

- dev: every cased dev sentence of each language (tokens joined by spaces, as
  ``probe_short_names.dev_rows`` reads them): typed exact-span F1 (PER/ORG/LOC) of the
  snapshot and of the current code, and how many of the changed mentions are right;
- semeval: the SemEval 2022 task 8 dev texts of each language, leaving out both texts of
  every pair labelled in bench/real (the real-news evaluation must not be the text a fix
  is measured on): every changed mention is printed for reading by hand.

Usage: RASHOMON_SHARED=../shared PYTHONPATH=src python tools/probe_names_snapshot.py
       save|compare FILE [--set dev|semeval] [--langs en,de] [--limit N] [-v]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from rashomon.extract.entities import extract_mentions

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from probe_short_names import DATA, _f1, count_typed, dev_rows

from common import semeval_texts

SCORED = {"PER", "ORG", "LOC"}
REAL = Path(__file__).resolve().parents[1] / "bench" / "real" / "entities.jsonl"


def labelled_texts(data: Path) -> set[str]:
    """Both texts of every SemEval pair labelled in bench/real."""
    pairs = {json.loads(line)["pair_id"] for line in REAL.read_text().splitlines() if line}
    csv.field_size_limit(10**8)
    out: set[str] = set()
    with (data / "semeval2022-task8-dev.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["pair_id"] in pairs:
                out.update((row["text1"], row["text2"]))
    return out


def texts(kind: str, lang: str, data: Path, limit: int):
    """(text, gold or None) of one language."""
    if kind == "dev":
        for n, (text, gold) in enumerate(dev_rows(lang, data)):
            if n >= limit:
                return
            yield text, gold
        return
    skip = labelled_texts(data)
    n = 0
    for _, text in semeval_texts(data / "semeval2022-task8-dev.csv", [lang]):
        if text in skip:
            continue
        if n >= limit:
            return
        n += 1
        yield text, None


def typed(text: str, lang: str) -> dict[str, str]:
    return {f"{m.start}:{m.end}": m.label for m in extract_mentions(text, lang)
            if m.label in SCORED}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("file")
    parser.add_argument("--set", default="dev", choices=("dev", "semeval"))
    parser.add_argument("--langs", default="en,de,es,fr,nl,pl,pt,ru,tr")
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("-v", action="store_true", help="print every changed dev mention")
    args = parser.parse_args()
    data = Path(args.data)
    path = Path(args.file)
    saved = json.loads(path.read_text()) if args.action == "compare" else {}
    out: dict = {}
    for lang in args.langs.split(","):
        before, after = Counter(), Counter()
        changed = Counter()
        for i, (text, gold) in enumerate(texts(args.set, lang, data, args.limit)):
            key = f"{lang}:{i}"
            now = typed(text, lang)
            out[key] = now
            if args.action == "save":
                continue
            old = saved.get(key, {})
            if gold is not None:
                count_typed(before, gold, {tuple(map(int, k.split(":"))): v
                                           for k, v in old.items()})
                count_typed(after, gold, {tuple(map(int, k.split(":"))): v
                                          for k, v in now.items()})
            for span in sorted(set(old) | set(now), key=lambda s: int(s.split(":")[0])):
                if old.get(span) == now.get(span):
                    continue
                s, e = map(int, span.split(":"))
                verdict = ""
                if gold is not None:
                    g = gold.get((s, e))
                    right = g == now.get(span) if now.get(span) else g != old.get(span)
                    changed["right" if right else "wrong"] += 1
                    verdict = "+" if right else "-"
                    if not args.v:
                        continue
                around = text[max(0, s - 50):e + 30].replace("\n", " ")
                print(f"  {lang} {verdict}{text[s:e]!r} {old.get(span)} -> {now.get(span)} "
                      f"| {around!r}")
        if args.action == "compare" and args.set == "dev":
            print(f"{lang}: dev cased F1 {_f1(before)} -> {_f1(after)} "
                  f"({changed['right']} right, {changed['wrong']} wrong)", flush=True)
    if args.action == "save":
        path.write_text(json.dumps(out))
        print(f"saved {len(out)} texts to {path}")


if __name__ == "__main__":
    main()
