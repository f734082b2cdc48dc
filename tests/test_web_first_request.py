"""A story page's first request: it answers with what is ready (articles, entities) and
hands the comparison to the builder; the report endpoint builds it; no request waits for
another story's build; entity linking gives the lists it gave before it was made cheap."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.config import Config
from rashomon.extract import link_entities, linking
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.web import create_app, views
from rashomon.web.builds import BUILDS, STORY_LOCKS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "rashomon" / "sample" / "corpus"
READABLE = Path(__file__).parent / "data" / "readable"
#: Entity lists of every story of the sample corpus and tests/data/readable as linking
#: gave them before it embedded only the names it compares (made on main at 6fb918c).
#: A change of extraction that changes them on purpose rewrites the file:
#: ``RASHOMON_WRITE_EXPECTED=1 pytest tests/test_web_first_request.py -k entity_lists``
#: (then read its diff: every moved entity is a change of what readers see).
EXPECTED = Path(__file__).parent / "data" / "linking" / "sample_entities.json"
WAIT = 120  # seconds a build may take on a loaded machine (a few seconds when quiet)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, langid):
    store = SQLiteStore(tmp_path_factory.mktemp("first") / "f.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest([str(SAMPLE), str(READABLE)])
    yield engine
    store.close()


@pytest.fixture(scope="module")
def client(engine):
    config = Config(db=engine.store.path, api_token="", read_token="", web_warm=False)
    return TestClient(create_app(engine, config=config, warm=False),
                      base_url="http://127.0.0.1", client=("127.0.0.1", 50000))


def unbuilt(engine, client, languages: set[str]) -> int:
    """A story of two articles or more in ``languages`` whose comparison nobody asked for."""
    for row in client.get("/api/stories", params={"limit": 100}).json()["stories"]:
        story = engine.story(row["id"])
        if languages <= set(story.languages) and len(story.articles) >= 2 and \
                views.cached_report(engine, story) is None and not BUILDS.waiting(story.id):
            return story.id
    raise AssertionError(f"no unbuilt story in {languages}")


def settle() -> None:
    """Wait until the builder has built what the requests asked for."""
    deadline = time.monotonic() + WAIT
    while not BUILDS.idle() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert BUILDS.idle()


def test_first_request_answers_without_the_comparison_then_the_report_endpoint_builds_it(
        engine, client) -> None:
    story_id = unbuilt(engine, client, {"it", "fa"})  # the Geneva talks, Italian / Persian
    first = client.get(f"/api/stories/{story_id}").json()
    assert first["report"] is None and first["building"] is True
    assert first["report_unavailable"] is None and first["contradictions"] == 0
    assert len(first["articles"]) >= 2
    assert {"it", "fa"} <= {lang for e in first["entities"] for lang in e["surface_forms"]}
    report = client.get(f"/api/stories/{story_id}/report")  # built here or by the builder
    assert report.status_code == 200
    assert {"contradictions", "agreements", "only_in"} <= set(report.json())
    again = client.get(f"/api/stories/{story_id}").json()
    assert again["building"] is False and again["report"] == report.json()
    assert again["entities"] == first["entities"]
    settle()


def test_the_html_page_comes_at_once_and_its_comparison_comes_in_the_readers_language(
        engine, client) -> None:
    story_id = unbuilt(engine, client, {"de", "el"})  # the Euboea fire, five languages
    page = client.get(f"/stories/{story_id}", params={"lang": "de"}).text
    assert 'id="building"' in page and 'class="report"' not in page
    assert f'data-src="/stories/{story_id}/comparison?lang=de"' in page
    assert '<noscript><meta http-equiv="refresh"' in page  # without scripts: reloads
    assert 'id="entities"' in page and 'id="articles"' in page
    fragment = client.get(f"/stories/{story_id}/comparison", params={"lang": "de"})
    assert fragment.status_code == 200 and fragment.text.startswith('<div id="comparison"')
    assert '<div class="report" lang="de"' in fragment.text
    assert "Widersprüche" in fragment.text  # the German reader's heading
    assert "data-badge=" in fragment.text  # its contradictions, for the page's meta line
    shown = client.get(f"/stories/{story_id}", params={"lang": "de"}).text
    assert 'id="building"' not in shown and '<div class="report" lang="de"' in shown
    settle()


def test_no_request_waits_for_another_storys_build(engine, client) -> None:
    """Story A's build is under way (its lock is held, as a build holds it): story B's
    page, report and comparison, and A's own page, answer; A's report waits for A."""
    first = unbuilt(engine, client, {"ru"})
    busy = engine.story(first)
    other = next(s.id for s in engine.stories(limit=100) if s.id != first and
                 len(engine.story(s.id).articles) >= 2 and
                 views.cached_report(engine, engine.story(s.id)) is None)
    answers: dict[str, object] = {}

    def get(name: str, path: str) -> threading.Thread:
        thread = threading.Thread(target=lambda: answers.update({name: client.get(path)}))
        thread.start()
        return thread

    with STORY_LOCKS.hold(engine, busy.id):
        page = client.get(f"/api/stories/{busy.id}").json()  # at once: being built
        assert page["building"] is True and page["report"] is None
        own = get("own", f"/api/stories/{busy.id}/report")
        for name, path in (("json", f"/api/stories/{other}"),
                           ("report", f"/api/stories/{other}/report"),
                           ("comparison", f"/stories/{other}/comparison")):
            get(name, path).join(WAIT)
            assert answers[name].status_code == 200, name
        assert answers["report"].json()["agreements"] is not None
        own.join(0.3)
        assert own.is_alive()  # A's report waits for A's build, and only for it
    own.join(WAIT)
    assert answers["own"].status_code == 200
    settle()


def test_a_failed_build_says_not_available_instead_of_building(engine, client) -> None:
    """A build that failed for this article set is not asked again by every view: the
    page and the JSON give the reason; the report endpoint tries again (and builds)."""
    story_id = unbuilt(engine, client, {"en"})
    story = engine.story(story_id)
    why = "The comparison could not be built: no model"
    BUILDS.record(engine, story_id, views.article_set(story), why)  # as a failed build does
    data = client.get(f"/api/stories/{story_id}").json()
    assert data["building"] is False and data["report_unavailable"] == why
    page = client.get(f"/stories/{story_id}").text
    assert 'id="building"' not in page and 'id="no-report"' in page and "no model" in page
    assert not BUILDS.waiting(story_id)
    assert client.get(f"/api/stories/{story_id}/report").status_code == 200
    assert client.get(f"/api/stories/{story_id}").json()["report"] is not None
    assert BUILDS.failed(engine, story_id, views.article_set(story)) is None


def test_linking_gives_the_entity_lists_it_gave_before(engine) -> None:
    """Every story of the sample corpus and the Geneva talks: the same entities, forms and
    occurrences as before the linking embedded only the names it compares across
    scripts; the second linking of a story embeds nothing (its names are reused) and a
    story of one script embeds nothing at all."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    write = os.environ.get("RASHOMON_WRITE_EXPECTED") == "1"
    written: dict[str, list] = {}
    seen = set()
    for story in engine.stories(limit=500):
        articles = engine.story(story.id).articles
        key = {a.id: a.url or a.title for a in articles}
        facts = {a.id: engine.facts(a.id) for a in articles}
        before = dict(linking.NAME_COUNTS)
        entities = link_entities(articles, facts)
        embedded = linking.NAME_COUNTS["embedded"] - before.get("embedded", 0)
        got = [{"id": e.id, "canonical": e.canonical, "label": e.label,
                "surface_forms": e.surface_forms,
                "occurrences": sorted([key[o.article_id], o.start, o.end, o.text]
                                      for o in e.occurrences)} for e in entities]
        name = " | ".join(sorted(key.values()))
        written[name] = got
        assert write or got == expected[name], name
        seen.add(name)
        scripts = {linking.script_of(a.maintext[:200]) for a in articles}
        if len(scripts) == 1:
            assert embedded == 0, name
        again = dict(linking.NAME_COUNTS)
        link_entities(articles, {a.id: engine.facts(a.id) for a in articles})
        assert linking.NAME_COUNTS["embedded"] == again.get("embedded", 0), name
    if write:
        text = json.dumps(written, ensure_ascii=False, indent=0, sort_keys=True)
        EXPECTED.write_text(text, encoding="utf-8")
        return
    assert seen == set(expected)
    assert linking.NAME_COUNTS["reused"] > 0


