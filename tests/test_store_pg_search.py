"""PostgreSQL search is served by trigram indexes (migrations_pg/013_search_trigram.sql):
without them every search read every article (7.9 s p95 at 1,000,000 articles). Needs a
server: RASHOMON_TEST_PG_DSN (CI starts one with .ci/postgres.sh)."""

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
            "EXPLAIN SELECT id FROM articles WHERE title ILIKE ? OR maintext ILIKE ?",
            ("%bologna%", "%bologna%")).fetchall())
    assert "articles_title_trgm" in plan and "articles_text_trgm" in plan, plan
