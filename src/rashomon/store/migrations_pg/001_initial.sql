-- PostgreSQL twin of migrations/001_initial.sql (same tables, PostgreSQL types).
CREATE TABLE stories (
    id BIGSERIAL PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE articles (
    id BIGSERIAL PRIMARY KEY,
    url TEXT,
    canonical_url TEXT,
    source_domain TEXT,
    title TEXT NOT NULL DEFAULT '',
    maintext TEXT NOT NULL DEFAULT '',
    description TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    date_publish TEXT,
    date_publish_origin TEXT,
    date_modify TEXT,
    date_modify_origin TEXT,
    language TEXT,
    language_confidence DOUBLE PRECISION,
    raw BYTEA,
    raw_format TEXT NOT NULL DEFAULT 'text',
    source_path TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    story_id BIGINT REFERENCES stories(id),
    duplicate_of BIGINT REFERENCES articles(id),
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_publish ON articles(date_publish);
CREATE TABLE embeddings (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    model TEXT NOT NULL,
    vector BYTEA NOT NULL,
    PRIMARY KEY (article_id, kind, model)
);
CREATE TABLE facts (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE story_entities (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    built_at TEXT NOT NULL
);
CREATE TABLE reports (
    story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    built_at TEXT NOT NULL
);
