"""Candidate index: the stored articles closest to a new one, inside its time window.

The online clusterer scores a new article fully against a few candidates only: the
``k`` nearest by cosine among the articles published within ``window_days`` of it.
Two implementations, registered like every stage (kind ``"index"``):

- ``exact``: one float32 matrix, a time mask and one matrix-vector product: exact, and
  linear in the articles held (the working set of open events, see
  ``rashomon.scale.window``);
- ``usearch``: an HNSW graph (the usearch library) over the same articles, searched for
  more than ``k`` neighbours and filtered by time afterwards, widening the search until
  ``k`` in-window neighbours are found. Below ``EXACT_BELOW`` articles it searches
  exhaustively, so small stores (tests, the sample corpus) get exactly the ``exact``
  candidates.

Undated articles (time NaN) are candidates of every article, as before.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod

import numpy as np

from rashomon.registry import register

DAY = 86400.0
# Below this many articles the usearch index searches exhaustively (usearch's exact mode):
# an exhaustive search of 50,000 384-dim vectors took 3 ms on this host, so ~0.1 ms at
# this size, as fast as the graph, and every small store gets the exact candidates.
EXACT_BELOW = 2048
# HNSW build and search breadth.
# Measured by bench/bench_scale.py on 10,000 held articles with 100 real queries: recall
# of the true 30 nearest within the window 0.9993, search p95 0.7 ms (docs/benchmarks.md,
# Scale); the contract test checks >= 0.98 on 3,000 variants of real vectors.
CONNECTIVITY = 16
EXPANSION_ADD = 64
EXPANSION_SEARCH = 128


class CandidateIndex(ABC):
    """Vectors of the articles in memory, keyed by article id, with a publish time."""

    @abstractmethod
    def add(self, key: int, vector: np.ndarray, when: float) -> None:
        """Add (or replace) an article; ``when`` is a POSIX time, NaN if unknown."""

    @abstractmethod
    def remove(self, key: int) -> None:
        """Drop an article (unknown keys are ignored)."""

    @abstractmethod
    def search(self, vector: np.ndarray, when: float, window_days: float, k: int) -> list[int]:
        """Keys of the ``k`` articles nearest ``vector`` among those within
        ``window_days`` of ``when`` (all of them if fewer); any order."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def __contains__(self, key: object) -> bool: ...

    @abstractmethod
    def retime(self, key: int, when: float) -> None:
        """Change the time of a held article (an undated one given its story's time)."""


def _in_window(times: np.ndarray, when: float, window_days: float) -> np.ndarray:
    """Mask of times within the window of ``when``; unknown times (NaN) always pass."""
    if math.isnan(when):
        return np.ones(len(times), dtype=bool)
    return ~(np.abs(times - when) / DAY > window_days)


class ExactIndex(CandidateIndex):
    """Brute force: a float32 matrix grown by doubling, rows freed on removal."""

    def __init__(self) -> None:
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._row_times = np.zeros(0)
        self._keys = np.zeros(0, dtype=np.int64)
        self._row: dict[int, int] = {}
        self._free: list[int] = []
        self._used = 0

    def add(self, key: int, vector: np.ndarray, when: float) -> None:
        vector = np.asarray(vector, dtype=np.float32).ravel()
        self.remove(key)
        if self._vectors.shape[1] != vector.shape[0]:
            if self._row:
                raise ValueError("embedding size changed between articles")
            self._vectors = np.zeros((64, vector.shape[0]), dtype=np.float32)
            self._row_times = np.zeros(64)
            self._keys = np.full(64, -1, dtype=np.int64)
            self._free, self._used = [], 0
        if self._free:
            row = self._free.pop()
        else:
            if self._used == len(self._vectors):  # amortized O(1) appends
                self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
                self._row_times = np.concatenate([self._row_times, np.zeros_like(self._row_times)])
                self._keys = np.concatenate([self._keys, np.full_like(self._keys, -1)])
            row, self._used = self._used, self._used + 1
        self._vectors[row], self._row_times[row], self._keys[row] = vector, when, key
        self._row[key] = row

    def remove(self, key: int) -> None:
        row = self._row.pop(key, None)
        if row is not None:
            self._keys[row] = -1
            self._free.append(row)

    def retime(self, key: int, when: float) -> None:
        row = self._row.get(key)
        if row is not None:
            self._row_times[row] = when

    def search(self, vector: np.ndarray, when: float, window_days: float, k: int) -> list[int]:
        n = self._used
        mask = (self._keys[:n] >= 0) & _in_window(self._row_times[:n], when, window_days)
        rows = np.flatnonzero(mask)
        if len(rows) > k:
            cosine = self._vectors[rows] @ np.asarray(vector, dtype=np.float32).ravel()
            rows = rows[np.argpartition(-cosine, k - 1)[:k]]
        return [int(key) for key in self._keys[rows]]

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, key: object) -> bool:
        return key in self._row


