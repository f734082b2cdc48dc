-- The junk verdict (rashomon.ingest.quality): NULL for news, else the coded reason
-- ("E203 too short to be an article (4 words)"). A junk article is stored and listed but
-- never placed in a story.
ALTER TABLE articles ADD COLUMN junk TEXT;
