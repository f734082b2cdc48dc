"""Stores: SQLite (embedded default) and PostgreSQL (a server many users share)."""

from __future__ import annotations

import os

from rashomon.errors import DatabaseMissing
from rashomon.registry import register
from rashomon.store.base import ArticleChanges, Store, StoryFilter
from rashomon.store.sqlite import SQLiteStore


@register("store", "sqlite")
def _sqlite(path: str = "rashomon.db") -> Store:
    return SQLiteStore(path)


@register("store", "postgres")
def _postgres(dsn: str, create: bool = True) -> Store:
    from rashomon.store.postgres import PostgresStore

    return PostgresStore(dsn, create=create)


def open_store(location: str, create: bool = True) -> Store:
    """Open the store a location names: a ``postgresql://`` URL or a SQLite file path.

    ``create=False`` (read-only commands) refuses a SQLite file that does not exist
    (E603) instead of creating an empty database there, and a PostgreSQL database without
    Rashomon's tables (E604) instead of creating them.
    """
    from rashomon.registry import create as build

    if location.startswith(("postgresql://", "postgres://")):
        return build("store", "postgres", dsn=location, create=create)
    if not create and location != ":memory:" and not os.path.exists(location):
        raise DatabaseMissing(location)
    return build("store", "sqlite", path=location)


__all__ = ["ArticleChanges", "SQLiteStore", "Store", "StoryFilter", "open_store"]
