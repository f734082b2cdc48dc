"""Bounded working set: closed stories leave memory, a backdated article brings its
period back, a restart reads only the open stories, and the stories come out exactly
as when everything stays in memory. Real multilingual reports of four events
(tests/data/cluster/events.json), weeks apart."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from rashomon.config import Config
from rashomon.core import Article
from rashomon.pipeline import Engine
from rashomon.scale.window import WorkingSet
from rashomon.store import SQLiteStore

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
# arrival order: the tram and mine stories close once the rate decisions (Mar 21) come
# in; tram-fa and mine-fa arrive late, dated in the closed period
ORDER = ("tram-en", "tram-ru", "mine-es", "mine-en", "rate-de", "rate-ar", "tram-fa",
         "rate-ru", "mine-fa")


def _articles(keys) -> list[Article]:
    rows = {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}
    return [Article(title=rows[k]["title"], maintext=rows[k]["text"],
                    language=rows[k]["language"], source_domain=rows[k]["source"],
                    url=f"https://{rows[k]['source']}/{k}",
                    date_publish=datetime.fromisoformat(rows[k]["published"])) for k in keys]


def _grouping(store) -> dict[str, int]:
    return {a.url.rsplit("/", 1)[1]: a.story_id for a in store.iter_articles()}


def _held_urls(engine: Engine) -> set[str]:
    held = engine.clusterer.article_story  # type: ignore[attr-defined]
    return {engine.store.get_article(i).url.rsplit("/", 1)[1] for i in held}


def test_closed_stories_leave_memory_and_come_back(tmp_path, embedder, langid) -> None:
    everything = SQLiteStore(tmp_path / "all.db")
    plain = Engine(everything, embedder=embedder, langid=langid)
    plain.window = WorkingSet(evict_every=10**9)  # never evicts
    plain.ingest_articles(_articles(ORDER))
    expected = _grouping(everything)
    assert expected["tram-fa"] == expected["tram-en"] != expected["mine-es"]
    assert expected["mine-fa"] == expected["mine-es"] != expected["rate-de"]

    store = SQLiteStore(tmp_path / "window.db")
    # the comparison's vectors at ingest: the record of whose are stored is under test
    engine = Engine(store, embedder=embedder, langid=langid, config=Config(claim_vectors=True))
    engine.window = WorkingSet(evict_every=1)
    engine.ingest_articles(_articles(ORDER[:2]))
    tram = set(engine._claimed)  # the tram story's two articles: comparison vectors stored
    assert len(tram) == 2
    engine.ingest_articles(_articles(ORDER[2:6]))
    assert _held_urls(engine) == {"rate-de", "rate-ar"}  # tram and mine closed
    # the record of whose comparison vectors are stored shrinks with the working set
    held = set(engine.clusterer.article_story)  # type: ignore[attr-defined]
    assert engine._claimed and engine._claimed <= held and not tram & engine._claimed
    engine.ingest_articles(_articles(ORDER[6:8]))  # tram-fa reloads the tram story
    assert _grouping(store)["tram-fa"] == _grouping(store)["tram-en"]

    restarted = Engine(SQLiteStore(tmp_path / "window.db"), embedder=embedder, langid=langid)
    restarted.window = WorkingSet(evict_every=1)
    restarted.ingest_articles([])  # restore: only what is open on Mar 21
    assert _held_urls(restarted) == {"rate-de", "rate-ar", "rate-ru"}
    restarted.ingest_articles(_articles(ORDER[8:]))
    assert _grouping(restarted.store) == expected
