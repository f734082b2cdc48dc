"""PostgreSQL search is served by trigram indexes (migrations_pg/013_search_trigram.sql):
without them every search read every article (7.9 s p95 at 1,000,000 articles). They sit
on a table of titles and texts of their own (014_search_table.sql), so that placing an
article (story, event, original) does not index its text again. Needs a server:
RASHOMON_TEST_PG_DSN (CI starts one with .ci/postgres.sh)."""

from __future__ import annotations

import os

import pytest

from rashomon.core import Article

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
pytestmark = pytest.mark.skipif(not PG_DSN, reason="set RASHOMON_TEST_PG_DSN")


@pytest.fixture
def store(pg_store):
    return pg_store


def test_search_reads_the_trigram_indexes_and_finds_the_same_articles(store):
    texts = [("Встреча в Стамбуле", "Дипломаты встретились в Стамбуле 17 сентября.", "ru"),
             ("伊斯坦布尔秘密会谈", "美国、欧盟和俄罗斯代表在伊斯坦布尔会面。", "zh"),
             ("Flood in Bologna", "Rivers burst their banks near Bologna on Tuesday.", "en")]
    ids = [store.add_article(Article(title=t, maintext=b, language=lang), None)
           for t, b, lang in texts]
    assert store.search_article_ids([["стамбуле"]]) == [ids[0]]  # ILIKE: any case
    assert store.search_article_ids([["BANKS near"]]) == [ids[2]]
    assert store.search_article_ids([["伊斯坦布尔"]]) == [ids[1]]
    # a few rows make a scan cheapest; forbid it to see which index the query can use
    with store.transaction() as run:
        run("SET LOCAL enable_seqscan = off")
        plan = "\n".join(r["QUERY PLAN"] for r in run(
            "EXPLAIN SELECT article_id FROM article_search WHERE title ILIKE ? "
            "OR maintext ILIKE ?", ("%bologna%", "%bologna%")).fetchall())
    assert "article_search_title_trgm" in plan and "article_search_text_trgm" in plan, plan


def _search_row_version(store, article_id: int) -> str:
    """The row version (xmin) of an article's search row: a new one each time it is
    written, and with it its text indexed again."""
    return store.query("SELECT xmin::text AS v FROM article_search WHERE article_id = ?",
                       (article_id,))[0]["v"]


def test_placing_an_article_leaves_its_search_row_alone(store):
    """Story, event and merge updates write the articles row only; a new title or text
    writes the search row, and search finds the new words and no longer the old."""
    first = store.add_article(Article(title="Strike in Lyon", maintext="Dockers walked out.",
                                      language="en"), None)
    second = store.add_article(Article(title="Lyon dockers", maintext="The port stopped.",
                                       language="en"), None)
    indexed = [_search_row_version(store, a) for a in (first, second)]
    story, other = store.new_story("Strike"), store.new_story("Port")
    store.set_story(first, story, None)
    store.set_story(second, other, first)
    store.set_event(first, store.new_event(story, "Strike"))
    store.merge_story(other, story)
    assert [_search_row_version(store, a) for a in (first, second)] == indexed
    assert store.get_article(second).story_id == story
    store.execute("UPDATE articles SET title = ? WHERE id = ?", ("Marseille strike", first))
    assert _search_row_version(store, first) != indexed[0]
    assert store.search_article_ids([["marseille"]]) == [first]
    assert store.search_article_ids([["lyon"]]) == [second]
    indexes = {r["indexname"] for r in store.query(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'articles'")}
    assert not any(name.endswith("_trgm") for name in indexes), indexes
