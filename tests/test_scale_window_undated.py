"""Stories with no dated article in the working set: their clock is when they were
ingested. A restart reads back those ingested within the window's span (before, none was
read back once the store held any dated article) and leaves older ones in the store; a
running engine drops them once nothing was added to them for that span (before, they were
held for as long as the process ran)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from rashomon.cluster import ArticleSignals
from rashomon.cluster.online import SignalClusterer
from rashomon.pipeline import Engine
from rashomon.scale.window import WorkingSet
from rashomon.store import SQLiteStore
from test_scale_window import _articles, _held_urls


def test_a_restart_reads_back_an_undated_story_read_within_the_span(tmp_path, embedder,
                                                                     langid) -> None:
    store = SQLiteStore(tmp_path / "undated.db")
    [tram] = _articles(["tram-en"])
    tram.date_publish = None  # a page that states no publish time
    Engine(store, embedder=embedder, langid=langid).ingest_articles(
        [*_articles(["rate-de"]), tram])

    restarted = Engine(SQLiteStore(tmp_path / "undated.db"), embedder=embedder, langid=langid)
    restarted.ingest_articles([])  # restore
    assert _held_urls(restarted) == {"rate-de", "tram-en"}

    # the same store read a month later: the undated story was closed long ago
    month_ago = (datetime.now(UTC) - timedelta(days=30)).isoformat(timespec="seconds")
    store.execute("UPDATE articles SET ingested_at = ? WHERE url LIKE ?", (month_ago, "%tram-en"))
    later = Engine(SQLiteStore(tmp_path / "undated.db"), embedder=embedder, langid=langid)
    later.ingest_articles([])
    assert _held_urls(later) == {"rate-de"}


def _item(article_id: int, ingested: datetime | None, published: datetime | None = None
          ) -> ArticleSignals:
    vector = np.random.default_rng(article_id).standard_normal(16).astype(np.float32)
    return ArticleSignals(article_id=article_id, embedding=vector / np.linalg.norm(vector),
                          published=published, ingested=ingested, language="en")


def test_a_running_engine_drops_undated_stories_nothing_joined_for_the_span() -> None:
    now = datetime.now(UTC)
    clusterer = SignalClusterer()
    clusterer.learn_one(_item(1, now - timedelta(days=20)), 10, 100)  # undated, read long ago
    clusterer.learn_one(_item(2, now - timedelta(days=20)), 11, 101)  # the same story ...
    clusterer.learn_one(_item(3, now - timedelta(hours=1)), 11, 101)  # ... joined an hour ago
    clusterer.learn_one(_item(4, None), 12, 102)  # ingest time unknown: kept
    clusterer.learn_one(_item(5, now, published=now - timedelta(days=20)), 13, 103)  # dated

    window = WorkingSet()
    dropped = clusterer.evict(now - window.span, window.undated_cutoff())
    assert sorted(dropped) == [1, 5]
    assert clusterer.story_of(2) == clusterer.story_of(3) == 11 and clusterer.story_of(4) == 12
    # without an undated cutoff (the clusterer's callers before), undated stories stay
    clusterer.learn_one(_item(6, now - timedelta(days=20)), 14, 104)
    assert clusterer.evict(now - window.span) == []


def test_a_sweep_runs_for_undated_stories_before_any_dated_article() -> None:
    window = WorkingSet(evict_every=2)
    assert window.placed(None) is None
    cutoff = window.placed(None)  # the second placement: a sweep, nothing dated seen
    assert cutoff is not None and cutoff < datetime(1970, 1, 1, tzinfo=UTC)
