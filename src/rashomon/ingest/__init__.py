"""Ingest stage: files, folders, globs and stdin in; ``Article`` records or errors out."""

from rashomon.ingest.readers import ReadItem, iter_inputs, read_bytes

__all__ = ["ReadItem", "iter_inputs", "read_bytes"]
