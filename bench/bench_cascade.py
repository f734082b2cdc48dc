"""The placement cascade (rashomon.cluster.cascade): how many articles it places without
embedding their lead, and what that costs in quality.

1. SemEval 2022 dev pairs (real, human-rated; skipped without ../shared): the share of
   pairs the first pass calls "clearly the same event", their human ratings (precision:
   Overall <= 2, "mostly the same" or closer), and the Pearson/AUC of the shipped pair
   score when the decided pairs are scored as the cascade would place them (the second
   article borrowing the first one's vector).
2. Stream replay on the sample corpus + bench/heldout (in-repo gold): the articles in
   ingest order through the online clusterer with and without the first pass; B-cubed
   F1 against the gold stories and the share of articles whose lead gets embedded
   (near-copies are not embedded in either run).

3. "Clearly alone" (issue 15: a first pass that could skip the lead of an article no held
   article is near), on the 300 distinct SemEval texts of ``bench_throughput --stream
   distinct``: how many articles have any other one scoring at or above the join
   threshold (the leads a perfect first pass would still need: the rest could wait
   unembedded), and what a cheap pass keeps of that. The pass tried: the lead cosine
   predicted from the title's e5 cosine and the lexical overlaps (least squares on half
   the pairs), plus its residual quantile on the other half as margin, put into the
   shipped pair score with every non-embedding feature exact; an article is "alone" when
   no pair's bound reaches the threshold. Reported: leads it would still embed and the
   joinable pairs it would miss, per margin.

Run: python bench/bench_cascade.py   (results: bench/results/cascade.json)
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_clustering import ingest, labelled
from bench_heldout import HELDOUT_CORPUS, heldout_items, heldout_match
from bench_similarity import figures
from common import CORPUS, SEMEVAL, CachedEmbedder, bcubed, gold_items, gold_lookup, write_results

SWEEP = (2, 3, 4, 5)


def semeval(embedder) -> dict:
    from common import semeval_pairs
    from rashomon.cluster import cascade
    from rashomon.cluster.similarity import pair_score
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    pairs = semeval_pairs(SEMEVAL)
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    texts = sorted({t for p in pairs for t in (p.text1, p.text2)})
    signals = {t: engine._signals_of_text(t) for t in texts}
    embedder.save()
    overall = np.array([p.overall for p in pairs])
    lang = np.array([p.language_pair for p in pairs])
    shipped = np.array([pair_score(signals[p.text1], signals[p.text2]) for p in pairs])
    out: dict = {"pairs": len(pairs), "shipped": figures(shipped, overall, lang), "sweep": {}}
    default = cascade.CLEAR_NAMES
    for names in SWEEP:
        cascade.CLEAR_NAMES = names
        decided = np.array([cascade.clearly_same(signals[p.text1], signals[p.text2])
                            for p in pairs])
        scores = np.array([
            pair_score(signals[p.text1], replace(signals[p.text2],
                                                 embedding=signals[p.text1].embedding))
            if d else s for p, d, s in zip(pairs, decided, shipped, strict=True)])
        f = figures(scores, overall, lang)
        out["sweep"][names] = {
            "decided_share": round(float(decided.mean()), 4),
            "decided_pairs": int(decided.sum()),
            "precision_overall_le_2": round(float((overall[decided] <= 2.0).mean()), 4)
            if decided.any() else None,
            "mean_overall_decided": round(float(overall[decided].mean()), 3)
            if decided.any() else None,
            "pearson": f["pearson"], "auc": f["auc"],
            "pearson_drop": round(out["shipped"]["pearson"] - f["pearson"], 4),
            "auc_drop": round(out["shipped"]["auc"] - f["auc"], 4),
        }
    cascade.CLEAR_NAMES = default
    return out


def replay(engine, articles, use_cascade: bool) -> tuple[dict[int, int], int]:
    """Cluster ``articles`` in ingest order with a fresh clusterer; returns (article ->
    story, number of leads embedded)."""
    from rashomon.cluster import NearCopyIndex, SignalClusterer
    from rashomon.cluster.cascade import Cascade
    from rashomon.cluster.signals import EMBED_KIND, build_signals
    from rashomon.pipeline import _facts_from_dict

    clusterer, copies, first = SignalClusterer(), NearCopyIndex(), Cascade()
    assigned: dict[int, int] = {}
    embedded = next_story = 0
    for article in articles:
        vector = engine.store.get_embedding(article.id, EMBED_KIND, engine.embedder.name)
        stored = engine.store.get_document("facts", article.id)
        facts = _facts_from_dict(stored[1]) if stored else None
        signals = build_signals(article, facts, vector)
        original, _ = copies.find(article.text)
        story = assigned.get(original) if original is not None else None
        if story is None and use_cascade:  # as ingest decides (pipeline._decide): clear
            # matches in two different stories leave the article undecided
            match = first.first_pass(signals, assigned.get)
            if match is not None:  # borrow its vector, join its story
                signals = replace(signals, embedding=match.embedding)
                story = assigned[match.article_id]
        borrowed = original is not None or story is not None
        embedded += not borrowed  # near-copies and cascade matches borrow a vector
        if story is None:
            story, _ = clusterer.predict_one(signals)
        if story is None:
            next_story += 1
            story = next_story
        clusterer.learn_one(signals, story)
        first.add(signals)
        copies.add(article.id, article.text)
        assigned[article.id] = story
        for absorbed, kept in clusterer.repair(story):
            assigned.update({a: kept for a, s in assigned.items() if s == absorbed})
    return assigned, embedded


def stream(embedder) -> dict:
    items = heldout_items()
    sample = [g for part in gold_items().values() for g in part]
    engine = ingest([str(CORPUS), str(HELDOUT_CORPUS)], embedder)
    _, gold, articles = labelled(engine, gold_lookup(sample + items), heldout_match)
    articles.sort(key=lambda a: a.id)
    out = {"articles": len(articles)}
    for name, use in (("full", False), ("cascade", True)):
        assigned, embedded = replay(engine, articles, use)
        out[name] = {**bcubed(assigned, gold), "embedded": embedded,
                     "embedded_share": round(embedded / len(articles), 4)}
    out["f1_drop"] = round(out["full"]["f1"] - out["cascade"]["f1"], 4)
    engine.close()
    return out


#: Residual quantiles tried as the margin of the "clearly alone" bound (``alone``).
MARGINS = (0.99, 0.999, 1.0)
ALONE_TEXTS = 300


def alone(embedder) -> dict:
    """Section 3 of the module doc: could a cheap pass decide "no held article near"?"""
    from bench_throughput import distinct_texts
    from rashomon.cluster.online import JOIN_THRESHOLD, SignalClusterer
    from rashomon.cluster.similarity import metric_term, overlap
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    texts = distinct_texts()[:ALONE_TEXTS]
    items = [engine._signals_of_text(t) for t in texts]
    titles = embedder.passages([t.partition("\n")[0].strip() or t[:80] for t in texts])
    embedder.save()
    clusterer, n = SignalClusterer(), len(items)
    join = np.array([[clusterer.pair_score(a, b) if a is not b else -1.0 for b in items]
                     for a in items])
    first, second = np.triu_indices(n, 1)
    lead = np.array([float(items[i].embedding @ items[j].embedding)
                     for i, j in zip(first, second, strict=True)])
    title = np.array([float(titles[i] @ titles[j]) for i, j in zip(first, second, strict=True)])
    x = np.array([[1.0, t, t * t, overlap(items[i].words, items[j].words),
                   overlap(items[i].lead_words, items[j].lead_words),
                   overlap(items[i].keys, items[j].keys),
                   float(items[i].language == items[j].language)]
                  for t, i, j in zip(title, first, second, strict=True)])
    fit = np.arange(len(lead)) % 2 == 0
    weights = np.linalg.lstsq(x[fit], lead[fit], rcond=None)[0]
    predicted = x @ weights
    residual = (lead - predicted)[~fit]
    same = np.array([items[i].language == items[j].language
                     for i, j in zip(first, second, strict=True)])
    metric = np.array([metric_term(items[i], items[j])
                       for i, j in zip(first[same], second[same], strict=True)])
    metric_bound = float(np.quantile(metric, 0.999))  # of the observed pairs
    out: dict = {"articles": n, "join_threshold": JOIN_THRESHOLD,
                 "need_a_lead_oracle": int((join.max(axis=1) >= JOIN_THRESHOLD).sum()),
                 "joinable_pairs": int((join >= JOIN_THRESHOLD).sum() // 2),
                 "metric_term_bound": round(metric_bound, 3),
                 "lead_cosine_fit_pearson": round(float(
                     np.corrcoef(predicted[~fit], lead[~fit])[0, 1]), 3),
                 "margins": {}}
    for q in MARGINS:
        margin = float(np.quantile(residual, q))
        bound = np.full((n, n), -1.0)
        for k, (i, j) in enumerate(zip(first, second, strict=True)):
            cosine = min(1.0, predicted[k] + margin)
            a, b = items[i], items[j]
            # two-dimensional stand-ins with the bounded cosine: the metric term does not
            # apply to them (another shape), its bound is added for same-language pairs
            bound[i, j] = bound[j, i] = clusterer.pair_score(
                replace(a, embedding=np.array([1.0, 0.0], dtype=np.float32)),
                replace(b, embedding=np.array([cosine, np.sqrt(max(0.0, 1 - cosine**2))],
                                              dtype=np.float32))) \
                + (metric_bound if a.language == b.language else 0.0)
        missed = int(((join >= JOIN_THRESHOLD) & (bound < JOIN_THRESHOLD)).sum() // 2)
        out["margins"][q] = {"margin": round(margin, 3),
                             "leads_embedded": int((bound.max(axis=1) >= JOIN_THRESHOLD).sum()),
                             "joinable_pairs_missed": missed}
    engine.close()
    return out


def main() -> None:
    from rashomon.embed import get_embedder

    result: dict = {}
    corpus_embedder = CachedEmbedder(get_embedder("e5"), "heldout")
    result["stream"] = stream(corpus_embedder)
    print("stream:", result["stream"])
    if SEMEVAL.exists():
        semeval_embedder = CachedEmbedder(get_embedder("e5"), "semeval")
        result["semeval"] = semeval(semeval_embedder)
        for names, row in result["semeval"]["sweep"].items():
            print(f"CLEAR_NAMES={names}: {row}")
        result["alone"] = alone(semeval_embedder)
        print("clearly alone:", result["alone"])
    else:
        print(f"SemEval part skipped: {SEMEVAL} not found")
    write_results("cascade", result)


if __name__ == "__main__":
    main()
