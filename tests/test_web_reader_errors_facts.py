"""What a reader of another language still met in English before: error pages, the
article page's tooltips, the reasons of implausible claims, counts and lists. Each is now
worded from the reader's word file (compare/reader/<lang>.json: errors, page.fact,
reasons, counts) around CLDR's numbers, units, plural categories and list patterns.
Corpus: tests/data/web (the Kazan dam flood in en/ru/fa/zh)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.compare import implausible
from rashomon.compare.reader_words import counted, joined, reason_words
from rashomon.compare.render import to_markdown
from rashomon.compare.wording import READER_DIR, words
from rashomon.errors import CODES
from rashomon.web.reader import accepted_language

DATA = Path(__file__).parent / "data" / "web"
FILES = sorted(READER_DIR.glob("*.json"))
#: Names of formats, the same in every language.
FORMATS = {"API", "CSV", "JSON", "Atom", "RSS", "Markdown"}
LANGS = [p.stem for p in FILES]


def english_words() -> set[str]:
    """Every word of en.json's values a reader of another language must not meet."""
    def values(node):
        if isinstance(node, dict):
            return [v for k, x in node.items() if k != "about" for v in values(x)]
        return [node]

    text = " ".join(values(json.loads((READER_DIR / "en.json").read_text("utf-8"))))
    text = re.sub(r"\{[a-z_]+\}|news-please", " ", text)  # placeholders, a tool's name
    return {w for w in re.findall(r"[A-Za-z]{3,}", text)} - FORMATS


def shown_text(page: str) -> str:
    """What the page shows of its own: markup, scripts and elements in another language
    (the sources' text, the server's folded English details) and code (field names, error
    codes, settings) dropped."""
    page = re.sub(r"<(script|style|head)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<details\b.*?</details>|<code\b.*?</code>", " ", page, flags=re.S)
    own = re.escape(re.search(r'<html lang="([^"]+)"', page).group(1))
    page = re.sub(r'<(\w+)[^>]*\blang="(?!' + own + r'")[^"]*"[^>]*>.*?</\1>', " ", page,
                  flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return text.replace("news-please", " ")  # a tool's name, the same in every language


#: A value in a server message: the server's own token, read left to right.
CODE = '<code dir="ltr">{}</code>'


def escape(text: str) -> str:
    return html.escape(text, quote=False)


@pytest.fixture(scope="module")
def client(web_client) -> TestClient:
    return web_client  # tests/conftest.py: the app over tests/data/web


# -- error pages ---------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "rtl"), [("ar", True), ("fa", True), ("ja", False),
                                           ("ru", False), ("de", False)])
def test_error_pages_in_the_readers_language_with_their_code(client, lang, rtl) -> None:
    own = words(lang)["errors"]
    said = {"E601": escape(own["messages"]["no_story"]).format(id=CODE.format("987654")),
            "E711": escape(own["messages"]["no_page"]),
            "E701": escape(own["messages"]["invalid_value"]).format(field=CODE.format("story_id"))}
    for url, status, code in (("/stories/987654", 404, "E601"), ("/nowhere", 404, "E711"),
                              ("/stories/abc", 400, "E701")):
        answer = client.get(url, params={"lang": lang})
        assert answer.status_code == status, (url, answer.status_code)
        page = answer.text
        assert f'<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}">' in page
        assert f'<code dir="ltr">{code}</code> {html.escape(own["codes"][code])}' in page
        heading = own["not_found"] if status == 404 else own["other"]
        assert f"<h1>{html.escape(heading)}</h1>" in page
        assert f'<a href="/?lang={lang}">{html.escape(own["back"])}</a>' in page
        # the server's own message in the reader's words (errors.messages), nothing left
        # in English to fold away
        assert f'<p class="hint">{said[code]}</p>' in page
        assert "<details" not in page and 'lang="en"' not in page
        leftover = set(re.findall(r"[A-Za-z]{3,}", shown_text(page))) & english_words()
        assert not leftover, (lang, url, sorted(leftover))


