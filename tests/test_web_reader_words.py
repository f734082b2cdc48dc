"""The web report's own words (section titles, empty-section lines, counts, kinds,
severities, 'as written', 'only in', 'also in') are the reader's, from the same
compare/reader/<lang>.json the Markdown report uses: the story page of a real multilingual
story (tests/data/web: a Kazan dam flood told in en/ru/fa/zh with a 1,200 vs 3,000
evacuees contradiction) read in German, Arabic and Chinese shows that language's titles
and no English one; English readers keep the English words."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.compare.reader_words import counted
from rashomon.compare.render import to_html
from rashomon.compare.wording import words

DATA = Path(__file__).parent / "data" / "web"
ENGLISH = words("en")["report"]
#: The titles a report section can carry, and the lines an empty section shows.
TITLES = ("contradictions", "variations", "implausible", "agreements", "only_in", "timeline")
EMPTY = ("no_contradictions", "no_agreements", "no_only_in")
#: What the page wrote in English before it took the reader's words.
OLD_ENGLISH = ("Where the sources contradict each other", "What the sources agree on",
               "Reported by only some sources", "Only in", "also in", "as written",
               "Implausible claims", "Timeline", "No source contradicts another",
               "No statement is shared", "Every statement is shared")


@pytest.fixture(scope="module")
def client(web_client) -> TestClient:
    return web_client  # tests/conftest.py: the app over tests/data/web


@pytest.fixture(scope="module")
def story_id(client) -> int:
    stories = client.get("/api/stories", params={"language": "ru"}).json()["stories"]
    (kazan,) = [s for s in stories if {"en", "ru", "fa", "zh"} <= set(s["languages"])]
    # the story page shows the comparison once it is built (a first view is sent without
    # it, and the page fills it in): the report endpoint builds it
    assert client.get(f"/api/stories/{kazan['id']}/report").status_code == 200
    return kazan["id"]


SECTIONS = re.compile(r'<section id="(?:contradictions|variations|implausible|agreements|'
                      r'only-in|timeline)">.*?</section>', re.S)


def report_html(page: str) -> str:
    """The report's sections (report_sections.html), not the rest of the story page."""
    found = SECTIONS.findall(page)
    assert found and found[0].startswith('<section id="contradictions">')
    return "\n".join(found)


def report_part(page: str) -> str:
    """The report's sections as text (markup, article text and source names dropped)."""
    part = report_html(page)
    part = re.sub(r"<bdi>.*?</bdi>|<blockquote.*?</blockquote>|<q .*?</q>", " ", part,
                  flags=re.S)  # article text and source names are the sources', not the page's
    return html.unescape(re.sub(r"<[^>]+>", " ", part))


def headings(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
            for h in re.findall(r"<h2>(.*?)</h2>", report_html(page))]


@pytest.mark.parametrize("lang", ["de", "ar", "zh"])
def test_story_page_titles_are_the_readers(client, story_id, lang) -> None:
    page = client.get(f"/stories/{story_id}", params={"lang": lang}).text
    own = words(lang)["report"]
    shown = headings(page)
    # the Kazan story has contradictions, agreements and claims only some sources carry
    assert {own["contradictions"], own["agreements"], own["only_in"]} <= set(shown), shown
    assert set(shown) <= {own[t] for t in TITLES}, shown
    text = report_part(page)
    for key in TITLES + EMPTY:
        assert ENGLISH[key] not in text, (lang, key)
    for phrase in OLD_ENGLISH:
        assert phrase not in text, (lang, phrase)
    # the evacuee dispute: its kind, severity and count of sources in the reader's words
    assert any(own["kinds"][k] in text for k in ("quantity", "duration", "date", "place"))
    assert any(own["severity"][s] in text for s in ("low", "medium", "high"))
    assert not re.search(r"\b\d+ sources?\b", text), lang
    # 'only in <source>' / 'also in <source>' put the name where the language puts it
    before, _, after = own["only_in_source"].partition("{source}")
    assert re.search(re.escape(before) + r"<bdi>[^<]+</bdi>" + re.escape(after) + "</h3>",
                     page), lang


