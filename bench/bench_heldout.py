"""Held-out evaluation: clustering and extraction on articles nobody tuned on.

Every other quality figure is measured on the bundled sample corpus, the same texts the
clustering thresholds and extraction rules were tuned on. bench/heldout/corpus holds 29
articles written afterwards (6 stories, 12 languages, two pairs of hard negatives, two
syndicated reprints; gold in bench/heldout/stories.json and extraction.json). Nothing under
src/ may be changed to improve these figures: once tuned on, the set is no longer held out.

Reports
- clustering, held-out corpus ingested alone: B-cubed P/R/F1, story counts, whether each
  hard-negative pair stayed apart, whether each reprint was linked to its original;
- clustering, sample corpus then held-out corpus in one database: B-cubed over everything,
  over each side, and every predicted story that mixes a held-out and a sample article
  (a cross-merge);
- extraction P/R/F1 per type, per language and overall, and linking accuracy, scored by
  bench_extraction's own functions against bench/heldout/extraction.json;
- comparison precision/recall per report section for the stories of
  bench/heldout/compare.json (annotated after the comparison's thresholds were set),
  scored by bench_compare's own matching rule.

Uses only in-repo data. Run: .venv/bin/python bench/bench_heldout.py [--errors all|fa,ar,...]
(--errors prints each article's missed and spurious entities, dates and quantities.)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from bench_clustering import ingest, labelled
from bench_compare import Locator, evaluate_story, sum_sections, timed_report
from bench_extraction import gold_article, match_entities, print_scores, score_gold
from common import (
    CORPUS,
    RESULTS,
    ROOT,
    CachedEmbedder,
    GoldItem,
    bcubed,
    gold_items,
    gold_key,
    gold_lookup,
    match_gold,
    write_results,
)

HELDOUT = ROOT / "bench" / "heldout"
HELDOUT_CORPUS = HELDOUT / "corpus"
# Story pairs written as hard negatives: same topic, country and week, different events
# (German rail strike vs Lufthansa pilots' strike; Lyon hospitals ransomware vs
# Marseille-Fos port DDoS). Each pair's articles mention the other event in passing.
HARD_NEGATIVES = (("H3", "H4"), ("H5", "H6"))


def heldout_items() -> list[GoldItem]:
    """Gold story membership of the held-out corpus (files relative to its corpus folder)."""
    stories = json.loads((HELDOUT / "stories.json").read_text(encoding="utf-8"))
    return [GoldItem(r["file"], r.get("url"), story, r.get("language"), r.get("copy_of"))
            for story, rows in stories.items() for r in rows]


def heldout_match(lookup: dict, source_path: str | None, url: str | None) -> GoldItem | None:
    """Gold item of an article from either corpus: held-out files are keyed relative to
    bench/heldout/corpus, sample files as common.gold_key keys them."""
    rel, entry_url = gold_key(source_path, url)
    try:
        rel = str(Path(rel).resolve().relative_to(HELDOUT_CORPUS))
    except ValueError:
        return match_gold(lookup, source_path, url)
    return lookup.get((rel, entry_url)) or lookup.get((rel, None))


def hard_negative_check(predicted: dict[int, int], gold: dict[int, str]) -> dict[str, bool]:
    """For each hard-negative pair: True when no predicted story holds articles of both."""
    result = {}
    for left, right in HARD_NEGATIVES:
        stories_left = {predicted[a] for a, s in gold.items() if s == left}
        stories_right = {predicted[a] for a, s in gold.items() if s == right}
        result[f"{left} vs {right} kept apart"] = not stories_left & stories_right
    return result


def reprint_check(articles: list, items: list[GoldItem]) -> dict[str, bool]:
    """For each syndicated reprint: was the pair recorded as near-copies? Either direction
    counts: undated .txt files carry no publish time, so which one came first is unknown
    to the system (it marks the one ingested later as the copy)."""
    lookup = gold_lookup(items)
    id_of = {}
    for article in articles:
        item = heldout_match(lookup, article.source_path, article.url)
        if item is not None:
            id_of[(item.file, item.url)] = article
    result = {}
    for item in items:
        if not item.copy_of:
            continue
        copy = id_of.get((item.file, item.url))
        original = id_of.get((item.copy_of["file"], item.copy_of.get("url")))
        result[f"{item.file} copy of {item.copy_of['file']}"] = bool(
            copy and original and (copy.duplicate_of == original.id
                                   or original.duplicate_of == copy.id))
    return result


def cross_merges(predicted: dict[int, int], gold: dict[int, str], held: set[str]) -> list:
    """Predicted stories that hold both held-out and sample articles."""
    members: dict[int, list[str]] = {}
    for article, story in predicted.items():
        members.setdefault(story, []).append(gold[article])
    return [{"story_id": story, "heldout": sorted(s for s in labels if s in held),
             "sample": sorted(s for s in labels if s not in held)}
            for story, labels in sorted(members.items())
            if any(s in held for s in labels) and any(s not in held for s in labels)]


def split_stories(predicted: dict[int, int], gold: dict[int, str], articles: list) -> dict:
    """Gold stories spread over several predicted stories: the article names of each part,
    the diagnostic for a recall loss."""
    name = {a.id: Path(a.source_path or "").name + (f" {a.url}" if a.url else "")
            for a in articles}
    parts: dict[str, dict[int, list[str]]] = {}
    for article, story in gold.items():
        parts.setdefault(story, {}).setdefault(predicted[article], []).append(name[article])
    return {story: sorted(found.values()) for story, found in sorted(parts.items())
            if len(found) > 1}


def clustering_alone(engine, items: list[GoldItem]) -> dict:
    predicted, gold, articles = labelled(engine, gold_lookup(items), heldout_match)
    return {**bcubed(predicted, gold), "hard_negatives": hard_negative_check(predicted, gold),
            "reprints_linked": reprint_check(articles, items),
            "split_stories": split_stories(predicted, gold, articles)}


def clustering_together(items: list[GoldItem], embedder) -> dict:
    """Sample corpus first, then the held-out corpus, into one database."""
    sample = [g for part in gold_items().values() for g in part]
    engine = ingest([str(CORPUS), str(HELDOUT_CORPUS)], embedder)
    predicted, gold, _ = labelled(engine, gold_lookup(sample + items), heldout_match)
    engine.close()
    held = {g.story for g in items}
    side = {name: {a: s for a, s in gold.items() if (s in held) == keep}
            for name, keep in (("heldout", True), ("sample", False))}
    return {"all": bcubed(predicted, gold),
            "heldout": bcubed({a: predicted[a] for a in side["heldout"]}, side["heldout"]),
            "sample": bcubed({a: predicted[a] for a in side["sample"]}, side["sample"]),
            "cross_merges": cross_merges(predicted, gold, held)}


def in_sample_reference() -> dict:
    """The committed in-sample figures, printed next to the held-out ones."""
    ref: dict = {}
    clustering = RESULTS / "clustering.json"
    if clustering.exists():
        ref["clustering_f1"] = json.loads(clustering.read_text())["all"]["f1"]
    extraction = RESULTS / "extraction.json"
    if extraction.exists():
        overall = json.loads(extraction.read_text())["gold"]["overall"]
        ref["extraction_f1"] = {kind: row["f1"] for kind, row in overall.items()}
    return ref


def entities_any_label(engine, articles: list, gold: list[dict]) -> dict:
    """Entity P/R/F1 when labels are ignored (surface overlap only): separates names found
    with a wrong label (an ORG tagged PER) from names not found at all."""
    tp_gold = tp_pred = n_pred = n_gold = 0
    for item in gold:
        article = gold_article(item, articles, HELDOUT_CORPUS)
        if article is None:
            continue
        pred = [SimpleNamespace(text=m.text, label="-", start=m.start)
                for m in engine.facts(article.id).mentions]
        want = [{**g, "label": "-"} for g in item["entities"]]
        found_gold, found_pred, count_pred, count_gold, _ = match_entities(pred, want)
        tp_gold, tp_pred = tp_gold + found_gold, tp_pred + found_pred
        n_pred, n_gold = n_pred + count_pred, n_gold + count_gold
    p, r = tp_pred / n_pred if n_pred else 1.0, tp_gold / n_gold if n_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def story_entities(engine, articles: list, gold: list[dict]) -> dict:
    """Entity P/R/F1 of the story view: each gold article scored against the occurrences
    its story's linked entities have in it, with the entity's story-level label. This is
    what a story page shows: per-article mentions after cross-article votes and after
    names found in one article were looked for in the story's other articles."""
    tp_gold = tp_pred = n_pred = n_gold = 0
    cache: dict[int, list] = {}
    for item in gold:
        article = gold_article(item, articles, HELDOUT_CORPUS)
        if article is None:
            continue
        story = engine.store.story_ids_of_articles([article.id])
        if not story:
            continue
        if story[0] not in cache:
            cache[story[0]] = engine.entities(story[0])
        pred = [SimpleNamespace(text=o.text, label=e.label, start=o.start)
                for e in cache[story[0]] for o in e.occurrences if o.article_id == article.id]
        found_gold, found_pred, count_pred, count_gold, _ = match_entities(pred, item["entities"])
        tp_gold, tp_pred = tp_gold + found_gold, tp_pred + found_pred
        n_pred, n_gold = n_pred + count_pred, n_gold + count_gold
    p, r = tp_pred / n_pred if n_pred else 1.0, tp_gold / n_gold if n_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