def test_error_page_follows_accept_language_and_lang_wins(client) -> None:
    page = client.get("/nowhere", headers={"Accept-Language": "fa-IR,fa;q=0.9,en;q=0.8"}).text
    assert '<html lang="fa" dir="rtl">' in page
    assert words("fa")["errors"]["codes"]["E711"] in html.unescape(page)
    assert '<a href="/">' in page  # a browser's language is not written into links
    page = client.get("/nowhere?lang=zh", headers={"Accept-Language": "fa"}).text
    assert '<html lang="zh" dir="ltr">' in page
    page = client.get("/nowhere").text  # no header, no ?lang=: the setting (English)
    assert '<html lang="en" dir="ltr">' in page and "<h1>Not found</h1>" in page
    assert "no such page" in page  # an English reader reads the server's message as is
    api = client.get("/api/nowhere", headers={"Accept-Language": "fa"}).json()
    assert api["error"]["code"] == "E711" and api["error"]["message"] == "no such page"


def test_pages_follow_accept_language(client) -> None:
    kazan = client.get("/api/stories", params={"language": "ru"}).json()["stories"][0]["id"]
    page = client.get(f"/stories/{kazan}", headers={"Accept-Language": "ja,en;q=0.5"}).text
    assert '<html lang="ja" dir="ltr">' in page
    links = re.findall(r'href="/articles/\d+([^"]*)"', page)
    assert links and set(links) == {""}, links  # the browser sends its language again
    page = client.get("/", headers={"Accept-Language": "xx, *;q=0.5"}).text
    assert '<html lang="en" dir="ltr">' in page


@pytest.mark.parametrize(("header", "expected"), [
    ("fa-IR,fa;q=0.9,en;q=0.8", "fa"), ("en;q=0.1, ru;q=0.7", "ru"), ("de-CH", "de"),
    ("*", None), ("", None), (None, None), ("xx, ko", None), ("ar;q=0", None),
    ("ja;q=abc, el", "el"), ("a" * 600, None),
])
def test_accept_language(header, expected) -> None:
    assert accepted_language(header) == expected


def test_error_words_name_known_codes_only() -> None:
    """Every code a word file explains is a code of errors.CODES, and every web code but the
    generic E700 is explained (E700 reads the generic sentence)."""
    web = {c for c in CODES if c.startswith("E7") and c != "E700"} | {"E601", "E600"}
    for path in FILES:
        explained = set(json.loads(path.read_text("utf-8"))["errors"]["codes"])
        assert explained <= set(CODES), (path.stem, explained - set(CODES))
        assert web <= explained, (path.stem, sorted(web - explained))


# -- article tooltips ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "ja", "ru", "zh", "fa"])
def test_article_tooltips_in_the_readers_words(client, lang) -> None:
    kazan = client.get("/api/stories", params={"language": "ru"}).json()["stories"][0]
    story = client.get(f"/api/stories/{kazan['id']}").json()
    titles: list[str] = []
    for article in story["articles"]:
        page = client.get(f"/articles/{article['id']}", params={"lang": lang}).text
        titles += [html.unescape(t) for t in re.findall(r'class="hl [^"]*"[^>]*title="([^"]*)"',
                                                         page)]
    assert len(titles) > 10, titles
    w = words(lang)
    kinds = set(w["types"].values()) | {w["date"], w["quote"]}
    assert any(any(k in t for k in kinds) for t in titles), titles
    for title in titles:
        assert not re.search(r"\b(?:PER|ORG|LOC|MISC): |^date |quote by|^quote$", title), title
    assert any(t.startswith(w["page"]["fact"].split("{value}")[0].format(label=w["date"]))
               for t in titles), titles


def test_article_api_keeps_its_english_titles_and_adds_the_facts(client) -> None:
    kazan = client.get("/api/stories", params={"language": "ru"}).json()["stories"][0]
    article = client.get(f"/api/stories/{kazan['id']}").json()["articles"][0]
    data = client.get(f"/api/articles/{article['id']}").json()
    marked = [s for s in data["segments"] if s["kinds"]]
    assert marked and all(s["title"] and s["facts"] for s in marked)
    for s in marked:
        assert {f["kind"] for f in s["facts"]} == set(s["kinds"]), s
    dates = [f for s in marked for f in s["facts"] if f["kind"] == "date"]
    assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}.*|--\d{2}-\d{2}", f["value"])
                         for f in dates), dates
    assert any(s["title"].startswith("date ") for s in marked if "date" in s["kinds"])


