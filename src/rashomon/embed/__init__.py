"""Embedding stage: turns text into vectors behind a small interface."""

from rashomon.embed.base import Embedder, get_embedder
from rashomon.embed.e5 import E5Embedder
from rashomon.embed.early import EarlyExitE5
from rashomon.embed.ort import OrtE5Embedder

__all__ = ["E5Embedder", "EarlyExitE5", "Embedder", "OrtE5Embedder", "get_embedder"]
