"""Clustering stage: online story assignment and near-copy detection."""

from rashomon.cluster.base import ArticleSignals, OnlineClusterer
from rashomon.cluster.dedup import NearCopyIndex
from rashomon.cluster.events import EVENT_ACTOR_PENALTY, EVENT_CONTRAST_PENALTY
from rashomon.cluster.index import CandidateIndex  # registers the "index" implementations
from rashomon.cluster.online import EVENT_THRESHOLD, SignalClusterer
from rashomon.registry import register


def engine_settings(**overrides) -> dict:
    """The ``SignalClusterer`` settings the Engine clusters with (the registered
    "signals" clusterer), with ``overrides`` on top: benches that replay or sweep the
    decision start from these, so they measure what ingest runs and not a copy of it."""
    return {"event_threshold": EVENT_THRESHOLD,
            "event_contrast_penalty": EVENT_CONTRAST_PENALTY,
            "event_actor_penalty": EVENT_ACTOR_PENALTY, **overrides}


@register("clusterer", "signals")
def _signals() -> OnlineClusterer:
    return SignalClusterer(**engine_settings())


__all__ = [
    "ArticleSignals", "CandidateIndex", "NearCopyIndex", "OnlineClusterer", "SignalClusterer",
    "engine_settings",
]
