-- The story list's counts (story_stats, 012_merge_index.sql) recounted once per statement
-- and story instead of once per moved row. The row trigger recounted a story's every
-- article for each article a statement moved: merging a story of A articles into one of
-- K recounted K + A articles A times over (PostgreSQL runs row triggers after the whole
-- statement, so each recount already saw every moved row). These statement triggers
-- read the statement's changed rows (transition tables) and recount each story they
-- touch once. SQLite keeps its row triggers (002_web.sql); the counts are the same.
-- A trigger with transition tables takes one event and, for UPDATE, no column list, so
-- there are three, and the UPDATE one skips rows whose story and times did not change
-- (an event or an original set: most updates, recount nothing).
DROP TRIGGER IF EXISTS story_stats_change ON articles;

CREATE FUNCTION rashomon_story_stats_of(sids BIGINT[]) RETURNS void AS $$
DECLARE
    sid BIGINT;
BEGIN
    FOREACH sid IN ARRAY coalesce(sids, '{}') LOOP  -- one story at a time: its index
        INSERT INTO story_stats
            SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
                   coalesce(max(date_publish), max(ingested_at))
            FROM articles WHERE story_id = sid GROUP BY story_id
        ON CONFLICT (story_id) DO UPDATE SET article_count = EXCLUDED.article_count,
            first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen;
        DELETE FROM story_stats WHERE story_id = sid
            AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = sid);
    END LOOP;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION rashomon_story_stats_inserted() RETURNS trigger AS $$
BEGIN
    PERFORM rashomon_story_stats_of(ARRAY(
        SELECT DISTINCT story_id FROM new_rows WHERE story_id IS NOT NULL));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION rashomon_story_stats_deleted() RETURNS trigger AS $$
BEGIN
    PERFORM rashomon_story_stats_of(ARRAY(
        SELECT DISTINCT story_id FROM old_rows WHERE story_id IS NOT NULL));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION rashomon_story_stats_updated() RETURNS trigger AS $$
BEGIN
    PERFORM rashomon_story_stats_of(ARRAY(
        SELECT o.story_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.story_id IS NOT NULL AND (o.story_id IS DISTINCT FROM n.story_id
            OR o.date_publish IS DISTINCT FROM n.date_publish
            OR o.ingested_at IS DISTINCT FROM n.ingested_at)
        UNION
        SELECT n.story_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE n.story_id IS NOT NULL AND (o.story_id IS DISTINCT FROM n.story_id
            OR o.date_publish IS DISTINCT FROM n.date_publish
            OR o.ingested_at IS DISTINCT FROM n.ingested_at)));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER story_stats_inserted AFTER INSERT ON articles
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rashomon_story_stats_inserted();
CREATE TRIGGER story_stats_deleted AFTER DELETE ON articles
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rashomon_story_stats_deleted();
CREATE TRIGGER story_stats_updated AFTER UPDATE ON articles
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rashomon_story_stats_updated();

DROP FUNCTION IF EXISTS rashomon_story_stats_row();
DROP FUNCTION IF EXISTS rashomon_story_stats(BIGINT);
