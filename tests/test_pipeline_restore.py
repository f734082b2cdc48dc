"""Restart: a new Engine on an existing database rebuilds its clustering state from the
signals stored with each article, and clusters on exactly as one long-running Engine."""

from __future__ import annotations

from rashomon.pipeline import Engine, _signals_version
from rashomon.store import SQLiteStore
from test_cluster_multilingual import _articles  # the 14 events in 6 scripts


def _partition(store: SQLiteStore) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for article in store.iter_articles():
        groups.setdefault(article.story_id, set()).add(article.source_path)
    return {frozenset(g) for g in groups.values()}


def test_a_restarted_engine_clusters_like_one_long_run(tmp_path, embedder, langid):
    articles = _articles()
    assert len({a.language for a in articles}) >= 4  # Latin, Cyrillic, Arabic script, CJK
    whole = SQLiteStore(tmp_path / "whole.db")
    Engine(whole, embedder=embedder, langid=langid).ingest_articles(_articles())

    split = SQLiteStore(tmp_path / "split.db")
    Engine(split, embedder=embedder, langid=langid).ingest_articles(_articles()[:8])
    again = Engine(split, embedder=embedder, langid=langid)
    again.ingest_articles(_articles()[8:])
    assert _partition(split) == _partition(whole)
    assert len(_partition(whole)) < len(articles)  # some stories really are multilingual


def test_signals_are_stored_with_the_article_and_follow_its_text(engine, store):
    [first] = engine.ingest_articles(_articles()[:1])
    version, body = store.get_document("signals", first.article_id)
    assert version == _signals_version()
    assert body["signals"]["language"] == "en"
    assert body["sketch"] is not None  # long enough to be checked for copies
    assert "alfama" in body["signals"]["words"]

    changed = _articles()[0]
    changed.maintext = changed.maintext.replace("Alfama", "Graça district")
    changed.title = changed.title.replace("Alfama", "Graça")
    [updated] = engine.ingest_articles([changed])
    assert updated.status == "updated"
    _, body = store.get_document("signals", first.article_id)
    assert "alfama" not in body["signals"]["words"]
    assert "graça" in body["signals"]["words"]


def test_signals_of_an_older_version_are_recomputed_on_start(store, embedder, langid):
    Engine(store, embedder=embedder, langid=langid).ingest_articles(_articles()[:6])
    ids = [a.id for a in store.iter_articles()]
    for article_id in ids:
        _, body = store.get_document("signals", article_id)
        store.put_document("signals", article_id, "0:old", body)

    restarted = Engine(store, embedder=embedder, langid=langid)
    results = restarted.ingest_articles(_articles()[6:])
    assert {store.get_document("signals", i)[0] for i in ids} == {_signals_version()}
    assert all(r.story_id is not None for r in results)


def test_a_restore_read_in_small_chunks_clusters_like_one_read(tmp_path, embedder, langid,
                                                              monkeypatch):
    """The restore reads stored vectors and signals a chunk at a time (memory); the chunk
    size changes nothing: the held state, and so the later stories, are the same."""
    from rashomon.pipeline import holding

    def restarted(name: str, chunk: int) -> set[frozenset[str]]:
        store = SQLiteStore(tmp_path / f"{name}.db")
        Engine(store, embedder=embedder, langid=langid).ingest_articles(_articles()[:9])
        monkeypatch.setattr(holding, "RESTORE_CHUNK", chunk)
        again = Engine(store, embedder=embedder, langid=langid)
        again.ingest_articles(_articles()[9:])
        assert {again.clusterer.story_of(a.id) for a in store.iter_articles()} == {
            a.story_id for a in store.iter_articles()}
        return _partition(store)

    assert restarted("chunks", 2) == restarted("whole", 10_000)
