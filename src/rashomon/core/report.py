"""The comparison of a story's accounts: agreements, only-in, contradictions.

Every claim is traced to sentences (article id + character offsets) so a reader can
check each line of the report against the sources.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Evidence:
    """One sentence in one article that supports a claim."""

    article_id: int
    sentence: str
    start: int
    end: int
    source: str | None = None
    language: str | None = None
    # The reader's view (``compare.gloss.readable``) adds these to sentences in a language
    # other than the reader's: the gloss line, its facts part, another source's aligned one.
    gloss: str | None = None
    gloss_facts: str | None = None
    aligned: dict | None = None


@dataclass
class Claim:
    """A statement made by one or more sources, with the sentence each one used."""

    id: str
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    support: float = 0.0  # share of independent sources that state it
    score: float = 0.0  # alignment strength of the sentences (0 for single-source claims)


@dataclass
class Contradiction:
    """The same slot filled differently by different sources."""

    slot: str  # "residents count", "meeting date", ...
    kind: str  # "quantity" | "date" | "place" | "actor" | "duration"
    values: list[dict] = field(default_factory=list)  # {"value", "text", "evidence": Evidence}
    severity: str = "medium"  # "low" | "medium" | "high"
    note: str | None = None
    # The reader's view: one group per distinct value ({"value", "display", "hedge", "unit",
    # "counted", "sources", "evidence", ...}) and the slot in the reader's language.
    groups: list[dict] = field(default_factory=list)
    heading: str | None = None


@dataclass
class Implausible:
    """A claim that cannot be right given its own article or all other sources."""

    reason: str
    evidence: Evidence
    value: str | None = None
    severity: str = "medium"
    #: What ``reason`` says as a key and its parameters (ISO dates, numbers, the slot), so
    #: a reader's view words it in the reader's language (``compare/reader/<lang>.json``
    #: ``reasons``); empty in reports cached before the key existed.
    reason_key: str = ""
    reason_args: dict[str, Any] = field(default_factory=dict)


@dataclass
class TimelineEvent:
    """A dated event of the story, with every source that dates it so."""

    date: str
    granularity: str
    description: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Report:
    """The full story report; ``to_dict`` gives the documented JSON shape."""

    story: dict
    articles: list[dict]
    entities: list[dict]
    agreements: list[Claim]
    only_in: dict[str, list[Claim]]
    contradictions: list[Contradiction]
    implausible: list[Implausible]
    timeline: list[TimelineEvent]
    sources: list[dict] = field(default_factory=list)
    variations: list[Contradiction] = field(default_factory=list)  # estimates, revisions
    version: str = ""
    #: The story's events (incidents) in time order, each with its own comparison:
    #: {"id", "title", "start", "end", "places", "article_ids", "sources", "figures",
    #:  "agreements", "only_in", "contradictions", "variations", "implausible", "timeline"}
    #: in the shapes of the story-level sections. The story-level sections are their union.
    events: list[dict] = field(default_factory=list)
    #: What differs between events, as a timeline, never a contradiction:
    #: [{"slot", "kind", "events": [{"event", "start", "title", "places", "values"}]}].
    between_events: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape documented in the README (section "Python API")."""
        return {
            "version": self.version,
            "story": self.story,
            "articles": self.articles,
            "sources": self.sources,
            "entities": self.entities,
            "agreements": [asdict(c) for c in self.agreements],
            "only_in": {s: [asdict(c) for c in cs] for s, cs in self.only_in.items()},
            "contradictions": [asdict(c) for c in self.contradictions],
            "variations": [asdict(c) for c in self.variations],
            "implausible": [asdict(i) for i in self.implausible],
            "timeline": [asdict(t) for t in self.timeline],
            "events": self.events,
            "between_events": self.between_events,
        }

    @classmethod
    def from_dict(cls, body: dict[str, Any]) -> Report:
        """Inverse of ``to_dict`` (reports are cached as JSON in the store)."""
        return cls(
            story=body["story"],
            articles=body["articles"],
            entities=body["entities"],
            agreements=[_claim(c) for c in body["agreements"]],
            only_in={s: [_claim(c) for c in cs] for s, cs in body["only_in"].items()},
            contradictions=[_contradiction(c) for c in body["contradictions"]],
            implausible=[
                Implausible(**{**i, "evidence": Evidence(**i["evidence"])})
                for i in body["implausible"]
            ],
            timeline=[
                TimelineEvent(**{**t, "evidence": [Evidence(**e) for e in t["evidence"]]})
                for t in body["timeline"]
            ],
            sources=body.get("sources", []),
            variations=[_contradiction(c) for c in body.get("variations", [])],
            version=body.get("version", ""),
            events=body.get("events", []),
            between_events=body.get("between_events", []),
        )


def _claim(body: dict[str, Any]) -> Claim:
    return Claim(**{**body, "evidence": [Evidence(**e) for e in body["evidence"]]})


def _contradiction(body: dict[str, Any]) -> Contradiction:
    values = [{**v, "evidence": Evidence(**v["evidence"])} for v in body["values"]]
    return Contradiction(**{**body, "values": values})
