"""Publish times that cannot be true are not used: a date in the future (a feed's
scheduled date, a CMS's "never expires" 2099-12-31), an empty value (0001-01-01, Unix time
0). Before, each was taken with confidence 0.9: a 2099 feed entry stood at the top of the
newest-first story list and opened a time window no real report shared."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from rashomon.ingest import read_bytes
from rashomon.ingest.fields import implausible_time, parse_datetime

NOW = datetime.now(UTC)

BODY_UK = ("Міська рада Львова у вівторок ухвалила закрити старий міст через річку Полтву після "
           "того, як інженери виявили тріщини у двох його опорах. За словами речниці ради, "
           "щодня мостом проїжджає близько 12 тисяч автомобілів, а ремонт триватиме щонайменше "
           "пів року.")
BODY_ES = ("El ayuntamiento de Valladolid cerró el martes el viejo puente de hierro sobre el río "
           "Pisuerga después de que los ingenieros hallaran grietas en dos de sus pilares. Unos "
           "12.000 vehículos cruzan el puente cada día, según la portavoz municipal, y las "
           "obras durarán al menos seis meses.")


def _one(data: bytes, source: str, url: str | None = None):
    [item] = list(read_bytes(data, source, url=url))
    assert item.error is None, item.error
    return item.article


@pytest.mark.parametrize("value, why", [
    (NOW + timedelta(days=3), "future"),
    (datetime(2099, 12, 31, tzinfo=UTC), "future"),
    (datetime(1, 1, 1, tzinfo=UTC), "empty"),
    (datetime(1970, 1, 1, 0, 0, 5, tzinfo=UTC), "empty"),
    (datetime(1970, 1, 1, 2, tzinfo=timezone(timedelta(hours=2))), "empty"),  # Unix 0 in CET
])
def test_times_that_cannot_be_a_publication(value, why):
    assert why in implausible_time(value, NOW)


@pytest.mark.parametrize("value", [
    NOW, NOW + timedelta(hours=14),  # a local time in UTC+14 read as UTC
    datetime(1851, 9, 18, tzinfo=UTC),  # a newspaper archive's first issue
    datetime(1969, 12, 31, 23, tzinfo=UTC), datetime(2001, 9, 11, 13, tzinfo=UTC),
])
def test_times_that_can_be(value):
    assert implausible_time(value, NOW) is None


def test_epoch_milliseconds_are_read_as_milliseconds():
    """1741082400000 (JavaScript's Date.now()) was out of range: "not a date"."""
    assert parse_datetime(1741082400000) == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    assert parse_datetime(1741082400) == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def test_a_feed_entry_dated_in_the_future_is_undated_with_a_warning():
    feed = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Новини Львова</title>
<item><title>Міст через Полтву закрили</title><link>https://lviv-novyny.example/2025/03/mist</link>
<pubDate>Tue, 03 Dec 2036 10:00:00 GMT</pubDate><description>{BODY_UK}</description></item>
<item><title>Міст закрили на ремонт</title><link>https://lviv-novyny.example/2025/03/remont</link>
<pubDate>Tue, 04 Mar 2025 09:30:00 +0200</pubDate><description>{BODY_UK}</description></item>
</channel></rss>""".encode()
    future, dated = [item.article for item in read_bytes(feed, "lviv.rss")]
    assert future.date_publish is None and future.date_publish_confidence is None
    assert any("2036-12-03 is in the future" in w for w in future.warnings)
    assert dated.date_publish == datetime(2025, 3, 4, 7, 30, tzinfo=UTC)
    assert not any("future" in w for w in dated.warnings)


def test_a_page_whose_meta_says_2099_takes_the_next_origin_and_lists_the_rejected():
    page = f"""<html lang="es"><head>
<meta property="article:published_time" content="2099-12-31T00:00:00Z">
<script type="application/ld+json">{{"@type": "NewsArticle",
 "datePublished": "0001-01-01T00:00:00"}}</script>
<title>Cierran el puente de hierro de Valladolid por grietas</title></head>
<body><article><h1>Cierran el puente de hierro de Valladolid por grietas</h1>
<p>{BODY_ES}</p></article></body></html>""".encode()
    url = "https://diario-pisuerga.example/2025/03/04/cierran-puente-hierro"
    article = _one(page, "puente.html", url=url)
    assert article.date_publish == datetime(2025, 3, 4, tzinfo=UTC)
    assert article.date_publish_origin == "url" and article.date_publish_confidence >= 0.8
    rejected = {c["origin"]: c for c in article.date_candidates if c.get("rejected")}
    assert set(rejected) == {"meta", "jsonld"}
    assert all(c["confidence"] == 0.0 for c in rejected.values())
    assert sum("not used" in w for w in article.warnings) == 2


@pytest.mark.parametrize("given, stored, warned", [
    (5, None, "1970-01-01 is an empty value"),
    ("1970-01-01 00:00:00", None, "1970-01-01 is an empty value"),
    ("0001-01-01T00:00:00Z", None, "0001-01-01 is an empty value"),
    ("2999-01-01 00:00:00", None, "2999-01-01 is in the future"),
    (1741082400000, "2025-03-04T10:00:00+00:00", None),
])
def test_record_times_of_the_wrong_kind(given, stored, warned):
    record = {"title": "Puente cerrado", "maintext": BODY_ES, "date_publish": given,
              "url": "https://diario-pisuerga.example/a/123"}
    article = _one(json.dumps(record).encode(), "x.jsonl")
    assert (article.date_publish.isoformat() if article.date_publish else None) == stored
    assert any(warned in w for w in article.warnings) if warned else not article.warnings


def test_a_source_domain_that_is_no_text_gives_way_to_the_url():
    """{"name": ...} from another scraper's schema was stored as the outlet "{'name': …}"."""
    record = {"title": "Puente cerrado", "maintext": BODY_ES,
              "url": "https://www.diario-pisuerga.example/a/123",
              "source_domain": {"name": "Diario del Pisuerga"}}
    article = _one(json.dumps(record).encode(), "x.jsonl")
    assert article.source_domain == "diario-pisuerga.example"
    assert any("source_domain" in w for w in article.warnings)
