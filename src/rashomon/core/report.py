"""The comparison of a story's accounts: agreements, only-in, contradictions.

Every claim is traced to sentences (article id + character offsets) so a reader can
check each line of the report against the sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Evidence:
    """One sentence in one article that supports a claim."""

    article_id: int
    sentence: str
    start: int
    end: int
    source: str | None = None
    language: str | None = None


@dataclass
class Claim:
    """A statement made by one or more sources, with the sentence each one used."""

    id: str
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    support: float = 0.0  # share of independent sources that state it


@dataclass
class Contradiction:
    """The same slot filled differently by different sources."""

    slot: str  # "residents count", "meeting date", ...
    kind: str  # "quantity" | "date" | "place" | "actor" | "duration"
    values: list[dict] = field(default_factory=list)  # {"value", "text", "evidence": Evidence}
    severity: str = "medium"  # "low" | "medium" | "high"
    note: str | None = None


@dataclass
class Implausible:
    """A claim that cannot be right given its own article or all other sources."""

    reason: str
    evidence: Evidence
    value: str | None = None
    severity: str = "medium"


@dataclass
class TimelineEvent:
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
