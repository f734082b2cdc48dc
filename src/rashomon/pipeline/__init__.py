"""Thin wiring of the stages: read -> clean -> language -> extract -> embed -> cluster -> store.

Each stage is injected (constructor arguments) or built from the registry by name, so
swapping one — another embedder, PostgreSQL for SQLite — touches one place. The
per-article work (``rashomon.scale.work``) runs through a ``Runner``: in-process by
default, on Dask workers with ``rashomon.scale.DaskRunner``; what needs earlier articles
(store lookups, near-copy groups, online clustering) stays here, in input order.

``Engine`` is one class in four modules: ``engine`` (the ingest flow: waves, admission,
the cascade's decisions, claim vectors), ``placing`` (an article into its event and
story), ``holding`` (the clustering state kept in memory: restore, reload, eviction) and
``reading`` (stories, facts, entities, reports).
"""

from rashomon.pipeline.engine import BATCH_SIZE, CLAIM_JOBS, Engine
from rashomon.pipeline.holding import _signals_version
from rashomon.scale.work import LocalRunner, Runner  # the per-article stages' runners

__all__ = ["BATCH_SIZE", "CLAIM_JOBS", "Engine", "LocalRunner", "Runner", "_signals_version"]
