"""Junk is not news: a verdict on each read item before it may join a story.

An item can be read without error and still be no article: template code a page renders
in the browser (``{{ctrl.headline}}``), a photo caption, a title with no text, a front
page or cookie wall, or bytes that decoded into noise. Such an item is stored with its
reason (a coded ``E2xx`` line, see ``rashomon.errors``) so ``rashomon ingest --json``
lists it, but the pipeline never places it in a story: it joins no story, counts as no
source and never shows in the story list.

Every threshold below was calibrated on the real-page bench (``bench/bench_pages.py``:
110 article pages and 12 front/navigation pages in 10 languages) and the bundled sample
corpus (90 articles, none of which may be rejected); the comment says what it measured.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from rashomon.core import Article
from rashomon.errors import (
    CaptionOnly,
    JunkItem,
    NavigationPage,
    NoiseText,
    RashomonError,
    TemplateCode,
    TooShort,
)
from rashomon.ingest.decode import decode
from rashomon.ingest.pagemeta import jsonld_objects, parse_page

#: Template placeholders: Angular/Handlebars/Jinja/Vue ``{{…}}``, ``{%…%}``, ERB/ASP
#: ``<%…%>`` and ``${…}``.
_TEMPLATE = re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,200}?%\}|<%.{0,200}?%>|\$\{[^}]{1,80}\}")
#: Placeholders covering this share of the text make it template code. No page of the
#: bench nor sample article has a single placeholder; the Angular page of the issue is
#: ~40 % placeholders; 5 % leaves room for an article quoting a few.
TEMPLATE_SHARE = 0.05
#: Below this many words (CJK/Thai characters count 0.6 of a word) a text is no article:
#: a title-only item, a headline with a dateline. Measured (bench/bench_pages.py, results
#: ``lengths``): the 110 real article pages' shortest bodies are 25, 31, 41 words (a
#: paywalled 26-word SCMP stub is the 25); the 90 sample articles' 114; among the 1,564
#: SemEval 2022 dev news texts (real scraped news in 10 languages, ../shared) one is under
#: 12 (a 9-word heading with no text) and 12 under 25: mostly scraping leftovers (login
#: and sign-up prompts, an IP-block notice) but also real two-sentence briefs (16 words
#: in Turkish, 17 in Arabic), which a floor of 25 would reject. Title-only items are 0;
#: captions, which run 15-50 words, are caught by their credit instead (CAPTION_UNITS).
MIN_UNITS = 12
#: A caption: a short text (under this many units) carrying a photo credit. The longest
#: caption seen (a DW gallery line) is 48 words; the shortest sample article 117 units.
CAPTION_UNITS = 60
_CREDIT = re.compile(r"©|\(c\)\s|\b[\w.]+/[A-Z]{2,}\b|\b[A-Z]{2,}/[\w.]+|\([A-Z]{2,6}\)\s*$")
#: Noise: letters under this share of the non-space characters. Real article pages:
#: lowest 0.81, sample articles 0.77; random high-byte noise (our fixture): 0.20.
MIN_LETTER_SHARE = 0.5
#: Noise: undecodable bytes (U+FFFD) over this share of the non-space characters. Real
#: pages and sample: 0.0; the noise fixture: 0.68.
MAX_REPLACEMENT_SHARE = 0.05
#: Noise in a spaced script: under this share of tokens are words (letters, with
#: punctuation around). Real pages: lowest 0.69, sample 0.87; high bytes decoded as one
#: alphabet (cp1251 Cyrillic, as the issue's Armenian): 0.05, its tokens glue letters,
#: digits and symbols, and run 80+ characters (real spaced text: 4-8 on average).
MIN_WORD_SHARE = 0.4
MAX_TOKEN_LENGTH = 25
_WORD = re.compile(r"^[\W_]*[^\W\d_]+(?:[-'’.][^\W\d_]+)*[\W_]*$")
#: Unspaced scripts: a word is about 1.6 characters (Chinese runs ~1.6-1.7 characters per
#: English word in translation), so one character counts 0.6 of a word.
_UNSPACED_WEIGHT = 0.6
_UNSPACED_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "HANGUL")
#: Front pages, first by their address: an empty path or a language (and region) code
#: ("/", "/de", "/en/", "/en-gb/", "/pt-BR") or an overview path (/tag/, /category/,
#: /page/2: courlan's navigation pattern), and no publish date stated in markup (a text or
#: byline guess on a front page is a teaser's). On the bench: 6 of the 12 front pages,
#: and one article whose page declares the home page as canonical (ebene11); none of the
#: 90 sample articles. (Any path of 2 characters was a home page before: "/a1", an
#: article's short address, too.)
_LANGUAGE_HOME = re.compile(r"([A-Za-z]{2,3})(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?")


def _language_home(path: str) -> bool:
    """Is the path a language code CLDR knows, with a region or script after it ("de",
    "en-gb", "zh-Hant"; not "flu-en", an article's slug)?"""
    found = _LANGUAGE_HOME.fullmatch(path)
    if found is None:
        return False
    from babel import localedata

    return localedata.exists(found.group(1).lower())
#: The last segment of an article's address under an overview word: a post number of 3+
#: digits ("/archives/52345678.html" on livedoor blogs, WordPress' "/archives/1234", The
#: Atlantic's "/magazine/archive/2025/03/<slug>/681234/"), a file ("….html", "….php") or
#: a headline slug of 4+ words. A listing ends in a name ("/tag/donald-trump",
#: "/topics/climate-change"), a page number ("/page/2") or a month ("/archives/2025/03").
_ARTICLE_TAIL = re.compile(
    r"(?:\d{3,}|[^/]+\.(?:s?html?|php|aspx?|jsp)|[^/]*\D[^/]*(?:[-_][^-_/]+){3,})/?$")
_MARKUP_ORIGINS = ("input", "feed", "jsonld", "meta", "time", "title", "url")
#: Front pages, second by their shape, for a page that says nothing of being an article
#: (no ``og:type`` article, no JSON-LD article type, no publish date in markup) and has
#: no headline of its own (no ``<h1>`` of 3+ words that is its title): at least this many
#: teasers, a link of 4+ words beside a blurb of 8-80 words in its own block (outside
#: nav/header/footer, not a link inside a paragraph of prose). Measured on the real-page
#: bench: front pages without article markup have 0-25 (yahoo 25, chip.de's section 18,
#: wordpress.com 11, stuttgart.de 11, die-partei 8, deutschland.de 8, wired 8; bayern.de
#: 3 and a Facebook page and a club's table page 0); the 23 article pages without article
#: markup 0-4 (kath.ch, todamax, a Thai report: 4; related-post lists); article pages
#: with markup up to 19, the sample articles 0. 6 sits between the two groups.
MIN_TEASERS = 6
#: ... and the main text must be the teasers' own text: at least this share of its words
#: in lines told in a teaser block (``_share_in``). A front page's text is its blurbs; an
#: article page without markup whose headline is no <h1> (an <h2 class="headline">) read
#: its "Related stories" list (7 teasers) as a front page's, though its text is its own
#: prose. Measured: the bench's front pages with 6+ teasers 0.67-1.0 (die-partei 0.67,
#: wordpress.com 0.74, chip.de 0.79, stuttgart.de 0.85, yahoo 0.87, wired 1.0) but
#: deutschland.de 0.0 (its address or link share still catch it); its article pages with
#: teasers 0.0-0.85 with at most 4 teasers; the pages written for
#: tests/test_ingest_quality_menus.py (de, en, fr, ar, zh): articles 0.0-0.33 (French
#: "À lire aussi" blocks inside the body), section pages 1.0.
TEASER_TEXT_SHARE = 0.5
#: Front pages, third: the main text is (nearly) all link labels of 2+ words, on a page
#: without article markup. The 45 sample HTML articles: at most 0.022 (a dateline link);
#: a page of nothing but an 80-link menu: 1.0 (trafilatura read the menu as its text and
#: it became a story of its own). Not measured on the real-page bench (its pages are
#: fetched at bench time): 0.9 leaves a page no prose to speak of.
LINK_SHARE = 0.9
#: Links looked at for teasers: front pages of the bench have 49-1,002 links in all.
MAX_LINKS = 3000
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "liveblogposting",
                  "scholarlyarticle", "techarticle", "report")
