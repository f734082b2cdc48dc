"""Pairwise similarity on SemEval 2022 task 8 dev: Pearson with the human Overall rating
(sign flipped) per language pair, and ROC AUC for Overall <= 1.5 vs >= 3.5.

The combiner in ``rashomon.cluster.similarity`` is fitted on these pairs, so the honest
figure is the held-out one: 5-fold cross-validation refits the coefficients on 4/5 of the
pairs and scores the remaining fifth. The in-sample figure of the shipped coefficients
(what ``rashomon.similarity`` returns) is printed too, and the refit on all pairs is
printed so the weights in cluster/pair_weights.json can be updated.

The diagonal metric (similarity.METRIC) is fitted on top, on what the features leave
unexplained over the same-language pairs; its ridge is chosen inside each training fold
(nested CV), so the held-out figure is not tuned on the pairs it scores. The rating
(similarity.rating, what the API's similarity returns) is its own model: features, the
rating terms (similarity.RATING_TERMS; the topic mean from the training texts only) and
a metric fitted jointly, its ridge by inner CV, calibrated (similarity.CALIBRATION) on the
training fold's inner held-out scores. Its terms were chosen by looking at 5-fold figures
on these folds, so the bench also reports the rating with the terms chosen inside each
training fold (greedy forward selection by inner CV from a pool of candidates).

Run: .venv/bin/python bench/bench_similarity.py   (skips if ../shared/data is absent)
     ... bench/bench_similarity.py --write-weights   also fits the rating model on all
     pairs (ridge: the folds' most frequent choice) and its calibration on the 5 folds'
     held-out scores, and writes them to cluster/pair_weights.json
     (--refit-metric: the story decision's metric too, on all pairs)
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
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
#: Ridge strengths tried for the diagonal metric (one weight per embedding dimension);
#: each training fold picks one by an inner 4-fold CV on its own pairs. Weaker than 0.003
#: the 384 weights overfit (held-out Pearson 0.72 at 3e-4, measured once), stronger than
#: 0.03 they fade towards the plain cosine; every fold picked 0.01.
METRIC_RIDGES = (0.003, 0.01, 0.03)
INNER_FOLDS = 4
#: Degree of the calibration curve (similarity.CALIBRATION), fitted on held-out scores:
#: held-out Pearson 0.786 -> 0.792 over the uncalibrated score (isotonic regression
#: gained as much in a scratch run, but a step function ties pairs and lost 0.0015 AUC;
#: the cubic keeps the AUC within 0.001).
CALIBRATION_DEGREE = 3
#: Percentiles of the fitting scores between which the curve is used (held at the ends).
CALIBRATION_RANGE = (1, 99)
#: Least inner-CV Pearson gain for the term selection to take one more candidate term
#: (the held_out_5fold_terms_selected_in_fold figure): set before it was run, the size of
#: the smallest gain this file reports as a gain.
SELECTION_GAIN = 0.001


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


def fit_metric(products: np.ndarray, residual: np.ndarray,
               ridge: float) -> tuple[float, np.ndarray]:
    """Ridge fit of what the features leave unexplained on the element-wise products of
    the two lead vectors: (offset, one weight per dimension), similarity.METRIC."""
    design = np.column_stack([np.ones(len(residual)), products])
    penalty = ridge * np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    solution = np.linalg.solve(design.T @ design + penalty, design.T @ residual)
    return float(solution[0]), solution[1:]


def fit_rating(features: np.ndarray, terms: np.ndarray, products: np.ndarray,
               target: np.ndarray, ridge: float) -> tuple[float, np.ndarray, np.ndarray,
                                                          np.ndarray]:
    """Joint ridge fit of the rating model (similarity.RATING_*): the capped features
    (``RIDGE``, "words"/"names_shared" kept >= 0 as in ``fit``), the rating terms
    (``RIDGE``) and the metric on the same-language products (``ridge``; rows of other
    pairs are zero). Returns (intercept, feature weights, term weights, metric)."""
    from rashomon.cluster.similarity import FEATURES, NON_NEGATIVE

    active = np.ones(features.shape[1], dtype=bool)
    while True:
        design = np.column_stack([np.ones(len(target)), features[:, active], terms, products])
        head = 1 + int(active.sum())
        penalty = np.full(design.shape[1], RIDGE)
        penalty[0] = 0.0
        penalty[head + terms.shape[1] :] = ridge
        solution = np.linalg.solve(design.T @ design + np.diag(penalty), design.T @ target)
        coef = np.zeros(features.shape[1])
        coef[active] = solution[1:head]
        negative = [i for i, name in enumerate(FEATURES) if name in NON_NEGATIVE and coef[i] < 0]
        if not negative:
            return (float(solution[0]), coef, solution[head : head + terms.shape[1]],
                    solution[head + terms.shape[1] :])
        active[min(negative, key=lambda i: coef[i])] = False


def fit_calibration(scores: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Cubic from held-out unclipped pair scores to the rated scale (similarity.CALIBRATION),
    highest power first, and the score range it is used on: the 1st..99th percentile of
    ``scores``, narrowed to the stretch where the cubic increases (a cubic turns at most
    twice: the range ends at its turning points); the identity if no such stretch is left."""
    low, high = (float(v) for v in np.percentile(scores, CALIBRATION_RANGE))
    curve = np.polyfit(np.clip(scores, low, high), target, CALIBRATION_DEGREE)
    grid = np.linspace(low, high, 401)
    values = np.polyval(curve, grid)
    top = int(np.argmax(values))
    bottom = int(np.argmin(values[: top + 1]))
    if top - bottom < 4 or np.any(np.diff(values[bottom : top + 1]) <= 0):
        return np.array([0.0, 0.0, 1.0, 0.0]), low, high
    # one grid step inside the extremes: the turning points lie within a step of them
    return curve, float(grid[bottom + 1]), float(grid[top - 1])


