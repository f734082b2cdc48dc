"""Embedding stage: turns text into vectors behind a small interface."""

from rashomon.embed.base import Embedder, get_embedder
from rashomon.embed.e5 import E5Embedder
from rashomon.embed.early import EarlyExitE5

__all__ = ["E5Embedder", "EarlyExitE5", "Embedder", "get_embedder"]
