"""The JSON API and pages, in process (FastAPI TestClient) over a real SQLite store with
the real language identifier and embedder. Test articles: tests/data/web/ (a Kazan dam
flood told in en/ru/fa/zh with a 1,200 vs 3,000 evacuees contradiction, a Lisbon factory
opening in en/pt, and a hostile article full of markup)."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from rashomon.config import Config
from rashomon.core import Article
from rashomon.errors import FetchRefused
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore
from rashomon.web import create_app, queries, views

DATA = Path(__file__).parent / "data" / "web"
LOCAL = ("127.0.0.1", 40000)  # a browser on the server's own machine


def make_config(**overrides) -> Config:
    values = {"api_token": "", "read_token": "", "allow_private_urls": False,
              "upload_limit": 200_000, "web_warm": False}
    values.update(overrides)
    return Config(db=":memory:", **values)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, langid) -> Engine:
    store = SQLiteStore(tmp_path_factory.mktemp("web") / "web.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest([str(DATA)])
    yield engine
    store.close()


def client_for(engine: Engine, client=LOCAL, host="127.0.0.1", **config) -> TestClient:
    app = create_app(engine, config=make_config(**config), host=host, warm=False)
    return TestClient(app, client=client, raise_server_exceptions=False,
                      base_url="http://127.0.0.1")  # a Host the server answers to


@pytest.fixture
def client(engine) -> TestClient:
    return client_for(engine)


def story_id_with(client: TestClient, language: str) -> int:
    stories = client.get("/api/stories", params={"language": language}).json()["stories"]
    assert len(stories) == 1, stories
    return stories[0]["id"]


# -- stories, filters, pagination -----------------------------------------------------------
def test_story_list_newest_first_with_languages_and_counts(client) -> None:
    stories = client.get("/api/stories").json()["stories"]
    # Clustering is another stage's job: only what any sane grouping gives is asserted.
    assert sum(s["article_count"] for s in stories) == 7
    last_seen = [s["last_seen"] for s in stories]
    assert last_seen == sorted(last_seen, reverse=True)
    flood = next(s for s in stories if "ru" in s["languages"])
    assert {"en", "ru", "fa"} <= set(flood["languages"])
    assert flood["article_count"] == flood["source_count"] >= 3
    assert flood["first_seen"].startswith("2024-04-12T08:10")
    factory = next(s for s in stories if "pt" in s["languages"])
    assert (factory["languages"], factory["article_count"]) == (["en", "pt"], 2)
    assert "contradictions" in flood


def test_articles_without_an_outlet_still_count_as_witnesses(tmp_path, embedder, langid) -> None:
    """Plain-text files carry no outlet; each is still an independent witness, so the list
    must not say "0 sources" for a story a newcomer ingested from files."""
    (tmp_path / "tallinn.txt").write_text(
        "Паром «Балтика» сел на мель у Таллина\n\nПаром с 312 пассажирами сел на мель у "
        "входа в порт Таллина в среду утром; пострадавших нет, сообщила береговая охрана.",
        encoding="utf-8",
    )
    store = SQLiteStore(tmp_path / "plain.db")
    engine = Engine(store, embedder=embedder, langid=langid)
    engine.ingest([str(tmp_path / "tallinn.txt")])
    page = client_for(engine).get("/").text
    store.close()
    # CLDR plural forms: one independent source, zero named outlets
    row = re.search(r'title="(\d+) independent source, (\d+) named outlets">(\d+)<', page)
    assert row is not None and row.groups() == ("1", "0", "1")


def test_cursor_pagination_walks_every_story_once(client) -> None:
    seen, cursor = [], None
    for _ in range(5):
        page = client.get("/api/stories", params={"limit": 1, "cursor": cursor}).json()
        seen += [s["id"] for s in page["stories"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    total = len(client.get("/api/stories").json()["stories"])
    assert len(seen) == total and len(set(seen)) == total
    bad = client.get("/api/stories", params={"cursor": "not-a-cursor!"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E707"
    assert client.get("/api/stories", params={"limit": 0}).json()["error"]["code"] == "E701"


def test_filters_language_source_dates(client) -> None:
    def titles(**params) -> list[str]:
        return [s["title"] for s in client.get("/api/stories", params=params).json()["stories"]]

    assert titles(language="fa") == [t for t in titles() if "1,200" in t]
    assert titles(source="diario-do-tejo.example")[0].startswith("Helios")
    assert len(titles(since="2024-05-01")) == 2  # factory (May) and strike (June)
    april = titles(until="2024-04-30")  # the April flood only (however it is grouped)
    assert april and all(t not in titles(since="2024-05-01") for t in april)
    bad = client.get("/api/stories", params={"since": "12/04/2024"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E701"
    # a language is read as stored ('FA', 'fa-IR' -> 'fa'); a name that is no code was an
    # empty list, as if no story were in that language
    assert titles(language="FA") == titles(language="fa-IR") == titles(language="fa")
    for value in ("Persian", "klingon", "f4"):
        bad = client.get("/api/stories", params={"language": value})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "E701", value


def test_filtered_html_page_and_csv(client) -> None:
    page = client.get("/", params={"language": "pt"})
    assert page.status_code == 200 and "Helios Energia" in page.text and "Kazan" not in page.text
    csv = client.get("/stories.csv", params={"language": "pt"})
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("id,title,languages") and len(lines) == 2


# -- search ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "language", "marked"),
    [
        ("казан", "ru", "Казан"),  # Cyrillic, case-folded by the trigram index
        ("کازان", "fa", "کازان"),  # Persian
        ("大坝", "zh", "大坝"),  # two CJK characters: below trigram length, LIKE fallback
        ("喀山附近", "zh", "喀山附近"),  # CJK inside an unsegmented sentence
        ("evacuated", "en", "evacuated"),
    ],
)
def test_search_in_every_script_marks_the_match(client, query, language, marked) -> None:
    data = client.get("/api/search", params={"q": query}).json()
    assert data["results"], query
    hit = data["results"][0]
    assert hit["language"] == language
    marks = [s["text"] for s in hit["title_segments"] + hit["snippet_segments"] if s["mark"]]
    assert marked in marks


def test_search_narrows_the_story_list_and_highlights_in_html(client) -> None:
    stories = client.get("/api/stories", params={"q": "Лиссабон OR nothing"}).json()["stories"]
    assert stories == []  # terms are AND-ed: a word found nowhere empties the list
    stories = client.get("/api/stories", params={"q": "Lisboa"}).json()["stories"]
    assert [s["title"][:6] for s in stories] == ["Helios"]
    page = client.get("/", params={"q": "Lisboa"}).text
    assert "<mark>Lisboa</mark>" in page
    empty = client.get("/api/search", params={"q": "   "})
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "E701"


def test_entity_forms_extend_search_across_scripts(engine, client) -> None:
    """Once an entity is indexed with its spellings, a Latin query finds the Chinese and
    Persian articles too (entity rows written through the real store)."""
    sid = story_id_with(client, "ru")
    engine.store.put_entity_index(sid, "test", [{
        "entity_id": "LOC:kazan", "canonical": "Kazan", "label": "LOC",
        "forms": {"en": ["Kazan"], "ru": ["Казань"], "fa": ["کازان"], "zh": ["喀山"]},
    }])
    languages = {r["language"] for r in
                 client.get("/api/search", params={"q": "Kazan"}).json()["results"]}
    assert languages == {"en", "ru", "fa", "zh"}
    entity = client.get("/api/entities/LOC:kazan").json()
    assert entity["surface_forms"]["zh"] == ["喀山"] and entity["stories"][0]["id"] == sid
    assert client.get("/api/stories", params={"entity": "kazan"}).json()["stories"][0]["id"] == sid
    page = client.get("/entities/LOC:kazan").text
    assert "喀山" in page and "Dam breach" in page
    assert client.get("/api/entities/nobody").json()["error"]["code"] == "E601"


def test_fts_index_follows_updates_and_deletes(tmp_path) -> None:
    store = SQLiteStore(tmp_path / "fts.db")
    article = Article(title="Паводок в Самаре", maintext="Вода поднялась на три метра.")
    aid = store.add_article(article, None)
    assert store.search_article_ids([["самаре"]]) == [aid]
    store.update_article(aid, Article(title="Паводок в Саратове", maintext="Вода ушла."))
    assert store.search_article_ids([["самаре"]]) == []
    assert store.search_article_ids([["саратов"]]) == [aid]
    store.execute("DELETE FROM articles WHERE id = ?", (aid,))
    assert store.search_article_ids([["саратов"]]) == []
    store.close()


# -- story and article pages ----------------------------------------------------------------
def test_story_page_lists_articles_and_degrades_without_comparison(client) -> None:
    sid = story_id_with(client, "ru")
    data = client.get(f"/api/stories/{sid}").json()
    assert len(data["articles"]) >= 3
    assert {a["dir"] for a in data["articles"] if a["language"] == "fa"} == {"rtl"}
    page = client.get(f"/stories/{sid}").text
    assert "Прорыв дамбы под Казанью" in page and 'dir="rtl"' in page
    assert f"{data['independent_count']} independent sources" in page
    # a first view answers without a comparison not built yet ("being built", built in
    # the background); the report endpoint builds it (503 E708 only if it cannot be built)
    if data["report"] is None and data["building"]:
        assert 'id="building"' in page or 'class="report"' in page
    report = client.get(f"/api/stories/{sid}/report")
    if data["report"] is None and not data["building"]:
        assert "Comparison not available" in page
        assert report.status_code == 503 and report.json()["error"]["code"] == "E708"
    else:
        assert report.status_code == 200 and "contradictions" in report.json()


def test_links_to_a_merged_story_lead_to_the_story_it_joined(engine, client) -> None:
    """Late coverage can merge two stories; bookmarks and watchlist links to the absorbed
    id must not break (an empty story opened for the same flood, merged into it)."""
    flood = story_id_with(client, "ru")
    absorbed = engine.store.new_story("Наводнение под Казанью")
    engine.store.merge_story(absorbed, flood)
    for path, target in [(f"/stories/{absorbed}", f"/stories/{flood}"),
                         (f"/api/stories/{absorbed}/report?x=1",
                          f"/api/stories/{flood}/report?x=1")]:
        moved = client.get(path, follow_redirects=False)
        assert (moved.status_code, moved.headers["location"]) == (308, target)
    assert client.get(f"/stories/{absorbed}").text == client.get(f"/stories/{flood}").text


def test_story_downloads_evidence_csv_and_markdown_report(client) -> None:
    sid = story_id_with(client, "ru")
    client.get(f"/api/stories/{sid}/report")  # builds the report if the page has not yet
    page = client.get(f"/stories/{sid}").text
    assert f'href="/stories/{sid}/evidence.csv"' in page
    evidence = client.get(f"/stories/{sid}/evidence.csv")
    assert evidence.status_code == 200 and "attachment" in evidence.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(evidence.content.decode("utf-8-sig"))))
    conflict = {r["value"].replace(",", "") for r in rows if r["section"] == "contradiction"}
    assert {"1200", "3000"} <= conflict
    markdown = client.get(f"/stories/{sid}/report.md")
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith(
        "text/markdown")
    assert "Прорыв дамбы" in markdown.text or "Kazan" in markdown.text
    assert client.get("/stories/999999/report.md").status_code == 404


def test_story_page_shows_the_evacuee_contradiction_as_grouped_values(client) -> None:
    sid = story_id_with(client, "ru")
    report = client.get(f"/api/stories/{sid}/report")
    assert report.status_code == 200
    contradictions = report.json()["contradictions"]
    quantity = [c for c in contradictions if c["kind"] == "quantity"]
    assert quantity
    assert all("groups" in c for c in quantity), [sorted(c) for c in quantity]
    values = {g["value"] for c in quantity for g in c["groups"]}
    assert {3000, 1200} <= values, values
    page = client.get(f"/stories/{sid}").text
    assert 'class="groups-line"' in page and 'class="conflict"' in page
    assert "3,000" in page and "1,200" in page


def test_only_in_lists_each_source_in_its_own_words(client) -> None:
    """A claim only the English and Russian reports carry (the water rose two metres)
    appears under each of them in that source's own sentence, naming the other."""
    sid = story_id_with(client, "ru")
    only_in = client.get(f"/api/stories/{sid}/report").json()["only_in"]
    shared = [c for c in only_in.get("vestnik-volgi.example", []) if len(c["sources"]) > 1]
    assert shared, only_in
    page = client.get(f"/stories/{sid}").text
    section = page[page.index('id="only-in"'):]
    russian = section[section.index("Only in <bdi>vestnik-volgi.example</bdi>"):]
    russian = russian[:russian.find("<h3>", 10)]  # its own list only
    quote = russian[:russian.index("</blockquote>")]
    assert re.search(r"[А-Яа-я]{4}", quote), quote  # the Russian sentence, not the English
    assert "also in <bdi>rivernews.example</bdi>" in russian


