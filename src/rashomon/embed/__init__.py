"""Embedding stage: turns text into vectors behind a small interface."""

from rashomon.embed.base import Embedder, get_embedder
from rashomon.embed.e5 import E5Embedder

__all__ = ["E5Embedder", "Embedder", "get_embedder"]
