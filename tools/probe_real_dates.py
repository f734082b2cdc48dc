"""Probe: dates and counted numbers on real news, scored against hand labels.

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python tools/probe_real_dates.py
        [--part tune|check|all] [--errors]
    ... tools/probe_real_dates.py --labels tools/probe_real_dates_blind_labels.txt --part blind

The labels (``tools/probe_real_dates_labels.txt``, its header gives the conventions) cover
the first ~1,000 characters of 30 SemEval 2022 task 8 dev texts in 7 languages, read by
hand before any output was looked at. The texts carry no publish time, so this measures
what a reader sees of an undated article: ``extract_facts`` with ``date_publish=None``.

Scores, per language and over all, for the chosen part:
- dates P / R: a shown date is right when it overlaps a labelled date and has its value
  (a day-month without year evidence is ``--MM-DD``); a value shown over a day only the
  publish time could tell (weekday, "today") is a wrong date; a day-month shown for a day
  the labels date with its year counts neither way (as in ``bench_extraction``);
- quantities P / R on the value (overlap + equal value), and of the matched ones, how many
  name what they count (the counted noun or the unit begins like a labelled form).
Output over an ``ignore`` label counts neither way. The check half is kept blind: score it
once, after the rules are fixed. ``--labels`` scores another labels file of the same format
(``tools/probe_real_dates_blind_labels.txt``, part ``blind``: a second blind set drawn by
``tools/probe_real_dates_draw.py``). Without the SemEval file (RASHOMON_SHARED) it skips.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

LABELS = Path(__file__).with_name("probe_real_dates_labels.txt")


@dataclass
class Text:
    pair: str
    side: str
    lang: str
    part: str
    cut: int
    digest: str
    labels: list[tuple] = field(default_factory=list)  # (kind, start, end, values, forms)


def read_labels(path: Path = LABELS) -> list[Text]:
    texts: list[Text] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(" ")
        if parts[0] == "text":
            texts.append(Text(parts[1], parts[2], parts[3], parts[4], int(parts[5]), parts[6]))
            continue
        kind, start, end, value = parts[4], int(parts[5]), int(parts[6]), parts[7]
        forms = parts[8].split("|") if len(parts) > 8 else []
        assert (parts[0], parts[1]) == (texts[-1].pair, texts[-1].side), line
        texts[-1].labels.append((kind, start, end, value.split("|"), forms))
    return texts


def source_texts(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The text of each (pair id, side): its first row in the CSV, as the sample drew it."""
    from common import SEMEVAL, title_first_line

    csv.field_size_limit(10**8)
    found: dict[tuple[str, str], str] = {}
    with SEMEVAL.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for side in ("1", "2"):
                key = (row["pair_id"], side)
                if key in wanted and key not in found:
                    found[key] = title_first_line(row[f"text{side}"])
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _names_counted(q, forms: list[str]) -> bool:
    """True when the quantity's counted noun or unit begins like one labelled form: the
    same first four letters, or the whole of a shorter form (case endings, plurals and
    derived adjectives differ across the languages: "yıl" / "yıllık")."""
    said = [w.casefold() for w in (q.counted or "").split()] + [(q.unit or "").casefold()]
    for form in (f.casefold() for f in forms):
        for word in filter(None, said):
            if word == form or (len(form) >= 3 and word.startswith(form)) or (
                    len(form) >= 4 and len(word) >= 4 and
                    (word.startswith(form[:4]) or form.startswith(word[:4]))):
                return True
    return False


