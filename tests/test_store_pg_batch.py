"""Store.batch on PostgreSQL (psycopg pipeline mode): an article's placement sends its
statements together instead of waiting for each answer. What must not change: a read in
the block sees every earlier write, the writes are there for other connections after
the block, a transaction inside a block is still all or nothing, and a failed statement
leaves the connection usable. Needs a server: RASHOMON_TEST_PG_DSN (CI starts one)."""

from __future__ import annotations

import os

import pytest

from rashomon.core import Article

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
pytestmark = pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN")


@pytest.fixture
def store(pg_store):
    return pg_store


def _articles(store) -> list[int]:
    texts = [("Пожар на складе в Казани", "Склад горел всю ночь, сообщили спасатели.", "ru"),
             ("Incendio in un magazzino a Kazan", "Il magazzino ha bruciato tutta la notte.",
              "it"),
             ("Warehouse fire in Kazan", "The warehouse burned through the night.", "en")]
    return [store.add_article(Article(title=t, maintext=b, language=lang), None)
            for t, b, lang in texts]


def test_a_batch_reads_its_own_writes_and_commits_them_for_others(store):
    import psycopg

    a, b, c = _articles(store)
    with store.batch():
        first = store.new_story("Kazan fire")  # reads the new id back inside the block
        second = store.new_story("Incendio Kazan")
        store.set_story(a, first, None)
        store.set_story(b, second, None)
        store.set_story(c, second, b)
        store.merge_story(second, first)  # a transaction inside the block
        event = store.new_event(first, "Kazan fire")
        for article_id in (a, b, c):
            store.set_event(article_id, event)
        assert store.get_article(c).story_id == first  # earlier writes are visible
        assert store.merged_into(second) == first
    with psycopg.connect(PG_DSN) as other:
        rows = other.execute("SELECT id, story_id, event_id, duplicate_of FROM articles "
                             "ORDER BY id").fetchall()
    assert rows == [(a, first, event, None), (b, first, event, None), (c, first, event, b)]


def test_a_failed_transaction_in_a_batch_applies_nothing_and_the_store_goes_on(store):
    import psycopg

    a, b, _ = _articles(store)
    story = store.new_story("Kazan fire")
    with pytest.raises(psycopg.Error), store.batch():
        with store.transaction() as run:
            run("UPDATE articles SET story_id = ? WHERE id = ?", (story, a))
            run("UPDATE articles SET story_id = ? WHERE id = ?", (story + 1000, b))  # no story
        store.count_articles()  # a read: the answers arrive, the error with them
    assert store.get_article(a).story_id is None  # the transaction's first write undone
    with store.batch():  # the connection is clean again
        store.set_story(b, story, None)
    assert store.get_article(b).story_id == story


def test_a_batch_is_one_transaction_seen_whole_or_not_at_all(store):
    """Other connections see none of a block's writes until it ends (it waits for one
    commit, not one per transaction in it); a block that fails keeps none of them."""
    import psycopg

    a, b, _ = _articles(store)
    with psycopg.connect(PG_DSN, autocommit=True) as other:
        def seen():
            return other.execute("SELECT story_id FROM articles WHERE id = %s",
                                 (a,)).fetchone()[0]

        with store.batch():
            story = store.new_story("Kazan fire")
            store.set_story(a, story, None)
            assert store.get_article(a).story_id == story  # answered: sent and run
            assert seen() is None
        assert seen() == story
        with pytest.raises(psycopg.Error), store.batch():
            store.set_story(b, story, None)
            store.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story + 1000, a))
        assert store.get_article(b).story_id is None and seen() == story


def test_a_batch_inside_a_transaction_is_committed_by_that_transaction(store):
    """A block opened inside a transaction does not commit it half-way."""
    import psycopg

    a, _, _ = _articles(store)
    with psycopg.connect(PG_DSN, autocommit=True) as other:
        with store.transaction():
            with store.batch():
                story = store.new_story("Kazan fire")
                store.set_story(a, story, None)
            assert other.execute("SELECT story_id FROM articles WHERE id = %s",
                                 (a,)).fetchone()[0] is None
        assert other.execute("SELECT story_id FROM articles WHERE id = %s",
                             (a,)).fetchone()[0] == story