_TEASER_BLOCKS = frozenset({"article", "li", "div", "section", "td", "dd", "aside"})
_NOT_CONTENT = "//script|//style|//noscript|//template|//nav|//header|//footer"
_OVERVIEW_PATH = re.compile(
    r"/(?:archives?|auth?or|[ck]at|category|kategorie|paged?|schlagwort|seite|tags?|topics?)/"
)


@dataclass
class Verdict:
    """Why an item is junk: its coded error (``E2xx``) and one line for the user."""

    error: JunkItem

    @property
    def code(self) -> str:
        return self.error.code

    def line(self) -> str:
        return f"{self.error.code} {self.error.message}"


def assess(article: Article) -> Verdict | None:
    """None for an article; else the first reason it is junk."""
    text = article.maintext or ""
    for check, error, hint in _CHECKS:
        reason = check(article, text)
        if reason is not None:
            return Verdict(error(reason, hint=hint))
    return None


def refuse(article: Article, label: str) -> None:
    """Raise the coded error of a junk ``article`` (``label`` names it to the user: a
    path, "the first text"); return for an article. For commands that score texts
    outside a story (similarity): the rating saturates on texts with nothing to compare,
    so junk gets no score at all."""
    verdict = assess(article)
    if verdict is not None:
        raise RashomonError(f"{label}: {verdict.error.message}",
                            hint="ingest keeps such a text out of every story, so there is "
                                 "no story to compare", code=verdict.code)


