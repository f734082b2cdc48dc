-- Search's trigram indexes move off `articles` into a table of their own, kept by a
-- trigger that fires only when a title or text is written (as SQLite's articles_fts,
-- migrations/002_web.sql). Placement writes articles rows all the time (story, event,
-- original: set_story, set_event, merge_story), and since story_id and event_id are
-- indexed no such update is HOT: each one put the whole text into the trigram index
-- again. Measured on this benchmark's texts (20,000 rows copied from bench_scale's 200k
-- store, mean text 962 characters, PostgreSQL 15, load ~8): one single-row UPDATE of
-- event_id cost 2.5 ms with the two trigram indexes (fastupdate on; every ~230 updates
-- one of them also flushed the index's pending list, ~250 ms), 13.6 ms with fastupdate
-- off, 0.24 ms without them. At 200,000 articles that was the PostgreSQL server's CPU
-- during a placement: p50 / p95 13 / 167 ms (scale_pg_200k_batch_epyc_run1.json).
-- A text is now indexed once per version of it; the copy costs ~1 KB per article.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    maintext TEXT NOT NULL
);
INSERT INTO article_search SELECT id, title, maintext FROM articles;

CREATE FUNCTION rashomon_article_search_row() RETURNS trigger AS $$
BEGIN
    INSERT INTO article_search VALUES (NEW.id, NEW.title, NEW.maintext)
    ON CONFLICT (article_id) DO UPDATE SET title = EXCLUDED.title,
        maintext = EXCLUDED.maintext;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER article_search_change AFTER INSERT OR UPDATE OF title, maintext ON articles
    FOR EACH ROW EXECUTE FUNCTION rashomon_article_search_row();

DROP INDEX IF EXISTS articles_title_trgm;
DROP INDEX IF EXISTS articles_text_trgm;
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS article_search_title_trgm
        ON article_search USING gin (title gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS article_search_text_trgm
        ON article_search USING gin (maintext gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'rashomon: no trigram search index (%): search scans the articles', SQLERRM;
END
$$;