# -- implausible reasons -------------------------------------------------------------------
REASONS = {
    "deadline_before_events": {"deadline": "2024-03-01", "event": "2024-03-20",
                               "sentence": "Der Damm brach am 20. März."},
    "deadline_passed": {"deadline": "2024-03-01", "published": "2024-04-02"},
    "after_publication": {"date": "2024-05-09", "published": "2024-04-02"},
    "elapsed_too_long": {"elapsed": "72 часа", "value": 72.0, "unit": "hour",
                         "event": "2024-04-12", "hours": 30},
    "outlier": {"slot": "spectators", "value": "640 mil", "amount": 640000.0, "ratio": 9.9,
                "others": 3, "median": 64327.0, "unit": None, "hedge": "about"},
}


def test_every_reason_key_implausible_writes_has_words_in_every_file() -> None:
    source = Path(implausible.__file__).read_text("utf-8")
    keys = set(re.findall(r'reason_key="([a-z_]+)"', source))
    keys |= set(re.findall(r'^\s+"([a-z_]+)",\n\s+\{"deadline"', source, re.M))
    assert keys == set(REASONS), keys
    for path in FILES:
        assert set(json.loads(path.read_text("utf-8"))["reasons"]) == keys, path.stem


@pytest.mark.parametrize("lang", LANGS)
def test_reasons_worded_in_every_language(lang) -> None:
    latin_reader = lang in ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr")
    for key, args in REASONS.items():
        text = reason_words({"reason_key": key, "reason_args": args}, lang)
        assert text, (lang, key)
        for value in ("deadline", "event", "published", "date"):
            if value in args:
                assert args[value] in text, (lang, key, text)
        assert "Der Damm" not in text  # the cited sentence is shown apart, quoted
        if not latin_reader:
            assert not re.search(r"[A-Za-z]{2,}", text), (lang, key, text)
    outlier = reason_words({"reason_key": "outlier", "reason_args": REASONS["outlier"]}, lang)
    assert counted("other_sources", 3, lang) in outlier, outlier


def test_reason_parameters_follow_the_readers_numbers_and_plurals() -> None:
    ru = reason_words({"reason_key": "outlier", "reason_args": REASONS["outlier"]}, "ru")
    assert "3 других источника" in ru and "около 640" in ru and "зрители" in ru, ru
    ar = reason_words({"reason_key": "elapsed_too_long",
                       "reason_args": REASONS["elapsed_too_long"]}, "ar")
    assert "72 ساعة" in ar and "30 ساعة" in ar, ar
    assert reason_words({"reason_key": "", "reason_args": {}}, "ar") is None  # old reports
    assert reason_words({"reason_key": "outlier", "reason_args": {"slot": "x"}}, "ar") is None


def test_english_reason_field_is_unchanged() -> None:
    """The JSON/CSV ``reason`` stays the English sentence it always was."""
    from datetime import date, datetime

    reason, key, args = implausible._deadline_problem(date(2024, 3, 1), None,
                                                      datetime(2024, 4, 2))
    assert reason == ("deadline 2024-03-01 had already passed when the article was "
                      "published (2024-04-02)")
    assert key == "deadline_passed" and args == {"deadline": "2024-03-01",
                                                 "published": "2024-04-02"}


def test_a_reason_on_the_page_and_in_markdown_in_the_readers_words() -> None:
    from rashomon.compare.render import to_html

    evidence = {"article_id": 3, "start": 0, "end": 20, "source": "example.tr",
                "sentence": "Yaklaşık 140 bin konteyner bekliyor.", "language": "tr"}
    item = {"reason": "containers: yaklaşık 140 bin is 12.7x away from the 2 other sources "
                      "(median 11000)", "value": "yaklaşık 140 bin", "severity": "medium",
            "evidence": evidence, "reason_key": "outlier",
            "reason_args": {"slot": "containers", "value": "yaklaşık 140 bin",
                            "amount": 140000.0, "ratio": 12.7, "others": 2,
                            "median": 11000.0, "unit": None, "hedge": "about"}}
    item["reason_words"] = reason_words(item, "ar")
    report = {"story": {"id": 1, "title": "t", "article_count": 3, "independent_count": 3,
                        "languages": ["ar", "en", "tr"], "first_reporter": None,
                        "source_count": 3},
              "articles": [{"id": 3, "language": "tr", "url": None}], "sources": [],
              "entities": [], "agreements": [], "only_in": {}, "contradictions": [],
              "variations": [], "implausible": [item], "timeline": [],
              "reader_language": "ar"}
    page = to_html(report)
    section = re.search(r'<section id="implausible">.*?</section>', page, re.S).group(0)
    assert 'lang="en"' not in section and "away from" not in section
    assert "مصدران آخران" in html.unescape(section)
    md = to_markdown(report)
    assert "away from" not in md and "مصدران آخران" in md
    assert "3 مقالات · 3 مصادر مستقلة" in md, md.splitlines()[2]
    assert "ar وen وtr" in md  # the languages joined by the Arabic CLDR pattern