def test_english_reader_keeps_english_words(client, story_id) -> None:
    page = client.get(f"/stories/{story_id}", params={"lang": "en"}).text
    assert headings(page)[:1] == [ENGLISH["contradictions"]]
    assert "Only in <bdi>" in page and "also in <bdi>" in page
    assert re.search(r"\d+ sources?</span>", page)


def test_standalone_html_report_uses_the_same_words(client, story_id) -> None:
    report = client.get(f"/api/stories/{story_id}/report", params={"lang": "ar"}).json()
    assert report["reader_language"] == "ar"
    page = to_html(report)
    assert words("ar")["report"]["contradictions"] in headings(page)
    assert ENGLISH["contradictions"] not in report_part(page)


def report_div(page: str) -> str:
    """The story page's report wrapper: its opening tag."""
    found = re.findall(r'<div class="report"[^>]*>', page)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("de", "ltr"),
                                                 ("zh", "ltr")])
def test_report_runs_in_the_readers_direction(client, story_id, lang, direction) -> None:
    page = client.get(f"/stories/{story_id}", params={"lang": lang}).text
    tag = report_div(page)
    assert f'dir="{direction}"' in tag and f'lang="{lang}"' in tag, tag
    # the sections sit inside it; source names stay isolated from the reader's direction
    start = page.index(tag)
    assert start < page.index('<section id="contradictions">')
    assert re.search(r"<bdi>[^<]+</bdi>", report_html(page))


def test_standalone_report_page_is_right_to_left_for_arabic(client, story_id) -> None:
    for lang, direction in (("ar", "rtl"), ("en", "ltr")):
        report = client.get(f"/api/stories/{story_id}/report", params={"lang": lang}).json()
        page = to_html(report)
        assert re.search(rf'<html lang="{lang}" dir="{direction}">', page), page[:300]


