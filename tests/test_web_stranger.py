"""What a newcomer met calling the REST API by hand (2026-12-05): a watchlist body that is
no JSON was answered with the articles endpoint's hint, and a posted article dated 2099
was stored with confidence 0.9."""

from __future__ import annotations

import pytest

AUTH = {"Authorization": "Bearer tk"}


@pytest.fixture
def client(token_client):
    """The token-holding loopback client of conftest."""
    return token_client


def test_a_watchlist_body_that_is_no_json_gets_the_watchlist_hint(client):
    bad = client.post("/api/watchlists", headers={**AUTH, "content-type": "application/json"},
                      content=b"name=Kreta")
    error = bad.json()["error"]
    assert bad.status_code == 400 and error["code"] == "E701"
    assert '"query"' in error["hint"] and "news-please" not in error["hint"]
    posted = client.post("/api/articles", headers={**AUTH, "content-type": "application/json"},
                         content=b"title=Kreta")
    assert "news-please" in posted.json()["error"]["hint"]


def test_a_posted_article_dated_in_the_future_is_stored_undated(client):
    record = {"title": "Galway harbour bridge closed after cracks found",
              "maintext": "The harbour bridge in Galway was closed to all traffic on Tuesday "
                          "evening after engineers found cracks in two of its pillars during a "
                          "routine inspection, the city council said. About 12,000 vehicles "
                          "cross the bridge each day, and repairs will take six months.",
              "url": "https://westcoast-times.example/news/galway-bridge-closed",
              "date_publish": "2099-01-01 00:00:00"}
    answer = client.post("/api/articles", headers=AUTH, json=record)
    assert answer.status_code == 201, answer.text
    [row] = answer.json()["results"]
    assert row["status"] == "new" and row["date_publish"] is None
    assert any("2099-01-01 is in the future" in w for w in row["warnings"])