class HeldoutLocator(Locator):
    """bench_compare's Locator with files keyed relative to bench/heldout/corpus."""

    def __init__(self, engine) -> None:
        self.by_key, self.by_id = {}, {}
        for article in engine.store.iter_articles():
            rel, _ = gold_key(article.source_path, article.url)
            with contextlib.suppress(ValueError):
                rel = str(Path(rel).resolve().relative_to(HELDOUT_CORPUS))
            self.by_key[(rel, article.url)] = article
            self.by_key.setdefault((rel, None), article)
            self.by_id[article.id] = article


def comparison(engine, items: list[GoldItem]) -> dict:
    """Report sections scored against bench/heldout/compare.json, on gold membership."""
    from rashomon.core import Story

    path = HELDOUT / "compare.json"
    if not path.exists():
        return {}
    loc = HeldoutLocator(engine)
    per_story = {}
    for gold in json.loads(path.read_text(encoding="utf-8")):
        articles = [loc.article(g.file, g.url) for g in items if g.story == gold["story"]]
        story = Story(id=0, title=gold["story"], articles=[a for a in articles if a])
        report, _ = timed_report(engine, story)
        per_story[gold["story"]] = evaluate_story(gold, report, loc)
    return {"stories": sorted(per_story), "overall": sum_sections(per_story),
            "per_story": per_story}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", nargs="?", const="all", default=None,
                        help="print FN/FP per article for these languages (comma list or all)")
    args = parser.parse_args()
    errors = None if args.errors is None else (
        set() if args.errors == "all" else set(args.errors.split(",")))
    from rashomon.embed import get_embedder

    embedder = CachedEmbedder(get_embedder("e5"), "heldout")
    items = heldout_items()
    result: dict = {"articles": len(items), "stories": len({g.story for g in items}),
                    "languages": sorted({g.language for g in items if g.language})}

    engine = ingest([str(HELDOUT_CORPUS)], embedder)
    result["clustering_alone"] = clustering_alone(engine, items)
    print(f"clustering, held-out alone: {result['clustering_alone']}")
    gold = json.loads((HELDOUT / "extraction.json").read_text(encoding="utf-8"))
    articles = list(engine.store.iter_articles())
    result["extraction"] = score_gold(engine, articles, gold, errors, corpus=HELDOUT_CORPUS)
    result["extraction"]["entities_any_label"] = entities_any_label(engine, articles, gold)
    result["extraction"]["story_entities"] = story_entities(engine, articles, gold)
    result["comparison"] = comparison(engine, items)
    engine.close()
    print_scores(result["extraction"], "extraction")
    print(f"  entities, labels ignored: {result['extraction']['entities_any_label']}")
    print(f"  entities, story view: {result['extraction']['story_entities']}")
    for name, section in result["comparison"].get("overall", {}).items():
        print(f"comparison {name}: P={section['precision']} R={section['recall']} "
              f"(system {section['system']}, gold {section['gold']})")

    result["clustering_with_sample"] = clustering_together(items, embedder)
    embedder.save()
    together = result["clustering_with_sample"]
    for name in ("all", "heldout", "sample"):
        print(f"clustering, sample + held-out ({name}): {together[name]}")
    print(f"cross-merges: {together['cross_merges'] or 'none'}")
    result["in_sample_reference"] = in_sample_reference()
    print(f"in-sample reference: {result['in_sample_reference']}")
    write_results("heldout", result)


if __name__ == "__main__":
    main()
