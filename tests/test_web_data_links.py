"""Every page of the web UI is also data: each HTML view advertises (``<link
rel="alternate">``, and a "This page as data" line) a JSON and a CSV of what it shows; each
of those answers with that content type and the same records; the README's table of them
is the one the pages advertise. A page added without its data fails here.

Corpus: tests/data/web (a Kazan dam flood told in en/ru/fa/zh, a Lisbon factory in en/pt)."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from rashomon.config import Config
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.web import create_app, queries, routes_pages, views

DATA = Path(__file__).parent / "data" / "web"
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
#: GET routes answering HTML that are forms, not views of data
FORMS = {"/ingest"}
#: Parts of a page, not pages: the story page's comparison, which app.js fetches into a
#: story page sent while it was built (tests/test_web_first_request.py).
PARTS = {"/stories/{story_id}/comparison"}


class _Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.footer: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.links.append((a["type"], a["title"], a["href"]))
        if tag == "a" and "data-format" in a:
            self.footer.append(a["href"])


@pytest.fixture(scope="module")
def site(tmp_path_factory, embedder, langid):
    store = SQLiteStore(tmp_path_factory.mktemp("data-links") / "web.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest([str(DATA)])
    views.refresh_indexes(engine)
    config = Config(db=":memory:", api_token="", read_token="", web_warm=False)
    app = create_app(engine, config=config, host="127.0.0.1", warm=False)
    client = TestClient(app, client=("127.0.0.1", 40000), base_url="http://127.0.0.1")
    stories = client.get("/api/stories").json()["stories"]
    flood = next(s for s in stories if "ru" in s["languages"])
    story = client.get(f"/api/stories/{flood['id']}").json()
    russian = next(a for a in story["articles"] if a["language"] == "ru")
    entity = next(e for e in story["entities"] if e["label"] == "LOC")
    watch = queries.create_watchlist(engine, "Паводок в Казани", "Kazan", [], ["ru", "en"])
    pages = ["/", "/?q=Казань", f"/stories/{flood['id']}", f"/articles/{russian['id']}",
             f"/entities/{entity['id']}", "/watchlists", f"/watchlists/{watch['id']}"]
    yield app, client, pages
    store.close()


def _alternates(client: TestClient, page: str) -> _Alternates:
    response = client.get(page)
    assert response.status_code == 200, (page, response.text[:300])
    parser = _Alternates()
    parser.feed(response.text)
    return parser


def _pattern(href: str) -> str:
    """``/stories/12/articles.csv?q=x`` -> ``/stories/{id}/articles.csv``."""
    path = href.split("?", 1)[0]
    return re.sub(r"^(/(?:api/)?(?:stories|articles|entities|watchlists))/[^/]+",
                  r"\1/{id}", path)


def test_every_html_view_is_covered_by_this_test(site) -> None:
    _app, _client, pages = site
    views_ = [r for r in routes_pages.router.routes
              if isinstance(r, Route) and "GET" in (r.methods or ())
              and not r.path.startswith(("/api", "/static", "/openapi", "/docs", "/redoc"))
              and not re.search(r"\.(csv|md|xml|json)$", r.path) and r.path not in FORMS | PARTS]
    assert views_, "no HTML views found"
    for route in views_:
        assert any(route.path_regex.match(p.split("?")[0]) for p in pages), route.path


def test_each_page_links_its_json_and_csv_and_both_answer(site) -> None:
    _app, client, pages = site
    for page in pages:
        found = _alternates(client, page)
        types = {kind for kind, _title, _href in found.links}
        assert {"application/json", "text/csv"} <= types, (page, found.links)
        assert found.footer == [href for _k, _t, href in found.links], page  # shown too
        for kind, title, href in found.links:
            response = client.get(href)
            assert response.status_code == 200, (page, href, response.text[:200])
            assert response.headers["content-type"].startswith(kind), (href, kind)
            if kind == "application/json":
                assert isinstance(response.json(), dict), href
            elif kind == "text/csv":
                rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
                assert rows and all(rows[0]), (href, rows[:1])
                if page != "/watchlists" or title != "CSV":
                    assert len(rows) > 1, (page, href)  # every view here has records


def test_the_data_says_what_the_page_shows(site) -> None:
    """Same records: the story's articles, the article's facts at their offsets, the
    search's hits."""
    _app, client, pages = site
    story_page = next(p for p in pages if p.startswith("/stories/"))
    story = client.get("/api" + story_page).json()
    rows = list(csv.DictReader(io.StringIO(
        client.get(story_page + "/articles.csv").content.decode("utf-8-sig"))))
    assert sorted(int(r["id"]) for r in rows) == sorted(a["id"] for a in story["articles"])
    entities = list(csv.DictReader(io.StringIO(
        client.get(story_page + "/entities.csv").content.decode("utf-8-sig"))))
    assert {r["canonical"] for r in entities} == {e["canonical"] for e in story["entities"]}

    article_page = next(p for p in pages if p.startswith("/articles/"))
    article = client.get("/api" + article_page).json()
    facts = list(csv.DictReader(io.StringIO(
        client.get(article_page + "/facts.csv").content.decode("utf-8-sig"))))
    assert facts and {r["kind"] for r in facts} >= {"entity", "date"}
    for row in facts:  # the offsets cut the fact's own text out of the Russian article
        assert article["maintext"][int(row["start"]):int(row["end"])] == row["text"]
    assert len([r for r in facts if r["kind"] == "entity"]) == len(article["facts"]["mentions"])

    hits = client.get("/api/search", params={"q": "Казань"}).json()["results"]
    found = list(csv.DictReader(io.StringIO(
        client.get("/search.csv", params={"q": "Казань"}).content.decode("utf-8-sig"))))
    assert hits and [int(r["id"]) for r in found] == [h["id"] for h in hits]


def test_the_readme_table_lists_what_the_pages_advertise(site) -> None:
    _app, client, pages = site
    table = README.split("Every page is also data", 1)[1].split("\n\n", 2)[1]
    documented = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        documented[cells[0].strip("`")] = set(re.findall(r"`([^`]+)`", " ".join(cells[1:])))
    for page in pages:
        found = _alternates(client, page)
        key = _pattern(page) + ("?q=" if "?q=" in page else "")
        assert key in documented, (key, list(documented))
        assert {_pattern(h) for _k, _t, h in found.links} == documented[key], key
