"""Extraction as registered components over one shared document.

Each extractor is a small component that declares what it needs from the document
(``requires``) and what it adds (``assigns``), like spaCy's pipeline components, and is
registered as kind ``"extractor"`` in ``rashomon.registry`` — a plug-in registers its own
the same way. ``extract_facts`` runs ``PIPELINE`` in order and checks before each step
that what the step requires is there, so a misordered or missing step fails loudly
instead of producing silently empty facts. ``tests/test_extract_components.py`` runs the
same contract on every registered extractor.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, ClassVar

from rashomon.core.facts import DateMention, Mention, Quantity, Quote
from rashomon.errors import RashomonError
from rashomon.registry import register


class ExtractionError(RashomonError):
    """An article could not be analysed (E4xx)."""

    code = "E401"
    http_status = 500


@dataclass
class Doc:
    """What the extractors of one article read and write; ``None`` = not computed yet."""

    text: str
    language: str
    published: datetime | None = None
    mentions: list[Mention] | None = None
    dates: list[DateMention] | None = None
    quantities: list[Quantity] | None = None
    quotes: list[Quote] | None = None

    #: The fields a component may require or assign.
    SLOTS: ClassVar[tuple[str, ...]] = ("text", "language", "published", "mentions", "dates",
                                        "quantities", "quotes")


class Component:
    """Base of an extractor: ``requires`` and ``assigns`` name ``Doc`` fields."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ("text", "language")
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Doc) -> None:  # pragma: no cover - interface
        raise NotImplementedError


def _component(name: str):
    """Register a component class under ``name`` (factory = the class)."""

    def decorate(cls):
        cls.name = name
        register("extractor", name)(cls)
        return cls

    return decorate


@_component("dates")
class Dates(Component):
    requires = ("text", "language", "published")
    assigns = ("dates",)

    def __call__(self, doc: Doc) -> None:
        from rashomon.extract.dates import extract_dates

        doc.dates = extract_dates(doc.text, doc.language, doc.published)


@_component("entities")
class Entities(Component):
    """Trained NER + gazetteer names (``entities.py``)."""

    assigns = ("mentions",)

    def __call__(self, doc: Doc) -> None:
        from rashomon.extract.entities import extract_mentions

        doc.mentions = extract_mentions(doc.text, doc.language)


@_component("quantities")
class Quantities(Component):
    requires = ("text", "language", "dates")
    assigns = ("quantities",)

    def __call__(self, doc: Doc) -> None:
        from rashomon.extract.quantities import extract_quantities

        doc.quantities = extract_quantities(doc.text, doc.language, doc.dates)


@_component("mention-filter")
class MentionFilter(Component):
    """A name inside a date or a quantity ("9 ماهه" read as the city Mahé) is a misreading.
    In Chinese and Japanese, written without spaces, a name that runs into a date at one
    edge is a boundary error instead ("鲍威尔周三表示": 鲍威尔 and the weekday 周三): the name
    is cut back to its part outside the date, not dropped."""

    requires = ("text", "language", "mentions", "dates", "quantities")
    assigns = ("mentions",)

    def __call__(self, doc: Doc) -> None:
        from rashomon.extract.dates import in_day_month_date
        from rashomon.extract.ner import CHAR_LANGUAGES

        spans = sorted([(d.start, d.end) for d in doc.dates or ()] +
                       [(q.start, q.end) for q in doc.quantities or ()])
        starts = [s for s, _ in spans]
        reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end so far
        unspaced = (doc.language or "").split("-")[0].lower() in CHAR_LANGUAGES
        kept = []
        for m in doc.mentions or ():
            if _inside_span(m, starts, reach):
                m = _outside_part(doc.text, m, spans, starts) if unspaced else None
            if m is not None and not in_day_month_date(doc.text, m.start, m.end, doc.language):
                kept.append(m)
        doc.mentions = kept


def _outside_part(text: str, mention: Mention, spans: list, starts: list[int]):
    """The mention cut back to its part outside the dates and quantities that overlap one
    of its edges, or None when one lies strictly inside it or nothing is left."""
    from rashomon.extract import lookup

    start, end = mention.start, mention.end
    for s, e in spans[:bisect.bisect_left(starts, mention.end)]:
        if e <= mention.start:
            continue
        if s <= mention.start:
            start = max(start, e)
        elif e >= mention.end:
            end = min(end, s)
        else:
            return None
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start >= end:
        return None
    return lookup._mention(text, start, end, mention.label, None, mention.score)


def _inside_span(mention, starts: list[int], reach: list[int]) -> bool:
    """Does a span (start, end) with start < mention.end and end > mention.start exist?
    A bisection over the sorted starts and the running maximum of the ends: a scan of
    every span per mention was quadratic on long texts."""
    before = bisect.bisect_left(starts, mention.end)
    return before > 0 and reach[before - 1] > mention.start



@_component("quotes")
class Quotes(Component):
    """Direct and reported speech; speaker = PER/ORG nearest the speech verb. A name a
    pronoun speaker ("he said") refers back to is a person: its mentions become PER
    where the model was unsure (``quotes.quotes_and_persons``)."""

    requires = ("text", "language", "mentions")
    assigns = ("quotes", "mentions")

    def __call__(self, doc: Doc) -> None:
        from rashomon.extract.quotes import quotes_and_persons

        doc.quotes, doc.mentions = quotes_and_persons(doc.text, doc.mentions or [],
                                                      doc.language)


#: The default extraction pipeline, in order.
PIPELINE = ("dates", "entities", "quantities", "mention-filter", "quotes")


def run(doc: Doc, names: tuple[str, ...] = PIPELINE, components: dict[str, Any] | None = None,
        check: Callable[[str], None] | None = None) -> Doc:
    """Run the named registered extractors over ``doc`` in order; ``check(name)`` after each
    step (the per-article time budget of ``extract_facts``)."""
    from rashomon.registry import create

    for name in names:
        component = (components or {}).get(name) or create("extractor", name)
        missing = [slot for slot in component.requires if getattr(doc, slot, None) is None
                   and slot != "published"]
        if missing:
            raise ExtractionError(
                f"extractor {name!r} needs {', '.join(missing)}, which no earlier step set",
                hint="order the extraction pipeline so each step's requirements come first")
        component(doc)
        if check is not None:
            check(name)
    return doc


def doc_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Doc))


__all__ = ["PIPELINE", "Component", "Doc", "ExtractionError", "doc_fields", "field", "run"]
