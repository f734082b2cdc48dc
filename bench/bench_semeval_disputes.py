"""Figure and date disputes on real news: the comparison's contradictions on the SemEval
2022 dev pairs that raters call the same story, scored against disputes read by hand
(``bench/semeval_disputes.json``, labelled before looking at the output).

Each pair is compared as a two-article story (the two texts as two outlets, no publish
time: the CSV has none), as ``tools/probe_compare_semeval.py`` lists it for reading. A
reported figure or date contradiction is right when its pair has a labelled dispute of
the same family (a duration is a figure) and, for figures, it states both labelled
values; anything else reported is a false dispute. Place disputes were not labelled:
they are counted and listed, never scored. Precision = right / reported, recall =
labelled disputes found / labelled.

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python bench/bench_semeval_disputes.py

Skips cleanly (status 0) when the SemEval file is absent. Writes
``bench/results/semeval_disputes.json``.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SEMEVAL, semeval_pairs, skip, write_results

LABELS = Path(__file__).resolve().parent / "semeval_disputes.json"

#: Kinds scored together (a duration is a figure); place disputes are not labelled.
FAMILY = {"quantity": "figure", "duration": "figure", "date": "date"}


def same_story_rows(pairs: list, overall_max: float) -> list[tuple[str, int, object]]:
    """(pair id, row, pair) of the pairs rated the same story; ``row`` tells apart the
    rows of a pair id the file lists twice (in file order)."""
    seen: dict[str, int] = defaultdict(int)
    rows = []
    for pair in pairs:
        if pair.overall <= overall_max:
            rows.append((pair.pair_id, seen[pair.pair_id], pair))
            seen[pair.pair_id] += 1
    return rows


def _numbers(values: list) -> list[float]:
    return [float(v) for v in values if isinstance(v, (int, float))]


def matches(reported: dict, label: dict) -> bool:
    """A reported contradiction (``kind``, ``values``) is the labelled dispute: same
    family, and for figures both labelled values among the reported ones (to 0.5%)."""
    if FAMILY.get(reported["kind"]) != FAMILY.get(label["kind"]):
        return False
    if FAMILY.get(label["kind"]) != "figure":
        return True
    stated = _numbers(reported["values"])
    return all(any(abs(s - want) <= 0.005 * max(abs(want), 1.0) for s in stated)
               for want in _numbers(label["values"]))


def score(reported: dict[tuple[str, int], list[dict]], labels: list[dict]) -> dict:
    """Precision and recall of the reported figure and date contradictions per pair row
    against the labelled disputes; place disputes listed apart."""
    by_row: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for label in labels:
        by_row[(label["pair"], label.get("row", 0))].append(label)
    right, wrong, places, found = [], [], [], set()
    for key, items in sorted(reported.items()):
        for item in items:
            entry = {"pair": key[0], "row": key[1], "kind": item["kind"],
                     "values": item["values"]}
            if item["kind"] not in FAMILY:
                places.append(entry)
                continue
            hit = next((i for i, lab in enumerate(by_row.get(key, []))
                        if matches(item, lab)), None)
            if hit is None:
                wrong.append(entry)
            else:
                right.append(entry)
                found.add((key, hit))
    missed = [{"pair": k[0], "row": k[1], "kind": lab["kind"], "values": lab["values"]}
              for k, labs in sorted(by_row.items()) for i, lab in enumerate(labs)
              if (k, i) not in found]
    n_reported = len(right) + len(wrong)
    return {
        "labelled": len(labels), "reported": n_reported, "right": len(right),
        "precision": round(len(right) / n_reported, 3) if n_reported else None,
        "recall": round(len(found) / len(labels), 3) if labels else None,
        "right_items": right, "false_items": wrong, "missed_items": missed,
        "place_disputes": places,
    }


def report_pairs(rows: list[tuple[str, int, object]]) -> dict[tuple[str, int], list[dict]]:
    """The comparison of each pair (two texts, two outlets): its contradictions."""
    from rashomon import extract
    from rashomon.compare.build import build
    from rashomon.core import Story
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    embedder = get_embedder("e5")
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    out: dict[tuple[str, int], list[dict]] = {}
    for n, (pair_id, row, pair) in enumerate(rows):
        articles = []
        for k, (text, outlet) in enumerate(((pair.text1, "first.example"),
                                            (pair.text2, "second.example"))):
            article = engine._article_of_text(text)
            article.id, article.source_domain = 2 * n + k + 1, outlet
            articles.append(article)
        facts = {a.id: extract.extract_facts(a) for a in articles}
        entities = extract.link_entities(articles, facts)
        report = build(Story(id=None, title=pair_id, articles=articles), facts, entities,
                       embedder, None)
        out[(pair_id, row)] = [{"kind": c.kind, "values": [v["value"] for v in c.values]}
                               for c in report.contradictions]
    engine.close()
    return out


def main() -> None:
    if not SEMEVAL.exists():
        skip(f"{SEMEVAL} absent (set RASHOMON_SHARED)")
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    rows = same_story_rows(semeval_pairs(), labels["sample"]["overall_max"])
    if len(rows) != labels["sample"]["rows"]:
        raise SystemExit(f"{len(rows)} same-story rows, the labels read "
                         f"{labels['sample']['rows']}: the CSV is not the labelled one")
    result = score(report_pairs(rows), labels["disputes"])
    print(f"real-news disputes ({len(rows)} same-story pairs): P={result['precision']} "
          f"R={result['recall']} (reported {result['reported']}, right {result['right']}, "
          f"labelled {result['labelled']}); place disputes {len(result['place_disputes'])}")
    for name in ("false_items", "missed_items", "place_disputes"):
        for item in result[name]:
            print(f"  {name[:-6]}: {item}")
    write_results("semeval_disputes", {"pairs": len(rows), **result})


if __name__ == "__main__":
    main()
