-- PostgreSQL twin of migrations/002_web.sql: watchlists and the entity index.
-- Full-text search uses ILIKE over title/maintext (works in every script, no
-- tokenizer to choose); a trigram GIN index (pg_trgm) speeds it up where the extension
-- may be created — see PostgresStore.search_article_ids.
CREATE TABLE watchlists (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL DEFAULT '',
    entities TEXT NOT NULL DEFAULT '[]',
    languages TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    seen_at TEXT,
    seen_stories TEXT
);
CREATE TABLE entity_index (
    entity_id TEXT NOT NULL,
    story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    canonical TEXT NOT NULL,
    label TEXT NOT NULL,
    forms TEXT NOT NULL DEFAULT '{}',
    version TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entity_id, story_id)
);
CREATE INDEX entity_index_canonical ON entity_index(lower(canonical));
CREATE INDEX entity_index_story ON entity_index(story_id);
CREATE INDEX stories_updated ON stories(updated_at);
