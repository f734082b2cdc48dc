"""Placement cost: one placement scores a pair of articles once, however many of its
decisions (event, story, ``repair``, ``repair_events``, story links) look at that pair,
and it places exactly as when every decision scores afresh. Real multilingual reports of
four events and two same-topic hard negatives (tests/data/cluster/events.json)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from rashomon.cluster import SignalClusterer

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"


def _dated(event_signals) -> list:
    """The signals with article ids and the rows' publish times."""
    rows = json.loads(EVENTS.read_text(encoding="utf-8"))
    items = []
    for number, row in enumerate(rows, start=1):
        when = datetime.fromisoformat(row["published"])
        items.append(replace(event_signals[row["id"]], article_id=number, published=when,
                             event_time=when, time_uncertainty=0.0, time_estimated=False))
    return items


def _place_all(clusterer: SignalClusterer, items: list) -> tuple[dict, list]:
    """Place ``items`` one by one as ``Engine._settle`` / ``_place`` do: the event, else
    the story, else a new one; then ``repair`` and ``repair_events``. Returns each
    article's (story, event) and every merge in order."""
    merges: list = []
    next_id = iter(range(1000, 2000))
    for item in items:
        event_id, story_id, _ = clusterer.predict_event(item)
        if story_id is None:
            story_id, _ = clusterer.predict_one(item)
        story_id = next(next_id) if story_id is None else story_id
        event_id = next(next_id) if event_id is None else event_id
        clusterer.learn_one(item, story_id, event_id)
        merges.append(clusterer.repair(clusterer.story_of(item.article_id)))
        merges.append(clusterer.repair_events(item.article_id))
    placed = {i.article_id: (clusterer.story_of(i.article_id), clusterer.event_of(i.article_id))
              for i in items}
    return placed, merges


def test_placement_scores_each_pair_once_and_places_as_before(event_signals) -> None:
    """Strict thresholds (join 0.7, merge 0.6) so that stories open apart and ``repair``
    merges them: in each of five arrival orders the memo changes no decision, and scores
    each pair of articles once where scoring afresh computed it again and again."""
    items = _dated(event_signals)
    rng = random.Random(5)
    merged = 0
    for _ in range(5):
        order = rng.sample(items, len(items))
        fresh = SignalClusterer(threshold=0.7, merge_threshold=0.6, pair_memo=0)
        memo = SignalClusterer(threshold=0.7, merge_threshold=0.6)
        placed, merges = _place_all(memo, order)
        assert (placed, merges) == _place_all(fresh, order)
        merged += sum(len(m) for m in merges)
        assert memo.pairs_scored == len(memo._memo)  # every pair computed once
        assert memo.pairs_scored < fresh.pairs_scored
        # a story merge carries its events along: every event is in its members' story
        for event in memo.events.values():
            assert {memo.story_of(m) for m in event.members} == {event.story_id}
    assert merged  # the orders did exercise repair


def test_an_article_given_its_story_time_is_scored_afresh(event_signals) -> None:
    """An undated report takes its event's publish time when a dated one joins: it is a
    new signals object, and its pairs are scored again (now with the time gap)."""
    items = {i.article_id: i for i in _dated(event_signals)}
    tram_en, tram_ru = items[1], items[2]
    undated = replace(tram_ru, published=None, event_time=None,
                      time_uncertainty=float("inf"))
    late = replace(items[3], published=tram_en.published + timedelta(days=6),
                   event_time=tram_en.published + timedelta(days=6))  # tram-fa, 6 days on
    clusterer = SignalClusterer()
    clusterer.learn_one(undated, 1, 1)
    before = clusterer.pair_score(late, undated)  # no time known: no time penalty
    clusterer.learn_one(tram_en, 1, 1)  # the event now has dated coverage
    dated = clusterer._item(undated.article_id)
    assert dated is not undated and dated.published == tram_en.published
    after = clusterer.pair_score(late, dated)
    assert after == SignalClusterer(pair_memo=0).pair_score(late, dated)
    assert after < before  # four days beyond the grace period cost 0.32


