"""Topic names (``cluster.topics``): a name many stories of the window name (a head of
government) ties two reports across languages to one happening less than a name only
their own story names. A window of four Norwegian stories in English, German and French
(a storm, fishing quotas, an Olympic bid, a teachers' strike), each quoting the prime
minister, then two reports of other happenings that share only his name (a budget speech
in English, a party congress in German) and a German report of the storm."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rashomon.cluster import SignalClusterer, engine_settings
from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.online import CONTRAST_PENALTY, SAME_LANGUAGE_OFFSET
from rashomon.cluster.pairs import (
    TOPIC_PENALTY,
    UNANCHORED_PENALTY,
    anchored,
    join_penalty,
    penalty_bounds,
)
from rashomon.cluster.topics import TOPIC_STORIES, NameStories
from rashomon.core import Article
from rashomon.pipeline import Engine

TEXTS = Path(__file__).parent / "data" / "cluster" / "topic_names.json"
WINDOW = ("window-storm-en", "window-fish-de", "window-olympics-fr", "window-teachers-en")


@pytest.fixture(scope="module")
def placed(tmp_path_factory) -> tuple[SignalClusterer, dict[str, ArticleSignals]]:
    """The engine's clusterer after ingesting every text, and each text's signals."""
    records = json.loads(TEXTS.read_text(encoding="utf-8"))
    engine = Engine(str(tmp_path_factory.mktemp("topics") / "topics.db"))
    results = engine.ingest_articles(
        [Article(title=r["title"], maintext=r["text"], language=r["language"],
                 url=f"https://{r['id']}.example/news/2026/{r['id']}-report")
         for r in records])
    clusterer = engine.clusterer
    assert isinstance(clusterer, SignalClusterer)
    return clusterer, {r["id"]: clusterer._items[x.article_id]
                       for r, x in zip(records, results, strict=True)}


def _story(clusterer: SignalClusterer, item: ArticleSignals) -> int | None:
    return clusterer.story_of(item.article_id)


def test_other_happenings_stay_apart_and_the_storm_joins(placed) -> None:
    clusterer, items = placed
    stories = {key: _story(clusterer, item) for key, item in items.items()}
    apart = [stories[k] for k in (*WINDOW, "pensions-en", "party-de")]
    assert len(set(apart)) == len(apart)
    assert stories["storm-de"] == stories["window-storm-en"]


def test_a_pair_sharing_only_the_prime_ministers_name_pays_the_topic_penalty(placed) -> None:
    clusterer, items = placed
    speech, congress = items["pensions-en"], items["party-de"]
    assert not anchored(speech, congress)
    shared = speech.keys & congress.keys
    besides = (_story(clusterer, speech), _story(clusterer, congress))
    # every shared key (his name) is named by the four window stories besides the pair's
    assert shared and all(clusterer.names.others(k, besides) == len(WINDOW) for k in shared)
    raw = clusterer._pair(speech, congress)[0]
    assert clusterer.pair_score(speech, congress) == pytest.approx(
        raw - UNANCHORED_PENALTY - TOPIC_PENALTY)
    assert clusterer.pair_score(speech, congress) < clusterer.threshold


def test_without_the_window_the_same_pair_pays_only_the_anchor_penalty(placed) -> None:
    """A clusterer holding only the budget speech: no other story names him yet."""
    _, items = placed
    speech, congress = items["pensions-en"], items["party-de"]
    fresh = SignalClusterer(**engine_settings())
    fresh.learn_one(speech, 1)
    raw = fresh._pair(congress, speech)[0]
    assert fresh.pair_score(congress, speech) == pytest.approx(raw - UNANCHORED_PENALTY)


def test_a_name_only_the_happenings_own_story_names_is_specific(placed) -> None:
    """The two storm reports share no number and no title city, but a name (Trondheim)
    no other story of the window names: the anchor penalty only."""
    clusterer, items = placed
    english, german = items["window-storm-en"], items["storm-de"]
    assert not anchored(english, german)
    raw = clusterer._pair(english, german)[0]
    assert clusterer.pair_score(english, german) == pytest.approx(raw - UNANCHORED_PENALTY)


def test_stories_are_counted_not_articles() -> None:
    names = NameStories()
    for _ in range(TOPIC_STORIES + 3):  # many reports of one story
        names.add({"brk", "stm"}, 7)
    assert names.others("brk") == 1
    assert not names.topic_only({"brk"}, (8,))
    for story in range(1, TOPIC_STORIES + 2):
        names.add({"brk"}, story)
    assert names.others("brk", (7,)) == TOPIC_STORIES + 1
    assert names.topic_only({"brk"}, (7,))
    assert not names.topic_only({"brk", "stm"}, (1,))  # "stm" is story 7's alone
    assert not names.topic_only(set(), ())  # no shared name: not a topic pair
    names.move({"brk"}, 1, 7)  # story 1 merged into story 7
    assert names.others("brk", (7,)) == TOPIC_STORIES
    names.remove({"brk"}, 2)
    assert names.others("brk", (7,)) == TOPIC_STORIES - 1
    assert NameStories({"brk": 5}).others("brk") == 5  # a window's prior


def _item(article_id: int, keys: set[str], language: str = "en") -> ArticleSignals:
    vector = np.zeros(8, dtype=np.float32)
    vector[article_id % 8] = 1.0
    return ArticleSignals(article_id, vector, language=language, keys=set(keys))


def test_the_clusterer_keeps_its_counts_through_merge_forget_and_evict() -> None:
    clusterer = SignalClusterer(**engine_settings())
    clusterer.learn_one(_item(1, {"brk"}), 10)
    clusterer.learn_one(_item(2, {"brk"}), 20)
    clusterer.learn_one(_item(3, {"brk"}), 20)
    assert clusterer.names.others("brk") == 2
    absorbed, kept = clusterer._merge(10, 20)
    assert (absorbed, kept) == (10, 20) and clusterer.names.others("brk") == 1
    clusterer.forget_one(1)
    clusterer.forget_one(2)
    assert clusterer.names.others("brk") == 1
    clusterer.forget_one(3)
    assert clusterer.names.others("brk") == 0


def test_the_topic_penalty_is_across_languages_and_unanchored_only() -> None:
    def always(_a: ArticleSignals, _b: ArticleSignals) -> bool:
        return True

    en, de = _item(1, {"brk"}), _item(2, {"brk"}, "de")
    assert join_penalty(en, de, False, CONTRAST_PENALTY, SAME_LANGUAGE_OFFSET,
                        UNANCHORED_PENALTY, TOPIC_PENALTY, always) == pytest.approx(
        UNANCHORED_PENALTY + TOPIC_PENALTY)
    assert join_penalty(en, _item(3, {"brk"}), False, CONTRAST_PENALTY,
                        SAME_LANGUAGE_OFFSET, UNANCHORED_PENALTY, TOPIC_PENALTY,
                        always) == pytest.approx(SAME_LANGUAGE_OFFSET)
    en.numbers, de.numbers = {"214"}, {"214"}
    assert join_penalty(en, de, False, CONTRAST_PENALTY, SAME_LANGUAGE_OFFSET,
                        UNANCHORED_PENALTY, TOPIC_PENALTY, always) == 0.0
    _, across = penalty_bounds(CONTRAST_PENALTY, SAME_LANGUAGE_OFFSET, UNANCHORED_PENALTY,
                               [], TOPIC_PENALTY)
    assert across[0] <= -(UNANCHORED_PENALTY + TOPIC_PENALTY)
