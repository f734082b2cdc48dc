"""The comparison on real news: agreements, only-in claims and contradictions of 25 SemEval
2022 task 8 dev pairs that raters call the same story, scored against labels written from
the two texts before the comparison ran on them (``bench/real/compare.jsonl``, guideline
``bench/real/COMPARE_GUIDELINES.md``: offsets and kinds, no article text).

Each pair is compared as a two-article story (the two texts as two outlets, no publish
time: the CSV has none), as ``bench/bench_semeval_disputes.py`` does. A reported item's
evidence sentences are placed back in the pair's texts (whitespace-insensitive search), and
matched to the labels by overlap, with ``bench/bench_compare.py``'s rule:

- an agreement matches a labelled agreement when its evidence overlaps a cited span in
  each text and those overlapping sentences are at least half of its evidence;
- an only-in claim matches a labelled only-in item of its text when its evidence overlaps
  one of the item's spans (again at least half of its evidence);
- a contradiction is right when a labelled contradiction's spans are overlapped on both
  sides (none was found in these pairs: every one reported is false).

Precision pairs reported and labelled items one to one; recall counts every labelled item
some reported item matches. A reported item whose sentences all lie in ignored spans (page
debris) is left out; one that overlaps nothing labelled counts wrong. ``only_in_fdn`` is
the recall of the only-in items that carry a figure, date or name. Figures per half (tune:
errors read to choose what to fix; check: measured, not read) and over all pairs.

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python bench/bench_real_compare.py \
        [--errors tune] [--half tune] [--no-write]

Skips cleanly (status 0) without the SemEval file; run by the gate (RASHOMON_BENCH_RESULTS
set) it writes ``{"skipped": true}``. Writes ``bench/results/real_compare.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, SEMEVAL, skip, write_results

LABELS = ROOT / "bench" / "real" / "compare.jsonl"
DISPUTE_LABELS = ROOT / "bench" / "semeval_disputes.json"

#: Rows drawn per language pair (the CSV's same-story rows hold no other cross-language
#: pair than de-en), see COMPARE_GUIDELINES.md.
QUOTA = {("de", "en"): 6, ("de", "de"): 4, ("en", "en"): 4, ("es", "es"): 3, ("pl", "pl"): 3,
         ("tr", "tr"): 2, ("ar", "ar"): 2, ("fr", "fr"): 1}

Span = tuple[int, int]


def draw(pairs: list, excluded: set[str]) -> list[tuple[object, str]]:
    """(pair, half) of the labelled rows: same-story rows (Overall <= 1.5) by SHA-1 of the
    pair id, the first of each language pair up to its quota, pair ids listed twice and
    ``excluded`` left out; tune and check alternate within a language pair."""
    same = [p for p in pairs if p.overall <= 1.5]
    ids = Counter(p.pair_id for p in same)
    same.sort(key=lambda p: hashlib.sha1(p.pair_id.encode()).hexdigest())
    chosen = []
    for key, n in QUOTA.items():
        rows = [p for p in same if (p.lang1, p.lang2) == key and ids[p.pair_id] == 1
                and p.pair_id not in excluded][:n]
        chosen += [(p, "tune" if i % 2 == 0 else "check") for i, p in enumerate(rows)]
    return chosen


def dispute_pairs() -> set[str]:
    """Pair ids the dispute labels name: the comparison's dispute rules were tuned on them."""
    labels = json.loads(DISPUTE_LABELS.read_text(encoding="utf-8"))
    return {x["pair"] for x in labels["disputes"] + labels["not_disputes"]}


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# -- placing sentences back in their text ------------------------------------------------


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space, and each kept character's index."""
    out, index, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                index.append(i)
            space = True
            continue
        out.append(ch)
        index.append(i)
        space = False
    return "".join(out), index


def locate(text: str, sentence: str) -> Span | None:
    """Where ``sentence`` sits in ``text`` (whitespace runs ignored); when cleaning changed
    the middle, its first and last 30 characters bound it. None when neither is found."""
    hay, index = _squeezed(text)
    needle = _squeezed(sentence)[0].strip()
    if not needle:
        return None
    at = hay.find(needle)
    if at >= 0:
        return index[at], index[at + len(needle) - 1] + 1
    head, tail = needle[:30], needle[-30:]
    start = hay.find(head)
    end = hay.find(tail, max(start, 0))
    if start >= 0 and end >= 0:
        return index[start], index[end + len(tail) - 1] + 1
    return None


# -- scoring (pure: tests/test_bench_real_compare.py) ------------------------------------


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _hits(evidence: list[tuple[int, Span]], spans: dict[int, list[Span]]) -> list[int]:
    """Indexes of the evidence sentences that overlap a span of their side."""
    return [i for i, (side, ev) in enumerate(evidence)
            if any(overlaps(ev, s) for s in spans.get(side, []))]


