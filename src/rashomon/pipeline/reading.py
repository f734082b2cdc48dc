"""The read side of ``Engine``: stories, events, facts, linked entities, comparison
reports and the similarity of two texts, read from the store (facts, entities and
reports are rebuilt and stored again when the extractor's version changed)."""

from __future__ import annotations

import numpy as np

from rashomon import extract
from rashomon.cluster.signals import build_signals, embedding_text, with_rating_signals
from rashomon.compare.embedding import (
    keep_vectors,
    missing_vectors,
    names_of,
    recall_names,
    store_names,
)
from rashomon.core import Article, ArticleFacts, Entity, Event, Report, Story
from rashomon.errors import NotFound, RashomonError
from rashomon.extract import linking
from rashomon.scale.work import claim_vectors, normalize, prepare
from rashomon.store import StoryFilter

#: The largest id a record can have (SQLite's and PostgreSQL's 64-bit keys).
MAX_ID = 2**63 - 1


def _id(value: int, what: str) -> int:
    """An id past any 64-bit key is a missing one (E601), not the driver's OverflowError
    (``engine.report(10**30)``)."""
    if isinstance(value, int) and abs(value) > MAX_ID:
        raise NotFound(f"no {what} with id {value}", hint=f"no {what} has an id over {MAX_ID}"
                       ).worded("no_such_id", id=str(value)[:30])
    return value


