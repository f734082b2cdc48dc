"""Pairwise similarity on SemEval 2022 task 8 dev: Pearson with the human Overall rating
(sign flipped) per language pair, and ROC AUC for Overall <= 1.5 vs >= 3.5.

The combiner in ``rashomon.cluster.similarity`` is fitted on these pairs, so the honest
figure is the held-out one: 5-fold cross-validation refits the coefficients on 4/5 of the
pairs and scores the remaining fifth. The in-sample figure of the shipped coefficients
(what ``rashomon.similarity`` returns) is printed too, and the refit on all pairs is
printed so the weights in cluster/pair_weights.json can be updated.

Run: .venv/bin/python bench/bench_similarity.py   (skips if ../shared/data is absent)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEMEVAL, CachedEmbedder, semeval_pairs, skip, write_results

FOLDS = 5
#: Ridge strength of the least-squares fit (on standardized features would be cleaner;
#: raw features with a tiny ridge keep the shipped constants readable).
RIDGE = 1e-3
#: Percentile of the training pairs at which the capped features are held (similarity.CAPPED)
CAP_PERCENTILE = 99


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    from scipy.stats import rankdata

    ranks = rankdata(scores)
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def fit(features: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Least squares with a small ridge on the slopes; returns (intercept, coefficients).
    Overlap features that come out negative are dropped and the rest refitted (an
    active-set non-negativity constraint, see similarity.NON_NEGATIVE)."""
    from rashomon.cluster.similarity import FEATURES, NON_NEGATIVE

    active = np.ones(features.shape[1], dtype=bool)
    while True:
        design = np.column_stack([np.ones(len(target)), features[:, active]])
        penalty = RIDGE * np.eye(design.shape[1])
        penalty[0, 0] = 0.0
        solution = np.linalg.solve(design.T @ design + penalty, design.T @ target)
        coef = np.zeros(features.shape[1])
        coef[active] = solution[1:]
        negative = [i for i, name in enumerate(FEATURES) if name in NON_NEGATIVE and coef[i] < 0]
        if not negative:
            return float(solution[0]), coef
        active[min(negative, key=lambda i: coef[i])] = False


def feature_caps(features: np.ndarray) -> np.ndarray:
    """99th percentile of each capped feature (see similarity.CAPPED)."""
    from rashomon.cluster.similarity import CAPPED, FEATURES

    index = [FEATURES.index(name) for name in CAPPED]
    return np.percentile(features[:, index], CAP_PERCENTILE, axis=0)


def figures(scores: np.ndarray, overall: np.ndarray, pairs: np.ndarray) -> dict:
    """Pearson (with -Overall) overall and per language pair, and the AUC."""
    extreme = (overall <= 1.5) | (overall >= 3.5)
    out = {
        "pearson": round(float(np.corrcoef(scores, -overall)[0, 1]), 4),
        "auc": round(roc_auc(scores[extreme], overall[extreme] <= 1.5), 4),
        "per_language_pair": {},
    }
    for pair in sorted(set(pairs)):
        mask = pairs == pair
        out["per_language_pair"][pair] = {
            "pearson": round(float(np.corrcoef(scores[mask], -overall[mask])[0, 1]), 4),
            "pairs": int(mask.sum()),
        }
    return out


def main() -> None:
    if not SEMEVAL.exists():
        skip(f"{SEMEVAL} not found")
    from rashomon.cluster import similarity as sim
    from rashomon.cluster.signals import EMBED_CHARS, embedding_text
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    pairs = semeval_pairs()
    embedder = CachedEmbedder(get_embedder("e5"), "semeval")
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    started = time.perf_counter()
    texts = sorted({t for p in pairs for t in (p.text1, p.text2)})
    for start in range(0, len(texts), 64):  # embed in batches, saving the cache as we go
        chunk = [engine._article_of_text(t) for t in texts[start : start + 64]]
        embedder.passages([embedding_text(a) for a in chunk])
        embedder.save()
    signals = {t: engine._signals_of_text(t) for t in texts}
    print(f"signals of {len(signals)} texts in {time.perf_counter() - started:.1f} s "
          f"({embedder.computed} embedded)")

    feats = np.array([sim.pair_features(signals[p.text1], signals[p.text2]) for p in pairs])
    overall = np.array([p.overall for p in pairs])
    lang = np.array([p.language_pair for p in pairs])
    target = (4.0 - overall) / 3.0

    folds = np.random.default_rng(0).permutation(len(pairs)) % FOLDS

    def cross_validated(used: np.ndarray) -> np.ndarray:
        """Held-out scores of the recipe refitted per fold on the features ``used``."""
        out = np.zeros(len(pairs))
        for k in range(FOLDS):
            train = folds != k
            caps = feature_caps(feats[train])  # caps, like weights, from the training folds
            x = sim.capped(feats, caps) * used
            intercept, coef = fit(x[train], target[train])
            out[~train] = np.clip(intercept + x[~train] @ coef, 0.0, 1.0)
        return out

    held_out = cross_validated(np.ones(len(sim.FEATURES)))
    # the features the shipped weights use (nonzero in pair_weights.json): the recipe
    # as shipped, refitted per fold, so a new feature's gain is read against it
    shipped_features = cross_validated((sim.COEFFICIENTS != 0).astype(float))
    caps = feature_caps(feats)
    intercept, coef = fit(sim.capped(feats, caps), target)
    shipped = np.array([sim.pair_score(signals[p.text1], signals[p.text2]) for p in pairs])
    cosine_only = feats[:, sim.FEATURES.index("cos")]

    result = {
        "pairs": len(pairs),
        "embedded_chars": EMBED_CHARS,
        "features": list(sim.FEATURES),
        "held_out_5fold": figures(held_out, overall, lang),
        "held_out_5fold_shipped_features": figures(shipped_features, overall, lang),
        "shipped_in_sample": figures(shipped, overall, lang),
        "cosine_only": figures(cosine_only, overall, lang),
        "refit_all": {"intercept": round(intercept, 4),
                      "coefficients": [round(float(c), 4) for c in coef],
                      "caps": [round(float(c), 4) for c in caps]},
    }
    for name in ("held_out_5fold", "held_out_5fold_shipped_features", "shipped_in_sample",
                 "cosine_only"):
        f = result[name]
        per = " ".join(f"{k}={v['pearson']:.3f}" for k, v in f["per_language_pair"].items())
        print(f"{name:18s} Pearson {f['pearson']:.3f}  AUC {f['auc']:.3f}  | {per}")
    print(f"refit on all pairs (the numbers of {sim.WEIGHTS_FILE.name}):",
          result["refit_all"])
    write_results("similarity", result)


if __name__ == "__main__":
    main()
