"""When the comparison's vectors (claim sentences and names) are computed: with
``RASHOMON_CLAIM_VECTORS=1`` at ingest, once an article's story has a second article, for
every article of that story, not for an article alone in its story (nothing to compare
it with yet); by default when the story is first read (its entities, its report, the web's
story page), then stored, so no later reader (nor a restarted process) embeds them again.
Real multilingual reports of tests/data/cluster/events.json."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from rashomon.compare import embedding
from rashomon.config import Config
from rashomon.core import Article
from rashomon.extract import linking
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

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


@pytest.fixture
def eager(store, embedder, langid):
    """An engine that embeds the comparison's vectors at ingest."""
    return Engine(store, embedder=embedder, langid=langid, config=Config(claim_vectors=True))


def test_claim_vectors_wait_for_a_second_article(eager) -> None:
    engine = eager
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
    eager = Config(claim_vectors=True)
    first = Engine(SQLiteStore(tmp_path / "r.db"), embedder=embedder, langid=langid,
                   config=eager)
    (mine_es,) = first.ingest_articles([_article("mine-es")])
    first.close()
    second = Engine(SQLiteStore(tmp_path / "r.db"), embedder=embedder, langid=langid,
                    config=eager)
    (mine_en,) = second.ingest_articles([_article("mine-en")])
    assert mine_en.story_id == mine_es.story_id
    assert _has_sentences(second, mine_es.article_id)
    assert _has_sentences(second, mine_en.article_id)
    second.close()


class _Counting:
    """The real embedder, counting the passages and queries it is asked for."""

    def __init__(self, inner):
        self._inner, self.passages_asked, self.queries_asked = inner, 0, 0
        self.queried: list[str] = []  # the texts of the queries, in order

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def passages(self, texts):
        self.passages_asked += len(texts)
        return self._inner.passages(texts)

    def queries(self, texts):
        self.queries_asked += len(texts)
        self.queried.extend(texts)
        return self._inner.queries(texts)


def _forget_caches() -> None:
    embedding._memory.clear()
    linking._name_cache.clear()


def test_by_default_ingest_embeds_leads_and_the_first_reader_the_rest(
        tmp_path, embedder, langid) -> None:
    """Default settings: ingest embeds no claim sentence and no name; the story's first
    report embeds them for the articles of shared stories and stores them, the report is
    the one an ingest that embedded them gives, and a restarted process building the
    report and entities again runs no model at all."""
    keys = ("tram-en", "mine-es", "tram-ru")
    counting = _Counting(embedder)
    lazy = Engine(SQLiteStore(tmp_path / "lazy.db"), embedder=counting, langid=langid)
    tram_en, mine_es, tram_ru = lazy.ingest_articles([_article(k) for k in keys])
    assert tram_ru.story_id == tram_en.story_id != mine_es.story_id
    assert counting.queries_asked == 0 and counting.passages_asked <= len(keys)  # leads
    assert not any(_has_sentences(lazy, r.article_id) for r in (tram_en, mine_es, tram_ru))
    _forget_caches()
    report = lazy.report(tram_en.story_id)
    assert counting.queries_asked > 0  # the names of both articles
    for article_id in (tram_en.article_id, tram_ru.article_id):
        article = lazy.article(article_id)
        assert embedding.has_vectors(lazy.store, article, lazy.facts(article_id),
                                     embedder.name)
    assert not _has_sentences(lazy, mine_es.article_id)  # alone in its story
    eager = Engine(SQLiteStore(tmp_path / "eager.db"), embedder=embedder, langid=langid,
                   config=Config(claim_vectors=True))
    assert [r.story_id for r in eager.ingest_articles([_article(k) for k in keys])] == \
        [tram_en.story_id, mine_es.story_id, tram_ru.story_id]
    _forget_caches()
    assert eager.report(tram_en.story_id).to_dict() == report.to_dict()
    assert eager.entities(tram_en.story_id) == lazy.entities(tram_en.story_id)
    eager.close()
    lazy.close()
    # a restart: the stored vectors are read back, nothing is embedded
    _forget_caches()
    again = Engine(SQLiteStore(tmp_path / "lazy.db"), embedder=counting, langid=langid)
    again.store.execute("DELETE FROM reports")
    again.store.execute("DELETE FROM story_entities")
    counting.passages_asked = counting.queries_asked = 0
    assert again.comparison_vectors(again.story(tram_en.story_id).articles) == 0
    assert again.report(tram_en.story_id).to_dict() == report.to_dict()
    assert counting.passages_asked == counting.queries_asked == 0
    again.close()


def test_story_entities_embed_names_only_and_the_report_no_name_twice(
        tmp_path, embedder, langid) -> None:
    """The story's entities (a story page, the search index) embed only the names linking
    compares across scripts (none left in this English / Russian story), no sentence; the
    report built after them embeds the claim sentences and stores every name's vector,
    embedding no name linking embedded (its cache), so no name twice."""
    counting = _Counting(embedder)
    engine = Engine(SQLiteStore(tmp_path / "n.db"), embedder=counting, langid=langid)
    first, second = engine.ingest_articles([_article("tram-en"), _article("tram-ru")])
    assert first.story_id == second.story_id
    _forget_caches()
    leads = counting.passages_asked
    counting.queried = []
    engine.entities(first.story_id)
    assert counting.passages_asked == leads  # names only (here the keys linked them all)
    assert not _has_sentences(engine, first.article_id)
    linked = list(counting.queried)
    engine.report(first.story_id)
    assert counting.passages_asked > leads
    assert len(counting.queried) == len(set(counting.queried)) > len(linked)  # none twice
    for result in (first, second):
        article = engine.article(result.article_id)
        assert embedding.has_vectors(engine.store, article, engine.facts(article.id),
                                     counting.name)
    engine.close()


def test_a_report_built_on_a_miss_looks_up_the_stored_report_once(engine) -> None:
    """The reader checks the cache, misses, builds: the stored report is read once (the
    check), not a second time by the build; the next read is a hit on what was stored."""
    results = engine.ingest_articles([_article("tram-en"), _article("tram-ru")])
    story_id = results[0].story_id
    assert results[1].story_id == story_id
    store = engine.store
    lookups = []
    read = store.get_document

    def counted(kind, key):
        lookups.append(kind)
        return read(kind, key)

    store.get_document = counted
    try:
        first = engine.report(story_id)
        assert lookups.count("reports") == 1
        lookups.clear()
        again = engine.report(story_id)
        assert lookups.count("reports") == 1
    finally:
        del store.get_document
    assert again.to_dict() == first.to_dict()
    assert len(first.articles) == 2
