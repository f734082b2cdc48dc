"""Language-independent signals of one article: embedding, named-thing keys, numbers, dates.

Keys let two articles in different scripts agree that they name the same person or place
without translation: names are transliterated to ASCII (anyascii) and reduced to a
consonant skeleton, so ``Bono`` and ``بونو`` (-> ``bwnw``) both give ``bn``.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from rashomon.cluster.base import ArticleSignals
from rashomon.core import Article, ArticleFacts

_CASED_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’-]{2,}")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d{3,}")
_VOWELS = re.compile(r"[aeiouyw'`-]")


def skeleton(name: str) -> str:
    """ASCII consonant skeleton of a name; vowels and w/y vary most across scripts."""
    ascii_name = anyascii(name).lower()
    letters = re.sub(r"[^a-z]", "", ascii_name)
    return _VOWELS.sub("", letters[:1]) + _VOWELS.sub("", letters[1:]) if letters else ""


def name_keys(article: Article, facts: ArticleFacts | None) -> set[str]:
    """Skeleton keys of the named things in an article."""
    if facts and facts.mentions:
        return {m.key or skeleton(m.text) for m in facts.mentions if len(m.text) > 2} - {""}
    keys = set()
    for match in _CASED_NAME.finditer(article.text):
        key = skeleton(match.group())
        if len(key) >= 3:
            keys.add(key)
    return keys


def number_keys(article: Article, facts: ArticleFacts | None) -> set[str]:
    if facts and facts.quantities:
        return {f"{q.value:g}" for q in facts.quantities}
    return {re.sub(r"[.,]", "", m.group()) for m in _NUMBER.finditer(article.text)}


def date_keys(facts: ArticleFacts | None) -> set[str]:
    if not facts:
        return set()
    return {d.value for d in facts.dates if d.granularity == "day" and not d.relative}


def embedding_text(article: Article) -> str:
    """What is embedded: title and lead. Whole articles are slower and blur the event
    with background paragraphs; the measured choice is recorded in bench/."""
    lead = article.maintext[:600]
    return f"{article.title}\n{lead}"


def build_signals(article: Article, facts: ArticleFacts | None, vector) -> ArticleSignals:
    return ArticleSignals(
        article_id=article.id or 0,
        embedding=vector,
        published=article.date_publish,
        language=article.language,
        source=article.source_domain,
        keys=name_keys(article, facts),
        numbers=number_keys(article, facts),
        dates=date_keys(facts),
        title=article.title,
    )