def calibrated(scores: np.ndarray, fitted: tuple[np.ndarray, float, float]) -> np.ndarray:
    curve, low, high = fitted
    return np.clip(np.polyval(curve, np.clip(scores, low, high)), 0.0, 1.0)


def metric_products(a, b) -> np.ndarray | None:
    """The products the metric weighs for one pair; None where it does not apply
    (across languages, see similarity.metric_term)."""
    if a.language is None or a.language != b.language:
        return None
    return np.asarray(a.embedding, dtype=float) * np.asarray(b.embedding, dtype=float)


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-weights", action="store_true",
                        help="fit the rating model (features, terms and metric jointly, "
                             "calibration) on all pairs into cluster/pair_weights.json")
    parser.add_argument("--refit-metric", action="store_true",
                        help="with --write-weights: refit the story decision's metric as "
                             "well (changes the story decision's scores)")
    parser.add_argument("--embedder", default=None,
                        help="registered embedder name (default: RASHOMON_EMBEDDER)")
    parser.add_argument("--onnx", type=Path, default=None,
                        help="an ONNX encoder file for the onnxruntime embedder (compare builds)")
    args = parser.parse_args()
    if not SEMEVAL.exists():
        skip(f"{SEMEVAL} not found")
    from rashomon.cluster import similarity as sim
    from rashomon.cluster.signals import EMBED_CHARS, embedding_text, rest_text
    from rashomon.config import setting
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    pairs = semeval_pairs()
    if args.onnx:
        from rashomon.embed.ort import OrtE5Embedder

        inner = OrtE5Embedder(args.onnx, name=f"e5-small-ort-{args.onnx.stem}")
    else:
        inner = get_embedder(args.embedder or setting("RASHOMON_EMBEDDER"))
    embedder = CachedEmbedder(inner, "semeval")
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    started, cpu_started = time.perf_counter(), time.process_time()
    texts = sorted({t for p in pairs for t in (p.text1, p.text2)})
    for start in range(0, len(texts), 64):  # embed in batches, saving the cache as we go
        chunk = [engine._article_of_text(t) for t in texts[start : start + 64]]
        embedder.passages([embedding_text(a) for a in chunk])
        embedder.passages([r for r in map(rest_text, chunk) if r.strip()])
        embedder.save()
    signals = {t: engine._signals_of_text(t, full=True) for t in texts}
    print(f"signals of {len(signals)} texts in {time.perf_counter() - started:.1f} s "
          f"({embedder.computed} embedded)")

    feats = np.array([sim.pair_features(signals[p.text1], signals[p.text2]) for p in pairs])
    adjust = np.array([sim.pair_adjustment(signals[p.text1], signals[p.text2]) for p in pairs])
    found = [metric_products(signals[p.text1], signals[p.text2]) for p in pairs]
    same = np.array([f is not None for f in found])  # the pairs the metric applies to
    products = np.array([f if f is not None else np.zeros(embedder.dim) for f in found])
    overall = np.array([p.overall for p in pairs])
    lang = np.array([p.language_pair for p in pairs])
    target = (4.0 - overall) / 3.0

    folds = np.random.default_rng(0).permutation(len(pairs)) % FOLDS
    leads = {t: np.asarray(signals[t].embedding, dtype=float) for t in texts}
    rests = {t: np.asarray(signals[t].rest_embedding, dtype=float)
             if signals[t].rest_embedding is not None else leads[t] for t in texts}

    def mean_of(train: np.ndarray) -> np.ndarray:
        """The mean lead of the texts of the ``train`` pairs (similarity.TOPIC_MEAN)."""
        seen = sorted({t for p, keep in zip(pairs, train, strict=True) if keep
                       for t in (p.text1, p.text2)})
        return np.mean([leads[t] for t in seen], axis=0)

    def terms_of(train: np.ndarray) -> np.ndarray:
        """The rating terms of every pair, the topic mean taken from ``train`` only."""
        mean = mean_of(train)
        return np.array([sim.rating_terms(signals[p.text1], signals[p.text2], mean)
                         for p in pairs])

    # candidate terms the selection may choose from (similarity.RATING_TERMS plus two
    # tried and not shipped): the rest-vs-rest cosine and the lower lead-rest coherence
    # of the two texts (how much a text's lead and rest tell one thing)
    rest_rest = np.array([rests[p.text1] @ rests[p.text2] for p in pairs])
    coherence = np.array([min(leads[p.text1] @ rests[p.text1], leads[p.text2] @ rests[p.text2])
                          for p in pairs])
    term_cache: dict[bytes, np.ndarray] = {}

    def pool_of(train: np.ndarray) -> dict[str, np.ndarray]:
        key = train.tobytes()
        if key not in term_cache:
            term_cache[key] = terms_of(train)
        shipped = term_cache[key]
        pool = {name: shipped[:, i] for i, name in enumerate(sim.RATING_TERMS)}
        pool.update(rest_rest=rest_rest, coherence=coherence)
        return pool

    def linear(train: np.ndarray, used: np.ndarray) -> np.ndarray:
        """Unclipped scores of every pair by the features fitted on ``train`` (caps too)."""
        caps = feature_caps(feats[train])
        x = sim.capped(feats, caps) * used
        intercept, coef = fit(x[train], target[train])
        return intercept + x @ coef

    def with_metric(train: np.ndarray, base: np.ndarray, ridge: float) -> np.ndarray:
        """``base`` plus the metric fitted on the residual of the training same-language
        pairs."""
        rows = train & same
        offset, metric = fit_metric(products[rows], target[rows] - base[rows], ridge)
        return base + same * (offset + products @ metric)

    def recipe(train: np.ndarray, used: np.ndarray, ridge: float | None) -> np.ndarray:
        scores = linear(train, used)
        return with_metric(train, scores, ridge) if ridge is not None else scores

    shipped_used = (sim.COEFFICIENTS != 0).astype(float)

    def rating_recipe(train: np.ndarray, ridge: float, names: tuple[str, ...]) -> np.ndarray:
        """Unclipped rating scores of every pair: features (caps from ``train``), the
        terms ``names`` and the metric fitted jointly on ``train``, plus the fixed bonus
        and time penalty (fitted around, not on: the target is less them)."""
        caps = feature_caps(feats[train])
        x = sim.capped(feats, caps) * shipped_used
        pool = pool_of(train)
        z = np.column_stack([pool[n] for n in names]) if names else np.zeros((len(pairs), 0))
        intercept, coef, weights, metric = fit_rating(
            x[train], z[train], products[train], target[train] - adjust[train], ridge)
        return intercept + x @ coef + z @ weights + products @ metric + adjust

    def inner_held(train: np.ndarray, score) -> np.ndarray:
        """Inner 4-fold held-out unclipped scores of ``score(part)`` on ``train``."""
        index = np.flatnonzero(train)
        inner = np.random.default_rng(1).permutation(len(index)) % INNER_FOLDS
        held = np.zeros(len(pairs))
        for j in range(INNER_FOLDS):
            part = np.zeros(len(pairs), dtype=bool)
            part[index[inner != j]] = True
            held[index[inner == j]] = score(part)[index[inner == j]]
        return held

    def inner_r(train: np.ndarray, held: np.ndarray) -> float:
        index = np.flatnonzero(train)
        return float(np.corrcoef(np.clip(held[index], 0.0, 1.0), target[index])[0, 1])

    def choose(train: np.ndarray, candidates: tuple[str, ...] | None
               ) -> tuple[float, tuple[str, ...], np.ndarray]:
        """The metric ridge (and, with ``candidates``, the terms by greedy forward
        selection, each step to gain >= SELECTION_GAIN inner Pearson) by inner CV on
        ``train`` alone, and the inner held-out scores of the choice."""
        def best_ridge(names: tuple[str, ...]) -> tuple[float, float, np.ndarray]:
            trials = []
            for ridge in METRIC_RIDGES:
                held = inner_held(train, lambda part, r=ridge: rating_recipe(part, r, names))
                trials.append((inner_r(train, held), ridge, held))
            return max(trials, key=lambda t: t[0])

        if candidates is None:
            r, ridge, held = best_ridge(sim.RATING_TERMS)
            return ridge, sim.RATING_TERMS, held
        names: tuple[str, ...] = ()
        r, ridge, held = best_ridge(names)
        while True:
            trials = [(best_ridge((*names, c)), c) for c in candidates if c not in names]
            if not trials:
                break
            (r2, ridge2, held2), pick = max(trials, key=lambda t: t[0][0])
            if r2 < r + SELECTION_GAIN:
                break
            names, r, ridge, held = (*names, pick), r2, ridge2, held2
        return ridge, names, held

    chosen: list[float] = []
    picked: list[list[str]] = []
    raw_scores: dict[str, np.ndarray] = {}

    def cross_validated_rating(candidates: tuple[str, ...] | None, tag: str) -> np.ndarray:
        """Held-out ratings: per outer fold, ridge (and terms) chosen and the calibration
        fitted on the training fold's inner held-out scores, nothing from the test fold."""
        out, raw = np.zeros(len(pairs)), np.zeros(len(pairs))
        for k in range(FOLDS):
            train = folds != k
            ridge, names, held = choose(train, candidates)
            chosen.append(ridge)
            picked.append(list(names))
            scores = rating_recipe(train, ridge, names)
            raw[~train] = scores[~train]
            scores = calibrated(scores, fit_calibration(held[train], target[train]))
            out[~train] = np.clip(scores, 0.0, 1.0)[~train]
        raw_scores[tag] = raw
        return out

    def cross_validated(used: np.ndarray, metric: bool = False) -> np.ndarray:
        """Held-out story-decision scores: the features ``used`` refitted per fold, and the
        metric on their residual with its ridge chosen inside the fold."""
        out = np.zeros(len(pairs))
        for k in range(FOLDS):
            train = folds != k
            ridge = None
            if metric:
                ridge = max(METRIC_RIDGES, key=lambda r: inner_r(train, inner_held(
                    train, lambda part, r=r: recipe(part, used, r))))
            out[~train] = np.clip(recipe(train, used, ridge), 0.0, 1.0)[~train]
        return out

    held_out = cross_validated_rating(None, "shipped")
    ridges = list(chosen)
    held_out_raw = np.clip(raw_scores["shipped"], 0.0, 1.0)
    selection_pool = (*sim.RATING_TERMS, "rest_rest", "coherence")
    selected = cross_validated_rating(selection_pool, "selected")
    selections = picked[FOLDS:]
    pair_score_recipe = cross_validated(shipped_used, metric=True)
    without_metric = cross_validated(shipped_used)
    all_features = cross_validated(np.ones(len(sim.FEATURES)))
    caps = feature_caps(feats)
    intercept, coef = fit(sim.capped(feats, caps), target)
    everything = np.ones(len(pairs), dtype=bool)
    # as shipped: the rating model fitted on all pairs with the ridge the folds chose most
    # often, the topic mean of all dev texts, the calibration on the 5 folds' held-out scores
    ship_ridge = max(set(ridges), key=ridges.count)
    ship_caps = feature_caps(feats)
    ship_terms = terms_of(everything)
    ship_fit = fit_rating(sim.capped(feats, ship_caps) * shipped_used, ship_terms, products,
                          target - adjust, ship_ridge)
    ship_curve = fit_calibration(raw_scores["shipped"], target)
    shipped = np.array([sim.pair_score(signals[p.text1], signals[p.text2]) for p in pairs])
    shipped_rating = np.array([sim.rating(signals[p.text1], signals[p.text2]) for p in pairs])
    cosine_only = feats[:, sim.FEATURES.index("cos")]

    result = {
        "pairs": len(pairs),
        "same_language_pairs": int(same.sum()),
        "embedded_chars": EMBED_CHARS,
        "features": list(sim.FEATURES),
        "rating_terms": list(sim.RATING_TERMS),
        "metric_ridge_per_fold": ridges[:FOLDS],
        "selection_pool": list(selection_pool),
        "terms_selected_per_fold": selections,
        "held_out_5fold": figures(held_out, overall, lang),
        "held_out_5fold_uncalibrated": figures(held_out_raw, overall, lang),
        "held_out_5fold_terms_selected_in_fold": figures(selected, overall, lang),
        "held_out_5fold_pair_score": figures(pair_score_recipe, overall, lang),
        "held_out_5fold_without_metric": figures(without_metric, overall, lang),
        "held_out_5fold_all_features_without_metric": figures(all_features, overall, lang),
        "shipped_in_sample": figures(shipped, overall, lang),
        "shipped_rating_in_sample": figures(shipped_rating, overall, lang),
        "cosine_only": figures(cosine_only, overall, lang),
        "refit_all": {"intercept": round(intercept, 4),
                      "coefficients": [round(float(c), 4) for c in coef],
                      "caps": [round(float(c), 4) for c in caps]},
        "seconds": {"wall": round(time.perf_counter() - started, 1),
                    "cpu": round(time.process_time() - cpu_started, 1)},
    }
    for name in ("held_out_5fold", "held_out_5fold_uncalibrated",
                 "held_out_5fold_terms_selected_in_fold", "held_out_5fold_pair_score",
                 "held_out_5fold_without_metric",
                 "held_out_5fold_all_features_without_metric", "shipped_in_sample",
                 "shipped_rating_in_sample", "cosine_only"):
        f = result[name]
        per = " ".join(f"{k}={v['pearson']:.3f}" for k, v in f["per_language_pair"].items())
        print(f"{name:50s} Pearson {f['pearson']:.3f}  AUC {f['auc']:.3f}  | {per}")
    print("metric ridge chosen per fold:", ridges[:FOLDS])
    print("terms selected per fold:", selections)
    print("features refitted on all pairs (not shipped, see similarity.METRIC):",
          result["refit_all"])
    if args.write_weights:
        write_rating(sim.WEIGHTS_FILE, embedder.name, mean_of(everything), ship_caps,
                     ship_fit, ship_curve, ship_ridge)
        if args.refit_metric:
            shipped_linear = sim.INTERCEPT + sim.capped(feats, sim.FEATURE_CAPS) @ sim.COEFFICIENTS
            offset, metric = fit_metric(products[same], target[same] - shipped_linear[same],
                                        ship_ridge)
            write_metric(sim.WEIGHTS_FILE, offset, metric, embedder.name)
        # the in-sample figures of what was just written
        importlib.reload(sim)
        for name, score in (("shipped_in_sample", sim.pair_score),
                            ("shipped_rating_in_sample", sim.rating)):
            result[name] = figures(np.array([score(signals[p.text1], signals[p.text2])
                                             for p in pairs]), overall, lang)
            print(f"{name + ' (as written)':50s} Pearson {result[name]['pearson']:.3f}  "
                  f"AUC {result[name]['auc']:.3f}")
    default = not args.onnx and (args.embedder or setting("RASHOMON_EMBEDDER")) == setting(
        "RASHOMON_EMBEDDER")
    write_results("similarity" if default else f"similarity_{embedder.name}", result)