class Reading:
    """Read methods of ``Engine`` (the Python API's read half); mixed into ``Engine``,
    whose store, embedder and stages they use."""

    def stories(
        self, filters: StoryFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        return self.store.list_stories(filters, limit, offset)

    def story(self, story_id: int) -> Story:
        return self.store.get_story(_id(story_id, "story"))

    def article(self, article_id: int) -> Article:
        return self.store.get_article(_id(article_id, "article"))

    def events(self, story_id: int) -> list[Event]:
        """The events (incidents) of one story in time order."""
        return self.store.events_of_story(_id(story_id, "story"))

    def facts(self, article_id: int) -> ArticleFacts:
        """Extracted facts of one article; re-extracted when the extractor changed."""
        article_id = _id(article_id, "article")
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
        story = self.store.get_story(_id(story_id, "story"))
        version = f"{extract.EXTRACTOR_VERSION}:{','.join(str(a.id) for a in story.articles)}"
        stored = self.store.get_document("story_entities", story_id)
        if stored and stored[0] == version:
            return [Entity.from_dict(e) for e in stored[1]["entities"]]
        facts = {a.id: self.facts(a.id) for a in story.articles}
        # name vectors stored before (an ingest with RASHOMON_CLAIM_VECTORS, a report's
        # build) are read; linking embeds only the names it compares across scripts, none
        # in a story of one script: embedding every name of every article first cost a
        # story's first page 8-50 ms (1-8 names, 15 stories of bench_scale's 10k store)
        recall_names(self.store, facts, self.embedder.name)
        entities = linking.link(story.articles, facts, self._name_model())
        body = {"entities": [e.to_dict() for e in entities]}
        self.store.put_document("story_entities", story_id, version, body)
        return entities

    def report(self, story_id: int, wait: bool = True) -> Report | None:
        """The comparison report of one story (see ``rashomon.compare``). With
        ``wait=False`` nothing is built in the caller's thread: the stored report when it
        is current, else None while it is built in the background (``report_status``)."""
        from rashomon import compare

        story = self.store.get_story(_id(story_id, "story"))
        if not wait:
            cached = compare.cached_report(story, self.embedder, self.store)
            if cached is None:
                self._report_builds().request(story_id, lambda: self.report(story_id))
            return cached
        events = compare.events_of(story, self.store)
        cached = compare.cached_report(story, self.embedder, self.store, events)
        if cached is not None:
            return cached
        self.comparison_vectors(story.articles)
        facts = {a.id: self.facts(a.id) for a in story.articles}
        return compare.fresh_report(story, facts, self.entities(story_id), self.embedder,
                                    store=self.store, events=events)

    def comparison_vectors(self, articles: list[Article], sentences: bool = True) -> int:
        """Compute and store the comparison's vectors of those of ``articles`` (one story's)
        that lack them, in one batch: the claim sentences of each original (when
        ``sentences``; a near-copy has its original's) and every name entity linking may
        embed (``scale.work.claim_vectors``), so the report and the story's entity linking
        read them from the store. By default ingest does not embed them (setting
        ``RASHOMON_CLAIM_VECTORS``): the first reader of a story with two articles or more
        does, here (the report, its entities, the web's warm-up). An article alone in its
        story gets nothing here, as at ingest: its report embeds what it compares. Returns
        how many articles got vectors."""
        if len(articles) < 2:
            return 0
        due, named_due = [], []
        shared = self._name_model() is not None  # names through linking's name cache
        for article in articles:
            if article.id is None:
                continue
            facts = self.facts(article.id)
            own, named = missing_vectors(self.store, article, facts, self.embedder.name,
                                         sentences and article.duplicate_of is None)
            if named and shared:
                named_due.append((article.id, names_of(facts)))
            if own or (named and not shared):  # names stored: not embedded again
                due.append((article, facts if named and not shared
                            else ArticleFacts(article_id=article.id), own))
        if named_due:  # the names entity linking embedded in this process are not again
            every = list(dict.fromkeys(n for _, names in named_due for n in names))
            vectors = dict(zip(every, linking.name_vectors(self.embedder, every), strict=True))
            for article_id, names in named_due:
                store_names(self.store, article_id, names,
                            np.stack([vectors[n] for n in names]), self.embedder.name)
        if due:  # one call: a story's reprints share names and sentences, embedded once
            for (article, _, _), found in zip(due, claim_vectors(due, self.stages),
                                              strict=True):
                keep_vectors(self.store, article.id, found, self.embedder.name)
        return len({a.id for a, _, _ in due} | {i for i, _ in named_due})

    def _name_model(self):
        """This engine's embedder for the names entity linking compares, when it is the
        model linking reads names with (``linking.name_embedder``; a wrapper of it counts
        as it), else None: linking then uses its own and the report its own calls."""
        return self.embedder if self.embedder.name == linking.name_embedder().name else None

    def report_status(self, story_id: int) -> str:
        """"ready" (a current report is stored), "building", "failed" or "missing"."""
        from rashomon import compare

        story = self.store.get_story(_id(story_id, "story"))
        if compare.cached_report(story, self.embedder, self.store):
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

        first, second = self._readable(a, "first"), self._readable(b, "second")
        return rating(self._signals_of_article(first, True), self._signals_of_article(second, True))

    def _readable(self, item: str | Article, which: str) -> Article:
        """The cleaned article of ``item``; a text that ingest keeps out of every story
        (empty, one word, markup noise) raises its coded error instead: before,
        ``similarity("", "")`` answered 0.94 ("same story")."""
        from rashomon.ingest import quality

        article = self._article_of(item)
        quality.refuse(article, f"the {which} text")
        return article

    def _article_of_text(self, text: str) -> Article:
        """A cleaned, language-identified Article of a bare text (first line = title). A
        text of one line is all body, with no title: README's first example,
        ``similarity(text_a, text_b)`` on two one-sentence texts, was refused as "only a
        title (16 words)"."""
        lines = text.strip().splitlines() or [""]
        if len(lines) == 1:
            article = Article(title="", maintext=lines[0])
        else:
            article = Article(title=lines[0], maintext="\n".join(lines[1:]))
        normalize(article, self.langid)
        return article

    def _article_of(self, item: str | Article) -> Article:
        if not isinstance(item, str | Article):  # None, bytes: an AttributeError before
            raise RashomonError(
                f"similarity compares texts (str) or Articles, not {type(item).__name__}",
                hint="decode bytes first; a file is read by `rashomon similarity FILE FILE`",
                code="E701")
        if isinstance(item, str):
            return self._article_of_text(item)
        return prepare([item], self.stages)[0]  # cleaned and identified as at ingest

    def _signals_of(self, item: str | Article, full: bool = False):
        """Clustering signals of one text or article; ``full``: with what only the
        rating reads (``cluster.signals.with_rating_signals``)."""
        return self._signals_of_article(self._article_of(item), full)

    def _signals_of_article(self, article: Article, full: bool):
        facts = extract.extract_facts(article)
        vector = self.embedder.passages([embedding_text(article)])[0]
        signals = build_signals(article, facts, vector)
        return with_rating_signals(signals, article, self.embedder) if full else signals

    _signals_of_text = _signals_of  # the name tests and bench/bench_similarity.py use