def mark(article: Article) -> str | None:
    """Set and return ``article.junk`` (the coded line), None for an article."""
    verdict = assess(article)
    article.junk = verdict.line() if verdict else None
    return article.junk


def units(text: str) -> float:
    """Words, an unspaced-script character counting 0.6 of a word."""
    if not text or max(text) <= _LAST_SPACED:  # no character can be unspaced: no count
        return len(_LETTER_RUN.findall(text))
    counts = Counter(text)
    unspaced = [c for c in counts if _unspaced(c)]
    spaced_text = text.translate({ord(c): " " for c in unspaced}) if unspaced else text
    return (len(_LETTER_RUN.findall(spaced_text))
            + sum(counts[c] for c in unspaced) * _UNSPACED_WEIGHT)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LAST_SPACED = "\u2e7f"  # below it no script of _UNSPACED_NAMES


def _unspaced(ch: str) -> bool:
    return ch > _LAST_SPACED and unicodedata.name(ch, "").startswith(_UNSPACED_NAMES)


def _noise(article: Article, text: str) -> str | None:
    # Each distinct character is classified once (a 2 MB article has a few thousand of
    # them), not each of its millions of characters.
    counts = Counter(text)
    # Combining vowel signs (Burmese, Hindi, Thai) are letters here, not symbols.
    marks = {ord(c): "a" for c in counts if unicodedata.category(c).startswith("M")}
    if marks:
        text = text.translate(marks)
        counts = Counter(text)
    size = sum(n for c, n in counts.items() if not c.isspace())
    if size < 40:
        return None
    replaced = counts["\ufffd"] / size
    letters = sum(n for c, n in counts.items() if c.isalpha()) / size
    tokens = text.split()
    spaced = sum(n for c, n in counts.items() if _unspaced(c)) / size < 0.3  # not CJK, Thai
    words = sum(1 for t in tokens if _WORD.match(t)) / len(tokens) if tokens else 1.0
    long_tokens = spaced and size / max(1, len(tokens)) > MAX_TOKEN_LENGTH
    if replaced > MAX_REPLACEMENT_SHARE or letters < MIN_LETTER_SHARE or long_tokens or \
            (spaced and len(tokens) >= 5 and words < MIN_WORD_SHARE):
        return (f"undecodable noise, not text ({letters:.0%} letters, {replaced:.0%} "
                f"undecodable, {words:.0%} word-like tokens)")
    return None


def _template(article: Article, text: str) -> str | None:
    found = _TEMPLATE.findall(text)
    if len(found) >= 2 and sum(map(len, found)) / max(1, len(text)) >= TEMPLATE_SHARE:
        return (f"template code, not article text ({len(found)} placeholders such as "
                f"{found[0][:40]!r})")
    return None


def _too_short(article: Article, text: str) -> str | None:
    body = text.strip()
    if body and body.casefold() == (article.title or "").strip().casefold():
        # a title-only item repeats its title as text; "too short (0 words)" of a one-line
        # text of 15 words told a user nothing
        return (f"only a title ({_words(units(body))}), no article text: a text's first "
                f"line is read as its title")
    n = units(body)
    if n < MIN_UNITS and not _CREDIT.search(body):
        return f"too short to be an article ({_words(n)})"
    return None


def _words(n: float) -> str:
    """"1 word", "0 words", "12 words" ("(1 words)" was a one-word page's verdict)."""
    shown = f"{n:.0f}"
    return f"{shown} word" + ("" if shown == "1" else "s")


def _caption(article: Article, text: str) -> str | None:
    n = units(text)
    if n < CAPTION_UNITS and _CREDIT.search(text):
        return f"a photo caption, not an article ({n:.0f} words with a credit)"
    return None


def _front_page(article: Article, text: str) -> str | None:
    if article.date_publish is not None and article.date_publish_origin in _MARKUP_ORIGINS:
        return None
    if article.url:
        parts = urlsplit(article.url)
        path = parts.path.strip("/")
        home = not parts.query and (not path or _language_home(path))
        overview = _OVERVIEW_PATH.search(parts.path + "/")
        if overview and _ARTICLE_TAIL.search(parts.path[overview.end() - 1:]):
            overview = None
        if home or overview:
            return f"a front or navigation page, not an article ({article.url})"
    teasers, teaser_text = _teasers_of_bare_page(article)
    if teasers >= MIN_TEASERS and _share_in(text, teaser_text) >= TEASER_TEXT_SHARE:
        return (f"a front or navigation page, not an article ({teasers} teasers, no "
                f"headline, no article markup)")
    share = _link_share(article, text)
    if share >= LINK_SHARE:
        return (f"a front or navigation page, not an article ({share:.0%} of its text is "
                f"link labels, no article markup)")
    return None


