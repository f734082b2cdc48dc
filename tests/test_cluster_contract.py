"""Contract every registered online clusterer must meet (river style: predict_one does not
change state, learn_one records, forget_one removes). Runs on each registry name."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from rashomon.cluster.signals import build_signals, embedding_text
from rashomon.core import Article
from rashomon.embed import get_embedder
from rashomon.registry import available, create

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
PICK = ("tram-en", "tram-ru", "rate-de", "mine-es")


@pytest.fixture(scope="module")
def signals():
    """Real signals (e5 embeddings) of four articles: two report the same event."""
    rows = {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}
    articles = []
    for number, key in enumerate(PICK, start=1):
        r = rows[key]
        articles.append(Article(
            title=r["title"], maintext=r["text"], language=r["language"], id=number,
            date_publish=datetime.fromisoformat(r["published"]), source_domain=r["source"],
        ))
    vectors = get_embedder("e5").passages([embedding_text(a) for a in articles])
    built = [build_signals(a, None, v) for a, v in zip(articles, vectors, strict=True)]
    return dict(zip(PICK, built, strict=True))


@pytest.fixture(params=available("clusterer")["clusterer"])
def clusterer(request):
    return create("clusterer", request.param)


def test_empty_clusterer_opens_a_new_story(clusterer, signals) -> None:
    story, _ = clusterer.predict_one(signals["tram-en"])
    assert story is None


def test_predict_does_not_change_state(clusterer, signals) -> None:
    clusterer.learn_one(signals["tram-en"], 10)
    first = clusterer.predict_one(signals["tram-ru"])
    second = clusterer.predict_one(signals["tram-ru"])
    assert first == second
    assert clusterer.predict_one(signals["rate-de"])[0] is None  # still only one story


def test_translation_joins_and_other_event_does_not(clusterer, signals) -> None:
    clusterer.learn_one(signals["tram-en"], 10)
    clusterer.learn_one(signals["rate-de"], 11)
    assert clusterer.predict_one(signals["tram-ru"])[0] == 10
    assert clusterer.predict_one(signals["mine-es"])[0] is None


def test_forget_one_removes_the_article(clusterer, signals) -> None:
    clusterer.learn_one(signals["tram-en"], 10)
    clusterer.forget_one(signals["tram-en"].article_id)
    assert clusterer.predict_one(signals["tram-ru"])[0] is None
    clusterer.forget_one(999)  # unknown ids are ignored


def test_relearning_an_article_moves_it(clusterer, signals) -> None:
    clusterer.learn_one(signals["tram-en"], 10)
    clusterer.learn_one(signals["tram-en"], 12)
    assert clusterer.predict_one(signals["tram-ru"])[0] == 12


def test_repair_reports_merges_between_known_stories(clusterer, signals) -> None:
    clusterer.learn_one(signals["tram-en"], 10)
    clusterer.learn_one(signals["rate-de"], 11)
    assert clusterer.repair(11) == []  # nothing else tells the rate decision
    clusterer.learn_one(signals["tram-ru"], 12)  # placed apart, as if it arrived first
    for absorbed, kept in clusterer.repair(12):
        assert {absorbed, kept} == {10, 12}
    assert clusterer.predict_one(signals["mine-es"])[0] is None
