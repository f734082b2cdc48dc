"""The change journal (migration 018) on every store backend: SQLite always, PostgreSQL
when RASHOMON_TEST_PG_DSN names a server. ``Store.changed_articles(after)`` lists the
articles inserted, or whose story, event, original or content changed, after a
watermark, the latest written last, the deleted ones apart, and the new watermark;
writes that clustering does not hold (a story title, an embedding) are not listed."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import numpy as np
import pytest

from rashomon.core import Article
from rashomon.store import SQLiteStore, Store

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path) -> Store:
    if request.param == "sqlite":
        store: Store = SQLiteStore(tmp_path / "journal.db")
    else:
        if not PG_DSN:
            pytest.skip("set RASHOMON_TEST_PG_DSN to run the PostgreSQL journal tests")
        from conftest import empty_pg_dsn
        from rashomon.store.postgres import PostgresStore

        store = PostgresStore(empty_pg_dsn())
    yield store
    store.close()


def _article(title: str, text: str, url: str) -> Article:
    return Article(title=title, maintext=text, url=url, source_domain=url.split("/")[2],
                   language="it", content_hash=title,
                   date_publish=datetime(2025, 6, 5, 9, 30, tzinfo=UTC))


def _ids(changes) -> list[int]:
    return [a.id for a in changes.articles]


def test_the_journal_lists_what_changed_after_a_watermark(backend: Store) -> None:
    start = backend.change_seq()
    assert start == 0
    assert backend.changed_articles(start).articles == []
    first = backend.add_article(_article("La BCE taglia i tassi", "Francoforte.",
                                         "https://corriere.example/bce"), None)
    second = backend.add_article(_article("La BCE e Lagarde", "Il taglio di giugno.",
                                          "https://finanza.example/bce"), None)
    inserted = backend.changed_articles(start)
    assert _ids(inserted) == [first, second]
    assert inserted.seq == backend.change_seq() > start
    assert inserted.articles[0].title == "La BCE taglia i tassi"  # the stored row

    mark = inserted.seq
    story = backend.new_story("BCE")
    backend.set_story(second, story, None)
    backend.set_story_title(story, "La BCE taglia")  # not held by clustering: not listed
    backend.put_embedding(second, "lead", "e5", np.ones(4, dtype=np.float32))
    placed = backend.changed_articles(mark)
    assert _ids(placed) == [second]
    assert placed.articles[0].story_id == story

    mark = placed.seq
    event = backend.new_event(story, "taglio")
    backend.set_story(first, story, second)  # first copies second
    backend.set_events([first, second], event)
    moved = backend.changed_articles(mark)
    assert sorted(_ids(moved)) == [first, second]  # each once, with its latest row
    assert {a.id: (a.duplicate_of, a.event_id) for a in moved.articles} == {
        first: (second, event), second: (None, event)}

    mark = moved.seq
    other = backend.new_story("altro")
    backend.set_story(first, other, None)
    backend.merge_story(other, story)  # every article of ``other`` moves: listed
    merged = backend.changed_articles(mark)
    assert _ids(merged) == [first]
    assert merged.articles[0].story_id == story

    mark = merged.seq
    backend.update_article(first, _article("La BCE taglia i tassi di 25 punti",
                                           "Francoforte, giugno.", "https://corriere.example/bce"))
    assert _ids(backend.changed_articles(mark)) == [first]  # a new text: held again

    mark = backend.change_seq()
    assert backend.changed_articles(mark).articles == []
    assert backend.changed_articles(mark).seq == mark
    backend.execute("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (first,))
    backend.execute("DELETE FROM articles WHERE id = ?", (first,))
    gone = backend.changed_articles(mark)
    assert gone.articles == [] and gone.deleted == [first]
    assert gone.seq == backend.change_seq() > mark


def test_the_base_store_has_no_journal() -> None:
    """A backend without a journal answers None: an engine then rebuilds its held state
    from the store when another process wrote (``pipeline.sharing``)."""
    assert Store.change_seq(object()) is None  # type: ignore[arg-type]
    assert Store.changed_articles(object(), 0) is None  # type: ignore[arg-type]
