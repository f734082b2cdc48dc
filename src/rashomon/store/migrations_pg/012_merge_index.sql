-- Merging two stories re-points every story merged into the absorbed one
-- (store.merge_story: UPDATE stories ... WHERE merged_into = ?). Without an index that
-- scans the whole stories table: bench/bench_scale.py at 200,000 articles (44,284
-- stories) measured 13-38 ms of CPU per merge, the slowest placements of the run.
CREATE INDEX IF NOT EXISTS stories_merged_into ON stories(merged_into);

-- The story list's order kept by the database, as SQLite's story_stats (002_web.sql):
-- aggregating every article on each request took 1.3 s (p95) at 200,000 articles
-- (bench/bench_scale.py --pg, scale_postgresql_200k.json).
CREATE TABLE story_stats (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    article_count INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX story_stats_order ON story_stats(last_seen DESC, article_count DESC, story_id DESC);
INSERT INTO story_stats
    SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
           coalesce(max(date_publish), max(ingested_at))
    FROM articles WHERE story_id IS NOT NULL GROUP BY story_id;

CREATE FUNCTION rashomon_story_stats(sid BIGINT) RETURNS void AS $$
BEGIN
    IF sid IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO story_stats
        SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
               coalesce(max(date_publish), max(ingested_at))
        FROM articles WHERE story_id = sid GROUP BY story_id
    ON CONFLICT (story_id) DO UPDATE SET article_count = EXCLUDED.article_count,
        first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen;
    DELETE FROM story_stats WHERE story_id = sid
        AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = sid);
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION rashomon_story_stats_row() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM rashomon_story_stats(OLD.story_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.story_id IS DISTINCT FROM OLD.story_id) THEN
        PERFORM rashomon_story_stats(NEW.story_id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER story_stats_change AFTER INSERT OR DELETE OR UPDATE OF story_id, date_publish,
    ingested_at ON articles FOR EACH ROW EXECUTE FUNCTION rashomon_story_stats_row();