def test_article_page_highlights_from_offsets_and_links_safely(client) -> None:
    fa = client.get("/api/search", params={"q": "ساکنان"}).json()["results"][0]
    data = client.get(f"/api/articles/{fa['id']}").json()
    assert data["dir"] == "rtl" and data["href"].startswith("https://khabar-e-rooz.example/")
    assert "".join(s["text"] for s in data["segments"]) == data["maintext"]
    assert data["story"]["article_count"] >= 3
    page = client.get(f"/articles/{fa['id']}").text
    assert 'class="maintext" dir="rtl"' in page and 'rel="noopener noreferrer nofollow"' in page


def test_span_segments_handle_overlap_and_bad_offsets() -> None:
    text = "«Мы вывезли всех», — сказал Илья Марков."
    spans = [(0, 17, "quote", "quote by Илья Марков"), (4, 11, "entity", "x"),
             (28, 39, "entity", "PER: Илья Марков"), (30, 999, "date", "broken")]
    segments = queries.span_segments(text, spans)
    assert "".join(s["text"] for s in segments) == text
    inner = next(s for s in segments if s["text"] == "вывезли")
    assert inner["kinds"] == ["entity", "quote"]
    assert next(s for s in segments if s["text"] == "Илья Марков")["kinds"] == ["entity"]
    assert not any("date" in s["kinds"] for s in segments)


