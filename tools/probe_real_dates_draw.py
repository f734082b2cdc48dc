"""Draw a fresh blind sample of real-news texts for the date / quantity labels.

RASHOMON_SHARED=/work/shared python tools/probe_real_dates_draw.py [--print]

The texts are SemEval 2022 task 8 dev texts (real news). A text is left out when it, or any
text joined to it through the CSV's pairs (transitively), is already an evaluation or
labelled text of the project: the texts of ``tools/probe_real_dates_labels.txt``,
``bench/real/entities*.jsonl`` (and ``tools/data/ner-real.*.jsonl``, where they first were),
every pair of ``bench/semeval_disputes.json`` and every same-story row its labels read, and
every text that carries a label of ``tools/probe_quotes_*labels.txt``. Per language the
remaining texts of at least ``MIN_CHARS`` characters are ordered by sha256(``SALT:<pair
id>:<side>``) and taken in that order, one text per connected group of pairs, until the
language's count. Each is read as ``bench/common.title_first_line`` and cut at the first
space at or after character ``CUT``. Printed: the header lines of a labels file (``text
<pair> <side> <lang> blind <cut> <sha1 10 hex>``) and, with ``--print``, the cut texts to
label. The sample of ``tools/probe_real_dates_blind_labels.txt`` is this draw with the label
files of main on 2026-12-05 at 02:40 UTC (commit d5076ed, when the real-news NER labels were
still tools/data/ner-real.*.jsonl); a label file added later
(bench/real/entities-fresh.*.jsonl took several of its texts or their pairs as evaluation
texts) changes the draw, not that sample.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

SALT = "dates-blind-2026-12-05"
COUNTS = {"de": 5, "en": 5, "es": 4, "fr": 4, "pl": 4, "tr": 4, "ar": 4}
MIN_CHARS = 700
CUT = 1000


def _rows(path: Path) -> list[dict]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def forbidden_seeds(rows: list[dict]) -> tuple[set[tuple[str, str]], set[str]]:
    """(pair id, side) keys and raw texts already used by a label or evaluation file."""
    keys: set[tuple[str, str]] = set()
    for line in (ROOT / "tools" / "probe_real_dates_labels.txt").read_text().splitlines():
        if line.startswith("text "):
            keys.add((line.split()[1], line.split()[2]))
    for path in [*sorted((ROOT / "bench" / "real").glob("entities*.jsonl")),
                 *sorted((ROOT / "tools" / "data").glob("ner-real.*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                keys.add((row["pair_id"], str(row["side"])))
    disputes = json.loads((ROOT / "bench" / "semeval_disputes.json").read_text())
    pairs = {d["pair"] for part in ("disputes", "not_disputes") for d in disputes[part]}
    # every same-story row the dispute labels read (Overall <= 1.5), both sides
    limit = disputes["sample"]["overall_max"]
    for row in rows:
        if row["pair_id"] in pairs or float(row["Overall"]) <= limit:
            keys.update({(row["pair_id"], "1"), (row["pair_id"], "2")})
    # the texts that carry a quote label: per language, distinct texts in file order
    labelled: dict[str, set[int]] = {}
    for path in (ROOT / "tools").glob("probe_quotes_*labels.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"(\w+) t(\d+) ", line)
            if match:
                labelled.setdefault(match.group(1), set()).add(int(match.group(2)))
    texts: set[str] = set()
    seen: set[str] = set()
    numbers: dict[str, int] = {}
    for row in rows:
        for side in ("1", "2"):
            lang, text = row[f"lang{side}"], row[f"text{side}"]
            if text and text not in seen:
                seen.add(text)
                number = numbers.get(lang, 0)
                numbers[lang] = number + 1
                if number in labelled.get(lang, ()):
                    texts.add(text)
    return keys, texts


def groups(rows: list[dict]) -> dict[str, int]:
    """Raw text -> its connected group through the CSV's pairs (union-find)."""
    from real_ner import UnionFind

    find = UnionFind()
    for row in rows:
        find.join(row["text1"], row["text2"])
    roots: dict[str, int] = {}
    return {t: roots.setdefault(find(t), len(roots)) for t in find.seen()}


def draw(path: Path) -> list[tuple[str, str, str, str, int]]:
    """[(pair id, side, lang, title-first text, cut)] of the sample, by language."""
    from common import title_first_line

    rows = _rows(path)
    keys, used_texts = forbidden_seeds(rows)
    group = groups(rows)
    banned = {group[row[f"text{s}"]] for row in rows for s in ("1", "2")
              if (row["pair_id"], s) in keys or row[f"text{s}"] in used_texts}
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for row in rows:
        for side in ("1", "2"):
            first.setdefault((row["pair_id"], side), (row[f"lang{side}"], row[f"text{side}"]))
    out = []
    for lang, count in COUNTS.items():
        pool = sorted((k for k, (lg, t) in first.items() if lg == lang
                       and len(t) >= MIN_CHARS and group[t] not in banned),
                      key=lambda k: hashlib.sha256(f"{SALT}:{k[0]}:{k[1]}".encode()).hexdigest())
        taken: set[int] = set()
        for pair, side in pool:
            raw = first[(pair, side)][1]
            if group[raw] in taken:
                continue
            taken.add(group[raw])
            body = title_first_line(raw)
            space = body.find(" ", CUT)
            out.append((pair, side, lang, body, space if space != -1 else len(body)))
            if len(taken) == count:
                break
    return out


def main() -> None:
    from common import SEMEVAL

    parser = argparse.ArgumentParser()
    parser.add_argument("--print", action="store_true", help="print the cut texts")
    args = parser.parse_args()
    if not SEMEVAL.exists():
        print(f"skipped: {SEMEVAL} not found (set RASHOMON_SHARED)")
        return
    for pair, side, lang, body, cut in draw(SEMEVAL):
        digest = hashlib.sha1(body[:cut].encode("utf-8")).hexdigest()[:10]
        print(f"text {pair} {side} {lang} blind {cut} {digest}")
        if args.print:
            print(body[:cut])
            print()


if __name__ == "__main__":
    main()
