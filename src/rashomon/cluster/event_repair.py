"""Event repair (``SignalClusterer.repair_events``): the story-level ``repair`` applied to
the events of one story, kept apart from ``cluster.online`` so each module stays short."""

from __future__ import annotations

from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.events import actors_differ, fits
from rashomon.cluster.links import closest_members, mean_reaches


class EventRepair:
    """The event-merging half of ``cluster.online.SignalClusterer`` (a mixin: it reads the
    clusterer's events, candidates, settings and pair scores)."""

    def repair_events(self, article_id: int) -> list[tuple[int, list[int]]]:
        """Merge the event of ``article_id`` with every other event of its story that the
        article also scores at or above ``event_threshold`` against and fits, when the two
        events fit each other as wholes (``_events_fit``: span, places, weekdays, member
        by member) and link (``_event_link`` >= ``event_threshold``). The story-level
        ``repair`` applied to events: arrival order splits one incident when a report
        that bridges two early groups comes last (and a story merge brings the events of
        two stories together without ever comparing them). Returns (kept event, moved
        article ids) per merge."""
        event_id = self.article_event.get(article_id)
        if self.merge_threshold is None or event_id is None:
            return []
        item = self._item(article_id)
        story_id = self.events[event_id].story_id
        per_event: dict[int, list[ArticleSignals]] = {}
        for member in self._candidates(item):
            other = self.article_event[member.article_id]
            if other != event_id and self.events[other].story_id == story_id:
                per_event.setdefault(other, []).append(member)
        merges: list[tuple[int, list[int]]] = []
        for other, members in sorted(per_event.items()):
            if other not in self.events or event_id not in self.events:
                continue
            if self.event_decision(item, other, members) < self.event_threshold:
                continue
            small, large = sorted((event_id, other),
                                  key=lambda e: (len(self.events[e].members), -e))
            if not self._events_fit(small, large) or not self._event_link(small, large):
                continue
            moved = list(self.events[small].members)
            for member in moved:
                self.events[large].add(self._item(member))
                self.article_event[member] = large
            del self.events[small]
            merges.append((large, moved))
            event_id = large
        return merges

    def _events_fit(self, small: int, large: int) -> bool:
        """Could every article of event ``small`` join event ``large``, one after the
        other (time span stays bounded, places and weekdays agree)?"""
        probe = self.events[large].trial()
        for member in self.events[small].members:
            item = self._item(member)
            if not fits(item, probe):
                return False
            probe.add(item)
        return True

    def _event_link(self, small: int, large: int) -> bool:
        """Whether the mean event score of the smaller event's articles against the
        larger event reaches ``event_threshold`` (``_link`` for events, with the event's
        own penalties: the actor penalty's mean over the articles raises the threshold)."""
        members = [self._item(m) for m in self.events[large].members]
        items = [self._item(m) for m in self.events[small].members[-self.candidates:]]
        threshold = self.event_threshold
        if self.event_actor_penalty:
            state = self.events[large]
            threshold += self.event_actor_penalty * sum(
                actors_differ(i, state) for i in items) / len(items)
        return mean_reaches(items, closest_members(members, self.candidates), self._event_pair,
                            self._bounds(event=True), threshold)

    def _event_pair(self, a: ArticleSignals, b: ArticleSignals) -> float:
        """One pair's score in the event decision (``event_score``'s terms)."""
        return self.pair_score(a, b) - (self.event_contrast_penalty if self._pair(a, b)[1]
                                        else 0.0)

