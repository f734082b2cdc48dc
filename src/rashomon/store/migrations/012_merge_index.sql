-- Merging two stories re-points every story merged into the absorbed one
-- (store.merge_story: UPDATE stories ... WHERE merged_into = ?). Without an index that
-- scans the whole stories table: bench/bench_scale.py at 200,000 articles (44,284
-- stories) measured 13-38 ms of CPU per merge, the slowest placements of the run.
CREATE INDEX IF NOT EXISTS stories_merged_into ON stories(merged_into);
