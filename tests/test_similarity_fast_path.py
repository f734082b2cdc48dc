"""The pair score's fast path (``similarity.unclipped_score``: the features of weight 0
left uncomputed, the caps applied in place) gives the fitted score of the full feature
vector bit for bit: real multilingual reports of four events and two same-topic hard
negatives (tests/data/cluster/events.json), with every kind of publish time."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from rashomon.cluster import similarity as sim
from rashomon.cluster.pairs import CONTRAST_MIN_NAMES, CONTRAST_NUMBERS, PairMemo, contrast
from rashomon.cluster.signals import signals_document, signals_from_document

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"


def _items(event_signals) -> dict[str, object]:
    rows = json.loads(EVENTS.read_text(encoding="utf-8"))
    items = {}
    for number, row in enumerate(rows, start=1):
        when = datetime.fromisoformat(row["published"])
        items[row["id"]] = replace(event_signals[row["id"]], article_id=number, published=when,
                                   event_time=when, time_uncertainty=0.0, time_estimated=False)
    return items


def _variants(items: list) -> list:
    """The items as they are and with every kind of publish time the score reads: none,
    naive (wall clock), estimated from the text, days later."""
    out = list(items)
    for i, item in enumerate(items):
        when = item.published
        out.append(replace(item, article_id=100 + i, published=None))
        out.append(replace(item, article_id=200 + i, published=when.replace(tzinfo=None)
                           + timedelta(hours=5 * i)))
        out.append(replace(item, article_id=300 + i, time_estimated=True,
                           published=when + timedelta(days=i)))
        out.append(replace(item, article_id=400 + i, published=when + timedelta(days=i / 2)))
    return out


def test_the_fast_pair_score_is_the_fitted_score_bit_for_bit(event_signals) -> None:
    """``unclipped_score`` skips the features of weight 0 and caps in place: the same
    float as the fitted score of the full feature vector, for every pair."""
    items = _variants(list(_items(event_signals).values()))
    for a in items:
        for b in items:
            features = sim.pair_features(a, b)  # as unclipped_score computed it before
            bonus = (sim.NAME_BONUS * features[3] + sim.DATE_BONUS * features[6]) * features[2]
            full = sim.content_score(features, sim.metric_term(a, b)) + bonus \
                - sim.time_penalty(a, b)
            assert sim.unclipped_score(a, b) == full


def _set_contrast(a, b) -> bool:
    """``pairs.contrast`` written on the sets rather than the shared counts: both state
    numbers and none agree (in one language, one of them several numbers other than
    years), or (same language) both name several things, none shared."""
    same_language = a.language is not None and a.language == b.language
    figures = [len({n for n in x.numbers if not (n.isdigit() and 1900 <= int(n) <= 2099)})
               for x in (a, b)]
    several = min(figures) and max(figures) >= CONTRAST_NUMBERS
    if a.numbers and b.numbers and not (a.numbers & b.numbers) and (several
                                                                    or not same_language):
        return True
    named = min(len(a.keys), len(b.keys)) >= CONTRAST_MIN_NAMES
    return same_language and named and not (a.keys & b.keys)


def test_the_memo_scores_and_contrasts_as_the_set_definitions(event_signals) -> None:
    """The memo takes the pair score and the contrast from one pass over the two
    articles (``similarity.scored_pair`` counts the shared names and numbers once): the
    same score and the same contrast as computed apart, for every pair; both kinds of
    contrast occur among the pairs, so the test sees each branch."""
    items = _variants(list(_items(event_signals).values()))
    seen = set()
    for a in items:
        for b in items:
            score, against = PairMemo(0)(a, b)
            assert score == sim.pair_score(a, b)
            assert against == contrast(a, b) == _set_contrast(a, b)
            seen.add(against)
    assert seen == {True, False}


def test_restored_signals_hold_one_copy_of_each_word(event_signals) -> None:
    """Signals read back from their stored document hold the interned string of each
    word, name and number (``signals.interned``), so two articles' sets share their
    strings (the pair score's intersections stop at the pointer) and the scores are the
    ones of the signals as built."""
    first, second = list(_items(event_signals).values())[:2]
    restored = [signals_from_document(s.article_id, json.loads(json.dumps(
        signals_document(s))), s.embedding) for s in (first, second)]
    for item, back in zip((first, second), restored, strict=True):
        for name in ("keys", "numbers", "words", "lead_words", "typed"):
            assert getattr(back, name) == getattr(item, name)
    shared = restored[0].words & restored[1].words
    assert shared
    pooled = {id(w) for w in restored[0].words} & {id(w) for w in restored[1].words}
    assert {id(w) for w in shared} <= pooled
    assert sim.unclipped_score(*restored) == sim.unclipped_score(first, second)
