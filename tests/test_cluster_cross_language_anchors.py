"""Across languages, two reports of one topic (a flu wave: hospitals postponing operations
in English, paediatric practices overwhelmed in German) embed about as close as one
event's coverage, and neither shares a number or a day date with the other; two reports
of one happening in two scripts (a ferry capsizing, in English and Russian) share its
figures. The story decision sets a stricter bar for cross-language pairs without such an
anchor (``pairs.anchored``, ``pairs.UNANCHORED_PENALTY``). The texts are undated, as
SemEval's are, so no time penalty tells the flu reports apart."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rashomon.cluster import SignalClusterer, engine_settings
from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.online import CONTRAST_PENALTY
from rashomon.cluster.pairs import UNANCHORED_PENALTY, anchored
from rashomon.pipeline import Engine

TEXTS = Path(__file__).parent / "data" / "cluster" / "cross_language_anchors.json"


def _records() -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(TEXTS.read_text(encoding="utf-8"))}


def _placed(tmp_path: Path, first: str, second: str,
            clusterer: SignalClusterer | None = None) -> tuple[int, int]:
    """The stories of two undated reports ingested one after the other into a fresh
    engine."""
    records = _records()
    rows = [{"url": f"https://news-{i}.example/{key}", "title": records[key]["title"],
             "maintext": records[key]["text"], "language": records[key]["language"],
             "date_publish": None} for i, key in enumerate((first, second))]
    path = tmp_path / f"{first}-{second}.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                    encoding="utf-8")
    engine = Engine(str(tmp_path / f"{first}-{second}.db"), clusterer=clusterer)
    results = engine.ingest([str(path)])
    assert all(r.story_id is not None for r in results)
    return results[0].story_id, results[1].story_id


def test_one_topic_in_two_languages_stays_two_stories(tmp_path) -> None:
    first, second = _placed(tmp_path, "flu-en", "flu-de")
    assert first != second


def test_without_the_anchor_bar_the_two_flu_reports_join(tmp_path) -> None:
    """What the bar is for: the same two reports join one story without it."""
    clusterer = SignalClusterer(**engine_settings(unanchored_penalty=0.0))
    first, second = _placed(tmp_path, "flu-en", "flu-de", clusterer)
    assert first == second


@pytest.mark.parametrize("order", [("ferry-en", "ferry-ru"), ("ferry-ru", "ferry-en")])
def test_one_happening_in_latin_and_cyrillic_script_is_one_story(tmp_path, order) -> None:
    first, second = _placed(tmp_path, *order)
    assert first == second


def _signals(language: str, numbers=(), dates=(), places=()) -> ArticleSignals:
    return ArticleSignals(0, np.zeros(4, dtype=np.float32), language=language,
                          numbers=set(numbers), dates=set(dates), places=set(places))


def test_an_anchor_is_a_shared_number_day_date_or_title_city() -> None:
    assert anchored(_signals("en", ["23", "41"]), _signals("ru", ["23"]))
    assert anchored(_signals("en", dates=["2025-05-04"]), _signals("de", ["7"], ["2025-05-04"]))
    assert anchored(_signals("en", places=["Lyon"]), _signals("ar", places=["Lyon", "Paris"]))
    assert not anchored(_signals("en", ["23"], places=["Lyon"]),
                        _signals("ru", ["24"], places=["Paris"]))
    assert not anchored(_signals("en"), _signals("de"))


def test_the_larger_of_contrast_and_anchor_penalty_applies_never_both() -> None:
    """A cross-language pair whose numbers disagree already takes the contrast penalty;
    the anchor bar does not stack on it. Same-language pairs never take it (their words
    are compared directly)."""
    clusterer = SignalClusterer()
    en = _signals("en", ["23"])
    en.embedding = np.ones(4, dtype=np.float32) / 2
    ru_other, ru_none = _signals("ru", ["24"]), _signals("ru")
    ru_shared, en_none = _signals("ru", ["23"]), _signals("en")
    for item in (ru_other, ru_none, ru_shared, en_none):
        item.embedding = en.embedding.copy()
    raw = {key: clusterer._pair(en, other)[0]
           for key, other in (("other", ru_other), ("none", ru_none), ("shared", ru_shared),
                              ("same", en_none))}
    assert clusterer.pair_score(en, ru_other) == pytest.approx(
        raw["other"] - max(CONTRAST_PENALTY, UNANCHORED_PENALTY))
    assert clusterer.pair_score(en, ru_none) == pytest.approx(raw["none"] - UNANCHORED_PENALTY)
    assert clusterer.pair_score(en, ru_shared) == pytest.approx(raw["shared"])
    assert clusterer.pair_score(en, en_none) == pytest.approx(
        raw["same"] - clusterer.same_language_offset)
    # the bounds the story link relies on hold every cross-language case
    bounds = clusterer._bounds()
    for other in (ru_other, ru_none, ru_shared):
        low, high = bounds(en, other)
        assert low <= clusterer.pair_score(en, other) <= high
    low, _ = bounds(en, ru_none)
    assert low <= -max(CONTRAST_PENALTY, UNANCHORED_PENALTY)
