"""Extraction stage: entities, dates, quantities and quotes with character offsets.

Interface used by the pipeline:
- ``extract_facts(article) -> ArticleFacts`` for one article (offsets into ``maintext``);
- ``link_entities(articles, facts) -> list[Entity]`` across the articles of one story.
"""

from __future__ import annotations

from rashomon.core import Article, ArticleFacts, Entity

#: Bumped whenever extraction output changes, so stored facts are rebuilt.
EXTRACTOR_VERSION = "0"


def extract_facts(article: Article) -> ArticleFacts:
    """Facts of one article (being built in issue 3; returns none yet)."""
    return ArticleFacts(article_id=article.id)


def link_entities(articles: list[Article], facts: dict[int, ArticleFacts]) -> list[Entity]:
    """Entities of a story, linked across articles and scripts (issue 3)."""
    return []
