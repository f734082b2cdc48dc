"""The clustering state held in memory: what is stored per placed article so a restart
reads it back, the restore of the open stories at start, reloads of older stories for a
backdated article and eviction of closed ones (``rashomon.scale.window`` decides which)."""

from __future__ import annotations

import gc
import logging
import time

from rashomon import extract
from rashomon.cluster import ArticleSignals
from rashomon.cluster.dedup import SKETCH_SCHEME, Sketch
from rashomon.cluster.signals import (
    EMBED_KIND,
    SIGNALS_VERSION,
    build_signals,
    embedding_text,
    signals_document,
    signals_from_document,
)
from rashomon.core import Article, ArticleFacts
from rashomon.scale.window import vectors_and_signals

log = logging.getLogger("rashomon.pipeline")


#: Held articles from which a restore freezes the collector's view of the process
#: (``gc.freeze``): a full collection after restoring 1M articles' window took 0.4-0.65 s
#: of CPU inside one placement (bench_scale, PostgreSQL); below a few thousand articles a
#: collection is short and freezing is not worth the objects it keeps out of reach.
FREEZE_AT = 2000
#: Articles whose stored vectors and signals a restore reads and holds at a time. Read all
#: at once, every decoded signals document of the window stayed alive until the last
#: article was held, and what the held signals allocated meanwhile pinned that memory:
#: restoring the 10,000 articles of bench_scale's 10k store took 465 MB of RSS in one
#: read, 325 MB in reads of 500 (the same signals, learned in the same order; 2026-12-05).
RESTORE_CHUNK = 500


def _signals_version() -> str:
    """Stored signals depend on the clustering code, the extracted facts and the MinHash
    scheme of the installed datasketch."""
    return f"{SIGNALS_VERSION}:{extract.EXTRACTOR_VERSION}:{SKETCH_SCHEME}"


class Holding:
    """Restore, reload and eviction of the in-memory clustering state; mixed into
    ``Engine``."""

    def _keep_signals(self, signals: ArticleSignals, sketch: Sketch | None) -> None:
        """Store what ``_restore`` needs of an article, so the next start reads it back."""
        body = {"signals": signals_document(signals),
                "sketch": sketch.to_dict() if sketch else None}
        self.store.put_document("signals", signals.article_id, _signals_version(), body)

    def _restore(self) -> None:
        """Rebuild the clusterer, near-copy index and copy groups from the store (once),
        for the open stories only (``rashomon.scale.window``)."""
        if self._restored:
            return
        self._restored = True
        started = time.perf_counter()
        articles = self.window.restore(self.store)
        recomputed = sum(self._hold(articles[i:i + RESTORE_CHUNK])
                         for i in range(0, len(articles), RESTORE_CHUNK))
        if len(articles) >= FREEZE_AT:
            # What was just read back (and the models) lives as long as this engine: moved
            # out of the cyclic collector's reach, a full collection no longer walks it.
            # Freed by reference counting as before; ``_start_over`` unfreezes first.
            gc.freeze()
        log.info("restored clustering state of %d articles in %.2f s (%d recomputed from text)",
                 len(articles), time.perf_counter() - started, recomputed)

    def _hold(self, articles: list[Article], stored_only: bool = False) -> int:
        """Load stored articles into the clusterer, near-copy index and copy groups.
        Stored signals are read back; an article without them (or with signals of an
        older version) is recomputed from its text and facts, and its signals stored.
        ``stored_only``: an article without a stored vector is skipped, not embedded
        (another process changed its text and places it again: ``sharing``).
        Returns how many were recomputed."""
        ids = [a.id for a in articles if a.story_id is not None and a.id is not None]
        vectors, documents = vectors_and_signals(self.store, ids, EMBED_KIND, self.embedder.name)
        recomputed = 0
        for article in articles:
            if article.story_id is None or article.id is None:
                continue
            vector = vectors.get(article.id)
            if vector is None and stored_only:
                continue
            if vector is None:  # e.g. a store written with another embedder: kept once
                vector = self.embedder.passages([embedding_text(article)])[0]
                self.store.put_embedding(article.id, EMBED_KIND, self.embedder.name, vector)
            stored = documents.get(article.id)
            if stored and stored[0] == _signals_version():
                signals = signals_from_document(article.id, stored[1]["signals"], vector)
                signals.ingested = article.ingested_at
                sketch = stored[1]["sketch"] and Sketch.from_dict(stored[1]["sketch"])
            else:
                signals = self._recompute_signals(article, vector)
                sketch = self.copies.sketch(article.text)
                self._keep_signals(signals, sketch)
                recomputed += 1
            self._learn_restored(signals, article)
            if self.cascade is not None:
                self.cascade.add(signals)
            self.copies.add_sketch(article.id, sketch)
            self.groups.restore(article.id, article.date_publish, article.duplicate_of)
        return recomputed

    def _evict(self, signals: ArticleSignals) -> None:
        """After a placement: now and then drop the closed stories from memory."""
        cutoff = self.window.placed(signals.published, signals.time_estimated)
        evict = getattr(self.clusterer, "evict", None)
        if cutoff is None or evict is None:
            return
        dropped = evict(cutoff, self.window.undated_cutoff())
        for article_id in dropped:
            self.copies.remove(article_id)
            self._claimed.discard(article_id)
            if self.cascade is not None:
                self.cascade.remove(article_id)
        self.groups.drop(dropped)

    def _learn_restored(self, signals: ArticleSignals, article: Article) -> None:
        """Learn a stored article into its story and event. An article stored before
        events existed (no event id) is placed into an event of its own story now."""
        assert article.story_id is not None and article.id is not None
        event_id = article.event_id
        if event_id is None:
            event_id = self.clusterer.predict_event(signals, article.story_id)[0]
            if event_id is None:
                event_id = self.store.new_event(article.story_id, article.title)
            self.store.set_event(article.id, event_id)
        self.clusterer.learn_one(signals, article.story_id, event_id)
        if article.event_id is None:
            self._save_event(event_id)

    def _recompute_signals(self, article: Article, vector) -> ArticleSignals:
        stored = self.store.get_document("facts", article.id)
        facts = ArticleFacts.from_dict(stored[1]) if stored else None
        return build_signals(article, facts, vector)
