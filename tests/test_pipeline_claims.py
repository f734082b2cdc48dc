"""When ingest computes the comparison's vectors (claim sentences and names): once an
article's story has a second article, for every article of that story, not for an
article alone in its story (nothing to compare it with yet). Real multilingual reports
of tests/data/cluster/events.json."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from rashomon.compare import embedding
from rashomon.core import Article

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"


def _article(key: str) -> Article:
    row = next(r for r in json.loads(EVENTS.read_text(encoding="utf-8")) if r["id"] == key)
    return Article(title=row["title"], maintext=row["text"], language=row["language"],
                   url=f"https://{row['source']}/news/{row['id']}", source_domain=row["source"],
                   date_publish=datetime.fromisoformat(row["published"]))


def _has_sentences(engine, article_id: int) -> bool:
    article = engine.article(article_id)
    texts = embedding.sentence_texts(article.maintext)
    assert texts  # each of these reports has claim-worthy sentences
    stored = engine.store.get_embedding(article_id, embedding.sentence_kind(texts),
                                        engine.embedder.name)
    return stored is not None and stored.size == len(texts) * engine.embedder.dim


def test_claim_vectors_wait_for_a_second_article(engine) -> None:
    (tram_en,) = engine.ingest_articles([_article("tram-en")])
    assert not _has_sentences(engine, tram_en.article_id)  # alone: nothing to compare
    (mine_es,) = engine.ingest_articles([_article("mine-es")])
    (tram_ru,) = engine.ingest_articles([_article("tram-ru")])
    assert tram_ru.story_id == tram_en.story_id  # the same derailment, in Russian
    assert _has_sentences(engine, tram_en.article_id)
    assert _has_sentences(engine, tram_ru.article_id)
    assert mine_es.story_id != tram_en.story_id
    assert not _has_sentences(engine, mine_es.article_id)
    for article_id in (tram_en.article_id, tram_ru.article_id):
        article = engine.article(article_id)
        assert embedding.has_vectors(engine.store, article, engine.facts(article_id),
                                     engine.embedder.name)


def test_a_restarted_engine_completes_a_story_from_an_earlier_run(tmp_path, embedder,
                                                                   langid) -> None:
    """The first article of a story was ingested by another run (another process):
    when the second arrives, the first's vectors are computed from the stored text."""
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    first = Engine(SQLiteStore(tmp_path / "r.db"), embedder=embedder, langid=langid)
    (mine_es,) = first.ingest_articles([_article("mine-es")])
    first.close()
    second = Engine(SQLiteStore(tmp_path / "r.db"), embedder=embedder, langid=langid)
    (mine_en,) = second.ingest_articles([_article("mine-en")])
    assert mine_en.story_id == mine_es.story_id
    assert _has_sentences(second, mine_es.article_id)
    assert _has_sentences(second, mine_en.article_id)
    second.close()
