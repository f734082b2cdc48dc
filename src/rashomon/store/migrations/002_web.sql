-- Web UI support: full-text search, watchlists, and an entity -> stories index.

-- Full-text index over title + maintext. External-content table (the text lives once, in
-- `articles`), kept in sync by the triggers below. Tokenizer: trigram, because unicode61
-- splits only on spaces/punctuation, so a CJK sentence becomes one token and a search for
-- 伊斯坦布尔 inside 伊斯坦布尔秘密会谈 finds nothing; trigram matches any 3+ character
-- substring in every script (Cyrillic and Greek case-folded too). Terms shorter than three
-- characters fall back to LIKE in rashomon.api_web (measured in tests/test_web_search.py).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, maintext, content='articles', content_rowid='id', tokenize='trigram'
);
INSERT INTO articles_fts(rowid, title, maintext) SELECT id, title, maintext FROM articles;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, maintext) VALUES (new.id, new.title, new.maintext);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, maintext)
    VALUES ('delete', old.id, old.title, old.maintext);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, maintext ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, maintext)
    VALUES ('delete', old.id, old.title, old.maintext);
    INSERT INTO articles_fts(rowid, title, maintext) VALUES (new.id, new.title, new.maintext);
END;

-- A saved query. `seen_at` is the time of the last visit of its page and `seen_stories`
-- maps story id -> the story's updated_at then: a story is "new" when it is missing from
-- that map or was updated since (exact, whatever the clock's resolution).
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL DEFAULT '',
    entities TEXT NOT NULL DEFAULT '[]',
    languages TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    seen_at TEXT,
    seen_stories TEXT
);

-- Which stories mention which linked entity, rebuilt from `story_entities` documents.
CREATE TABLE entity_index (
    entity_id TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    canonical TEXT NOT NULL,
    label TEXT NOT NULL,
    forms TEXT NOT NULL DEFAULT '{}',
    version TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entity_id, story_id)
);
CREATE INDEX entity_index_canonical ON entity_index(canonical COLLATE NOCASE);
CREATE INDEX entity_index_story ON entity_index(story_id);
CREATE INDEX stories_updated ON stories(updated_at);

-- Story activity kept by triggers, so the story list orders 10,000 articles' stories from
-- an index instead of aggregating every article per request (bench/bench_web.py: the
-- aggregate took 30 ms per page on 10,000 articles, this lookup well under 1 ms).
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_source ON articles(source_domain);
CREATE INDEX articles_story_language ON articles(story_id, language);
CREATE INDEX articles_story_source ON articles(story_id, source_domain);
CREATE TABLE story_stats (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    article_count INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX story_stats_order ON story_stats(last_seen DESC, article_count DESC, story_id DESC);
INSERT INTO story_stats
    SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
           coalesce(max(date_publish), max(ingested_at))
    FROM articles WHERE story_id IS NOT NULL GROUP BY story_id;

CREATE TRIGGER story_stats_insert AFTER INSERT ON articles WHEN new.story_id IS NOT NULL BEGIN
    INSERT OR REPLACE INTO story_stats
        SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
               coalesce(max(date_publish), max(ingested_at))
        FROM articles WHERE story_id = new.story_id GROUP BY story_id;
END;
CREATE TRIGGER story_stats_update AFTER UPDATE OF story_id, date_publish, ingested_at
ON articles BEGIN
    DELETE FROM story_stats WHERE story_id = old.story_id
        AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = old.story_id);
    INSERT OR REPLACE INTO story_stats
        SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
               coalesce(max(date_publish), max(ingested_at))
        FROM articles WHERE story_id IN (old.story_id, new.story_id) GROUP BY story_id;
END;
CREATE TRIGGER story_stats_delete AFTER DELETE ON articles BEGIN
    DELETE FROM story_stats WHERE story_id = old.story_id
        AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = old.story_id);
    INSERT OR REPLACE INTO story_stats
        SELECT story_id, count(*), coalesce(min(date_publish), min(ingested_at)),
               coalesce(max(date_publish), max(ingested_at))
        FROM articles WHERE story_id = old.story_id GROUP BY story_id;
END;
