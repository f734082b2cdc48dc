"""Turn hand-written real-news labels (surfaces in text order) into bench/real/entities.jsonl.

Input: a labels file written while reading the texts that tools/label_real_draw.py prints:

    ## <pair_id> <side>
    PER Sultan Name
    ORG Some Ministry
    LOC Place

one mention per line, in the order they appear in the cut text (repeated mentions repeated).
Each surface is looked up from the end of the previous mention on; a match must not sit
inside a longer word (a letter or digit just before or after it), except for a surface
written with a leading "~" (a name glued to a clitic, e.g. Arabic "لبرنامج"), which takes
the first match and is reported for checking. A surface not found after
the previous mention stops the run with its article and line (the labels are out of order
or misspelt). Output rows: {"pair_id", "side", "lang", "cut", "half", "spans":
[[start, end, label, surface], ...]} in the draw's order.

Run: RASHOMON_SHARED=/work/shared python tools/label_real_offsets.py LABELS.txt
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from label_real_draw import draw, read_texts, shared_csv

LABELS = {"PER", "ORG", "LOC", "MISC"}
OUT = Path(__file__).resolve().parents[1] / "bench" / "real" / "entities.jsonl"


def parse(path: Path) -> dict[tuple[str, int], list[tuple[str, str]]]:
    labelled: dict[tuple[str, int], list[tuple[str, str]]] = {}
    key = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#!"):
            continue
        if line.startswith("## "):
            pair, side = line[3:].split()[:2]
            key = (pair, int(side))
            labelled[key] = []
            continue
        label, _, surface = line.partition(" ")
        if label not in LABELS or not surface or key is None:
            raise SystemExit(f"{path}:{number}: bad line {line!r}")
        labelled[key].append((label, surface))
    return labelled


def bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def locate(text: str, mentions: list[tuple[str, str]], where: str) -> list[list]:
    spans, cursor = [], 0
    for label, surface in mentions:
        glued = surface.startswith("~")
        surface = surface.lstrip("~")
        start = text.find(surface, cursor)
        while not glued and start >= 0 and not bounded(text, start, start + len(surface)):
            start = text.find(surface, start + 1)
        if start < 0:
            raise SystemExit(f"{where}: {label} {surface!r} not found after offset {cursor}")
        if glued:
            print(f"{where}: glued {surface!r} in "
                  f"{text[max(0, start - 8):start + len(surface) + 8]!r}", file=sys.stderr)
        end = start + len(surface)
        spans.append([start, end, label, surface])
        cursor = end
    return spans


def main() -> None:
    labelled = parse(Path(sys.argv[1]))
    texts = read_texts(shared_csv())
    rows = []
    for row in draw(texts):
        key = (row["pair_id"], row["side"])
        if key not in labelled:
            print(f"not labelled yet: {key}", file=sys.stderr)
            continue
        text = texts[key][1][:row["cut"]]
        rows.append({**row, "spans": locate(text, labelled[key], f"{key[0]} {key[1]}")})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    print(f"{len(rows)} articles, {sum(len(r['spans']) for r in rows)} spans -> {OUT}")


if __name__ == "__main__":
    main()