class UsearchIndex(CandidateIndex):
    """HNSW (usearch, half-precision vectors) with the time filter applied to a widening
    search; exhaustive below ``EXACT_BELOW`` articles. Removed keys leave tombstones in
    the graph, so it is rebuilt once they outnumber the live keys."""

    def __init__(self, exact_below: int = EXACT_BELOW) -> None:
        self.exact_below = exact_below
        self._index = None
        self._times: dict[int, float] = {}
        self._pending: dict[int, np.ndarray] = {}  # added, not yet in the graph
        self._dim = 0
        self._removed = 0

    def _new(self, dim: int):
        from usearch.index import Index

        return Index(ndim=dim, metric="ip", dtype="f16", connectivity=CONNECTIVITY,
                     expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)

    def add(self, key: int, vector: np.ndarray, when: float) -> None:
        """Buffered: the graph takes the pending vectors in one batch at the next search
        (usearch inserts a batch on all cores; one by one, restoring 10,000 articles took
        most of the restore time)."""
        vector = np.asarray(vector, dtype=np.float32).ravel()
        if self._index is None:
            self._dim, self._index = vector.shape[0], self._new(vector.shape[0])
        elif vector.shape[0] != self._dim:
            raise ValueError("embedding size changed between articles")
        self.remove(key)
        self._pending[key] = vector
        self._times[key] = when

    def add_many(self, keys: list[int], vectors: np.ndarray, times: list[float]) -> None:
        for key, vector, when in zip(keys, vectors, times, strict=True):
            self.add(key, vector, when)

    def _flush(self) -> None:
        if self._pending:
            keys = np.fromiter(self._pending, dtype=np.uint64, count=len(self._pending))
            self._index.add(keys, np.stack(list(self._pending.values())))
            self._pending.clear()

    def remove(self, key: int) -> None:
        if self._times.pop(key, None) is None:
            return
        if self._pending.pop(key, None) is not None:
            return
        self._index.remove(key)
        self._removed += 1
        if self._removed > max(len(self._times), self.exact_below):
            self._rebuild()

    def _rebuild(self) -> None:
        """A fresh graph of the live keys (drops the tombstones of removed ones)."""
        self._flush()
        keys = np.fromiter(self._times, dtype=np.uint64, count=len(self._times))
        vectors = self._index.get(keys) if len(keys) else None
        self._index, self._removed = self._new(self._dim), 0
        if vectors is not None:
            self._index.add(keys, np.asarray(vectors, dtype=np.float32))

    def retime(self, key: int, when: float) -> None:
        if key in self._times:
            self._times[key] = when

    def search(self, vector: np.ndarray, when: float, window_days: float, k: int) -> list[int]:
        live = len(self._times)
        if not live:
            return []
        vector = np.asarray(vector, dtype=np.float32).ravel()
        self._flush()
        exact = live <= self.exact_below
        count = live if exact else k
        while True:
            found = self._index.search(vector, min(count, live), exact=exact)
            keys = [int(key) for key in found.keys]
            times = np.array([self._times.get(key, math.nan) for key in keys])
            keep = [key for key, ok in zip(keys, _in_window(times, when, window_days),
                                           strict=True) if ok and key in self._times]
            if len(keep) >= k or count >= live:
                return keep[:k]
            count *= 4  # many neighbours lie outside the window: search wider
            if count * 4 >= live:  # as costly as going through all of them
                count, exact = live, True

    def __len__(self) -> int:
        return len(self._times)

    def __contains__(self, key: object) -> bool:
        return key in self._times


def usearch_available() -> bool:
    try:
        import usearch.index  # noqa: F401
    except ImportError:
        return False
    return True


@register("index", "exact")
def _exact() -> CandidateIndex:
    return ExactIndex()


@register("index", "usearch")
def _usearch() -> CandidateIndex:
    return UsearchIndex()


def default_index() -> CandidateIndex:
    """usearch when installed (a runtime dependency), else the exact index."""
    return UsearchIndex() if usearch_available() else ExactIndex()