def test_switch_offers_every_reader_language(client, story_id) -> None:
    files = sorted(p.stem for p in (Path(__file__).parents[1] / "src" / "rashomon" / "compare"
                                    / "reader").glob("*.json"))
    assert len(files) >= 16 and {"ar", "fa", "zh", "ja", "uk"} <= set(files)
    for lang in ("en", "ar"):
        page = client.get(f"/stories/{story_id}", params={"lang": lang}).text
        switch = re.search(r'<span class="reader-switch"[^>]*>(.*?)</span>', page, re.S).group(1)
        offered = re.findall(r'<a href="\?lang=([a-z]+)" hreflang="\1"', switch)
        assert offered == [code for code in files if code != lang], offered


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_reader_line_and_report_meta_in_the_readers_words(client, story_id, lang) -> None:
    own = words(lang)["report"]
    page = client.get(f"/stories/{story_id}", params={"lang": lang}).text
    line = re.search(r'<p class="reader meta">(.*?)<span class="reader-switch"', page, re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", line.group(1)))
    assert own["gloss_note"] in text and "gloss built from" not in text, text
    assert own["read_in"].split("{language}")[0][1:] in text and "Read in" not in text, text
    # 'as written' carries the reader's own punctuation (zh: a full-width colon)
    spans = re.findall(r'<span class="as-written">(.*?)<q>', page, re.S)
    assert spans, "the Kazan evacuee dispute shows its words as written"
    assert {html.unescape(s) for s in spans} == {own["as_written_words"].split("{words}")[0]}
    # the standalone report's meta line
    report = client.get(f"/api/stories/{story_id}/report", params={"lang": lang}).json()
    meta = re.search(r'<p class="meta">(.*?)</p>', to_html(report), re.S).group(1)
    meta = html.unescape(re.sub(r"<[^>]+>", " ", meta))
    story = report["story"]
    assert counted("articles", story["article_count"], lang) in meta, meta
    assert own["first_reporter"] in meta and own["read_in"].split("{language}")[0].strip() in meta
    for english in ("articles", "independent sources", "first reporter", "read in"):
        assert english not in meta, (lang, english, meta)
    assert f'<section id="sources">\n  <h2>{own["sources"]}</h2>' in to_html(report)


def test_unnamed_source_is_an_article_in_the_readers_words() -> None:
    evidence = {"article_id": 4, "start": 0, "end": 9, "source": None,
                "sentence": "十二人死亡。", "language": "zh"}
    report = {"story": {"id": 1, "title": "t", "article_count": 2, "independent_count": 2,
                        "languages": ["zh", "de"], "first_reporter": None},
              "reader_language": "de",
              "contradictions": [{"kind": "quantity", "slot": "dead", "severity": "high",
                                  "values": [{"value": 12, "text": "12", "evidence": evidence}]}],
              "implausible": [], "agreements": [], "only_in": {}, "timeline": [], "sources": [],
              "articles": []}
    page = to_html(report)
    assert "<bdi>Artikel 4</bdi>" in page and "article 4" not in page


# -- the whole story page, not only the report ---------------------------------------------
#: Elements whose text is the sources' (titles, names, sentences, dates, codes) or marked
#: as another language's: skipped when collecting the page's own words.
SOURCE_TAGS = {"bdi", "blockquote", "q", "h1", "code", "time", "title", "script", "style"}
FORMATS = {"CSV", "JSON", "Markdown", "API", "Rashomon", "RSS", "Atom", "https"}


class _PageWords(HTMLParser):
    """The text a reader sees that the page itself wrote, and its placeholder, label and
    title attributes: everything outside the sources' text and outside elements marked with
    another language than the page's."""

    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.stack, self.text = lang, [], []

    def _skipped(self, tag: str, a: dict) -> bool:
        href = a.get("href") or ""
        classes = (a.get("class") or "").split()
        return (tag in SOURCE_TAGS or (a.get("lang") not in (None, "", self.lang))
                or "lang" in classes or "term" in classes  # language codes, search terms
                # the article's own text; its highlights' tooltips are web/views.py's
                # (English, listed as left in the session's notes)
                or "maintext" in classes
                or (tag == "option" and a.get("value"))  # a menu's languages and sources
                or "reader-switch" in (a.get("class") or "").split()  # languages' own names
                or href.startswith(("/articles/", "/entities/"))  # titles and names
                or re.match(r"/stories/\d+(\?|$)", href) is not None)  # story titles

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        skipped = bool(self.stack and self.stack[-1]) or self._skipped(tag, a)
        if not skipped:
            self.text += [a[k] for k in ("placeholder", "aria-label", "title") if a.get(k)
                          and not (k == "placeholder" and a.get("name") == "languages")]
            # (the languages field's example is language codes: "e.g. fa, ru, zh")
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data) -> None:
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def page_words(page: str, lang: str) -> str:
    parser = _PageWords(lang)
    parser.feed(page)
    text = " ".join(parser.text).replace("news-please", " ")  # a tool's name
    return " ".join(text.split())


def english_only(lang: str) -> set[str]:
    """Words of the English file that the file of ``lang`` does not use."""
    def tokens(node) -> set[str]:
        if isinstance(node, dict):
            return set().union(*(tokens(v) for k, v in node.items() if k != "about"))
        return set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[a-z_]+\}", " ", node)))
    return tokens(words("en")) - tokens(words(lang)) - FORMATS


@pytest.mark.parametrize("lang", ["ar", "fa", "zh", "ja", "ru", "el", "de", "tr"])
def test_every_word_the_story_page_writes_is_the_readers(client, story_id, lang) -> None:
    """Header, top line, badges, report, entities and articles: no English word on the
    page of a reader of another language (the sources' titles, names, sentences and the
    format names CSV/JSON aside); the page says its language and direction."""
    page = client.get(f"/stories/{story_id}", params={"lang": lang}).text
    rtl = lang in ("ar", "fa")
    assert re.search(rf'<html lang="{lang}" dir="{"rtl" if rtl else "ltr"}">', page)
    text = page_words(page, lang)
    own = words(lang)["page"]
    for key in ("nav_stories", "entities", "articles", "title", "published"):
        assert own[key] in text, (lang, key)
    assert counted("contradictions", 1, lang) in text  # the Kazan evacuee dispute
    leftover = set(re.findall(r"[A-Za-z]{3,}", text)) & english_only(lang)
    assert not leftover, (lang, sorted(leftover))
    if lang not in ("de", "tr"):  # other scripts: no Latin word the page wrote at all
        latin = set(re.findall(r"[A-Za-z]{2,}", text)) - FORMATS
        assert not latin, (lang, sorted(latin))


