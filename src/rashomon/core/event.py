"""Events: one incident inside a story.

A *story* groups related happenings (an attack, the strike that answered it, the
investigation); an *event* is one of them — the articles that report the same happening
at the same time and place. Comparison (agreements, only-in, contradictions) runs among
the articles of one event; what differs between events of a story is a timeline, never a
contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Event:
    """One incident: its articles, the time span and the places they report."""

    id: int | None
    story_id: int | None
    article_ids: list[int] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    #: Place keys (gazetteer ids or normalised names) the event's articles locate it at.
    places: list[str] = field(default_factory=list)
    title: str = ""
