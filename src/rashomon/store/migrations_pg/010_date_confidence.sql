-- How far the publish time can be trusted, 0..1 (rashomon.ingest.fields:
-- ORIGIN_CONFIDENCE, raised by the other times a page states for the same day, lowered by
-- those stating another day), and every publish time the page stated, as JSON
-- [{"origin", "date_publish", "confidence"}], most trusted first. NULL for rows stored
-- before this migration.
ALTER TABLE articles ADD COLUMN date_publish_confidence DOUBLE PRECISION;
ALTER TABLE articles ADD COLUMN date_candidates TEXT;
