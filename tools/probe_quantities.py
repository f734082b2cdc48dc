"""Probe: every quantity ``extract_quantities`` reads in the distinct SemEval 2022 task 8
dev texts (real news nobody on the project wrote), to compare two versions of the rules.

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python tools/probe_quantities.py --out FILE
    python tools/probe_quantities.py --compare BEFORE AFTER

The first form writes each quantity (text number, language, span, value, its context);
the second prints the quantities found by only one of the two files, to read by hand
(the texts of ``probe_real_dates``'s check half left out: that half is kept blind).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def dump(out: Path) -> None:
    from rashomon.extract.dates import extract_dates
    from rashomon.extract.quantities import extract_quantities

    texts = _texts()
    rows = []
    for number, (text, lang) in enumerate(texts):
        for q in extract_quantities(text, lang, extract_dates(text, lang, None)):
            context = " ".join(text[max(0, q.start - 60):q.end + 40].split())
            rows.append({"text_no": number, "lang": lang, "start": q.start, "end": q.end,
                         "text": q.text, "value": q.value, "counted": q.counted,
                         "context": context})
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(rows)} quantities in {len(texts)} texts -> {out}")


def _texts() -> list[tuple[str, str]]:
    from common import semeval_pairs

    seen: dict[str, str] = {}
    for pair in semeval_pairs():
        seen.setdefault(pair.text1, pair.lang1)
        seen.setdefault(pair.text2, pair.lang2)
    return sorted(seen.items())


def _check_half_numbers() -> set[int]:
    """Numbers of the texts of ``probe_real_dates``'s check half: left out of the listing
    (that half is measured once, blind)."""
    from probe_real_dates import read_labels, source_texts

    check = [t for t in read_labels() if t.part == "check"]
    blind = set(source_texts({(t.pair, t.side) for t in check}).values())
    return {number for number, (text, _) in enumerate(_texts()) if text in blind}


def compare(before: Path, after: Path) -> None:
    def keyed(path: Path) -> dict:
        return {(r["text_no"], r["start"], r["value"]): r
                for r in json.loads(path.read_text(encoding="utf-8"))}

    old, new = keyed(before), keyed(after)
    blind = _check_half_numbers()
    for sign, rows, other in (("-", old, new), ("+", new, old)):
        gone = [k for k in sorted(rows) if k not in other and k[0] not in blind]
        for key in gone:
            r = rows[key]
            print(f"{sign} [{r['lang']}] {r['text']!r} = {r['value']}: {r['context']}")
        print(f"{sign} {len(gone)} quantities")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
    elif args.out:
        dump(args.out)
    else:
        parser.error("--out FILE or --compare BEFORE AFTER")


if __name__ == "__main__":
    main()