def test_the_report_embeds_no_name_linking_embedded(tmp_path, embedder, langid) -> None:
    """The Geneva talks (Italian / Persian): linking embeds the names it compares across
    the scripts; the report then stores every name's vector, reading those from linking's
    cache instead of embedding them again; another story of those articles reads them."""
    engine = Engine(SQLiteStore(tmp_path / "g.db"), embedder=embedder, langid=langid)
    results = engine.ingest([str(READABLE)])
    story_id = results[0].story_id
    assert {r.story_id for r in results} == {story_id}
    linking._name_cache.clear()
    before = dict(linking.NAME_COUNTS)
    engine.entities(story_id)
    linked = linking.NAME_COUNTS["embedded"] - before.get("embedded", 0)
    assert linked > 0
    middle = dict(linking.NAME_COUNTS)
    engine.report(story_id)
    assert linking.NAME_COUNTS["reused"] - middle.get("reused", 0) >= linked
    # the stored name vectors serve the articles' next story too (a merge), after a
    # restart (the process's name cache forgotten): its linking embeds nothing
    entities = engine.entities(story_id)
    kept = engine.store.new_story("Colloqui di Ginevra")
    engine.store.merge_story(story_id, kept)
    linking._name_cache.clear()
    before = dict(linking.NAME_COUNTS)
    assert [(e.canonical, e.surface_forms) for e in engine.entities(kept)] == \
        [(e.canonical, e.surface_forms) for e in entities]
    assert linking.NAME_COUNTS["embedded"] == before.get("embedded", 0)
    engine.close()
