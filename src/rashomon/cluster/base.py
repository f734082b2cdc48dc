"""The clustering interface (river style): ``predict_one`` then ``learn_one``.

An online clusterer sees articles one at a time. ``predict_one`` says which existing
story an article belongs to (or None for a new one) without changing state;
``learn_one`` records the article in the story the caller settled on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from rashomon.core import Event


@dataclass
class ArticleSignals:
    """What clustering knows of one article: language-independent evidence only."""

    article_id: int
    embedding: np.ndarray
    published: datetime | None = None
    time_estimated: bool = False  # published read from dates in the text, not metadata
    language: str | None = None
    source: str | None = None
    keys: set[str] = field(default_factory=set)  # entity/place skeleton keys
    numbers: set[str] = field(default_factory=set)  # normalized quantities ("120000")
    dates: set[str] = field(default_factory=set)  # ISO day dates mentioned ("2023-09-17")
    words: set[str] = field(default_factory=set)  # word stems (lexical overlap)
    lead_words: set[str] = field(default_factory=set)  # word stems of the lead only
    title: str = ""
    #: Cities (canonical English names) the lead locates the happening in: hard evidence
    #: for events (two reports naming only different cities are two incidents).
    places: set[str] = field(default_factory=set)
    #: When the happening was, as hard evidence for events (``signals.event_time``): the
    #: publish time, else a day date the lead states; None when neither says.
    event_time: datetime | None = None
    #: Days either side of ``event_time`` the happening may lie (inf when unknown).
    time_uncertainty: float = 0.0
    #: The weekday (0 = Monday) the lead names for the happening ("on Monday"), if any:
    #: what an undated report says of its time when it states no date.
    weekday: int | None = None
    #: Entity keys with their type ("PER:btn", "ORG:nt"): who is named, not just what.
    typed: set[str] = field(default_factory=set)
    #: Keys of the organisations and people the title and lead name (``signals.lead_names``):
    #: who the report is about; and keys of every name there (any type), what they are
    #: matched against (a name typed ORG in one language may be read LOC in another).
    actors: set[str] = field(default_factory=set)
    lead_names: set[str] = field(default_factory=set)
    #: When the article was ingested (the store's ``ingested_at``): the clock of a story
    #: with no dated article, which the working set closes once nothing was added to it
    #: for a window (``rashomon.scale.window``). Not part of the stored signals document
    #: (read from the article row on restore).
    ingested: datetime | None = None
    #: Read by ``similarity.rating`` only (the API's similarity of two given texts) and
    #: built only for it (``signals.with_rating_signals``), never at ingest or placement:
    #: the vector of the text after the embedded lead (None: no text after the lead) and
    #: the share of the text in prose lines (None: not measured).
    rest_embedding: np.ndarray | None = None
    prose_share: float | None = None


class OnlineClusterer(ABC):
    """Assigns each arriving article to a story or opens a new one."""

    @abstractmethod
    def predict_one(self, item: ArticleSignals) -> tuple[int | None, float]:
        """(story id, score) of the best existing story, or (None, best score)."""

    @abstractmethod
    def learn_one(
        self, item: ArticleSignals, story_id: int, event_id: int | None = None
    ) -> None:
        """Add the article to ``story_id`` (existing or newly created by the caller) and,
        for clusterers with an event level, to ``event_id``."""

    @abstractmethod
    def forget_one(self, article_id: int) -> None:
        """Remove an article (it was updated and will be learned again)."""

    def predict_event(
        self, item: ArticleSignals, story_id: int | None = None
    ) -> tuple[int | None, int | None, float]:
        """(event id, its story id, score) of the event ``item`` reports, or (None, None,
        best score) when it reports no known event (restricted to ``story_id`` if given).
        Default: no event level (every article its own event)."""
        return None, None, 0.0

    def story_of(self, article_id: int) -> int | None:
        """The story an article was learned into (None if unknown): the one record of
        story membership while the engine runs (the store keeps a copy for readers)."""
        return None

    def event_of(self, article_id: int) -> int | None:
        """The event an article was learned into (None without an event level)."""
        return None

    def event(self, event_id: int) -> Event:
        """An event's current state (span, places, members)."""
        raise KeyError(event_id)

    def repair(self, story_id: int) -> list[tuple[int, int]]:
        """After ``story_id`` grew, merge stories that now belong together; returns the
        merges applied as (absorbed story, kept story) so the caller can move the stored
        articles. Online assignment depends on arrival order (an early article may open a
        story its event's later coverage would have joined); repairing lets evidence that
        arrives later undo that. Default: no repair."""
        return []

    def repairs(self, story_id: int) -> Iterator[tuple[int, int]]:
        """``repair``, each merge given as soon as it is applied (before the next
        candidate story is weighed), so the caller can write it meanwhile. Default: the
        merges ``repair`` returns."""
        yield from self.repair(story_id)

    def repair_events(self, article_id: int) -> list[tuple[int, list[int]]]:
        """After ``article_id`` was placed, merge events of its story that it shows to be
        one incident; returns (kept event, articles moved into it) per merge so the
        caller can record the moves. Default: no event level, no repair."""
        return []