# -- safety ---------------------------------------------------------------------------------
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">"


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "<img" not in lowered
    assert re.search(r"<[^>]*\bonerror\s*=", lowered) is None  # no live handler attribute
    assert 'href="javascript:' not in lowered and "href='javascript:" not in lowered
    assert lowered.count("<script") == 1  # only our own /static/app.js


def test_hostile_text_is_escaped_on_every_page(engine, client) -> None:
    """Text stored verbatim (bypassing the cleaner) must still reach pages only escaped."""
    raw = Article(title="Strike " + HOSTILE, maintext="Dock workers. " + HOSTILE,
                  url="javascript:alert(document.cookie)", source_domain="evil.example",
                  language="en", date_publish=datetime(2024, 6, 2, tzinfo=UTC))
    aid = engine.store.add_article(raw, None)
    sid = engine.store.new_story("Strike " + HOSTILE)
    engine.store.set_story(aid, sid, None)
    for path in (f"/articles/{aid}", f"/stories/{sid}", "/", "/?q=Dock"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert_inert(page.text)
        assert "&lt;script&gt;" in page.text, path
    assert client.get(f"/api/articles/{aid}").json()["href"] is None
    assert client.get("/").headers["content-security-policy"].startswith("default-src 'self'")
    csv = client.get("/stories.csv").content.decode("utf-8-sig")
    assert "Strike <script>" in csv  # CSV is data, not HTML; formulas are neutralised below
    assert queries.csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"


def test_safe_href_only_allows_http_links() -> None:
    assert views.safe_href("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x",
                "//evil.example", "http://a.example/\nx", "vbscript:x", None, ""):
        assert views.safe_href(bad) is None, bad


# -- writes, tokens, limits -----------------------------------------------------------------
ARTICLE = {
    "url": "https://noticias-do-porto.example/economia/helios-porto",
    "title": "Helios Energia anuncia segunda fábrica no Porto",
    "maintext": "A Helios Energia anunciou em 20 de maio de 2024 uma segunda fábrica de "
                "painéis solares no Porto, com 300 trabalhadores.",
    "language": "pt",
    "date_publish": "2024-05-20T09:00:00Z",
}


def test_api_writes_need_the_configured_token(engine) -> None:
    off = client_for(engine).post("/api/articles", json=ARTICLE)
    assert off.status_code == 403 and off.json()["error"]["code"] == "E703"
    guarded = client_for(engine, api_token="s3cret-token")
    wrong = guarded.post("/api/articles", json=ARTICLE,
                         headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "E702"
    ok = guarded.post("/api/articles", json=ARTICLE,
                      headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["results"][0]["status"] == "new"
    again = guarded.post("/api/articles", json=ARTICLE,
                         headers={"Authorization": "Bearer s3cret-token"})
    assert again.json()["results"][0]["status"] == "unchanged"


def test_post_articles_upload_bad_json_and_size_limit(engine) -> None:
    c = client_for(engine, api_token="t0ken", upload_limit=5_000)
    auth = {"Authorization": "Bearer t0ken"}
    text = "Паводок в Казани отступает\n\nВода в деревнях под Казанью начала уходить 14 апреля."
    up = c.post("/api/articles", headers=auth, files={"file": ("kazan.txt", text.encode())})
    assert up.status_code == 201 and up.json()["results"][0]["language"] == "ru"
    bad = c.post("/api/articles", headers={**auth, "content-type": "application/json"},
                 content=b"{not json")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E701"
    assert c.post("/api/articles", headers=auth, json=[]).json()["error"]["code"] == "E701"
    big = c.post("/api/articles", headers=auth, files={"file": ("big.txt", b"x" * 90_000)})
    assert big.status_code == 413 and big.json()["error"]["code"] == "E704"
    empty = c.post("/api/articles", headers=auth, json={"title": "", "maintext": ""})
    assert empty.json()["results"][0]["status"] == "error"


def test_read_token_closes_reads(engine) -> None:
    c = client_for(engine, read_token="r34d")
    denied = c.get("/api/stories")
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "E702"
    assert c.get("/").status_code == 401
    assert c.get("/api/stories", headers={"Authorization": "Bearer r34d"}).status_code == 200
    assert c.get("/api/stories", params={"token": "r34d"}).status_code == 200


def test_web_forms_need_csrf_and_loopback_or_token(engine) -> None:
    local = client_for(engine)
    form = {"name": "Kazan", "query": "Kazan"}
    assert local.post("/watchlists", data=form).status_code == 403  # no anti-forgery token
    csrf = local.app.state.rashomon.csrf
    made = local.post("/watchlists", data={**form, "csrf": csrf}, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"].startswith("/watchlists/")
    cross = local.post("/watchlists", data={**form, "csrf": csrf},
                       headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    remote = client_for(engine, client=("203.0.113.7", 5000), host="0.0.0.0")
    refused = remote.post("/watchlists", data={**form, "csrf": remote.app.state.rashomon.csrf})
    assert refused.status_code == 403 and "RASHOMON_API_TOKEN" in refused.text
    tokened = client_for(engine, client=("203.0.113.7", 5000), host="0.0.0.0", api_token="tk")
    csrf = tokened.app.state.rashomon.csrf
    assert tokened.post("/watchlists", data={**form, "csrf": csrf}).status_code == 401
    assert tokened.post("/watchlists", data={**form, "csrf": csrf, "token": "tk"},
                        follow_redirects=False).status_code == 303


# -- watchlists -----------------------------------------------------------------------------
def test_watchlist_new_since_last_visit_and_atom_feed(engine) -> None:
    c = client_for(engine, api_token="tk")
    auth = {"Authorization": "Bearer tk"}
    created = c.post("/api/watchlists", headers=auth,
                     json={"name": "Greek news", "languages": ["el"]})
    assert created.status_code == 201, created.text
    wid = created.json()["id"]
    first = c.get(f"/watchlists/{wid}")
    assert first.status_code == 200 and "No stories match" in first.text
    article = {"url": "https://kathimerini-nea.example/a/1", "language": "el",
               "title": "Σεισμός 5,1 Ρίχτερ στην Κρήτη",
               "maintext": "Σεισμός μεγέθους 5,1 Ρίχτερ σημειώθηκε στις 3 Ιουνίου 2024 νότια "
                           "της Κρήτης. Δεν αναφέρθηκαν ζημιές."}
    assert c.post("/api/articles", headers=auth, json=article).status_code == 201
    listed = c.get("/api/watchlists").json()["watchlists"]
    assert next(w for w in listed if w["id"] == wid)["new_count"] == 1
    visit = c.get(f"/watchlists/{wid}").text
    assert "Κρήτη" in visit and 'class="badge new"' in visit
    assert c.get(f"/api/watchlists/{wid}").json()["new_count"] == 0  # the visit reset it
    feed = feedparser.parse(c.get(f"/watchlists/{wid}/atom.xml").content)
    assert feed.bozo == 0 and feed.feed.title == "Rashomon: Greek news"
    assert feed.entries[0].title.startswith("Σεισμός") and "/stories/" in feed.entries[0].link
    bad = c.post("/api/watchlists", headers=auth, json={"name": "x", "languages": ["<b>"]})
    assert bad.status_code == 400
    assert c.delete(f"/api/watchlists/{wid}", headers=auth).status_code == 204
    assert c.get(f"/api/watchlists/{wid}").status_code == 404


def test_watchlist_bodies_a_client_gets_wrong(engine) -> None:
    """`{"languages": [["de"]]}` was a 500; a watchlist named and querying "\\u0000" was
    saved, and every later GET /api/watchlists answered E701 about it; "EN" was refused
    and "pt-BR" kept (matching no story, stored languages are 'pt')."""
    c = client_for(engine, api_token="tk")
    auth = {"Authorization": "Bearer tk"}
    for body in ({"name": "x", "languages": [["de"]]}, {"name": "x", "entities": {"a": 1}},
                 {"name": "x", "languages": 5}, {"name": "\u0000", "query": "Kreta"},
                 {"name": "x", "query": "\u0000\u0001"}, {"name": "x", "languages": ["Greek"]}):
        bad = c.post("/api/watchlists", headers=auth, json=body)
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "E701", body
    made = c.post("/api/watchlists", headers=auth,
                  json={"name": "Kreta\u0007", "query": "Kreta\u0000",
                        "languages": ["EL", "el-GR"]})
    assert made.status_code == 201, made.text
    assert (made.json()["name"], made.json()["query"], made.json()["languages"]) == \
        ("Kreta", "Kreta", ["el"])
    assert c.get("/api/watchlists").status_code == 200
    engine.store.add_watchlist("older", "\x00", [], [])  # saved before the check
    assert c.get("/api/watchlists").status_code == 200
    for watchlist in c.get("/api/watchlists").json()["watchlists"]:
        assert c.delete(f"/api/watchlists/{watchlist['id']}", headers=auth).status_code == 204


# -- URL ingest -----------------------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/", "http://192.168.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
    "ftp://example.org/feed.xml", "javascript:alert(1)",
])
def test_url_fetch_refuses_private_addresses_and_other_schemes(url) -> None:
    from rashomon.web.fetch import fetch

    with pytest.raises(FetchRefused):
        fetch(url, allow_private=False, max_bytes=10_000)


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # a tiny local news site
        if self.path == "/big":
            body = b"<html><body>" + b"a" * 50_000 + b"</body></html>"
        else:
            body = ("<html><head><title>Паводок под Казанью</title></head><body><article>"
                    "<h1>Паводок под Казанью</h1><p>Вода в деревнях под Казанью начала "
                    "отступать 15 апреля 2024 года, сообщили в МЧС. Жители возвращаются "
                    "домой.</p></article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None: ...


def test_ingest_page_fetches_a_local_page_only_when_allowed(engine) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/news/kazan"
    try:
        strict = client_for(engine)
        refused = strict.post("/ingest", data={"url": url, "csrf": strict.app.state.rashomon.csrf})
        assert refused.status_code == 400 and "E705" in refused.text
        open_ = client_for(engine, allow_private_urls=True, upload_limit=20_000)
        csrf = open_.app.state.rashomon.csrf
        done = open_.post("/ingest", data={"url": url, "csrf": csrf})
        assert done.status_code == 200 and "Паводок под Казанью" in done.text
        big = open_.post("/ingest", data={"url": url.replace("/news/kazan", "/big"),
                                          "csrf": csrf})
        assert big.status_code == 413
    finally:
        server.shutdown()


def test_ingest_page_uploads_files(engine) -> None:
    c = client_for(engine)
    csrf = c.app.state.rashomon.csrf
    record = json.dumps({"title": "台风“海燕”登陆福建", "language": "zh",
                         "maintext": "2024年7月8日，台风“海燕”在福建沿海登陆，约2万人被转移。"})
    page = c.post("/ingest", data={"csrf": csrf},
                  files=[("files", ("typhoon.json", record.encode()))])
    assert page.status_code == 200 and "台风“海燕”登陆福建" in page.text and "1 new" in page.text
    nothing = c.post("/ingest", data={"csrf": csrf})
    assert nothing.status_code == 400


# -- errors and documents -------------------------------------------------------------------
def test_errors_are_json_without_stack_traces(client) -> None:
    missing = client.get("/api/articles/99999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E601"
    assert client.get("/api/nowhere").json()["error"]["code"] == "E711"
    assert client.get("/api/stories", params={"limit": "many"}).status_code == 400
    html = client.get("/stories/99999")
    assert html.status_code == 404 and "E601" in html.text and "Traceback" not in html.text
    wrong_method = client.put("/api/stories")
    assert wrong_method.status_code == 405 and wrong_method.json()["error"]["code"] == "E712"


def test_openapi_documents_the_api_only(client) -> None:
    doc = client.get("/openapi.json").json()
    paths = set(doc["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/report",
            "/api/articles/{article_id}", "/api/entities/{entity_id}", "/api/search",
            "/api/watchlists", "/api/articles"} <= paths
    assert "/" not in paths and "/ingest" not in paths


def test_serve_command_is_registered() -> None:
    from rashomon.cli import build_parser

    args = build_parser().parse_args(["serve", "--db", "x.db", "--port", "8123"])
    assert (args.command, args.port, args.host) == ("serve", 8123, "127.0.0.1")


def test_control_characters_in_a_query_match_nothing_extra(client) -> None:
    """``?q=%00`` listed every article (the NUL ended SQLite's LIKE pattern early): a
    query of control characters only is now E701, and control characters mixed into
    words are dropped, so ``Казань\\x00`` finds what ``Казань`` finds."""
    plain = client.get("/api/search", params={"q": "Казань"}).json()["results"]
    assert plain
    mixed = client.get("/api/search", params={"q": "Каз\x00ань\x07"}).json()["results"]
    assert [r["id"] for r in mixed] == [r["id"] for r in plain]
    for url in ("/api/search", "/api/stories", "/search.csv", "/stories.csv", "/"):
        response = client.get(url, params={"q": "\x00\x01"})
        assert response.status_code == 400, url
        if url.startswith("/api/"):
            assert response.json()["error"]["code"] == "E701"
    response = client.get("/api/stories", params={"source": "\x00"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "E701"


def test_ids_past_sqlite_integers_are_not_found_either_sign(client) -> None:
    """/articles/-99999999999999999999 reached SQLite (OverflowError): a 500 with E799;
    the positive one was already a 404. Both signs now answer E601, pages and API."""
    for number in ("99999999999999999999", "-99999999999999999999", "-9223372036854775809"):
        for path in (f"/api/articles/{number}", f"/api/stories/{number}",
                     f"/api/watchlists/{number}", f"/stories/{number}", f"/articles/{number}",
                     f"/watchlists/{number}", f"/stories/{number}/articles.csv"):
            response = client.get(path)
            assert response.status_code == 404, (path, response.text[:200])
            assert "E601" in response.text and "Traceback" not in response.text, path


def test_a_broken_json_body_says_what_to_send(engine) -> None:
    c = client_for(engine, api_token="sekret")
    response = c.post("/api/articles", content=b'{"title": "Sel ', headers={
        "Authorization": "Bearer sekret", "Content-Type": "application/json"})
    error = response.json()["error"]
    assert response.status_code == 400 and error["code"] == "E701"
    assert "news-please" in error["hint"] and "line 1" in error["message"]
