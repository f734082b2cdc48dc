"""Embedding cost against clustering quality: the full e5-small against its first k layers
with the distilled head (rashomon.embed.early), on the SemEval 2022 dev pairs.

Per embedder: CPU ms per embedded lead (one thread, --timing leads of the SemEval texts,
embedding_text as ingest embeds them), the mean cosine of its lead vectors to the full
model's, the Pearson of the plain lead cosine with the human rating, and the figures of
bench/bench_similarity.py run on its vectors (its 5-fold held-out Pearson and AUC refit
the pair scorer per fold on that embedder's features, as a refit of pair_weights.json
would). The heads were fitted on NER training sentences, not on these pairs
(tools/train_embed_head.py).

Run: .venv/bin/python bench/bench_embed.py [--layers 2,3,4] [--timing 200]
(results: embed_early.json; skips if ../shared is absent)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np

from common import SEMEVAL, CachedEmbedder, semeval_pairs, skip, write_results


def similarity_figures(embedder) -> dict:
    """bench_similarity's figures with ``embedder`` for the lead vectors (its results go to
    a scratch folder; the committed similarity.json is not touched)."""
    import bench_similarity
    import rashomon.embed as embed

    saved_get, saved_argv = embed.get_embedder, sys.argv
    saved_out = os.environ.get("RASHOMON_BENCH_RESULTS")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["RASHOMON_BENCH_RESULTS"] = scratch
        embed.get_embedder = lambda name="e5": embedder
        sys.argv = ["bench_similarity.py"]
        try:
            bench_similarity.main()
        finally:
            embed.get_embedder, sys.argv = saved_get, saved_argv
            if saved_out is None:
                os.environ.pop("RASHOMON_BENCH_RESULTS", None)
            else:
                os.environ["RASHOMON_BENCH_RESULTS"] = saved_out
        body = json.loads((Path(scratch) / "similarity.json").read_text())
    keep = ("held_out_5fold", "held_out_5fold_without_metric", "cosine_only")
    return {k: {"pearson": body[k]["pearson"], "auc": body[k]["auc"]} for k in keep}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", default="3")
    parser.add_argument("--timing", type=int, default=200, help="leads timed per embedder")
    args = parser.parse_args()
    if not SEMEVAL.exists():
        skip(f"{SEMEVAL} not found")
    from rashomon.cluster.signals import embedding_text
    from rashomon.embed.e5 import E5Embedder
    from rashomon.embed.early import EarlyExitE5
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    pairs = semeval_pairs()
    raw = sorted({t for p in pairs for t in (p.text1, p.text2)})
    engine = Engine(SQLiteStore(":memory:"))
    leads = [embedding_text(engine._article_of_text(t)) for t in raw]
    index = {t: i for i, t in enumerate(raw)}
    first = np.array([index[p.text1] for p in pairs])
    second = np.array([index[p.text2] for p in pairs])
    rating = -np.array([p.overall for p in pairs])
    timed = leads[: args.timing]

    embedders = {"e5 (12 layers)": E5Embedder(threads=1)}
    for k in (int(x) for x in args.layers.split(",")):
        embedders[f"e5 first {k} layers + head"] = EarlyExitE5(k)
    full = None
    out: dict = {"pairs": len(pairs), "texts": len(leads), "timed_leads": len(timed),
                 "embedders": {}}
    for label, inner in embedders.items():
        inner.passages(timed[:2])  # load the model outside the timing
        started = time.process_time()
        inner.passages(timed)
        cpu_ms = (time.process_time() - started) / len(timed) * 1000
        cached = CachedEmbedder(inner, "semeval")
        vectors = np.vstack([cached.passages(leads[i : i + 64]) for i in range(0, len(leads), 64)])
        cached.save()
        if full is None:
            full = vectors
        cosine = np.sum(vectors[first] * vectors[second], axis=1)
        row = {
            "name": inner.name,
            "cpu_ms_per_lead": round(cpu_ms, 1),
            "cosine_to_full_vector": round(float(np.mean(np.sum(vectors * full, axis=1))), 4),
            "lead_cosine_pearson": round(float(np.corrcoef(cosine, rating)[0, 1]), 4),
            **similarity_figures(cached),
        }
        out["embedders"][label] = row
        print(f"{label:32s} {row['cpu_ms_per_lead']:6.1f} ms/lead  cos->full "
              f"{row['cosine_to_full_vector']:.3f}  held-out Pearson "
              f"{row['held_out_5fold']['pearson']:.3f} AUC {row['held_out_5fold']['auc']:.3f}",
              flush=True)
    out["load_average"] = round(os.getloadavg()[0], 2)
    write_results("embed_early", out)


if __name__ == "__main__":
    main()
