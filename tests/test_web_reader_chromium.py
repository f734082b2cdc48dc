"""The story page in the reader's language and direction, as a real headless Chromium
(Debian's /usr/bin/chromium through Playwright) draws it. Corpus: the sample's third batch,
the Euboea fire told in de/el/en/es/fr, whose village and date disputes show the words each
source wrote ("cinco", "sechs", "Saturday", "Σαββάτου"), and tests/data/web, the Kazan dam
flood in en/ru/fa/zh.

What only a browser shows: in an Arabic or Persian report, quote marks around a source's
left-to-right words sit at the reader's start and end (the opening mark on the right), not
reversed; an ISO date after an Arabic word keeps its order (2025-07-26, not 26-07-2025);
the page itself (header, search box, tables) runs right to left."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

from chromium_ui import MARKS, chromium_page, serve
from rashomon.compare.reader_words import counted
from rashomon.compare.wording import words

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_C = ROOT / "src" / "rashomon" / "sample" / "corpus" / "c"
WEB = Path(__file__).parent / "data" / "web"
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = MARKS


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder, langid):
    """uvicorn on a free loopback port over the two stories, reports built up front."""
    served = serve(tmp_path_factory.mktemp("chromium-words") / "ui.db",
                   [str(SAMPLE_C), str(WEB)], embedder, langid)
    yield served.engine, served.url
    served.stop()


@pytest.fixture(scope="module")
def page(server):
    with chromium_page(20_000) as page:
        yield page


def story_id(url: str, languages: set[str], exact: bool = False) -> int:
    with urllib.request.urlopen(f"{url}/api/stories?limit=50") as answer:
        stories = json.load(answer)["stories"]
    (found,) = [s["id"] for s in stories if languages == set(s["languages"])
                or (not exact and languages <= set(s["languages"]))]
    return found


@pytest.fixture(scope="module")
def fire(server) -> int:
    return story_id(server[1], {"de", "el", "es", "fr"})


@pytest.fixture(scope="module")
def flood(server) -> int:
    return story_id(server[1], {"en", "fa", "ru", "zh"}, exact=True)


def open_story(page, server, sid: int, lang: str) -> None:
    page.goto(f"{server[1]}/stories/{sid}?lang={lang}", timeout=180_000)
    assert page.locator("div.report").count() == 1, "the report was not built"


#: Where each quote's opening mark (::before) is drawn relative to the quoted words: the
#: test widens the marks so the side they sit on is measured, not guessed from glyphs (a
#: rule added to the page's own sheet: the page's content policy refuses inline styles).
MARK_SIDES = """() => {
  const sheet = document.styleSheets[0];
  const rule = sheet.insertRule(".as-written q::before { display: inline-block; width: 24px; }",
                                sheet.cssRules.length);
  const out = [...document.querySelectorAll(".as-written q")].map((q) => {
    const words = q.querySelector("bdi");
    const outer = q.getBoundingClientRect(), inner = words.getBoundingClientRect();
    return {text: words.textContent, lang: words.lang,
            direction: getComputedStyle(q).direction,
            wordsDirection: getComputedStyle(words).direction,
            opening: (outer.right - inner.right) > (inner.left - outer.left) ? "right" : "left"};
  });
  sheet.deleteRule(rule);
  return out;
}"""


@pytest.mark.parametrize(("lang", "start"), [("ar", "right"), ("fa", "right"), ("en", "left")])
def test_quote_marks_open_at_the_readers_start(server, page, fire, lang, start) -> None:
    """Latin words a source wrote ("cinco", "Saturday") quoted in the reader's line: the
    marks are the reader's and open on the reader's side (right in Arabic and Persian);
    the words inside carry their source's language and run left to right."""
    open_story(page, server, fire, lang)
    page.evaluate("() => document.querySelectorAll('details.group').forEach(d => d.open = true)")
    quotes = page.evaluate(MARK_SIDES)
    latin = [q for q in quotes if any(c.isalpha() and c.isascii() for c in q["text"])]
    assert len(latin) >= 3, quotes  # cinco, sechs, Saturday, samedi, four, Quatre ...
    for q in latin:
        assert q["direction"] == ("rtl" if start == "right" else "ltr"), q
        assert q["opening"] == start, q
        assert q["wordsDirection"] == "ltr", q
    by_text = {q["text"]: q["lang"] for q in quotes}
    assert by_text.get("cinco") == "es" and by_text.get("sechs") == "de", by_text
    assert by_text.get("Saturday") == "en", by_text
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#contradictions").screenshot(path=str(ARTIFACTS / f"quotes-{lang}.png"))