def test_english_page_words_are_found_by_the_same_check(client, story_id) -> None:
    """The check above sees the page's words: an English page shows English ones."""
    text = page_words(client.get(f"/stories/{story_id}", params={"lang": "en"}).text, "en")
    assert {"Stories", "Articles", "People", "contradiction", "Published"} <= set(
        re.findall(r"[A-Za-z]+", text))
    assert english_only("ar") & set(re.findall(r"[A-Za-z]{3,}", text))


def render_story(lang: str, **story) -> str:
    """story.html for a reader of ``lang`` with a story that has no report (yet)."""
    import jinja2

    from rashomon.web.routes_pages import report_context

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    base = {"id": 9, "title": "Τίτλος", "article_count": 2, "independent_count": 2,
            "source_count": 2, "languages": ["el", "fa"], "first_seen": "2025-07-25",
            "last_seen": "2025-07-26", "contradictions": 0, "building": False,
            "build_queue": 0, "report_unavailable": None, "entities": [], "articles": []}
    return env.get_template("story.html").render(
        story={**base, **story}, report=None, request_path="/stories/9",
        **report_context([], lang))


TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "web" / "templates"
LANGUAGES = sorted(p.stem for p in (TEMPLATES.parents[1] / "compare" / "reader").glob("*.json"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_and_no_report_notices_in_the_readers_words(lang) -> None:
    own = words(lang)["page"]
    building = render_story(lang, building=True, build_queue=3)
    notice = re.search(r'<p class="notice" id="building">(.*?)</p>', building, re.S).group(1)
    queue = counted("queue", 3, lang)
    assert html.unescape(notice) == own["building"].format(queue=queue)
    assert f'title="{html.escape(own["building_title"])}"' in building
    missing = render_story(lang, report_unavailable="The comparison could not be built: x")
    block = re.search(r'<div class="notice" id="no-report">(.*?)</div>', missing, re.S).group(1)
    assert f"<p>{html.escape(own['no_report'])}</p>" in block
    # the server's own technical reason stays English, folded away and marked as such
    assert re.search(r'<details><summary>[^<]+</summary><p lang="en" dir="ltr"><code>The '
                     r'comparison could not be built: x</code>', block)
    if lang != "en":
        assert not set(re.findall(r"[A-Za-z]{3,}", page_words(building, lang))) & \
            english_only(lang)
        assert "being built" not in building and "not available" not in page_words(missing,
                                                                                    lang)


@pytest.mark.parametrize("lang", ["en", "de", "zh", "ja", "ar", "fa", "ru"])
def test_lists_follow_the_cldr_pattern(client, story_id, lang) -> None:
    """Sources named in a row ("a, b and c", "a、b和c", "a وb") as Babel's format_list
    joins them for the reader's language, not with a written ", "."""
    from babel.lists import format_list

    page = client.get(f"/stories/{story_id}", params={"lang": lang}).text
    rows = re.findall(r'<span class="group-summary">.*?</mark> — (.*?)</span>', page, re.S)
    rows += re.findall(r'<p class="meta">(?:[^<]*)(<bdi>.*?)</p>', report_html(page), re.S)
    several = [r for r in rows if r.count("<bdi>") >= 2]
    assert several, rows
    for row in several:
        names = re.findall(r"<bdi>(.*?)</bdi>", row)
        shown = html.unescape(re.sub(r"<[^>]+>", "", row)).strip()
        assert shown.endswith(format_list(names, locale=lang)), (lang, shown)
    if lang in ("zh", "ja", "ar", "fa"):
        assert "</bdi>, <bdi>" not in page


def test_error_page_words_are_the_english_file(client) -> None:
    """The error page has no reader context: its copy of the English words is en.json's."""
    page = client.get("/stories/987654").text
    own = words("en")["page"]
    assert '<html lang="en" dir="ltr">' in page
    text = page_words(page, "en")
    for key in ("nav_stories", "nav_watchlists", "nav_ingest", "footer"):
        assert own[key] in text, key
    assert f'placeholder="{own["search_placeholder"]}"' in page


def test_isolated_text_is_escaped_and_keeps_date_order() -> None:
    """The gloss and grouped values go into the page as markup (each part in its <bdi>,
    dates left to right): every character of their text is escaped first."""
    from rashomon.web.reader import isolated

    shown = isolated('<img src=x onerror="alert(1)"> · التاريخ: 2024-04-12', " · ")
    assert "<img" not in shown and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown
    assert shown.endswith('<bdi>التاريخ: <bdi dir="ltr">2024-04-12</bdi></bdi>')
    assert isolated("10–12 km") == '<bdi dir="ltr">10–12</bdi> km'


@pytest.mark.parametrize("lang", ["ar", "zh", "ja", "de", "ru"])
def test_every_other_page_in_the_readers_words(client, story_id, lang) -> None:
    """Asked with ?lang=, the story list (with a search), an article, an entity, the
    watchlists and the ingest page write only the reader's words, and their links keep
    the reader's language."""
    story = client.get(f"/api/stories/{story_id}").json()
    article = next(a for a in story["articles"] if a["language"] == "ru")
    entity = story["entities"][0]
    pages = {"list": f"/?lang={lang}", "search": f"/?lang={lang}&q=Kazan",
             "article": f"/articles/{article['id']}?lang={lang}",
             "entity": f"/entities/{entity['id']}?lang={lang}",
             "watchlists": f"/watchlists?lang={lang}", "ingest": f"/ingest?lang={lang}"}
    own = words(lang)["page"]
    for name, url in pages.items():
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.text[:200])
        page = answer.text
        assert f'<html lang="{lang}"' in page, name
        text = page_words(page, lang)
        assert own["nav_stories"] in text, name
        leftover = set(re.findall(r"[A-Za-z]{3,}", text)) & english_only(lang)
        assert not leftover, (lang, name, sorted(leftover))
        if lang not in ("de",):
            latin = set(re.findall(r"[A-Za-z]{2,}", text)) - FORMATS
            assert not latin, (lang, name, sorted(latin))
        assert f'<a href="/?lang={lang}"' in page, name  # the header's link keeps it
    listing = client.get(pages["list"]).text
    assert f'href="/stories/{story_id}?lang={lang}"' in listing
    assert own["col_languages"] in page_words(listing, lang)
    found = client.get(pages["search"]).text
    assert own["matching"].split("{query}")[0] in html.unescape(found)
    assert f'href="/stories/{story_id}?lang={lang}"' in client.get(pages["article"]).text


def test_pages_without_a_chosen_language_keep_plain_links(client, story_id) -> None:
    page = client.get("/").text
    assert f'href="/stories/{story_id}"' in page and "?lang=" not in page
    assert '<html lang="en" dir="ltr">' in page


def test_story_page_downloads_the_report_in_the_readers_language(client, story_id) -> None:
    """The story page links the Markdown and JSON report read in its reader's language."""
    page = client.get(f"/stories/{story_id}", params={"lang": "de"}).text
    assert f'href="/stories/{story_id}/report.md?lang=de"' in page
    assert f'href="/api/stories/{story_id}/report?lang=de"' in page
    markdown = client.get(f"/stories/{story_id}/report.md", params={"lang": "de"}).text
    assert f"## {words('de')['report']['contradictions']}" in markdown
    assert f"## {ENGLISH['contradictions']}" not in markdown


def test_a_watchlist_page_and_its_creation_keep_the_readers_language(client) -> None:
    from urllib.parse import urlencode

    page = client.get("/watchlists", params={"lang": "fa"}).text
    assert 'action="/watchlists?lang=fa"' in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    created = client.post("/watchlists?lang=fa", content=urlencode(
        {"csrf": csrf, "name": "سیل کازان", "query": "Kazan", "entities": "", "languages": ""}),
        headers={"content-type": "application/x-www-form-urlencoded",
                 "origin": "http://127.0.0.1"}, follow_redirects=False)
    assert created.status_code in (302, 303), created.text[:300]
    assert created.headers["location"].endswith("?lang=fa")
    shown = client.get(created.headers["location"]).text
    own = words("fa")["page"]
    text = page_words(shown, "fa")
    assert '<html lang="fa" dir="rtl">' in shown and own["watching"] in text
    assert not set(re.findall(r"[A-Za-z]{2,}", text)) - FORMATS, text
