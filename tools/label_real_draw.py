"""Draw the real-news articles of bench/real (deterministic) and print their cut texts.

The texts are the SemEval 2022 task 8 dev texts (../shared/data/semeval2022-task8-dev.csv),
real news in ar, de, en, es, fr, pl, tr. Per language, the (pair, side) texts are sorted and
shuffled with ``random.Random(f"{SEED}-{lang}")``; texts are taken in that order, skipping
a pair already used (both sides of one pair tell one story), texts shorter than
``MIN_CHARS`` and the texts listed in ``SKIPPED`` (scrape debris seen while labelling, with
the reason), until ``PER_LANGUAGE`` are taken. The n-th text taken in a language goes to
the tune half when n is even, to the check half when it is odd (balanced per language).

Each text is cut with ``cut_text``: at the last sentence end between ``CUT_MIN`` and
``CUT_MAX`` characters.

Run: python tools/label_real_draw.py [--lang de] [--print]  (prints the drawn texts to label)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

SEED = 2022_08
PER_LANGUAGE = 6
MIN_CHARS = 700
CUT_MIN, CUT_MAX = 1200, 1500
LANGUAGES = ("ar", "de", "en", "es", "fr", "pl", "tr")
#: (pair_id, side) -> why it was skipped while reading the drawn texts.
SKIPPED: dict[tuple[str, int], str] = {
    ("1483779142_1484204739", 2): "a site's data-protection consent notice, no article",
}
ENDS = ".!?؟。…"


def shared_csv() -> Path:
    import os

    return Path(os.environ.get("RASHOMON_SHARED", "../shared")) / "data" / \
        "semeval2022-task8-dev.csv"


def read_texts(path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(pair_id, side) -> (language, text)."""
    csv.field_size_limit(sys.maxsize)
    texts = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in (1, 2):
                texts[(row["pair_id"], side)] = (row[f"lang{side}"], row[f"text{side}"])
    return texts


def cut_text(text: str) -> int:
    """End offset of the cut: the last sentence end (an end mark followed by white space,
    closing quotes allowed in between) in [CUT_MIN, CUT_MAX]; failing that the first one
    after CUT_MAX; failing that the last white space before CUT_MAX; a text no longer than
    CUT_MAX is kept whole (trailing white space dropped)."""
    if len(text.rstrip()) <= CUT_MAX:
        return len(text.rstrip())
    ends = []
    for i, ch in enumerate(text[:-1]):
        if ch not in ENDS:
            continue
        j = i + 1
        while j < len(text) and text[j] in "\"'”»«“)":
            j += 1
        if j >= len(text) or text[j].isspace():
            ends.append(j)
    inside = [e for e in ends if CUT_MIN <= e <= CUT_MAX]
    if inside:
        return inside[-1]
    after = [e for e in ends if e > CUT_MAX]
    if after and after[0] <= CUT_MAX + 400:
        return after[0]
    space = text.rfind(" ", 0, CUT_MAX)
    return space if space > 0 else CUT_MAX


def draw(texts: dict[tuple[str, int], tuple[str, str]]) -> list[dict]:
    rows = []
    for lang in LANGUAGES:
        keys = sorted(k for k, (lg, _) in texts.items() if lg == lang)
        random.Random(f"{SEED}-{lang}").shuffle(keys)
        used_pairs: set[str] = set()
        taken = 0
        for key in keys:
            if taken == PER_LANGUAGE:
                break
            text = texts[key][1]
            if key[0] in used_pairs or key in SKIPPED or len(text.strip()) < MIN_CHARS:
                continue
            used_pairs.add(key[0])
            rows.append({"pair_id": key[0], "side": key[1], "lang": lang,
                         "cut": cut_text(text), "half": "tune" if taken % 2 == 0 else "check"})
            taken += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="")
    parser.add_argument("--print", action="store_true", help="print the cut texts")
    args = parser.parse_args()
    texts = read_texts(shared_csv())
    for row in draw(texts):
        if args.lang and row["lang"] != args.lang:
            continue
        if args.print:
            text = texts[(row["pair_id"], row["side"])][1][:row["cut"]]
            print(f"## {row['pair_id']} {row['side']} {row['lang']} {row['half']}\n{text}\n")
        else:
            print(json.dumps(row))


if __name__ == "__main__":
    main()