#: x positions of the year and of the day of every ISO date in the dispute lines and the
#: glosses (text our code composes around the sources' dates).
DATE_ORDER = """() => {
  const found = [];
  for (const el of document.querySelectorAll("#contradictions .groups-line mark, p.gloss")) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/\\d{4}-\\d{2}-\\d{2}/g)) {
        const range = (from, to) => { const r = document.createRange();
          r.setStart(node, from); r.setEnd(node, to); return r.getBoundingClientRect(); };
        found.push({date: m[0], year: range(m.index, m.index + 4).left,
                    day: range(m.index + 8, m.index + 10).left});
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_dates_keep_their_order_in_a_right_to_left_report(server, page, fire, lang) -> None:
    """"2025-07-26 (السبت)": after Arabic letters the bidi algorithm would draw the date
    as 26-07-2025; isolated left to right, the year stays on the left."""
    open_story(page, server, fire, lang)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    found = page.evaluate(DATE_ORDER)
    assert len(found) >= 4, found  # two disputed days, and dates in the glosses
    for date in found:
        assert date["year"] < date["day"], date


@pytest.mark.parametrize("lang", ["ar", "fa", "zh", "de"])
def test_the_whole_page_is_in_the_readers_language_and_direction(server, page, flood,
                                                                  lang) -> None:
    own = words(lang)["page"]
    open_story(page, server, flood, lang)
    root = page.locator("html")
    assert root.get_attribute("lang") == lang
    rtl = lang in ("ar", "fa")
    assert root.get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if rtl
                                                                          else "ltr")
    assert page.locator("header nav").inner_text().split() != ["Stories", "Watchlists",
                                                               "Ingest"]
    nav = page.locator("header nav a").all_inner_texts()
    assert nav == [own["nav_stories"], own["nav_watchlists"], own["nav_ingest"]]
    search = page.locator('header input[name="q"]')
    assert search.get_attribute("placeholder") == own["search_placeholder"]
    # the header's brand sits at the reader's start, the search box at the end
    brand = page.locator("a.brand").bounding_box()
    box = search.bounding_box()
    assert (brand["x"] > box["x"]) == rtl, (brand, box)
    assert page.locator("#entities h2").inner_text() == own["entities"]
    assert page.locator("#articles h2").inner_text() == own["articles"]
    headers = page.locator("#articles th").all_inner_texts()
    assert headers == [own["title"], own["source"], own["language"], own["published"]]
    badge = page.locator("#story-meta .badge.contradiction").inner_text()
    assert badge.endswith(counted("contradictions", 1, lang)), badge
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"story-{lang}.png"), full_page=False)


@pytest.mark.parametrize("lang", ["ar", "zh", "ru"])
def test_variation_notes_in_the_readers_words(server, page, fire, lang) -> None:
    """The fire story's "more than 300" vs "310" firefighters is a spread of estimates,
    not a contradiction: the note says so in the reader's words, no English left."""
    open_story(page, server, fire, lang)
    notes = page.locator("#variations p.note").all_inner_texts()
    assert notes, "the fire story has a variation with a note"
    named = set(words(lang)["report"]["notes"].values())
    for note in notes:
        assert any(n in note for n in named), (lang, note)
        assert not any(c.isascii() and c.isalpha() for c in note), (lang, note)