def _link_share(article: Article, text: str) -> float:
    """The share of an HTML page's main text (in words) that is the labels of its links
    (of 2+ words), for a page without article markup; 0 for any other item. A page of
    nothing but a menu of links: trafilatura's recall mode reads the menu as the text."""
    total = units(text)
    if article.raw_format != "html" or not article.raw or not total:
        return 0.0
    tree = parse_page(decode(article.raw)[0])
    if tree is None or _article_markup(tree):
        return 0.0
    labels = {" ".join(a.text_content().split()) for a in tree.iter("a") if a.get("href")}
    rest = text
    for label in sorted(labels, key=len, reverse=True):
        if units(label) >= 2:
            rest = rest.replace(label, " ")
    return 1 - units(rest) / total


def _share_in(text: str, teaser_text: set[tuple[str, ...]]) -> float:
    """The share of ``text`` (in words) in lines told in the teasers' text: most of a
    line's word triples stand in a teaser block. Triples, not lines: the reader drops a
    teaser's headline between its kicker and blurb ("Elektromobilität Die
    Landeshauptstadt …" on stuttgart.de) and adds list dashes; single words would tie
    an article's prose to related teasers on its own topic."""
    total = inside = 0.0
    for line in text.splitlines():
        triples = _triples(line)
        if not triples:
            continue
        size = units(line)
        total += size
        if len(triples & teaser_text) * 2 >= len(triples):
            inside += size
    return inside / total if total else 0.0


def _triples(text: str) -> set[tuple[str, ...]]:
    """Runs of three words (three characters in an unspaced script), case folded."""
    tokens: list[str] = []
    for run in _LETTER_RUN.findall(text.casefold()):
        if run[-1] > _LAST_SPACED and _unspaced(run[-1]):
            tokens.extend(run)
        else:
            tokens.append(run)
    return {tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)}


def _teasers_of_bare_page(article: Article) -> tuple[int, set[tuple[str, ...]]]:
    """Teasers of an HTML page without article markup or a headline of its own, with the
    word triples of their blocks (``_triples``); 0 for any other item."""
    if article.raw_format != "html" or not article.raw:
        return 0, set()
    tree = parse_page(decode(article.raw)[0])  # read as the reader did
    if tree is None or _article_markup(tree) or _has_headline(tree, article.title):
        return 0, set()
    for node in tree.xpath(_NOT_CONTENT):
        node.drop_tree()
    words: dict[object, float] = {}  # each block's words counted once: linear in the page

    def size(node) -> float:
        if node not in words:
            words[node] = units(node.text_content())
        return words[node]

    found: set[str] = set()
    blocks: set[tuple[str, ...]] = set()
    for checked, link in enumerate(tree.iter("a")):
        if checked >= MAX_LINKS:  # every teaser: the text share needs all their blocks
            break
        href = link.get("href")
        label = units(link.text_content()) if href else 0
        if label < 4:
            continue
        block, prose = link.getparent(), False
        while block is not None and block.tag not in _TEASER_BLOCKS:
            prose = prose or (block.tag == "p" and size(block) - label >= 12)
            block = block.getparent()
        if not prose and block is not None and 8 <= size(block) - label <= 80:
            found.add(href)
            blocks |= _triples(block.text_content())
    return len(found), blocks


def _article_markup(tree) -> bool:
    """Does the page declare itself an article (``og:type``, a JSON-LD article type)?"""
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or "").lower()
        if key == "og:type" and (node.get("content") or "").strip().lower() == "article":
            return True
    for node in jsonld_objects(tree):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            return True
    return False


def _has_headline(tree, title: str | None) -> bool:
    """An <h1> of 3+ words that is the item's title, or starts it: the page's own
    headline. A front page's <h1> is its logo, a menu label or a teaser's headline."""
    wanted = " ".join((title or "").split()).casefold()
    for node in tree.iter("h1"):
        head = " ".join(node.text_content().split()).casefold()
        if units(head) >= 3 and wanted and (wanted.startswith(head) or head.startswith(wanted)):
            return True
    return False


#: The checks in the order they decide (the first reason found is the verdict), each with
#: its coded error and the hint the user sees.
_CHECKS = (
    (_template, TemplateCode, "the page is filled in by scripts; save the rendered page instead"),
    (_noise, NoiseText, "check the file's encoding; it was stored but joins no story"),
    (_too_short, TooShort, "a news article has a body of at least a paragraph"),
    (_caption, CaptionOnly, "a caption alone joins no story"),
    (_front_page, NavigationPage, "ingest article pages, not a site's home page"),
)
