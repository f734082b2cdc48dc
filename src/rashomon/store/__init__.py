"""Stores: SQLite (embedded default) and PostgreSQL (a server many users share)."""

from __future__ import annotations

from rashomon.registry import register
from rashomon.store.base import Store, StoryFilter
from rashomon.store.sqlite import SQLiteStore


@register("store", "sqlite")
def _sqlite(path: str = "rashomon.db") -> Store:
    return SQLiteStore(path)


@register("store", "postgres")
def _postgres(dsn: str) -> Store:
    from rashomon.store.postgres import PostgresStore

    return PostgresStore(dsn)


def open_store(location: str) -> Store:
    """Open the store a location names: a ``postgresql://`` URL or a SQLite file path."""
    from rashomon.registry import create

    if location.startswith(("postgresql://", "postgres://")):
        return create("store", "postgres", dsn=location)
    return create("store", "sqlite", path=location)


__all__ = ["SQLiteStore", "Store", "StoryFilter", "open_store"]
