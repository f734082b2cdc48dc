"""Extraction stage: entities, dates, quantities and quotes with character offsets.

Interface used by the pipeline:
- ``extract_facts(article) -> ArticleFacts`` for one article (offsets into ``maintext``);
- ``link_entities(articles, facts) -> list[Entity]`` across the articles of one story.

Each extractor is a registered component (``components.py``); how they work is
described in ``entities.py`` (trained NER, ``ner.py``), ``dates.py``, ``quantities.py``,
``quotes.py`` and ``linking.py``; the README's architecture section summarises it.
"""

from __future__ import annotations

import time

from rashomon.config import setting
from rashomon.core import Article, ArticleFacts, Entity
from rashomon.errors import ExtractionBudget
from rashomon.extract.components import PIPELINE, Doc, ExtractionError, run

#: Bumped whenever extraction output changes, so stored facts are rebuilt.
EXTRACTOR_VERSION = "86"


def extract_facts(article: Article) -> ArticleFacts:
    """Facts of one article (offsets are into ``article.maintext``): the registered
    extractors of ``PIPELINE`` run in order over one shared document, within the
    per-article size and time budget."""
    text = article.maintext or ""
    if not isinstance(text, str):
        raise ExtractionError(
            f"article {article.id} has no text to extract from",
            hint="re-ingest the article; its maintext must be a string",
        )
    from rashomon.extract.dates import reference_time

    budget = _Budget(article, len(text))
    # a publish time of low confidence is no reference for the dates (dates.TRUSTED_PUBLISH)
    published = reference_time(article.date_publish, article.date_publish_confidence)
    doc = run(Doc(text=text, language=(article.language or "en").lower(),
                  published=published), check=budget.check)
    return ArticleFacts(article_id=article.id, mentions=doc.mentions or [],
                        dates=doc.dates or [], quantities=doc.quantities or [],
                        quotes=doc.quotes or [])


class _Budget:
    """The per-article size and time budget. Every stage is linear in the text (about
    0.4-0.8 MB/s of CPU on this project's 2-core machine, bench/bench_large_article.py),
    so 4 M characters take ~5-10 s; the time budget (checked between stages) is a
    backstop for a stage that turns slow on some input nobody foresaw."""

    def __init__(self, article: Article, size: int):
        self.article = article
        self.started = time.monotonic()
        self.seconds = float(setting("RASHOMON_EXTRACT_SECONDS"))
        limit = int(setting("RASHOMON_EXTRACT_MAX_CHARS"))
        if size > limit:
            raise ExtractionBudget(
                f"article {article.id} has {size:,} characters, more than the "
                f"{limit:,} analysed for facts; it is stored without them",
                hint="split the text, or raise RASHOMON_EXTRACT_MAX_CHARS",
            )

    def check(self, stage: str) -> None:
        spent = time.monotonic() - self.started
        if spent > self.seconds:
            raise ExtractionBudget(
                f"article {self.article.id}: fact extraction took {spent:.0f} s by the end "
                f"of {stage}, past the {self.seconds:g} s budget; stored without facts",
                hint="raise RASHOMON_EXTRACT_SECONDS, or report the article as a bug",
                code="E403",
            )


def link_entities(articles: list[Article], facts: dict[int, ArticleFacts]) -> list[Entity]:
    """Entities of a story, linked across articles and scripts (see ``linking.py``)."""
    from rashomon.extract.linking import link

    return link(articles, facts)


__all__ = ["EXTRACTOR_VERSION", "PIPELINE", "ExtractionError", "extract_facts", "link_entities"]