#: What the page shows of its own in a real browser: every element in another language
#: than the page's (a source's title, sentence or quoted words) and every string of unknown
#: language (dir="auto": titles, names) hidden by a rule added to the page's own sheet, then
#: the rendered text and the tooltips of what is still displayed.
OWN_TEXT = """(lang) => {
  const sheet = document.styleSheets[0];
  const hidden = `[lang]:not([lang="${lang}"]), [dir="auto"] { display: none !important; }`;
  const rule = sheet.insertRule(hidden, sheet.cssRules.length);
  const text = document.body.innerText;
  const titles = [...document.querySelectorAll("[title]")]
    .filter((el) => el.getClientRects().length > 0).map((el) => el.title);
  sheet.deleteRule(rule);
  return {text, titles};
}"""


def english_words() -> set[str]:
    """Words of en.json's values (three letters or more), format names aside."""
    def values(node):
        if isinstance(node, dict):
            return [v for k, x in node.items() if k != "about" for v in values(x)]
        return [node]

    text = " ".join(values(json.loads((ROOT / "src/rashomon/compare/reader/en.json")
                                      .read_text("utf-8"))))
    return set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[a-z_]+\}", " ", text))) - {
        "API", "CSV", "JSON", "Markdown", "Atom", "RSS"}


def leaked(page, lang: str) -> set[str]:
    shown = page.evaluate(OWN_TEXT, lang)
    text = shown["text"] + " " + " ".join(shown["titles"])
    text = re.sub(r"[\w-]+(?:\.[\w-]+)+", " ", text)  # outlets' domains are names
    return set(re.findall(r"[A-Za-z]{3,}", text)) & english_words()


@pytest.fixture(scope="module")
def flagged(server) -> int:
    """A story whose report flags an implausible claim (a figure ten times the others')."""
    with urllib.request.urlopen(f"{server[1]}/api/stories?limit=50") as answer:
        stories = json.load(answer)["stories"]
    for story in stories:
        with urllib.request.urlopen(f"{server[1]}/api/stories/{story['id']}/report") as answer:
            if json.load(answer)["implausible"]:
                return story["id"]
    pytest.fail("no story of the corpus has an implausible claim")


@pytest.mark.parametrize(("lang", "rtl"), [("ar", True), ("ja", False)])
def test_no_english_word_on_story_and_error_pages(server, page, flood, flagged, lang,
                                                  rtl) -> None:
    """A reader of Arabic or Japanese meets no word of the English word file on a story
    page (its report, counts, badges, implausible reasons, lists) or on an error page; the
    error page runs in the reader's direction and keeps its code."""
    for sid in (flood, flagged):
        open_story(page, server, sid, lang)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert not leaked(page, lang), (sid, lang, sorted(leaked(page, lang)))
    assert page.locator("#implausible").count() == 1
    reasons = page.locator("#implausible .reason").all_inner_texts()
    assert reasons and not any(re.search(r"[A-Za-z]{2,}", r) for r in reasons), reasons
    own = words(lang)["errors"]
    for url, code in ((f"/stories/987654?lang={lang}", "E601"), (f"/nowhere?lang={lang}", "E711")):
        answer = page.goto(f"{server[1]}{url}")
        assert answer.status == 404
        root = page.locator("html")
        assert root.get_attribute("lang") == lang and root.get_attribute("dir") == (
            "rtl" if rtl else "ltr")
        assert page.evaluate("getComputedStyle(document.body).direction") == (
            "rtl" if rtl else "ltr")
        assert page.locator("h1").inner_text() == own["not_found"]
        assert page.locator("p.error").inner_text() == f"{code} {own['codes'][code]}"
        assert not leaked(page, lang), (url, sorted(leaked(page, lang)))
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"error-{code}-{lang}.png"))


def test_the_check_sees_english_on_an_english_page(server, page, flood) -> None:
    """The same check finds the English words when the page is English."""
    open_story(page, server, flood, "en")
    assert {"Articles", "Contradictions", "Stories"} <= leaked(page, "en")
