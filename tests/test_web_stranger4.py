"""What a newcomer met in the web UI and REST API (2026-12-05, a fresh runtime-only
install): a watchlist delete made the server log an unhandled error, and the ingest page
showed an item judged not news as "new", with no story and no reason."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rashomon.config import Config
from rashomon.web import create_app

AUTH = {"Authorization": "Bearer tk"}


@pytest.fixture
def client(engine) -> TestClient:
    config = Config(db=":memory:", api_token="tk", read_token="", allow_private_urls=False,
                    upload_limit=200_000, web_warm=False)
    app = create_app(engine, config=config, host="127.0.0.1", warm=False)
    return TestClient(app, client=("127.0.0.1", 40000), raise_server_exceptions=False,
                      base_url="http://127.0.0.1")


def test_deleting_a_watchlist_answers_204_without_a_body(client):
    """The 204 carried a JSON ``null``: HTTP allows no body on a 204, and uvicorn logged
    "Too much data for declared Content-Length" as an unhandled error on every delete."""
    made = client.post("/api/watchlists", headers=AUTH, json={"name": "n", "query": "Kazan"})
    assert made.status_code == 201, made.text
    gone = client.delete(f"/api/watchlists/{made.json()['id']}", headers=AUTH)
    assert gone.status_code == 204 and gone.content == b""
    assert client.get(f"/api/watchlists/{made.json()['id']}").status_code == 404
