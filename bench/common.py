"""Shared benchmark helpers: the sample corpus with its gold stories, SemEval pairs,
B-cubed scoring and result files. Other benchmarks may import this module."""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "rashomon" / "sample"
CORPUS = SAMPLE / "corpus"
GOLD = SAMPLE / "gold"
#: ../shared beside the clone; RASHOMON_SHARED points elsewhere (a git worktree's parent
#: has no shared/ beside it).
SHARED = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared")
SEMEVAL = SHARED / "data" / "semeval2022-task8-dev.csv"
SEEDS = SHARED / "seeds"
RESULTS = ROOT / "bench" / "results"


def write_results(name: str, figures: dict) -> Path:
    """Write ``bench/results/<name>.json`` (with a timestamp) and return its path.

    ``RASHOMON_BENCH_RESULTS`` redirects the file (the evaluation gate, bench/gate.py, uses
    it so a gate run never overwrites the committed figures)."""
    folder = Path(os.environ.get("RASHOMON_BENCH_RESULTS") or RESULTS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    body = {"benchmark": name, "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **figures}
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"wrote {path}")
    return path


def skip(reason: str) -> None:
    """Exit cleanly (status 0) when a benchmark's input is absent."""
    print(f"skipped: {reason}")
    sys.exit(0)


# -- SemEval 2022 task 8 ---------------------------------------------------------------


@dataclass
class SemEvalPair:
    pair_id: str
    lang1: str
    lang2: str
    overall: float  # 1 = same story ... 4 = unrelated
    text1: str
    text2: str

    @property
    def language_pair(self) -> str:
        return f"{self.lang1}-{self.lang2}"


def semeval_pairs(path: Path = SEMEVAL) -> list[SemEvalPair]:
    """The SemEval dev pairs; texts get their title on the first line, as
    ``rashomon.similarity`` expects (the CSV separates title and body by a newline or by
    two spaces)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        SemEvalPair(
            r["pair_id"], r["lang1"], r["lang2"], float(r["Overall"]),
            title_first_line(r["text1"]), title_first_line(r["text2"]),
        )
        for r in rows
    ]


def semeval_texts(path: Path = SEMEVAL, langs: Iterable[str] | None = None):
    """Each distinct SemEval dev article text once, in file order (text1 before text2 of
    a row), with its language: ``(lang, text)``, the text as the file gives it. For the
    probes that read articles one by one rather than pairs."""
    csv.field_size_limit(10**8)
    wanted = None if langs is None else set(langs)
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for lang, text in ((row["lang1"], row["text1"]), (row["lang2"], row["text2"])):
                if (wanted is None or lang in wanted) and text not in seen:
                    seen.add(text)
                    yield lang, text


def title_first_line(text: str) -> str:
    head = text[:300]
    if "\n" in head:
        return text
    if "  " in text[:250]:
        title, body = text.split("  ", 1)
        return f"{title.strip()}\n{body.strip()}"
    return f"\n{text}"  # no title: an empty first line


# -- sample corpus and gold stories ----------------------------------------------------


@dataclass
class GoldItem:
    file: str  # relative to sample/corpus
    url: str | None
    story: str
    language: str | None
    copy_of: dict | None  # {"file", "url"} of the original, for near-copies


def gold_items(parts: Iterable[str] | None = None) -> dict[str, list[GoldItem]]:
    """Gold entries per corpus part (a, b, c...): only parts that have a gold file."""
    found: dict[str, list[GoldItem]] = {}
    for path in sorted(GOLD.glob("*.json")):
        if parts is not None and path.stem not in parts:
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = [
            GoldItem(r["file"], r.get("url"), str(r["story"]), r.get("language"), r.get("copy_of"))
            for r in rows
        ]
    return found


def gold_key(source_path: str | None, url: str | None) -> tuple[str, str | None]:
    """Match key of an ingested article: its file relative to the corpus, plus the entry
    URL for multi-article files (feeds, JSONL)."""
    path = source_path or ""
    for sep in ("#",):
        path = path.split(sep, 1)[0]
    if ":" in path and path.rsplit(":", 1)[1].isdigit():
        path = path.rsplit(":", 1)[0]
    try:
        rel = str(Path(path).resolve().relative_to(CORPUS))
    except ValueError:
        rel = path
    return rel, url


def gold_lookup(items: Iterable[GoldItem]) -> dict[tuple[str, str | None], GoldItem]:
    return {(g.file, g.url): g for g in items}


def match_gold(
    lookup: dict[tuple[str, str | None], GoldItem], source_path: str | None, url: str | None
) -> GoldItem | None:
    rel, entry_url = gold_key(source_path, url)
    return lookup.get((rel, entry_url)) or lookup.get((rel, None))


# -- B-cubed ---------------------------------------------------------------------------


def bcubed(predicted: dict[Hashable, Hashable], gold: dict[Hashable, Hashable]) -> dict:
    """B-cubed precision, recall and F1 over the items present in both mappings.

    For each item: precision = share of its predicted cluster that shares its gold label;
    recall = share of its gold class that shares its predicted cluster; averaged over items.
    """
    items = [i for i in gold if i in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    by_pred: dict[Hashable, list] = defaultdict(list)
    by_gold: dict[Hashable, list] = defaultdict(list)
    for i in items:
        by_pred[predicted[i]].append(i)
        by_gold[gold[i]].append(i)
    precision = recall = 0.0
    for i in items:
        cluster = by_pred[predicted[i]]
        labels = Counter(gold[j] for j in cluster)
        precision += labels[gold[i]] / len(cluster)
        klass = by_gold[gold[i]]
        clusters = Counter(predicted[j] for j in klass)
        recall += clusters[predicted[i]] / len(klass)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "items": len(items),
        "predicted_stories": len(by_pred),
        "gold_stories": len(by_gold),
    }


# -- embedding cache -------------------------------------------------------------------


class CachedEmbedder:
    """Wraps an embedder with an on-disk cache keyed by the exact text, so re-running a
    benchmark after changing the combiner does not re-embed 1,600 texts. The cache lives
    under bench/results/cache/ (not committed)."""

    def __init__(self, inner, cache_name: str):
        import hashlib

        import numpy as np

        self._np, self._hash = np, hashlib.sha1
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.path = RESULTS / "cache" / f"{cache_name}-{inner.name}.npz"
        self.cache: dict[str, object] = {}
        if self.path.exists():
            with np.load(self.path) as data:
                self.cache = {k: data[k] for k in data.files}
        self.computed = 0

    def _key(self, kind: str, text: str) -> str:
        return self._hash(f"{kind}\0{text}".encode()).hexdigest()

    def _embed(self, kind: str, texts: list[str]):
        keys = [self._key(kind, t) for t in texts]
        missing = sorted({t for t, k in zip(texts, keys, strict=True) if k not in self.cache})
        if missing:
            fn = self.inner.passages if kind == "p" else self.inner.queries
            for text, vec in zip(missing, fn(missing), strict=True):
                self.cache[self._key(kind, text)] = vec
            self.computed += len(missing)
        return self._np.vstack([self.cache[k] for k in keys]) if keys else self._np.zeros(
            (0, self.dim), dtype=self._np.float32)

    def passages(self, texts: list[str]):
        return self._embed("p", list(texts))

    def queries(self, texts: list[str]):
        return self._embed("q", list(texts))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._np.savez(self.path, **self.cache)
