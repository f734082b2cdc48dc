-- Search (PostgresStore.search_article_ids) is ILIKE '%word%' over titles and texts: with
-- no index every request read every article, 2.0 s p95 at 200,000 articles and 7.9 s at
-- 1,000,000 (bench/bench_scale.py --pg, scale_pg_1m.json). Trigram indexes (pg_trgm, a
-- trusted extension since PostgreSQL 13: the database owner may create it) serve ILIKE
-- in every script; the rows they find are re-checked, so results do not change. Where the
-- extension cannot be created (older server, not the owner, contrib not installed) this
-- block is a no-op with a notice and search stays a scan.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS articles_title_trgm ON articles USING gin (title gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS articles_text_trgm ON articles USING gin (maintext gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'rashomon: no trigram search index (%): search scans the articles', SQLERRM;
END
$$;