def test_story_links_decided_early_agree_with_the_full_mean(event_signals) -> None:
    """``_link`` stops scoring a story's articles once the rest cannot change its answer:
    for every pair of stories and several merge thresholds the answer is the full
    mean's, and some answers came before every article was scored."""
    clusterer = SignalClusterer(threshold=0.7, merge_threshold=None, pair_memo=0)
    _place_all(clusterer, _dated(event_signals))  # strict, no merges: many small stories
    stories = sorted(clusterer.stories)
    assert len(stories) >= 5
    early = 0
    for threshold in (-0.2, 0.0, 0.3, 0.6):
        clusterer.merge_threshold = threshold
        for i, a in enumerate(stories):
            for b in stories[i + 1:]:
                small, large = sorted((a, b), key=lambda s: (len(clusterer.stories[s].members), s))
                members = [clusterer._item(m) for m in clusterer.stories[large].members]
                full = [clusterer._story_score(clusterer._item(m), members)
                        for m in clusterer.stories[small].members]
                scored = clusterer.pairs_scored
                assert clusterer._link(a, b) == (sum(full) / len(full) >= threshold)
                early += clusterer.pairs_scored - scored < len(full) * len(members)
    assert early


def test_event_links_decided_early_agree_with_the_full_mean(event_signals) -> None:
    """``_event_link`` (the event's own contrast penalty on each pair) gives the full
    mean's answer for every pair of events and several thresholds, scoring fewer pairs
    for some of them."""
    clusterer = SignalClusterer(threshold=0.7, merge_threshold=None, pair_memo=0,
                                event_contrast_penalty=0.1)
    _place_all(clusterer, _dated(event_signals))
    events = sorted(clusterer.events)
    assert len(events) >= 5
    early = 0
    for threshold in (-0.2, 0.0, 0.3, 0.6):
        clusterer.event_threshold = threshold
        for i, a in enumerate(events):
            for b in events[i + 1:]:
                small, large = sorted((a, b), key=lambda e: (len(clusterer.events[e].members), -e))
                members = [clusterer._item(m) for m in clusterer.events[large].members]
                full = [clusterer.event_score(clusterer._item(m), members)
                        for m in clusterer.events[small].members]
                scored = clusterer.pairs_scored
                assert clusterer._event_link(small, large) == (sum(full) / len(full) >= threshold)
                early += clusterer.pairs_scored - scored < len(full) * len(members)
    assert early


def test_two_tellings_of_one_story_link_on_their_closest_pairs(event_signals) -> None:
    """Two stories that are reprints of the same four reports link after the two closest
    pairs of each article (a story score is at least the mean of any two of its pair
    scores), not all sixteen pairs; the answer is the full mean's."""
    reports = _dated(event_signals)[:4]  # the tram accident in four languages
    clusterer = SignalClusterer(pair_memo=0)
    for story, offset in ((1, 0), (2, 10)):
        for item in reports:
            clusterer.learn_one(replace(item, article_id=item.article_id + offset), story, story)
    members = [clusterer._item(m) for m in clusterer.stories[2].members]
    full = [clusterer._story_score(clusterer._item(m), members)
            for m in clusterer.stories[1].members]
    assert sum(full) / len(full) >= clusterer.merge_threshold
    scored = clusterer.pairs_scored
    assert clusterer._link(1, 2)
    assert clusterer.pairs_scored - scored <= 2 * len(reports) < len(reports) * len(members)


def test_a_placement_searches_the_index_once_per_state(event_signals) -> None:
    """The event, story, ``repair`` and ``repair_events`` decisions of one article look up
    its candidates up to four times; the index changes only when an article is added,
    removed or re-timed, so it is searched once before the article joins and once after,
    and the candidates are those a fresh search gives."""
    items = _dated(event_signals)
    clusterer = SignalClusterer()
    searches = []
    search = clusterer.index.search

    def counted(*args, **kwargs):
        searches.append(args[0])
        return search(*args, **kwargs)

    clusterer.index.search = counted  # type: ignore[method-assign]
    _place_all(clusterer, items[:-1])
    searches.clear()
    item = items[-1]
    before = [m.article_id for m in clusterer._candidates(item)]
    event_id, story_id, _ = clusterer.predict_event(item)
    clusterer.predict_one(item)
    assert len(searches) == 1
    clusterer.learn_one(item, story_id if story_id is not None else 99,
                        event_id if event_id is not None else 99)
    after = [m.article_id for m in clusterer._candidates(item)]
    assert len(searches) == 2 and after != before and item.article_id in after
    clusterer.repair(clusterer.story_of(item.article_id))
    clusterer.repair_events(item.article_id)
    assert len(searches) == 2
    assert after == search(item.embedding, item.published.timestamp(), clusterer.window_days,
                           clusterer.candidates)
