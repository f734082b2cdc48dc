-- Clustering signals and the near-copy sketch of each article, kept so that opening a
-- large database restores the clusterer from stored values instead of re-reading every
-- text (3.5 ms an article recomputed, a fraction of that read back).
CREATE TABLE signals (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    body TEXT NOT NULL
);
