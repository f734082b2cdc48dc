"""Extraction stage: entities, dates, quantities and quotes with character offsets.

Interface used by the pipeline:
- ``extract_facts(article) -> ArticleFacts`` for one article (offsets into ``maintext``);
- ``link_entities(articles, facts) -> list[Entity]`` across the articles of one story.

How it works is described in ``entities.py``, ``dates.py``, ``quantities.py``,
``quotes.py`` and ``linking.py``; the README's architecture section summarises it.
"""

from __future__ import annotations

import bisect
import itertools
import time

from rashomon.config import setting
from rashomon.core import Article, ArticleFacts, Entity
from rashomon.errors import ExtractionBudget, RashomonError
from rashomon.extract.dates import extract_dates
from rashomon.extract.entities import extract_mentions
from rashomon.extract.quantities import extract_quantities
from rashomon.extract.quotes import extract_quotes

#: Bumped whenever extraction output changes, so stored facts are rebuilt.
EXTRACTOR_VERSION = "22"


class ExtractionError(RashomonError):
    """An article could not be analysed (E4xx)."""

    code = "E401"
    http_status = 500


def extract_facts(article: Article) -> ArticleFacts:
    """Facts of one article; offsets are into ``article.maintext``."""
    text = article.maintext or ""
    if not isinstance(text, str):
        raise ExtractionError(
            f"article {article.id} has no text to extract from",
            hint="re-ingest the article; its maintext must be a string",
        )
    budget = _Budget(article, len(text))
    language = (article.language or "en").lower()
    dates = extract_dates(text, language, article.date_publish)
    budget.check("dates")
    mentions = extract_mentions(text, language)
    budget.check("entities")
    quantities = extract_quantities(text, language, dates)
    budget.check("quantities")
    # A name inside a date or quantity ("9 ماهه" read as the city Mahé) is a misreading.
    spans = sorted([(d.start, d.end) for d in dates] + [(q.start, q.end) for q in quantities])
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end so far
    mentions = [m for m in mentions if not _inside_span(m, starts, reach)]
    quotes = extract_quotes(text, mentions)
    return ArticleFacts(article_id=article.id, mentions=mentions, dates=dates,
                        quantities=quantities, quotes=quotes)


class _Budget:
    """The per-article size and time budget. Every stage is linear in the text (about
    0.3-0.6 MB/s of CPU on this project's 2-core machine, bench/bench_large_article.py),
    so 4 M characters take ~10-15 s; the time budget (checked between stages) is a
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


def _inside_span(mention, starts: list[int], reach: list[int]) -> bool:
    """Does a span (start, end) with start < mention.end and end > mention.start exist?
    A bisection over the sorted starts and the running maximum of the ends: a scan of
    every span per mention was quadratic on long texts."""
    before = bisect.bisect_left(starts, mention.end)
    return before > 0 and reach[before - 1] > mention.start


def link_entities(articles: list[Article], facts: dict[int, ArticleFacts]) -> list[Entity]:
    """Entities of a story, linked across articles and scripts (see ``linking.py``)."""
    from rashomon.extract.linking import link

    return link(articles, facts)


__all__ = ["EXTRACTOR_VERSION", "extract_facts", "link_entities"]
