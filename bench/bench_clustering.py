"""Clustering quality on the bundled sample corpus: B-cubed precision/recall/F1 against
the gold stories, the number of stories, per corpus part and overall; the seed check
(../shared/seeds form one story of their own); order stability; a threshold sweep.

The end-to-end figure ingests through ``Engine`` exactly as ``rashomon ingest`` does.
The sweep and the shuffled-order runs replay the clustering decision (near-copy check,
then ``predict_one``/``learn_one``) on the stored signals, which is the same code path
without re-reading files.

Run: .venv/bin/python bench/bench_clustering.py [--sweep]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    CORPUS,
    SEEDS,
    CachedEmbedder,
    bcubed,
    gold_items,
    gold_lookup,
    match_gold,
    skip,
    write_results,
)

SHUFFLES = 10
EVENT_SWEEP = (0.2, 0.3, 0.4, 0.5)
SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)


def ingest(paths: list[str], embedder):
    """Fresh engine over a temporary SQLite file with ``paths`` ingested."""
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    tmp = tempfile.mkdtemp(prefix="rashomon-bench-")
    engine = Engine(SQLiteStore(Path(tmp) / "bench.db"), embedder=embedder)
    results = engine.ingest(paths)
    errors = [r for r in results if r.status == "error"]
    for r in errors:
        print(f"  ingest error: {r.source}: {r.error}")
    return engine


def labelled(engine, lookup, match=match_gold) -> tuple[dict[int, int], dict[int, str], list]:
    """(article -> predicted story, article -> gold story, articles) of matched articles;
    seed articles get gold label 'SEED'. ``match`` finds an article's gold item (bench_heldout
    passes one that also knows the held-out corpus)."""
    predicted, gold, articles = {}, {}, []
    for article in engine.store.iter_articles():
        item = match(lookup, article.source_path, article.url)
        if item is not None:
            label = item.story
        elif article.source_path and str(SEEDS) in str(Path(article.source_path).resolve()):
            label = "SEED"
        else:
            print(f"  no gold entry for {article.source_path} {article.url}")
            continue
        predicted[article.id] = article.story_id
        gold[article.id] = label
        articles.append(article)
    return predicted, gold, articles


def replay(
    engine, articles, threshold: float, order: list[int], repair: bool = True,
    events: dict[int, int] | None = None, event_threshold: float | None = None,
) -> dict[int, int]:
    """Cluster ``articles`` again in ``order`` with a fresh clusterer and near-copy index
    (``repair=False``: online assignment without the story-merge step), placing each
    article as ``Engine._settle`` does: its copy's event, else the event it reports, else
    a new event in the best story. Fills ``events`` (article -> event) when given."""
    from rashomon.cluster import NearCopyIndex, SignalClusterer, engine_settings
    from rashomon.cluster.online import MERGE_THRESHOLD
    from rashomon.cluster.signals import EMBED_KIND, build_signals
    from rashomon.core import ArticleFacts

    # the Engine's settings (event threshold, event contrast and actor penalties) with
    # the replayed thresholds on top
    settings = engine_settings(threshold=threshold,
                               merge_threshold=MERGE_THRESHOLD if repair else None)
    if event_threshold is not None:
        settings["event_threshold"] = event_threshold
    clusterer = SignalClusterer(**settings)
    copies = NearCopyIndex()
    assigned: dict[int, int] = {}
    next_story = 0
    for index in order:
        article = articles[index]
        vector = engine.store.get_embedding(article.id, EMBED_KIND, engine.embedder.name)
        stored = engine.store.get_document("facts", article.id)
        facts = ArticleFacts.from_dict(stored[1]) if stored else None
        signals = build_signals(article, facts, vector)
        original, _ = copies.find(article.text)
        story = assigned.get(original) if original is not None else None
        event = clusterer.event_of(original) if original is not None else None
        if story is None:
            event, story, _ = clusterer.predict_event(signals)
        if story is None:
            story, _ = clusterer.predict_one(signals)
        if story is None:
            next_story += 1
            story = next_story
        if event is None:
            next_story += 1
            event = next_story
        clusterer.learn_one(signals, story, event)
        copies.add(article.id, article.text)
        assigned[article.id] = story
        for absorbed, kept in clusterer.repair(story):
            assigned.update({a: kept for a, s in assigned.items() if s == absorbed})
        clusterer.repair_events(article.id)
    if events is not None:
        events.update({a: clusterer.event_of(a) for a in assigned})
    return assigned


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep", action="store_true", help="also sweep the join threshold")
    args = parser.parse_args()
    parts = gold_items()
    if not parts:
        skip("no gold files in src/rashomon/sample/gold/")
    from rashomon.cluster.online import JOIN_THRESHOLD
    from rashomon.embed import get_embedder

    embedder = CachedEmbedder(get_embedder("e5"), "corpus")
    result: dict = {"threshold": JOIN_THRESHOLD, "parts": {}}

    for part, items in parts.items():
        engine = ingest([str(CORPUS / part)], embedder)
        predicted, gold, _ = labelled(engine, gold_lookup(items))
        result["parts"][part] = bcubed(predicted, gold)
        print(f"part {part}: {result['parts'][part]}")

    all_items = [g for items in parts.values() for g in items]
    paths = [str(CORPUS / part) for part in parts]
    with_seeds = SEEDS.exists()
    engine = ingest(paths + ([str(SEEDS)] if with_seeds else []), embedder)
    embedder.save()
    predicted, gold, articles = labelled(engine, gold_lookup(all_items))
    sample_only = {a: s for a, s in gold.items() if s != "SEED"}
    result["all"] = bcubed({a: predicted[a] for a in sample_only}, sample_only)
    print(f"all parts: {result['all']}")
    if with_seeds:
        result["seeds"] = seed_check(predicted, gold)
        print(f"seeds: {result['seeds']}")
    result["all_with_seeds"] = bcubed(predicted, gold)
    # Each sample story reports one happening, so its events should be the gold stories.
    events = {a.id: a.event_id for a in articles if a.id in sample_only}
    result["events_vs_gold_stories"] = bcubed(events, sample_only)
    print(f"events vs gold stories: {result['events_vs_gold_stories']}")

    order = list(range(len(articles)))
    result["order_stability"] = order_stability(engine, articles, gold, order, True)
    result["order_stability_without_repair"] = order_stability(engine, articles, gold, order,
                                                               False)
    for name in ("order_stability_without_repair", "order_stability"):
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in result[name].items()
                                      if k != "runs"))
    if args.sweep:
        result["event_sweep"] = {}
        sample_ids = set(sample_only)
        for event_threshold in EVENT_SWEEP:
            events: dict[int, int] = {}
            replay(engine, articles, JOIN_THRESHOLD, order, events=events,
                   event_threshold=event_threshold)
            figure = bcubed({a: e for a, e in events.items() if a in sample_ids}, sample_only)
            result["event_sweep"][event_threshold] = figure
            print(f"event threshold {event_threshold}: events vs gold stories {figure}")
        result["sweep"] = {}
        for threshold in SWEEP:
            run = replay(engine, articles, threshold, order)
            per_part = {}
            for part, items in parts.items():
                keys = {a.id for a in articles if match_gold(gold_lookup(items), a.source_path,
                                                               a.url)}
                per_part[part] = bcubed({k: run[k] for k in keys}, {k: gold[k] for k in keys})
            result["sweep"][threshold] = {"all": bcubed(run, gold), "parts": per_part}
            print(f"threshold {threshold}: {result['sweep'][threshold]['all']} "
                  + " ".join(f"{p}={v['f1']}" for p, v in per_part.items()))
    write_results("clustering", result)


def order_stability(engine, articles, gold, order: list[int], repair: bool) -> dict:
    """B-cubed F1 of shuffled arrival orders against the ingest-order grouping and gold."""
    from rashomon.cluster.online import JOIN_THRESHOLD

    base = replay(engine, articles, JOIN_THRESHOLD, order, repair)
    runs = []
    for seed in range(SHUFFLES):
        shuffled = order[:]
        random.Random(seed).shuffle(shuffled)
        events: dict[int, int] = {}
        run = replay(engine, articles, JOIN_THRESHOLD, shuffled, repair, events=events)
        sample = {a: g for a, g in gold.items() if g != "SEED"}
        runs.append({"vs_gold_f1": bcubed(run, gold)["f1"],
                     "vs_ingest_order_f1": bcubed(run, base)["f1"],
                     # each sample story is one happening: its events should be the stories
                     "events_vs_gold_stories_f1": bcubed(events, sample)["f1"]})
    mean = sum(r["vs_ingest_order_f1"] for r in runs) / SHUFFLES
    return {
        "events_min_vs_gold_stories_f1": min(r["events_vs_gold_stories_f1"] for r in runs),
        "events_mean_vs_gold_stories_f1": round(
            sum(r["events_vs_gold_stories_f1"] for r in runs) / SHUFFLES, 4),
        "shuffles": SHUFFLES,
        "ingest_order_vs_gold_f1": bcubed(base, gold)["f1"],
        "min_vs_ingest_order_f1": min(r["vs_ingest_order_f1"] for r in runs),
        "mean_vs_ingest_order_f1": round(mean, 4),
        "min_vs_gold_f1": min(r["vs_gold_f1"] for r in runs),
        "mean_vs_gold_f1": round(sum(r["vs_gold_f1"] for r in runs) / SHUFFLES, 4),
        "runs": runs,
    }


def seed_check(predicted: dict[int, int], gold: dict[int, str]) -> dict:
    """Do the seed articles form one story with no sample article in it?"""
    seed_stories = {predicted[a] for a, s in gold.items() if s == "SEED"}
    intruders = [a for a, s in gold.items() if s != "SEED" and predicted[a] in seed_stories]
    return {
        "seed_articles": sum(1 for s in gold.values() if s == "SEED"),
        "seed_stories": len(seed_stories),
        "sample_articles_in_seed_story": len(intruders),
        "ok": len(seed_stories) == 1 and not intruders,
    }


if __name__ == "__main__":
    main()