def write_rating(path: Path, model: str, mean: np.ndarray, caps: np.ndarray,
                 fitted: tuple[float, np.ndarray, np.ndarray, np.ndarray],
                 curve: tuple[np.ndarray, float, float], ridge: float) -> None:
    """Write the topic mean and the rating model into cluster/pair_weights.json, keeping
    everything else."""
    from rashomon.cluster.similarity import RATING_TERMS

    intercept, coef, weights, metric = fitted
    body = json.loads(path.read_text(encoding="utf-8"))
    for old in ("centrality_offset", "centrality_weight", "calibration", "calibration_range"):
        body.pop(old, None)
    body["topic_mean"] = [round(float(m), 5) for m in mean]
    body["rating"] = {
        "_comment": "similarity.rating: fitted jointly on all 796 SemEval dev pairs by "
                    "`bench/bench_similarity.py --write-weights` (metric ridge "
                    f"{ridge}, the nested CV's most frequent choice); calibration on the "
                    "5 folds' held-out scores. Figures: see measured.",
        "model": model,
        "terms": list(RATING_TERMS),
        "intercept": round(intercept, 5),
        "coefficients": [round(float(c), 5) for c in coef],
        "caps": [round(float(c), 4) for c in caps],
        "weights": [round(float(w), 5) for w in weights],
        "metric": [round(float(m), 5) for m in metric],
        # full precision and the range rounded inwards: a rounded curve or range could
        # reach past the cubic's turning point, where it decreases
        "calibration": [float(c) for c in curve[0]],
        "calibration_range": [math.ceil(curve[1] * 1e4) / 1e4, math.floor(curve[2] * 1e4) / 1e4],
    }
    path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def write_metric(path: Path, offset: float, metric: np.ndarray, model: str) -> None:
    """Write the story decision's metric into cluster/pair_weights.json."""
    body = json.loads(path.read_text(encoding="utf-8"))
    body.update(metric_model=model, metric_offset=round(offset, 4),
                metric=[round(float(m), 4) for m in metric])
    path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
