"""Placement: the part of ``Engine`` that puts one analysed article into its event and
story (or takes a changed one out), writing each decision to the store as the clusterer
makes it. Runs in input order on the ingesting thread (``engine.Engine._flush``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from rashomon import extract
from rashomon.cluster import ArticleSignals
from rashomon.cluster.signals import EMBED_KIND, build_signals, embedding_text

if TYPE_CHECKING:
    from rashomon.pipeline.engine import _Fresh
    from rashomon.scale.work import Analysis


class Placing:
    """Placement and removal of articles; mixed into ``Engine``, whose state it uses
    (store, clusterer, cascade, copy groups, working set)."""

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
        # each story merge is sent as soon as it is decided, so the server moves the stored
        # articles while the next links are scored (4.5 ms of server time a merge in
        # bench_scale's 1,000,000-article store, pg_stat_statements at load ~6)
        self._merge_stories(self.clusterer.repairs(story_id), entry)
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

    def _merge_stories(self, merges: Iterable[tuple[int, int]], entry: _Fresh) -> None:
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
            self.store.set_events(moved, kept)  # one statement however many moved
            self._save_event(kept)
            if entry.article.id in moved:
                entry.article.event_id = entry.result.event_id = kept
