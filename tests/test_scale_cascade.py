"""The first pass of placement (cluster/cascade.py) on real multilingual reports
(tests/data/cluster/events.json): translations of one event sharing names and figures
are decided without an embedding; another event of the same place and names (months
later) or another central bank's decision the same day are not."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from rashomon import extract
from rashomon.cluster.cascade import Cascade, clearly_same
from rashomon.cluster.signals import build_signals
from rashomon.core import Article

EVENTS = Path(__file__).parent / "data" / "cluster" / "events.json"


@pytest.fixture(scope="module")
def signals():
    """Signals without any embedding (the first pass must not need one)."""
    rows = json.loads(EVENTS.read_text(encoding="utf-8"))
    built = {}
    for number, r in enumerate(rows, start=1):
        article = Article(title=r["title"], maintext=r["text"], language=r["language"],
                          id=number, date_publish=datetime.fromisoformat(r["published"]),
                          source_domain=r["source"])
        built[r["id"]] = build_signals(article, extract.extract_facts(article), np.zeros(4))
    return built


def test_translations_of_one_event_are_clear(signals) -> None:
    assert clearly_same(signals["tram-en"], signals["tram-ru"])
    assert clearly_same(signals["mine-es"], signals["mine-fa"])


def test_other_events_are_not(signals) -> None:
    assert not clearly_same(signals["tram-en"], signals["tramstrike-en"])  # months apart
    assert not clearly_same(signals["rate-de"], signals["riksbank-ru"])
    assert not clearly_same(signals["tram-en"], signals["mine-en"])


def test_first_pass_finds_the_clear_match_among_held(signals) -> None:
    first = Cascade()
    for key in ("tram-en", "mine-en", "rate-de", "tramstrike-en"):
        first.add(signals[key])
    match = first.first_pass(signals["tram-ru"])
    assert match is not None and match.article_id == signals["tram-en"].article_id
    assert first.first_pass(signals["riksbank-ru"]) is None  # undecided: embed
    first.remove(signals["tram-en"].article_id)
    first.remove(999)  # unknown ids are ignored
    assert first.first_pass(signals["tram-ru"]) is None and len(first) == 3
