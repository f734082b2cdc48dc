-- A story absorbed by another (late coverage showed two stories are one event) remembers
-- where it went, so links, watchlists and bookmarks to its id lead to the merged story.
ALTER TABLE stories ADD COLUMN merged_into INTEGER REFERENCES stories(id);