def score_text(text: Text, body: str, tally: dict, errors: list[str] | None) -> None:
    from rashomon.core import Article
    from rashomon.extract import extract_facts

    facts = extract_facts(Article(title="", maintext=body, language=text.lang))
    ignore = [(s, e) for k, s, e, _, _ in text.labels if k == "ignore"]
    gold_dates = [lab for lab in text.labels if lab[0] == "date"]
    no_value = [(s, e) for k, s, e, _, _ in text.labels if k == "unresolvable"]
    gold_q = [lab for lab in text.labels if lab[0] == "quantity"]
    lang = tally[text.lang]

    def note(kind: str, start: int, end: int, detail: str) -> None:
        if errors is not None:
            errors.append(f"[{text.lang}] {text.pair}:{text.side} {kind} "
                          f"{body[start:end]!r} @{start} {detail}")

    matched: set[int] = set()
    for d in (d for d in facts.dates if d.start < text.cut):
        span = (d.start, d.end)
        if any(_overlaps(span, x) for x in ignore):
            continue
        if d.granularity == "monthday" and any(
                _overlaps(span, g[1:3]) and d.value not in g[3]
                and any(v.endswith(d.value[1:]) for v in g[3]) for g in gold_dates):
            # the right day-month of a day whose year the labeller could tell: not a wrong
            # value, not the whole one (bench_extraction.scored_dates); the day stays missed
            continue
        lang["dates_shown"] += 1
        hit = next((i for i, g in enumerate(gold_dates) if i not in matched and
                    _overlaps(span, g[1:3]) and d.value in g[3]), None)
        if hit is not None:
            matched.add(hit)
            lang["dates_right"] += 1
        elif any(_overlaps(span, u) for u in no_value):
            note("date FP", d.start, d.end, f"{d.value} shown for a day no text tells")
        else:
            note("date FP", d.start, d.end, f"{d.value}")
    lang["dates_gold"] += len(gold_dates)
    for i, g in enumerate(gold_dates):
        if i not in matched:
            note("date FN", g[1], g[2], "|".join(g[3]))

    matched = set()
    for q in (q for q in facts.quantities if q.start < text.cut):
        span = (q.start, q.end)
        if any(_overlaps(span, x) for x in ignore):
            continue
        lang["q_shown"] += 1
        hit = next((i for i, g in enumerate(gold_q) if i not in matched and
                    _overlaps(span, g[1:3]) and _same_number(q.value, float(g[3][0]))), None)
        if hit is None:
            note("quantity FP", q.start, q.end, f"{q.value:g} ({q.counted or q.unit})")
            continue
        matched.add(hit)
        lang["q_right"] += 1
        forms = gold_q[hit][4]
        if forms and forms != ["*"]:
            lang["counted_gold"] += 1
            if _names_counted(q, forms):
                lang["counted_right"] += 1
            else:
                note("counted wrong", q.start, q.end,
                     f"{q.counted or q.unit or '-'} (labelled {'|'.join(forms)})")
    lang["q_gold"] += len(gold_q)
    for i, g in enumerate(gold_q):
        if i not in matched:
            note("quantity FN", g[1], g[2], g[3][0])


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def report(tally: dict) -> dict:
    total: dict[str, int] = defaultdict(int)
    rows = {}
    print("lang  dates P / R (n)          quantities P / R (n)      counted right")
    for lang in sorted(tally):
        t = tally[lang]
        for k, v in t.items():
            total[k] += v
        rows[lang] = t
    for name, t in [*sorted(tally.items()), ("all", total)]:
        print(f"{name:4}  {_ratio(t['dates_right'], t['dates_shown'])} / "
              f"{_ratio(t['dates_right'], t['dates_gold'])} ({t['dates_gold']:3})      "
              f"{_ratio(t['q_right'], t['q_shown'])} / {_ratio(t['q_right'], t['q_gold'])} "
              f"({t['q_gold']:3})      {t['counted_right']}/{t['counted_gold']}")
    return dict(total)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=("tune", "check", "blind", "all"), default="tune")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labels file")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    from common import SEMEVAL

    if not SEMEVAL.exists():
        print(f"skipped: {SEMEVAL} not found (set RASHOMON_SHARED)")
        return
    texts = [t for t in read_labels(args.labels) if args.part in ("all", t.part)]
    bodies = source_texts({(t.pair, t.side) for t in texts})
    tally: dict = defaultdict(lambda: defaultdict(int))
    errors: list[str] | None = [] if args.errors else None
    for text in texts:
        body = bodies[(text.pair, text.side)]
        digest = hashlib.sha1(body[:text.cut].encode("utf-8")).hexdigest()[:10]
        if digest != text.digest:
            raise SystemExit(f"{text.pair}:{text.side}: the text differs from the labelled one")
        score_text(text, body, tally, errors)
    print(f"part {args.part}: {len(texts)} texts")
    report(tally)
    for line in errors or []:
        print(line)


if __name__ == "__main__":
    main()
