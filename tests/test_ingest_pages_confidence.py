"""Publish times with a confidence: every time a page states is a candidate with its
origin; agreeing origins raise the decision's confidence, a contradicting one lowers it,
a text guess never beats markup, and modified times stay apart."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from rashomon import api
from rashomon.ingest import iter_inputs, read_bytes
from rashomon.ingest.fields import (
    ORIGIN_CONFIDENCE,
    origin_confidence,
    publish_confidence,
    same_publication,
)
from rashomon.pipeline import Engine

DATA = Path(__file__).parent / "data" / "ingest"
BODY = (
    "<p>Die Landesregierung hat am Dienstag ein Programm für den Ausbau der Radwege "
    "beschlossen. Bis 2030 sollen 400 Kilometer neue Wege entstehen, vor allem zwischen "
    "den Dörfern im Süden des Landes, wo viele Schüler bisher an der Bundesstraße fahren.</p>"
    "<p>Die Kosten von 120 Millionen Euro teilen sich Land und Kommunen. Der Verkehrsminister "
    "sprach von einem Anfang; Verbände fordern doppelt so viel Geld und schnellere Planung, "
    "weil viele Projekte seit Jahren auf eine Genehmigung warten.</p>"
)


def _page(head: str, url: str = "https://www.landesbote.example.de/politik/radwege") -> bytes:
    return (
        f"<html lang='de'><head><title>Radwege: Land beschließt Ausbau</title>{head}"
        f"<link rel='canonical' href='{url}'></head><body><article>"
        f"<h1>Radwege: Land beschließt Ausbau</h1>{BODY}</article></body></html>"
    ).encode()


def _read(data: bytes):
    items = list(read_bytes(data, "page.html"))
    assert len(items) == 1 and items[0].error is None, items
    return items[0].article


def test_markup_and_url_agreeing_give_high_confidence_and_every_candidate() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "datePublished": "2024-03-05T09:30:00+01:00",
          "dateModified": "2024-03-06T17:10:00+01:00"}
    article = _read(_page(
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>",
        url="https://www.landesbote.example.de/politik/2024/03/05/radwege"))
    assert article.date_publish == datetime(2024, 3, 5, 9, 30,
                                            tzinfo=timezone(timedelta(hours=1)))
    assert article.date_publish_origin == "jsonld"
    origins = [c["origin"] for c in article.date_candidates]
    assert origins[:2] == ["jsonld", "url"]  # most trusted first
    # JSON-LD alone is 0.9; the URL agreeing raises it.
    assert article.date_publish_confidence > ORIGIN_CONFIDENCE["jsonld"]
    assert article.date_publish_confidence <= 0.99
    # The modified time is kept apart: not a publish candidate.
    assert article.date_modify == datetime(2024, 3, 6, 17, 10,
                                           tzinfo=timezone(timedelta(hours=1)))
    assert all(not c["date_publish"].startswith("2024-03-06") for c in article.date_candidates)


def test_a_contradicting_origin_lowers_the_decision_and_the_guess_stays_low() -> None:
    # The page's title names 10.06.2013; the URL a 2019 day (a reused slug). Title wins.
    article = _read((
        "<html lang='de'><head><title>Radwege: Land beschließt Ausbau | Landesbote | "
        "10.06.2013</title><link rel='canonical' href='https://www.landesbote.example.de/"
        "2019/08/01/radwege'></head><body><article><h1>Radwege: Land beschließt Ausbau</h1>"
        f"{BODY}</article></body></html>").encode())
    assert article.date_publish.date().isoformat() == "2013-06-10"
    assert article.date_publish_origin == "title"
    url = next(c for c in article.date_candidates if c["origin"] == "url")
    assert url["date_publish"].startswith("2019-08-01")
    # Two origins contradicting each other: both contested, the decision by rank.
    assert article.date_publish_confidence < ORIGIN_CONFIDENCE["title"]
    assert url["confidence"] <= article.date_publish_confidence < 0.6
    # The text guess (htmldate reads the URL too) confirms neither.
    text = [c for c in article.date_candidates if c["origin"] == "text"]
    assert all(c["confidence"] < 0.5 for c in text)


def test_confidence_scale_orders_origins_and_conflicts() -> None:
    day = datetime(2015, 10, 12, tzinfo=UTC)
    teaser = datetime(2019, 5, 7, tzinfo=UTC)
    # A text guess alone is low; markup alone is high.
    assert origin_confidence("text") < 0.6 < origin_confidence("url") < origin_confidence(
        "jsonld")
    assert publish_confidence("text", teaser, [("text", teaser)]) == ORIGIN_CONFIDENCE["text"]
    # A guess contradicted by a byline falls under 0.5 (RNZ: teaser date 2019 against
    # the byline's 12.10.2015); the guess, derived from the page, never lowers markup.
    candidates = [("byline", day), ("text", teaser)]
    guess = publish_confidence("text", teaser, candidates)
    byline = publish_confidence("byline", day, candidates)
    assert guess < 0.5 < byline == ORIGIN_CONFIDENCE["byline"]
    # Markup contradicting markup lowers both.
    both = [("meta", day), ("url", teaser)]
    assert publish_confidence("meta", day, both) < ORIGIN_CONFIDENCE["meta"]
    assert publish_confidence("url", teaser, both) < publish_confidence("meta", day, both)
    # Three origins agreeing beat one alone; never 1.0.
    agreeing = [("jsonld", day), ("meta", day), ("url", day), ("time", day)]
    assert publish_confidence("jsonld", day, agreeing) == 0.99
    assert publish_confidence(None, None, []) is None


def test_same_publication_allows_time_zones_not_other_days() -> None:
    utc_evening = datetime(2020, 1, 19, 23, 30, tzinfo=UTC)
    assert same_publication(utc_evening, datetime(2020, 1, 20, tzinfo=UTC))  # local next day
    assert same_publication(datetime(2013, 11, 27, 8, 36, tzinfo=UTC),
                            datetime(2013, 11, 27, tzinfo=UTC))
    assert not same_publication(datetime(2013, 11, 27, 8, 36, tzinfo=UTC),
                                datetime(2013, 11, 28, tzinfo=UTC))
    # Two clock times 21 hours apart are two events (a publish and an update).
    assert not same_publication(datetime(2020, 1, 19, 12, 25, tzinfo=UTC),
                                datetime(2020, 1, 20, 9, 49, tzinfo=UTC))
    assert not same_publication(datetime(2019, 5, 15, tzinfo=UTC),
                                datetime(2019, 5, 17, tzinfo=UTC))


def test_records_and_feeds_carry_their_origin_confidence() -> None:
    records = [a.article for a in iter_inputs([str(DATA / "mixed.jsonl")]) if a.article]
    dated = [a for a in records if a.date_publish]
    assert dated and all(a.date_publish_confidence == ORIGIN_CONFIDENCE["input"]
                         for a in dated)
    assert all(a.date_publish_confidence is None for a in records if not a.date_publish)
    feed = [a.article for a in iter_inputs([str(DATA / "ru_feed.xml")]) if a.article]
    assert feed and all(a.date_publish_confidence == ORIGIN_CONFIDENCE["feed"]
                        for a in feed if a.date_publish)


def test_confidence_is_stored_and_served(tmp_path) -> None:
    engine = Engine(str(tmp_path / "r.db"))
    try:
        page = tmp_path / "radwege.html"
        ld = {"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00+01:00"}
        page.write_bytes(_page(
            f"<script type='application/ld+json'>{json.dumps(ld)}</script>",
            url="https://www.landesbote.example.de/politik/2024/03/05/radwege"))
        result = api.ingest(engine, [str(page)])["results"][0]
        assert result["date_publish_origin"] == "jsonld"
        assert result["date_publish"].startswith("2024-03-05T09:30")
        assert result["date_publish_confidence"] > 0.9
        served = api.article_data(engine.article(result["article_id"]))
        assert served["date_publish_confidence"] == result["date_publish_confidence"]
        assert [c["origin"] for c in served["date_candidates"]][:2] == ["jsonld", "url"]
        # Re-reading the unchanged page reports the stored values.
        again = api.ingest(engine, [str(page)])["results"][0]
        assert again["status"] == "unchanged"
        assert again["date_publish_confidence"] == result["date_publish_confidence"]
    finally:
        engine.close()
