-- The UPDATE trigger of 015_story_stats_statement.sql joined the statement's old and
-- new rows twice (once for the stories rows left, once for those they joined) and
-- merged the two lists; one join gives both stories of each changed row.
CREATE OR REPLACE FUNCTION rashomon_story_stats_updated() RETURNS trigger AS $$
BEGIN
    PERFORM rashomon_story_stats_of(ARRAY(
        SELECT DISTINCT s.story_id
        FROM old_rows o JOIN new_rows n ON n.id = o.id,
             LATERAL (VALUES (o.story_id), (n.story_id)) AS s(story_id)
        WHERE s.story_id IS NOT NULL AND (o.story_id IS DISTINCT FROM n.story_id
            OR o.date_publish IS DISTINCT FROM n.date_publish
            OR o.ingested_at IS DISTINCT FROM n.ingested_at)));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
