"""The rating (``cluster.similarity.rating``, what the API's similarity returns): its own
model of the features, the centrality, lead-vs-rest and prose terms and a metric, then a
calibration. The terms belong to the embedding model they were fitted on; the rating stays
in [0, 1], ranks reports of one happening above reports of others, lowers pairs near the
centre of everyday news, pulls pages of site furniture towards the middle and leaves the
story decision's score alone."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rashomon.cluster import similarity as sim
from rashomon.cluster.signals import prose_share, rest_text
from rashomon.core import Article
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"
ROWS = {r["id"]: r for r in json.loads(EVENTS.read_text(encoding="utf-8"))}
CORPUS = Path(__file__).parent.parent / "src" / "rashomon" / "sample" / "corpus" / "a" / "txt"
#: Sample-corpus reports over 1,000 characters (a lead and a rest): one earthquake in
#: German and English, two central banks' rate decisions (ECB in Spanish, Bank of England
#: in German), a flood in Russian.
LONG = {"quake-de": "a1-tagesblick-de-erdbeben.txt", "quake-en": "a2-eastmedchronicle-en-quake.txt",
        "ecb-es": "a3-elobservador-es-bce-tipos.txt", "boe-de": "a4-marktkompass-de-boe.txt",
        "flood-ru": "a5-vestieuropy-ru-navodnenie.txt"}
#: A page whose article did not come through: what is left is the site's furniture.
FURNITURE = ("Bundeswehr will rechtsextreme Soldaten schneller entlassen",
             "Melden Sie sich an und diskutieren Sie mit\n\nAnmelden\nPfeil nach rechts\n"
             "Newsletter\nImpressum\nDatenschutz\nCookie-Einstellungen")


@pytest.fixture(scope="module")
def long_signals(embedder, langid):
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder, langid=langid)
    return {key: engine._signals_of_text((CORPUS / name).read_text(encoding="utf-8"), full=True)
            for key, name in LONG.items()}


@pytest.fixture(scope="module")
def rated_signals(embedder, langid):
    """The labelled event texts with what the rating reads (rest vector, prose share)."""
    engine = Engine(SQLiteStore(":memory:"), embedder=embedder, langid=langid)
    return {key: engine._signals_of_text(f"{row['title']}\n{row['text']}", full=True)
            for key, row in ROWS.items()}


def test_the_rating_belongs_to_the_shipped_embedder(embedder, rated_signals) -> None:
    assert sim.TOPIC_MEAN.shape == sim.RATING_METRIC.shape == (embedder.dim,)
    assert sim.RATING_WEIGHTS[0] < 0  # nearer the centre, the same cosine means less
    assert sim.RATING_WEIGHTS[1] > 0  # one text's lead told again in the other's rest
    a, b = rated_signals["rate-ru"], rated_signals["rate-de"]
    vector = np.ones(8, dtype=np.float32) / np.sqrt(8)  # leads of another model
    other_a, other_b = replace(a, embedding=vector), replace(b, embedding=vector)
    assert sim.rating(other_a, other_b) == pytest.approx(
        sim.calibrate(sim.unclipped_score(other_a, other_b)))
    assert sim.rating(a, b) != sim.calibrate(sim.unclipped_score(a, b))


def test_rest_vector_and_prose_share_of_a_long_report(long_signals, rated_signals) -> None:
    quake = long_signals["quake-de"]
    assert quake.rest_embedding is not None
    assert abs(float(np.linalg.norm(quake.rest_embedding)) - 1.0) < 1e-3
    assert 0.5 < float(quake.embedding @ quake.rest_embedding) < 0.999
    assert quake.prose_share > 0.9
    # short reports are all lead: no rest vector, and the rating reads the lead instead
    short, other = rated_signals["tram-zh"], rated_signals["tram-en"]
    assert short.rest_embedding is None and other.rest_embedding is None
    lead = float(short.embedding @ other.embedding)
    assert sim.rating_terms(short, other)[1] == pytest.approx(2 * lead, abs=1e-5)


def test_prose_share_tells_an_article_from_site_furniture() -> None:
    page = Article(title=FURNITURE[0], maintext=FURNITURE[1], language="de")
    report = Article(title="Erdbeben", language="de", maintext=(
        CORPUS / LONG["quake-de"]).read_text(encoding="utf-8").split("\n", 1)[1])
    assert prose_share(page) == 0.0
    assert prose_share(report) > 0.9
    assert prose_share(Article(title="x", maintext="")) == 0.0
    assert rest_text(page) == ""


def test_a_page_of_furniture_is_pulled_towards_the_middle(long_signals) -> None:
    """The raters saw the article a furniture page lost; what such pairs were rated is
    the average, so a low prose share moves a pair's rating away from 'different'."""
    assert sim.RATING_WEIGHTS[2] < 0
    a, b = long_signals["flood-ru"], long_signals["boe-de"]
    lost = replace(b, prose_share=0.1)
    assert sim.rating(a, b) < sim.rating(a, lost)


def test_a_pair_nearer_the_centre_scores_lower(rated_signals) -> None:
    """The same pair, one lead pulled towards the mean of news (renormalised): only the
    centrality term is compared (the cosine changes too)."""
    a, b = rated_signals["mine-en"], rated_signals["mine-es"]
    mean = sim.TOPIC_MEAN / np.linalg.norm(sim.TOPIC_MEAN)
    pulled = a.embedding + 0.5 * mean
    central = replace(a, embedding=(pulled / np.linalg.norm(pulled)).astype(np.float32))
    weight = sim.RATING_WEIGHTS[0]
    assert weight * sim.rating_terms(central, b)[0] < weight * sim.rating_terms(a, b)[0]


def test_the_calibration_increases_where_it_is_used() -> None:
    low, high = sim.CALIBRATION_RANGE
    assert low < high
    grid = np.linspace(low - 0.5, high + 0.5, 301)
    values = np.array([sim.calibrate(float(x)) for x in grid])
    assert np.all(np.diff(values) >= 0)
    inside = (grid > low) & (grid < high) & (values > 0) & (values < 1)
    assert inside.sum() > 100 and np.all(np.diff(values[inside]) > 0)


def test_rating_ranks_one_happening_above_same_topic_reports(rated_signals,
                                                             long_signals) -> None:
    """Every pair of the 14 multilingual reports (tram derailment, rate rise, mine
    collapse, ...): ratings within [0, 1], reports of one happening above reports of
    different ones; the story decision's ``pair_score`` is untouched by the rating."""
    rows = []
    for a, b in itertools.combinations(sorted(rated_signals), 2):
        first, second = rated_signals[a], rated_signals[b]
        assert sim.pair_score(first, second) == min(1.0, max(0.0, sim.unclipped_score(
            first, second)))
        rows.append((sim.rating(first, second), ROWS[a]["event"] == ROWS[b]["event"]))
    assert all(0.0 <= r <= 1.0 for r, _ in rows)
    same = [r for r, s in rows if s]
    other = [r for r, s in rows if not s]
    assert min(same) > np.median(other) and np.mean(same) > np.mean(other) + 0.2
    quake = sim.rating(long_signals["quake-de"], long_signals["quake-en"])
    rates = sim.rating(long_signals["ecb-es"], long_signals["boe-de"])
    assert quake > 0.5 and quake > rates + 0.2
