"""A publish time ingest trusts little (``Article.date_publish_confidence`` below
``extract.dates.TRUSTED_PUBLISH``: a text guess that took a sidebar's day, a byline of a
related story) is a weak time for clustering (``signals.weak_publish``): estimated, not
the event's sure time. Two reports of one rockfall, in English (a trusted publish time)
and Spanish (a page whose only time is a guess six days late): with the guess weak they
are one story and one event; trusted, the six days would split the event (an event spans
at most ``events.EVENT_MAX_SPAN_DAYS``)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rashomon.cluster.signals import (
    LEAD_DAY_UNCERTAINTY,
    WEAK_PUBLISH_UNCERTAINTY,
    build_signals,
    event_time,
    weak_publish,
)
from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.extract.dates import TRUSTED_PUBLISH
from rashomon.pipeline import Engine

TEXTS = Path(__file__).parent / "data" / "cluster" / "weak_publish_times.json"
PUBLISHED = datetime(2026, 2, 12, 9, 30, tzinfo=UTC)  # the English report's (a Thursday)
GUESSED = PUBLISHED + timedelta(days=6)  # the Spanish page's text guess


def _article(key: str, published: datetime | None, confidence: float | None) -> Article:
    record = {r["id"]: r for r in json.loads(TEXTS.read_text(encoding="utf-8"))}[key]
    return Article(title=record["title"], maintext=record["text"], language=record["language"],
                   url=f"https://{key}.example/news", date_publish=published,
                   date_publish_confidence=confidence)


def _placed(tmp_path: Path, confidence: float) -> tuple[list[int], list[int]]:
    """(stories, events) of the two reports ingested into a fresh engine, the Spanish
    page's guessed time given ``confidence``."""
    engine = Engine(str(tmp_path / f"weak-{confidence}.db"))
    results = engine.ingest_articles([_article("rockfall-en", PUBLISHED, 0.9),
                                      _article("rockfall-es", GUESSED, confidence)])
    articles = {a.id: a for a in engine.store.iter_articles()}
    placed = [articles[r.article_id] for r in results]
    return [a.story_id for a in placed], [a.event_id for a in placed]


def test_a_weak_publish_time_does_not_split_one_event(tmp_path) -> None:
    stories, events = _placed(tmp_path, 0.35)
    assert stories[0] == stories[1]
    assert events[0] == events[1]


def test_the_same_time_trusted_splits_the_event(tmp_path) -> None:
    """What the weak time is for: trusted, the guessed day is six days from the English
    report's, more than one event may span."""
    _, events = _placed(tmp_path, 0.9)
    assert events[0] != events[1]


@pytest.mark.parametrize("confidence, weak", [(None, False), (0.9, False),
                                              (TRUSTED_PUBLISH, False), (0.35, True)])
def test_weak_is_a_known_confidence_below_the_extraction_bar(confidence, weak) -> None:
    assert weak_publish(_article("rockfall-es", GUESSED, confidence)) is weak
    assert not weak_publish(_article("rockfall-es", None, None))


def test_a_weak_time_is_estimated_and_vague() -> None:
    article = _article("rockfall-en", GUESSED, 0.35)
    facts = extract_facts(article)
    signals = build_signals(article, facts, [1.0, 0.0])
    assert signals.time_estimated
    assert signals.published == GUESSED  # kept as the story-level time, estimated
    when, uncertainty = event_time(article, facts)
    # the lead says "on Thursday", no day date: the weak time, vague
    assert when == GUESSED and uncertainty == WEAK_PUBLISH_UNCERTAINTY
    trusted = _article("rockfall-en", PUBLISHED, 0.9)
    assert event_time(trusted, extract_facts(trusted)) == (PUBLISHED, 0.0)
    assert not build_signals(trusted, extract_facts(trusted), [1.0, 0.0]).time_estimated


def test_a_lead_day_date_beats_a_weak_publish_time() -> None:
    article = _article("rockfall-en", GUESSED, 0.2)
    article.maintext = article.maintext.replace("on Thursday morning",
                                                "on 12 February 2026 in the morning")
    when, uncertainty = event_time(article, extract_facts(article))
    assert when is not None and when.date() == PUBLISHED.date()
    assert uncertainty == LEAD_DAY_UNCERTAINTY
    undated = _article("rockfall-en", None, None)
    assert event_time(undated, extract_facts(undated))[1] == math.inf
