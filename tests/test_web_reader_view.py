"""The reader's view of a report (compare.gloss) on realistic Italian and Persian accounts
of one event (tests/data/readable: Geneva talks, residents about 100,000 vs 120,000, three
named participants), and the pages that show it: grouped disputes, glosses, one section
per sentence, the shared HTML renderer, escaping, build state, ?lang=."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon import api
from rashomon.compare import gloss
from rashomon.compare.render import md_text, to_html, to_markdown
from rashomon.config import Config
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.web import create_app, queries, views

DATA = Path(__file__).parent / "data" / "readable"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, langid) -> Engine:
    store = SQLiteStore(tmp_path_factory.mktemp("reader") / "r.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest([str(DATA)])
    return engine


@pytest.fixture(scope="module")
def story_id(engine) -> int:
    (story,) = engine.stories()
    return story.id


@pytest.fixture(scope="module")
def report(engine, story_id) -> dict:
    return api.get_report(engine, story_id, "en")


def evidence_of(report: dict) -> list[dict]:
    return list(gloss._evidence(report))


def test_residents_dispute_is_two_groups_with_their_sources(report) -> None:
    residents = [c for c in report["contradictions"] if c["heading"] == "residents"]
    assert len(residents) == 1, [c["heading"] for c in report["contradictions"]]
    groups = residents[0]["groups"]
    assert [g["value"] for g in groups] == [100000, 120000]
    assert groups[0]["display"] == "about 100,000 residents" and groups[0]["hedge"] == "about"
    assert groups[0]["sources"] == ["cronache-estere.example"]
    assert groups[1]["display"] == "120,000 residents"
    assert groups[1]["sources"] == ["khabar-jahan.example"]
    assert all(e["language"] == "fa" for e in groups[1]["evidence"])


def test_every_foreign_sentence_with_a_fact_has_a_gloss(engine, story_id, report) -> None:
    sentences = gloss.Sentences({a.id: engine.facts(a.id) for a in
                                 engine.story(story_id).articles}, engine.entities(story_id))
    foreign = [e for e in evidence_of(report) if e["language"] != "en"]
    assert foreign
    with_facts = [e for e in foreign if any(sentences.of(e).values())]
    assert with_facts and all(e.get("gloss") for e in with_facts)


def test_persian_glosses_say_120000_and_name_the_participants(report) -> None:
    persian = [e for e in evidence_of(report) if e["language"] == "fa"]
    residents = [e for e in persian if "هزار" in e["sentence"]]
    assert residents and all("residents: 120,000" in e["gloss_facts"] for e in residents)
    people = [e for e in persian if "مورل" in e["sentence"]]
    assert people
    for name in ("Daniel Morel (person)", "Anna Berger (person)", "Pavel Sokolov (person)"):
        assert name in people[0]["gloss_facts"]
    # the Italian sentence aligned with it is shown as another source's wording
    assert people[0]["aligned"]["language"] == "it"
    assert "another source's wording" in people[0]["gloss"]


def test_reader_language_sentences_get_no_gloss(engine, story_id) -> None:
    italian_reader = api.get_report(engine, story_id, "it")
    for e in evidence_of(italian_reader):
        assert (e.get("gloss") is None) == (e["language"] == "it")


def test_agreements_list_each_source_once_and_win_over_only_in(report) -> None:
    agreed = set()
    for claim in report["agreements"]:
        sources = [e["source"] for e in claim["evidence"]]
        assert len(sources) == len(set(sources))
        agreed |= {(e["article_id"], e["start"]) for e in claim["evidence"]}
    assert any({e["language"] for e in c["evidence"]} == {"it", "fa"}
               for c in report["agreements"])
    for claims in report["only_in"].values():
        for claim in claims:
            assert not agreed & {(e["article_id"], e["start"]) for e in claim["evidence"]}


def test_french_reader_gets_french_words_and_cldr_names(engine, story_id) -> None:
    french = api.get_report(engine, story_id, "fr")
    (residents,) = [c for c in french["contradictions"] if c["kind"] == "quantity"]
    assert residents["heading"] == "habitants"
    assert residents["groups"][0]["display"].startswith("environ 100")
    persian = [e for e in evidence_of(french) if e["language"] == "fa" and e.get("gloss")]
    assert any("États-Unis (lieu)" in e["gloss_facts"] for e in persian)


def test_unknown_reader_language_falls_back_to_english() -> None:
    assert gloss.reader_language("xx-YY") == "en"
    assert gloss.reader_language("fr_CA") == "fr"
    assert gloss.reader_language("<script>") == "en"


def test_figures_and_dates_read_in_the_reader_language() -> None:
    assert gloss.figure(6200, "ha", "about", "en") == "about 6,200 hectares"
    assert gloss.figure(6000, "ha", "more_than", "de") == "mehr als 6.000 Hektar"
    assert gloss.weekday("2025-07-26", "en") == "Saturday"
    assert gloss.place_name("Azerbaijan", "fr") == "Azerbaïdjan"


def test_html_report_shares_the_page_templates_contradictions_first(report) -> None:
    html = to_html(report)
    assert html.index('id="contradictions"') < html.index('id="agreements"') \
        < html.index('id="only-in"')
    assert 'class="groups-line"' in html and 'class="gloss"' in html
    # every quote and citation isolated: a Persian sentence cannot reorder its citation
    quotes = re.findall(r'<blockquote class="evidence"[^>]*>(.*?)</blockquote>', html, re.S)
    assert quotes and all(q.startswith("<bdi>") for q in quotes)
    assert all("<bdi>" in c for c in re.findall(r"<cite[^>]*>(.*?)</cite>", html, re.S))
    assert 'dir="rtl" lang="fa"' in html


def test_markdown_escapes_markup_from_article_text() -> None:
    assert md_text("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_text("[click](javascript:x) *bold* `code` a|b") == \
        "\\[click\\](javascript:x) \\*bold\\* \\`code\\` a\\|b"


def test_markdown_report_groups_values_and_glosses(report) -> None:
    md = to_markdown(report)
    assert md.index("## Contradictions") < md.index("## Agreements")
    assert "**about 100,000 residents** — cronache-estere.example" in md
    assert "_gloss: " in md and "residents: 120,000" in md


def client_for(engine: Engine) -> TestClient:
    config = Config(db=engine.store.path, api_token="", read_token="", web_warm=False)
    return TestClient(create_app(engine, config=config, warm=False),
                      base_url="http://127.0.0.1", client=("127.0.0.1", 50000))


def test_pages_and_api_take_lang(engine, story_id) -> None:
    client = client_for(engine)
    body = client.get(f"/api/stories/{story_id}/report", params={"lang": "de"}).json()
    assert body["reader_language"] == "de"
    assert body["contradictions"][0]["heading"] == "Einwohner"
    page = client.get(f"/stories/{story_id}?lang=de").text
    assert "etwa 100.000 Einwohner" in page
    assert client.get(f"/api/stories/{story_id}/report", params={"lang": "x" * 40}).status_code \
        == 400


def test_queued_story_says_it_is_being_built(engine, story_id) -> None:
    client = client_for(engine)
    with queries.BUILDS.lock:
        queries.BUILDS.pending.add(story_id)
    try:
        health = client.get("/api/health").json()
        assert health["builds"]["queue"] >= 1
        listing = client.get("/").text
        assert 'class="badge building"' in listing
        views._readable.clear()
        engine.store.put_document("reports", story_id, "stale", {})
        page = client.get(f"/stories/{story_id}").text
        assert 'id="building"' in page and 'http-equiv="refresh"' in page
    finally:
        with queries.BUILDS.lock:
            queries.BUILDS.pending.discard(story_id)
    # the page handed the story to the on-demand builder; the report endpoint builds it
    # or waits for that build, and the page then shows it
    assert client.get(f"/api/stories/{story_id}/report").status_code == 200
    deadline = time.monotonic() + 60
    while not queries.BUILDS.idle() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.get("/api/health").json()["builds"]["queue"] == 0
    page = client.get(f"/stories/{story_id}").text
    assert 'id="building"' not in page and 'class="groups-line"' in page


def test_article_page_links_entity_mentions(engine, story_id) -> None:
    client = client_for(engine)
    persian = next(a for a in engine.story(story_id).articles if a.language == "fa")
    page = client.get(f"/articles/{persian.id}").text
    links = re.findall(r'<a class="hl entity[^"]*" href="(/entities/[^"]+)"', page)
    assert "/entities/european-union" in links
    assert client.get(links[0]).status_code == 200
    assert "(2 articles)" in page


def test_heading_without_a_concept_key_takes_the_readers_own_word() -> None:
    """"More than 300 firefighters" (en) against "310" (el): the English word names the
    slot; the Greek sentence's own figure is grouped apart."""
    from rashomon.core import ArticleFacts, Quantity

    en = "More than 300 firefighters were at the scene."
    el = "Στο σημείο επιχειρούν 310 πυροσβέστες."
    facts = {1: ArticleFacts(1, quantities=[Quantity(0, 30, "More than 300 firefighters",
                                                     300, counted="firefighters",
                                                     hedge="more_than")]),
             2: ArticleFacts(2, quantities=[Quantity(26, 29, "310", 310)])}
    conflict = {"slot": "(Στο σημείο επιχειρούν…", "kind": "quantity", "severity": "low",
                "values": [
                    {"value": 300, "text": "More than 300", "hedge": "more_than",
                     "source": "wire.example", "evidence": {"article_id": 1, "sentence": en,
                                                             "start": 0, "end": len(en),
                                                             "source": "wire.example",
                                                             "language": "en"}},
                    {"value": 310, "text": "310", "source": "evia.example",
                     "evidence": {"article_id": 2, "sentence": el, "start": 0,
                                  "end": len(el), "source": "evia.example",
                                  "language": "el"}}]}
    sentences = gloss.Sentences(facts, [])
    conflict["groups"] = gloss.groups(conflict, sentences, "en")
    assert [g["display"] for g in conflict["groups"]] == ["more than 300", "310"]
    assert gloss.heading(conflict, sentences, "en") == "firefighters"
