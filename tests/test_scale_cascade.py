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


def test_clear_matches_in_two_stories_leave_an_article_undecided(signals) -> None:
    """The Persian mine report clearly reports the event of both the Arabic and the
    English one; while those two sit in different stories it is the evidence that they
    are one, so it is not decided (its own vector must link them); in one story it is."""
    first = Cascade()
    for key in ("mine-ar", "mine-en", "tram-en"):
        first.add(signals[key])
    ar, en = signals["mine-ar"].article_id, signals["mine-en"].article_id
    apart = {ar: 1, en: 2}
    assert first.first_pass(signals["mine-fa"], apart.get) is None
    together = {ar: 1, en: 1}
    match = first.first_pass(signals["mine-fa"], together.get)
    assert match is not None and match.article_id in (ar, en)
    assert first.decide([(signals["mine-fa"], True)], apart.get) == [None]


class _Leads:
    """The real embedder, noting which texts it is asked to embed as passages."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.texts = inner, inner.name, inner.dim, []

    def passages(self, texts):
        self.texts.extend(texts)
        return self.inner.passages(texts)

    def queries(self, texts):
        return self.inner.queries(texts)


def _ingest(tmp_path, embedder, langid, cascade: bool):
    from rashomon.cluster.signals import embedding_text
    from rashomon.config import Config
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    rows = sorted(json.loads(EVENTS.read_text(encoding="utf-8")), key=lambda r: r["published"])
    leads = _Leads(embedder)
    engine = Engine(SQLiteStore(tmp_path / f"c{int(cascade)}.db"), embedder=leads, langid=langid,
                    config=Config(cascade=cascade, claim_vectors=False))
    results = engine.ingest_articles(
        Article(title=r["title"], maintext=r["text"], language=r["language"],
                url=f"https://{r['source']}/{r['id']}", source_domain=r["source"],
                date_publish=datetime.fromisoformat(r["published"])) for r in rows)
    stories = {r["id"]: res.story_id for r, res in zip(rows, results, strict=True)}
    embedded = {r["id"] for r, res in zip(rows, results, strict=True)
                if embedding_text(engine.article(res.article_id)) in leads.texts}
    counts = dict(engine.vectors)
    engine.close()
    return stories, embedded, counts


def test_ingest_skips_the_lead_of_clear_cases(tmp_path, embedder, langid) -> None:
    """Wired into ingest: a report the first pass decides joins its twin's story without
    its lead being embedded; the grouping of these reports is that of a full run."""
    full, full_embedded, full_counts = _ingest(tmp_path, embedder, langid, cascade=False)
    fast, fast_embedded, counts = _ingest(tmp_path, embedder, langid, cascade=True)
    assert full_counts == {"embedded": len(full)} and full_embedded == set(full)
    assert counts.get("cascade", 0) >= 2 and counts["embedded"] == len(fast_embedded)
    skipped = set(fast) - fast_embedded
    assert "tram-ru" in skipped and fast["tram-ru"] == fast["tram-en"]
    assert "riksbank-ru" in fast_embedded and "tramstrike-en" in fast_embedded

    def partition(stories):
        groups: dict = {}
        for key, story in stories.items():
            groups.setdefault(story, set()).add(key)
        return sorted(sorted(g) for g in groups.values())

    assert partition(fast) == partition(full)


def test_junk_is_not_embedded(tmp_path, embedder, langid) -> None:
    """An item the quality check calls junk (here a front page: a site's bare path)
    joins no story, so neither its lead nor its sentences are embedded."""
    from rashomon.config import Config
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    row = json.loads(EVENTS.read_text(encoding="utf-8"))[0]
    leads = _Leads(embedder)
    engine = Engine(SQLiteStore(tmp_path / "j.db"), embedder=leads, langid=langid,
                    config=Config(claim_vectors=True))
    article = Article(title=row["title"], maintext=row["text"], language=row["language"],
                      url="https://frontpage.example.org/", source_domain="frontpage.example.org",
                      date_publish=datetime.fromisoformat(row["published"]))
    (result,) = engine.ingest_articles([article])
    engine.close()
    assert result.junk is not None and result.story_id is None
    assert leads.texts == []