def matches(evidence: list[tuple[int, Span]], spans: dict[int, list[Span]],
            both_sides: bool) -> bool:
    """The bench_compare rule: the overlapping sentences cover the label (a span on each
    side when ``both_sides``) and are at least half of the reported evidence."""
    hits = _hits(evidence, spans)
    if not hits or 2 * len(hits) < len(evidence):
        return False
    return not both_sides or {evidence[i][0] for i in hits} >= {1, 2}


def ignored(evidence: list[tuple[int, Span]], ignore: dict[int, list[Span]]) -> bool:
    return bool(evidence) and all(any(overlaps(ev, s) for s in ignore.get(side, []))
                                  for side, ev in evidence)


def score_section(reported: list[list[tuple[int, Span]]], labelled: list[dict[int, list[Span]]],
                  ignore: dict[int, list[Span]], both_sides: bool) -> dict:
    """One section of one pair: (right, counted, labelled found, labelled), the indexes of
    false reported items and of missed labels."""
    counted = [i for i, ev in enumerate(reported) if not ignored(ev, ignore)]
    used: set[int] = set()
    right, false = 0, []
    for i in counted:
        hit = next((g for g, spans in enumerate(labelled)
                    if g not in used and matches(reported[i], spans, both_sides)), None)
        if hit is None:
            false.append(i)
        else:
            used.add(hit)
            right += 1
    found = {g for g, spans in enumerate(labelled)
             if any(matches(reported[i], spans, both_sides) for i in counted)}
    missed = [g for g in range(len(labelled)) if g not in found]
    return {"right": right, "reported": len(counted), "found": len(found),
            "labelled": len(labelled), "false": false, "missed": missed}


def prf(right: int, reported: int, found: int, labelled: int) -> dict:
    p = right / reported if reported else None
    r = found / labelled if labelled else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {"precision": None if p is None else round(p, 3),
            "recall": None if r is None else round(r, 3),
            "f1": None if f is None else round(f, 3),
            "right": right, "reported": reported, "found": found, "labelled": labelled}


def label_spans(row: dict) -> tuple[list[dict], list[dict], list[dict], dict]:
    """Agreements, only-in items and contradictions of a row as {side: [spans]}, and its
    ignored spans."""
    def sides(d: dict) -> dict[int, list[Span]]:
        return {int(k): [tuple(s) for s in v] for k, v in d.items()}
    agreements = [sides(a["spans"]) for a in row["agreements"]]
    only_in = [{o["side"]: [tuple(s) for s in o["spans"]]} for o in row["only_in"]]
    contradictions = [sides(c["spans"]) for c in row["contradictions"]]
    return agreements, only_in, contradictions, sides(row["ignore"])


# -- running the comparison ---------------------------------------------------------------


class Comparer:
    """The comparison of one pair as a two-outlet story (no store, no publish time)."""

    def __init__(self) -> None:
        from rashomon.embed import get_embedder
        from rashomon.pipeline import Engine
        from rashomon.store import SQLiteStore

        self.embedder = get_embedder("e5")
        self.engine = Engine(SQLiteStore(":memory:"), embedder=self.embedder)
        self.n = 0

    def report(self, pair):
        from rashomon import extract
        from rashomon.compare.build import build
        from rashomon.core import Story

        articles = []
        for k, (text, outlet) in enumerate(((pair.text1, "first.example"),
                                            (pair.text2, "second.example"))):
            article = self.engine._article_of_text(text)
            article.id, article.source_domain = 2 * self.n + k + 1, outlet
            articles.append(article)
        self.n += 1
        facts = {a.id: extract.extract_facts(a) for a in articles}
        entities = extract.link_entities(articles, facts)
        report = build(Story(id=None, title=pair.pair_id, articles=articles), facts, entities,
                       self.embedder, None)
        side = {articles[0].id: 1, articles[1].id: 2}
        return report, side

    def close(self) -> None:
        self.engine.close()


def placed(evidence, side: dict[int, int], texts: dict[int, str],
           unplaced: Counter) -> list[tuple[int, Span]]:
    out = []
    for ev in evidence:
        k = side[ev.article_id]
        where = locate(texts[k], ev.sentence)
        if where is None:
            unplaced[k] += 1
            continue
        out.append((k, where))
    return out


def reported_items(report, side, texts, unplaced) -> dict[str, list]:
    agreements = [placed(c.evidence, side, texts, unplaced) for c in report.agreements]
    only_in = [placed(c.evidence, side, texts, unplaced)
               for claims in report.only_in.values() for c in claims]
    contradictions = [placed([v["evidence"] for v in c.values], side, texts, unplaced)
                      for c in report.contradictions]
    return {"agreements": agreements, "only_in": only_in, "contradictions": contradictions}


def why_missed(cited: list[tuple[int, Span]], got: dict[str, list]) -> str:
    """Where the comparison put a missed label's sentences: in a reported agreement, an
    only-in claim, or nowhere (dropped as background, or a claim too mixed to match)."""
    def holds(items: list) -> bool:
        return any(k == side and overlaps(ev, span) for item in items for k, ev in item
                   for side, span in cited)
    places = [name for name in ("agreements", "only_in") if holds(got[name])]
    return "in " + " and ".join(places) if places else "not listed"


