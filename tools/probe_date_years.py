"""Probe: the day-month dates written without a year in the distinct SemEval 2022 task 8
dev texts (real news nobody on the project wrote), as ``extract_dates`` reads them.

    PYTHONPATH=src RASHOMON_SHARED=../shared python tools/probe_date_years.py --out FILE
        [--proxy-published]
    python tools/probe_date_years.py --compare BEFORE AFTER [--sample N --seed S]
    python tools/probe_date_years.py --changes BEFORE AFTER

The first form writes every date mention whose text has no written year (day-month and
CJK month-day forms) with its value; the second lists the mentions whose value changed
between two such files and draws a random sample of them to check by hand. The texts
have no publish time (the CSV gives none), as ``bench/`` reads them; with
``--proxy-published`` the texts that write a day with its year get the latest such day as
their publish time (the others are left out), which exercises the publish-time rules.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _texts() -> list[tuple[str, str]]:
    from common import semeval_pairs

    seen: dict[str, str] = {}
    for pair in semeval_pairs():
        seen.setdefault(pair.text1, pair.lang1)
        seen.setdefault(pair.text2, pair.lang2)
    return sorted(((t, lang) for t, lang in seen.items()), key=lambda item: item[0])


def _proxy_publish_time(text: str, lang: str):
    """The latest day the text writes with its year (its dateline, mostly), as a stand-in
    publish time: the CSV has none, and this exercises the publish-time rules."""
    from datetime import UTC, datetime

    from rashomon.extract.dates import extract_dates

    days = [d.value for d in extract_dates(text, lang, None)
            if d.granularity == "day" and _YEAR.search(d.text)]
    return datetime.fromisoformat(max(days)).replace(hour=12, tzinfo=UTC) if days else None


def dump(out: Path, proxy: bool) -> None:
    from rashomon.extract import dates

    rows = []
    for number, (text, lang) in enumerate(_texts()):
        published = _proxy_publish_time(text, lang) if proxy else None
        if proxy and published is None:
            continue
        found = dates.extract_dates(text, lang, published)
        if published is None and hasattr(dates, "year_less_days"):  # the days left undated
            shown = {(d.start, d.value) for d in found}  # extractor 75 on: in the facts
            found += [d for d in dates.year_less_days(text, lang)
                      if (d.start, d.value) not in shown]
        for d in found:
            rows.append({"text_no": number, "lang": lang, "start": d.start, "end": d.end,
                         "surface": d.text, "value": d.value, "granularity": d.granularity,
                         "year_written": bool(_YEAR.search(d.text)), "relative": d.relative})
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    print(f"{len(rows)} mentions in {len(_texts())} texts -> {out}")


def compare(before: Path, after: Path, sample: int, seed: int) -> None:
    texts = _texts()

    def keyed(path: Path) -> dict:
        return {(r["text_no"], r["start"]): r for r in json.loads(path.read_text())}

    old, new = keyed(before), keyed(after)
    yearless = {k for k, r in {**old, **new}.items() if not r["year_written"]
                and r["granularity"] in ("day", "monthday")}
    def day(rows: dict, key) -> str | None:
        row = rows.get(key)
        return row["value"] if row and row["granularity"] == "day" else None

    changed = sorted(k for k in yearless if day(old, k) != day(new, k))
    kinds = {"year changed": [k for k in changed if day(old, k) and day(new, k)],
             "newly given a year": [k for k in changed if not day(old, k)],
             "year taken away (kept as --MM-DD)": [k for k in changed if not day(new, k)]}
    print(f"year-less day-month mentions: {len(yearless)}; with a year before "
          f"{sum(bool(day(old, k)) for k in yearless)}, after "
          f"{sum(bool(day(new, k)) for k in yearless)}; changed: {len(changed)} ("
          + ", ".join(f"{name} {len(keys)}" for name, keys in kinds.items()) + ")")
    for key in random.Random(seed).sample(changed, min(sample, len(changed))):
        text, lang = texts[key[0]]
        o, n = old.get(key), new.get(key)
        r = n or o
        around = text[max(0, r["start"] - 160):r["end"] + 80].replace("\n", " ")
        years = sorted(set(_YEAR.findall(text)))
        print(f"--- text {key[0]} ({lang}) {r['surface']!r}: {o and o['value']} -> "
              f"{n and n['value']} | years in text: {years[:12]}\n    {around}")


def changes(before: Path, after: Path) -> None:
    """Every mention found by only one of two dumps (any granularity), with its context;
    the texts of the check half of ``probe_real_dates`` are left out (kept blind)."""
    from probe_real_dates import read_labels, source_texts

    texts = _texts()
    check = [t for t in read_labels() if t.part == "check"]
    blind = set(source_texts({(t.pair, t.side) for t in check}).values())

    def keyed(path: Path) -> dict:
        return {(r["text_no"], r["start"], r["value"]): r for r in json.loads(path.read_text())}

    old, new = keyed(before), keyed(after)
    for sign, rows, other in (("-", old, new), ("+", new, old)):
        gone = [k for k in sorted(rows) if k not in other and texts[k[0]][0] not in blind]
        for key in gone:
            r, (text, lang) = rows[key], texts[key[0]]
            around = " ".join(text[max(0, r["start"] - 70):r["end"] + 40].split())
            print(f"{sign} [{lang}] {r['surface']!r} = {r['value']} ({r['granularity']}): {around}")
        print(f"{sign} {len(gone)} mentions")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path)
    parser.add_argument("--proxy-published", action="store_true",
                        help="publish time = the latest day the text writes with its year")
    parser.add_argument("--compare", nargs=2, type=Path)
    parser.add_argument("--changes", nargs=2, type=Path,
                        help="every mention only one dump has (check-half texts left out)")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if args.changes:
        changes(*args.changes)
    elif args.compare:
        compare(*args.compare, args.sample, args.seed)
    else:
        dump(args.out, args.proxy_published)


if __name__ == "__main__":
    main()
