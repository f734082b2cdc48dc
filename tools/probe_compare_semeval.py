"""Probe: the comparison of real same-story pairs, for reading by hand.

Takes the SemEval 2022 task 8 dev pairs that human raters call the same story (Overall
<= 1.5 on their 1-4 scale, 1 = very similar), builds each pair's comparison as a
two-article story (the two texts as two outlets, no store), and prints:

- per pair, its contradictions (every one) and up to ``--per-pair`` only-in claims,
  chosen by a hash of the sentence (not by rank: the first claims of a report are its
  lead, which is the easiest part), each with the other text's closest sentence (cosine
  of the comparison's own sentence vectors) so that a reader can judge it;
- totals over every pair taken: agreements, only-in claims, contradictions per kind.

The texts are real news the comparison was never tuned on: the listing is a blind sanity
check, read by a person (right / wrong per item), never a source of rules.

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python tools/probe_compare_semeval.py \
        [--pairs 60] [--per-pair 2] [--items 20] [--cross-only]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from common import semeval_pairs
from rashomon import extract
from rashomon.compare import embedding
from rashomon.compare.build import build
from rashomon.compare.units import build_witnesses, fill_units
from rashomon.core import Article, Story
from rashomon.embed import get_embedder
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore


def article_of(engine: Engine, text: str, article_id: int, outlet: str) -> Article:
    """A cleaned, language-identified article of one SemEval text (first line: title), as
    the engine reads a bare text, under an outlet name of its own."""
    article = engine._article_of_text(text)
    article.id, article.source_domain = article_id, outlet
    return article


def stable_order(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def closest(sentence_vec, other_units, vectors) -> str:
    """The other text's sentence closest to one claim sentence (a reading aid)."""
    if not other_units:
        return ""
    scores = [float(vectors[u.index] @ sentence_vec) for u in other_units]
    best = max(range(len(scores)), key=scores.__getitem__)
    return f"({scores[best]:.2f}) {other_units[best].text}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=60, help="pairs taken (pair id order)")
    parser.add_argument("--per-pair", type=int, default=2, help="only-in claims shown per pair")
    parser.add_argument("--items", type=int, default=20, help="items listed for reading")
    parser.add_argument("--cross-only", action="store_true", help="pairs of two languages")
    args = parser.parse_args()
    pairs = sorted((p for p in semeval_pairs() if p.overall <= 1.5
                    and (not args.cross_only or p.lang1 != p.lang2)),
                   key=lambda p: stable_order(p.pair_id))[:args.pairs]
    embedder = get_embedder("e5")
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    totals: Counter[str] = Counter()
    contradictions, only_in = [], []
    for n, pair in enumerate(pairs):
        articles = [article_of(engine, pair.text1, 2 * n + 1, "first.example"),
                    article_of(engine, pair.text2, 2 * n + 2, "second.example")]
        facts = {a.id: extract.extract_facts(a) for a in articles}
        entities = extract.link_entities(articles, facts)
        story = Story(id=None, title=pair.pair_id, articles=articles)
        report = build(story, facts, entities, embedder, None)
        units = fill_units(build_witnesses(articles), facts, entities)
        vectors = embedding.unit_vectors(units, embedder, None)
        by_start = {(u.article_id, u.start): u for u in units}
        totals["pairs"] += 1
        totals["agreements"] += len(report.agreements)
        only = [c for claims in report.only_in.values() for c in claims]
        totals["only_in"] += len(only)
        for c in report.contradictions:
            totals[f"contradictions:{c.kind}"] += 1
            contradictions.append((pair, c))
        for c in sorted(only, key=lambda c: stable_order(c.evidence[0].sentence))[:args.per_pair]:
            ev = c.evidence[0]
            unit = by_start.get((ev.article_id, ev.start))
            other = [u for u in units if u.article_id != ev.article_id]
            hint = closest(vectors[unit.index], other, vectors) if unit is not None else ""
            only_in.append((pair, c, hint))
    # every contradiction first (they are few), then only-in claims, one pair after another
    listed = 0
    for pair, item in contradictions[:args.items]:
        listed += 1
        print(f"\n[{listed}] CONTRADICTION pair {pair.pair_id} {pair.lang1}-{pair.lang2} "
              f"{item.kind} {item.slot}:")
        for v in item.values:
            print(f"      {v['source']} = {v['value']}: {v['evidence'].sentence[:400]}")
    for pair, item, hint in only_in[:max(0, args.items - listed)]:
        listed += 1
        ev = item.evidence[0]
        print(f"\n[{listed}] ONLY-IN pair {pair.pair_id} {pair.lang1}-{pair.lang2} {ev.source}: "
              f"{ev.sentence[:400]}")
        print(f"      closest in the other: {hint[:400]}")
    print(f"\ntotals over {totals['pairs']} pairs: {dict(sorted(totals.items()))}")


if __name__ == "__main__":
    main()
