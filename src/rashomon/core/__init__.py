"""The plain dataclasses every stage speaks."""

from rashomon.core.article import Article, IngestResult, Story, content_hash
from rashomon.core.event import Event
from rashomon.core.facts import (
    ArticleFacts,
    DateMention,
    Entity,
    EntityOccurrence,
    Mention,
    Quantity,
    Quote,
)
from rashomon.core.report import (
    Claim,
    Contradiction,
    Evidence,
    Implausible,
    Report,
    TimelineEvent,
)

__all__ = [
    "Article",
    "ArticleFacts",
    "Claim",
    "Contradiction",
    "DateMention",
    "Entity",
    "EntityOccurrence",
    "Event",
    "Evidence",
    "Implausible",
    "IngestResult",
    "Mention",
    "Quantity",
    "Quote",
    "Report",
    "Story",
    "TimelineEvent",
    "content_hash",
]