def show(texts: dict[int, str], evidence) -> str:
    return " || ".join(f"[{k}] {texts[k][s:e][:220]!r}" for k, (s, e) in evidence)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=("tune", "check"), default=None,
                        help="list false and missed items of one half (check: end of a stop)")
    parser.add_argument("--half", choices=("tune", "check"), default=None,
                        help="score one half only (print only)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not SEMEVAL.exists():
        if os.environ.get("RASHOMON_BENCH_RESULTS"):  # run by the gate: say it was skipped
            write_results("real_compare", {"skipped": True, "reason": "no SemEval texts"})
        skip(f"{SEMEVAL} not found (set RASHOMON_SHARED to the shared data folder)")
    from common import semeval_pairs
    from rashomon.compare import COMPARE_VERSION
    from rashomon.extract import EXTRACTOR_VERSION

    pairs = {(p.pair_id, h): p for p, h in draw(semeval_pairs(), dispute_pairs())}
    rows = [r for r in load_labels() if args.half in (None, r["half"])]
    comparer = Comparer()
    totals: dict[str, Counter] = {}
    unplaced: Counter = Counter()
    kinds = ("agreements", "only_in", "contradictions")
    for row in rows:
        pair = pairs.get((row["pair_id"], row["half"]))
        if pair is None:
            raise SystemExit(f"{row['pair_id']} ({row['half']}) is not drawn: the CSV or the "
                             "draw changed")
        texts = {1: pair.text1, 2: pair.text2}
        for k, t in texts.items():
            if hashlib.sha1(t.encode()).hexdigest()[:12] != row["sha1"][str(k)]:
                raise SystemExit(f"{row['pair_id']} text {k} differs from the labelled one")
        report, side = comparer.report(pair)
        got = reported_items(report, side, texts, unplaced)
        agreements, only_in, contradictions, ignore = label_spans(row)
        labels = {"agreements": agreements, "only_in": only_in, "contradictions": contradictions}
        for kind in kinds:
            part = score_section(got[kind], labels[kind], ignore, kind != "only_in")
            for half in (row["half"], "all"):
                t = totals.setdefault(f"{half}:{kind}", Counter())
                t.update({k: part[k] for k in ("right", "reported", "found", "labelled")})
            if kind == "only_in":  # recall of the figure / date / name items
                fdn = [g for g, o in enumerate(row["only_in"]) if o["has"] != "x"]
                hit = sum(1 for g in fdn if g not in part["missed"])
                for half in (row["half"], "all"):
                    t = totals.setdefault(f"{half}:only_in_fdn", Counter())
                    t.update({"found": hit, "labelled": len(fdn)})
            if args.errors == row["half"]:
                for i in part["false"]:
                    print(f"FALSE {kind} {row['pair_id']}: {show(texts, got[kind][i])}")
                for g in part["missed"]:
                    spans = labels[kind][g]
                    cited = [(k, s) for k, ss in spans.items() for s in ss]
                    print(f"MISSED {kind} {row['pair_id']} ({why_missed(cited, got)}): "
                          f"{show(texts, cited)}")
    comparer.close()
    figures: dict = {"compare_version": COMPARE_VERSION, "extractor_version": EXTRACTOR_VERSION,
                     "pairs": len(rows), "unplaced_sentences": sum(unplaced.values())}
    halves = ("tune", "check", "all") if args.half is None else (args.half,)
    for half in halves:
        figures[half] = {kind: prf(**{k: totals[f"{half}:{kind}"][k] for k in
                                      ("right", "reported", "found", "labelled")})
                         for kind in kinds}
        fdn = totals[f"{half}:only_in_fdn"]
        figures[half]["only_in_fdn_recall"] = (round(fdn["found"] / fdn["labelled"], 3)
                                               if fdn["labelled"] else None)
        figures[half]["false_contradictions"] = figures[half]["contradictions"]["reported"] - \
            figures[half]["contradictions"]["right"]
        fig = figures[half]
        print(f"{half:6s} agreements P/R/F1 {fig['agreements']['precision']}/"
              f"{fig['agreements']['recall']}/{fig['agreements']['f1']} "
              f"({fig['agreements']['reported']} reported, {fig['agreements']['labelled']} "
              f"labelled); only-in {fig['only_in']['precision']}/{fig['only_in']['recall']}/"
              f"{fig['only_in']['f1']} ({fig['only_in']['reported']}, "
              f"{fig['only_in']['labelled']}; figure/date/name R {fig['only_in_fdn_recall']}); "
              f"false contradictions {fig['false_contradictions']}")
    print(f"evidence sentences not placed in their text: {figures['unplaced_sentences']}")
    if not args.no_write and args.half is None:
        write_results("real_compare", figures)


if __name__ == "__main__":
    main()
