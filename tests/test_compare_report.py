"""The story report on a multilingual story written for these tests (en, ru, fa, zh and a
syndicated copy), with real extraction and the real e5 embedder."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from rashomon import extract
from rashomon.compare import build_report
from rashomon.core import Article, Report, Story

DATA = Path(__file__).parent / "data" / "compare" / "fire_story.json"
WIRE, RU, FA, ZH = "wire.example.com", "novosti.example.ru", "khabar.example.ir", \
    "xinwen.example.cn"


def fire_story() -> tuple[Story, dict[str, Article]]:
    body = json.loads(DATA.read_text(encoding="utf-8"))
    ids = {a["key"]: i for i, a in enumerate(body["articles"], start=1)}
    articles = {
        a["key"]: Article(
            title=a["title"], maintext=a["maintext"], id=ids[a["key"]],
            source_domain=a["source_domain"], language=a["language"],
            date_publish=datetime.fromisoformat(a["date_publish"]),
            duplicate_of=ids.get(a.get("copy_of")),
        )
        for a in body["articles"]
    }
    return Story(id=7, title="Midia fire", articles=list(articles.values())), articles


@pytest.fixture(scope="module")
def report(embedder) -> tuple[dict, dict[str, Article]]:
    story, articles = fire_story()
    facts = {a.id: extract.extract_facts(a) for a in story.articles}
    entities = extract.link_entities(story.articles, facts)
    return build_report(story, facts, entities, embedder).to_dict(), articles


def _all_evidence(data: dict) -> list[dict]:
    found = [e for c in data["agreements"] for e in c["evidence"]]
    found += [e for cs in data["only_in"].values() for c in cs for e in c["evidence"]]
    found += [v["evidence"] for c in data["contradictions"] for v in c["values"]]
    found += [i["evidence"] for i in data["implausible"]]
    found += [e for t in data["timeline"] for e in t["evidence"]]
    return found


def test_shape_has_documented_keys(report):
    data, _ = report
    for key in ("story", "articles", "entities", "agreements", "only_in", "contradictions",
                "implausible", "timeline", "sources", "variations"):
        assert key in data
    json.dumps(data)  # serialisable as is


def test_every_evidence_is_traceable_to_maintext(report):
    data, articles = report
    by_id = {a.id: a for a in articles.values()}
    evidence = _all_evidence(data)
    assert evidence
    for e in evidence:
        assert set(e) >= {"article_id", "sentence", "start", "end"}
        assert by_id[e["article_id"]].maintext[e["start"]:e["end"]] == e["sentence"]


def test_syndicated_copy_counts_once(report):
    data, articles = report
    copy_id = articles["copy"].id
    assert data["story"]["independent_count"] == 4
    assert data["story"]["article_count"] == 5
    assert all(e["article_id"] != copy_id for e in _all_evidence(data))
    wire = next(s for s in data["sources"] if s["source"] == WIRE)
    assert [c["id"] for c in wire["copies"]] == [copy_id]
    assert next(a for a in data["articles"] if a["id"] == copy_id)["independent"] is False


def test_event_stated_by_all_sources_is_an_agreement(report):
    data, _ = report
    full = [c for c in data["agreements"] if len(c["sources"]) == 4]
    texts = " ".join(e["sentence"] for c in full for e in c["evidence"])
    assert "12 March 2024" in texts and "2024年3月12日" in texts
    assert any("Bucharest" in c["text"] for c in full)  # firefighters, all four sources


def test_planted_count_contradiction_with_hedge(report):
    data, _ = report
    residents = [c for c in data["contradictions"] if c["slot"] == "residents"]
    assert len(residents) == 1
    values = {v["source"]: v["value"] for v in residents[0]["values"]}
    assert values[WIRE] == 40000 and values[RU] == 60000
    assert residents[0]["severity"] == "medium"


def test_compatible_hedge_is_not_a_contradiction(report):
    data, _ = report
    # "more than 6 months" (wire) vs "6 месяцев" (ru): compatible
    for c in data["contradictions"]:
        assert all(v["value"] != 6 for v in c["values"]), c


def test_only_in_lists_the_persian_addition(report):
    data, _ = report
    persian = data["only_in"][FA]
    assert any("یوهانیس" in c["text"] for c in persian)
    assert all(c["sources"] == [FA] or FA in c["sources"] for c in persian)
    assert not any("یوهانیس" in e["sentence"] for c in data["agreements"]
                   for e in c["evidence"])


def test_implausible_deadline_before_the_event(report):
    data, _ = report
    flagged = [i for i in data["implausible"] if i["evidence"]["source"] == RU]
    assert len(flagged) == 1
    assert "1 марта 2024" in flagged[0]["evidence"]["sentence"]
    assert "2024-03-01" in flagged[0]["reason"]


def test_timeline_orders_dated_events_with_sources(report):
    data, _ = report
    dates = [t["date"] for t in data["timeline"]]
    assert dates == sorted(dates)
    fire = next(t for t in data["timeline"] if t["date"] == "2024-03-12")
    assert {e["source"] for e in fire["evidence"]} == {WIRE, RU, FA, ZH}
    assert "2024-03-01" not in dates  # the implausible deadline stays out


def test_sources_and_first_reporter(report):
    data, _ = report
    assert data["story"]["first_reporter"] == WIRE
    assert data["sources"][0]["source"] == WIRE and data["sources"][0]["first"]
    assert data["story"]["languages"] == ["en", "fa", "ru", "zh"]


def test_report_round_trips_through_json(report):
    data, _ = report
    again = Report.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data
