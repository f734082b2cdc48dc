-- The change journal (see the SQLite migration of the same number): a sequence numbers
-- every INSERT of an article and every UPDATE of its story, event, original or content;
-- a deleted article leaves a tombstone. Articles are only written under the writer lock
-- (advisory lock 7266, store/postgres.py), one transaction at a time, so numbering order
-- is commit order. Rows written before this migration keep 0.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS change_seq BIGINT NOT NULL DEFAULT 0;
CREATE SEQUENCE IF NOT EXISTS article_change_seq;
CREATE TABLE IF NOT EXISTS article_tombstones (
    change_seq BIGINT PRIMARY KEY,
    article_id BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_change_seq ON articles (change_seq);
CREATE OR REPLACE FUNCTION rashomon_article_changed() RETURNS trigger AS $$
BEGIN
    NEW.change_seq := nextval('article_change_seq');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION rashomon_article_deleted() RETURNS trigger AS $$
BEGIN
    INSERT INTO article_tombstones (change_seq, article_id)
        VALUES (nextval('article_change_seq'), OLD.id);
    RETURN OLD;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS articles_journal_insert ON articles;
CREATE TRIGGER articles_journal_insert BEFORE INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION rashomon_article_changed();
DROP TRIGGER IF EXISTS articles_journal_update ON articles;
CREATE TRIGGER articles_journal_update
    BEFORE UPDATE OF story_id, event_id, duplicate_of, content_hash ON articles
    FOR EACH ROW EXECUTE FUNCTION rashomon_article_changed();
DROP TRIGGER IF EXISTS articles_journal_delete ON articles;
CREATE TRIGGER articles_journal_delete AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION rashomon_article_deleted();
