"""Comparison stage: align the accounts of one story and report agreements,
only-in claims, contradictions, implausible claims and a timeline.

Interface used by the pipeline:
``build_report(story, facts, entities, embedder) -> Report``.
"""

from __future__ import annotations

from rashomon.core import ArticleFacts, Entity, Report, Story
from rashomon.embed import Embedder

#: Bumped whenever the report's content changes, so cached reports are rebuilt.
COMPARE_VERSION = "0"


def build_report(
    story: Story, facts: dict[int, ArticleFacts], entities: list[Entity], embedder: Embedder
) -> Report:
    """The comparison report of one story (being built in issue 4)."""
    raise NotImplementedError("story comparison is being built (issue 4)")