# -- counts and lists ----------------------------------------------------------------------
def test_markdown_counts_lists_and_notes_in_russian() -> None:
    conflict = {"slot": "firefighters", "kind": "quantity", "severity": "low",
                "note": "spread of estimates", "heading": "пожарные", "values": [],
                "groups": [{"display": "300", "sources": ["a", "b", "c"],
                            "source_labels": ["a", "b", "c"], "evidence": []}]}
    report = {"story": {"id": 2, "title": "t", "article_count": 5, "independent_count": 21,
                        "languages": ["de", "el", "fr"], "first_reporter": "a"},
              "articles": [], "sources": [], "entities": [], "agreements": [],
              "only_in": {}, "contradictions": [], "variations": [conflict],
              "implausible": [], "timeline": [], "reader_language": "ru"}
    md = to_markdown(report)
    assert "5 статей · 21 независимый источник" in md, md
    assert "de, el и fr" in md and "a, b и c" in md
    assert "(разброс оценок)" in md and "spread of estimates" not in md


def test_place_lists_in_a_dispute_follow_the_cldr_pattern() -> None:
    assert joined(["Kazan", "Moscow", "Samara"], "zh") == "Kazan、Moscow和Samara"
    assert joined(["Kazan", "Moscow"], "ar") == "Kazan وMoscow"
    assert joined([], "ru") == ""


def test_ingest_statuses_in_the_readers_words(client) -> None:
    """The ingest page's result counts and item statuses in the reader's words; an item's
    error code with its meaning in the reader's words, the ingest's own English message
    folded under it, marked as such."""
    csrf = client.app.state.rashomon.csrf
    record = json.dumps({"title": "Ураган над Ригой", "language": "ru",
                         "maintext": "8 июля 2024 года ураган обрушился на Ригу; около 300 "
                                     "человек эвакуированы, сообщили спасатели."})
    page = client.post("/ingest?lang=ja", data={"csrf": csrf},
                       files=[("files", ("storm.json", record.encode())),
                              ("files", ("empty.txt", b""))],
                       headers={"origin": "http://127.0.0.1"}).text
    own = words("ja")["page"]
    badges = [html.unescape(b) for b in re.findall(r'<span class="badge">([^<]*)</span>', page)]
    assert own["status_count"].format(n=1, status=own["ingest_status"]["new"]) in badges, badges
    assert own["status_count"].format(n=1, status=own["ingest_status"]["error"]) in badges
    e101 = html.escape(words("ja")["errors"]["codes"]["E101"])
    assert re.search(own["ingest_status"]["error"] + f': <code dir="ltr">E101</code> {e101}\\s*'
                     r'<details class="hint"><summary>[^<]+</summary><span lang="en" '
                     r'dir="ltr">\[E101\] the file is empty', page), page
    leftover = set(re.findall(r"[A-Za-z]{3,}", shown_text(page))) & english_words()
    assert not leftover, sorted(leftover)


def test_a_day_without_a_year_in_the_readers_words() -> None:
    """A date whose year the text does not tell ("--03-12") reads as the reader's day and
    month (CLDR); an ISO date stays ISO; an impossible day stays as it came."""
    from rashomon.compare.reader_words import day_text

    assert day_text("--03-12", "ru") == "12 марта" and day_text("--03-12", "ja") == "3月12日"
    assert day_text("--02-29", "en") == "February 29"
    assert day_text("2024-03-12", "ar") == "2024-03-12" and day_text("--02-30", "de") == "--02-30"
