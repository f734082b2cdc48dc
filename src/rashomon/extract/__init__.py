"""Extraction stage: entities, dates, quantities and quotes with character offsets.

Interface used by the pipeline:
- ``extract_facts(article) -> ArticleFacts`` for one article (offsets into ``maintext``);
- ``link_entities(articles, facts) -> list[Entity]`` across the articles of one story.

How it works is described in ``entities.py``, ``dates.py``, ``quantities.py``,
``quotes.py`` and ``linking.py``; the README's architecture section summarises it.
"""

from __future__ import annotations

from rashomon.core import Article, ArticleFacts, Entity
from rashomon.errors import RashomonError
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
    language = (article.language or "en").lower()
    dates = extract_dates(text, language, article.date_publish)
    mentions = extract_mentions(text, language)
    quantities = extract_quantities(text, language, dates)
    # A name inside a date or quantity ("9 ماهه" read as the city Mahé) is a misreading.
    spans = [(d.start, d.end) for d in dates] + [(q.start, q.end) for q in quantities]
    mentions = [m for m in mentions if not any(m.start < e and s < m.end for s, e in spans)]
    quotes = extract_quotes(text, mentions)
    return ArticleFacts(article_id=article.id, mentions=mentions, dates=dates,
                        quantities=quantities, quotes=quotes)


def link_entities(articles: list[Article], facts: dict[int, ArticleFacts]) -> list[Entity]:
    """Entities of a story, linked across articles and scripts (see ``linking.py``)."""
    from rashomon.extract.linking import link

    return link(articles, facts)


__all__ = ["EXTRACTOR_VERSION", "extract_facts", "link_entities"]
