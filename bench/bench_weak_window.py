"""The candidate window of an article whose publish time is weak (``signals.weak_publish``:
a time ingest trusts less than ``extract.dates.TRUSTED_PUBLISH``, a text guess or a
related story's byline): is ``online.TIME_WINDOW_DAYS`` (+-7 days around that time) wide
enough to find its story, and what would a wider one join wrongly?

The sample corpus and the held-out corpus are ingested dated into one engine. Each dated
article in turn is placed again against all the others as the engine placed them, its
time moved by ``d`` days (both ways) and flagged weak as ``build_signals`` flags such a
time (estimated; a vague event time when its lead states no day). For each search window
``W``: candidate recall (its gold story's other articles among the candidates) and the
placement (the engine's order: event, else story): joined a story holding its gold
story's articles (right), joined another (wrong), or opened a story of its own while its
gold story had other articles (missed).

How far off weak times are on real pages: bench/bench_pages.py's candidate times below
``TRUSTED_PUBLISH`` (``--offsets`` prints each against the day the page states).

Run: RASHOMON_SHARED=../shared .venv/bin/python bench/bench_weak_window.py [--offsets]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_clustering import ingest, labelled
from bench_heldout import HELDOUT_CORPUS, heldout_items, heldout_match
from common import CORPUS, CachedEmbedder, gold_items, gold_lookup, write_results

OFFSETS = (0, 1, 2, 3, 5, 7, 10, 14, 27)
WINDOWS = (3, 5, 7, 10, 14, 30)


def weakened(item, days: float):
    """``item`` with its publish time moved by ``days`` and flagged weak."""
    from rashomon.cluster.signals import WEAK_PUBLISH_UNCERTAINTY

    when = item.published + timedelta(days=days)
    from_publish = item.time_uncertainty == 0  # its event time was the publish time
    return replace(item, published=when, time_estimated=True,
                   event_time=when if from_publish else item.event_time,
                   time_uncertainty=WEAK_PUBLISH_UNCERTAINTY if from_publish
                   else item.time_uncertainty)


def windows() -> dict:
    from rashomon.cluster import SignalClusterer, engine_settings
    from rashomon.embed import get_embedder

    embedder = CachedEmbedder(get_embedder("e5"), "heldout")
    sample = [g for part in gold_items().values() for g in part]
    engine = ingest([str(CORPUS), str(HELDOUT_CORPUS)], embedder)
    embedder.save()
    _, gold, articles = labelled(engine, gold_lookup(sample + heldout_items()), heldout_match)
    items = engine.clusterer._items
    stories = {a.id: (a.story_id, a.event_id) for a in articles}
    ids = [i for i in gold if i in items]
    targets = [i for i in ids if items[i].published is not None
               and not items[i].time_estimated]
    outcomes: dict[tuple[int, int], Counter] = defaultdict(Counter)
    recall: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for target in targets:
        clusterer = SignalClusterer(**engine_settings())
        for i in ids:
            if i != target:
                clusterer.learn_one(items[i], *stories[i])
        mates = {i for i in ids if i != target and gold[i] == gold[target]}
        for d in OFFSETS:
            for sign in (1, -1) if d else (1,):
                weak = weakened(items[target], sign * d)
                for w in WINDOWS:
                    clusterer.window_days = w
                    found = {m.article_id for m in clusterer._candidates(weak)}
                    recall[(d, w)][0] += len(found & mates)
                    recall[(d, w)][1] += len(mates)
                    story = clusterer.predict_event(weak)[1]
                    if story is None:
                        story = clusterer.predict_one(weak)[0]
                    members = {i for i in ids if i != target and stories[i][0] == story}
                    if story is None:
                        outcome = "missed" if mates else "right"
                    else:
                        outcome = "right" if members & mates else "wrong"
                    outcomes[(d, w)][outcome] += 1
    table = {f"offset {d}": {f"window {w}": {
        "candidate_recall": f"{recall[(d, w)][0]}/{recall[(d, w)][1]}",
        **{k: outcomes[(d, w)][k] for k in ("right", "wrong", "missed")}}
        for w in WINDOWS} for d in OFFSETS}
    for d in OFFSETS:
        print(f"offset {d:2d} days: " + " | ".join(
            f"W{w} {cell['candidate_recall']} R{cell['right']} W{cell['wrong']} "
            f"M{cell['missed']}" for w, cell in zip(WINDOWS, table[f"offset {d}"].values(),
                                                    strict=True)))
    return {"articles": len(ids), "dated_targets": len(targets),
            "placements_per_cell": "each dated target once at offset 0, twice (+-d) after",
            "table": table}


def page_offsets() -> list[dict]:
    """Days between each weak candidate time of the real-page bench and the page's day."""
    import json

    from bench_pages import GOLD, SOURCES, fetch
    from rashomon.extract.dates import TRUSTED_PUBLISH
    from rashomon.ingest.readers import read_bytes

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    pages = {name: fetch(name) for name in SOURCES}
    rows = []
    for entry in gold:
        data = pages.get(entry["source"], {}).get(entry["file"])
        if data is None or entry["kind"] != "article" or not entry["date"]:
            continue
        read = list(read_bytes(data, entry["file"]))
        article = read[0].article if read else None
        for candidate in article.date_candidates if article is not None else ():
            if candidate["confidence"] < TRUSTED_PUBLISH:
                day = date.fromisoformat(candidate["date_publish"][:10])
                rows.append({"file": entry["file"], "origin": candidate.get("origin"),
                             "confidence": candidate["confidence"],
                             "days_off": (day - date.fromisoformat(entry["date"])).days})
    for row in rows:
        print(f"  {row['file']}: {row['origin']} {row['confidence']} {row['days_off']:+d} days")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offsets", action="store_true",
                        help="also the real-page bench's weak times against the true day")
    args = parser.parse_args()
    result = windows()
    if args.offsets:
        result["page_weak_times"] = page_offsets()
    write_results("weak_window", result)


if __name__ == "__main__":
    main()
