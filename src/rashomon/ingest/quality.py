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
from dataclasses import dataclass
from urllib.parse import urlsplit

from rashomon.core import Article
from rashomon.errors import (
    CaptionOnly,
    JunkItem,
    NavigationPage,
    NoiseText,
    TemplateCode,
    TooShort,
)

#: Template placeholders: Angular/Handlebars/Jinja/Vue ``{{…}}``, ``{%…%}``, ERB/ASP
#: ``<%…%>`` and ``${…}``.
_TEMPLATE = re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,200}?%\}|<%.{0,200}?%>|\$\{[^}]{1,80}\}")
#: Placeholders covering this share of the text make it template code. No page of the
#: bench nor sample article has a single placeholder; the Angular page of the issue is
#: ~40 % placeholders; 5 % leaves room for an article quoting a few.
TEMPLATE_SHARE = 0.05
#: Below this many words (CJK/Thai characters count 0.6 of a word) a text is no article:
#: a title-only item, a headline with a dateline. Set low on purpose: two-sentence briefs
#: (20-30 words, many API and test inputs, and a paywalled 26-word SCMP stub on the bench)
#: are news; shortest sample article 114 units, shortest real page kept 25. Captions,
#: which run 15-50 words, are caught by their credit instead (CAPTION_UNITS).
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
#: Front pages: a URL path of at most this many characters ("/", "/de", "/en/") and no
#: publish date stated in markup (a text or byline guess on a front page is a teaser's).
#: On the bench: 6 of the 12 front pages, and one article whose page declares the home
#: page as canonical (ebene11); none of the 90 sample articles.
HOME_PATH = 3
_MARKUP_ORIGINS = ("input", "feed", "jsonld", "meta", "time", "title", "url")


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


def mark(article: Article) -> str | None:
    """Set and return ``article.junk`` (the coded line), None for an article."""
    verdict = assess(article)
    article.junk = verdict.line() if verdict else None
    return article.junk


def units(text: str) -> float:
    """Words, an unspaced-script character counting 0.6 of a word."""
    spaced = len(re.findall(r"[^\W\d_]+", "".join(" " if _unspaced(c) else c for c in text)))
    return spaced + sum(1 for c in text if _unspaced(c)) * _UNSPACED_WEIGHT


def _unspaced(ch: str) -> bool:
    return ord(ch) > 0x2E7F and unicodedata.name(ch, "").startswith(_UNSPACED_NAMES)


def _noise(article: Article, text: str) -> str | None:
    # Combining vowel signs (Burmese, Hindi, Thai) are letters here, not symbols.
    text = "".join("a" if unicodedata.category(c).startswith("M") else c for c in text)
    chars = [c for c in text if not c.isspace()]
    if len(chars) < 40:
        return None
    replaced = chars.count("\ufffd") / len(chars)
    letters = sum(c.isalpha() for c in chars) / len(chars)
    tokens = text.split()
    spaced = sum(map(_unspaced, chars)) / len(chars) < 0.3  # not Chinese, Japanese, Thai
    words = sum(1 for t in tokens if _WORD.match(t)) / len(tokens) if tokens else 1.0
    long_tokens = spaced and len(chars) / max(1, len(tokens)) > MAX_TOKEN_LENGTH
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
    if body.casefold() == (article.title or "").strip().casefold():
        body = ""  # a title-only item repeats its title as text
    n = units(body)
    if n < MIN_UNITS and not _CREDIT.search(body):
        return f"too short to be an article ({n:.0f} words)"
    return None


def _caption(article: Article, text: str) -> str | None:
    n = units(text)
    if n < CAPTION_UNITS and _CREDIT.search(text):
        return f"a photo caption, not an article ({n:.0f} words with a credit)"
    return None


def _front_page(article: Article, text: str) -> str | None:
    if not article.url:
        return None
    parts = urlsplit(article.url)
    if parts.query or len(parts.path.strip("/")) > HOME_PATH - 1:
        return None
    if article.date_publish is not None and article.date_publish_origin in _MARKUP_ORIGINS:
        return None
    return f"a front or navigation page, not an article ({article.url})"


#: The checks in the order they decide (the first reason found is the verdict), each with
#: its coded error and the hint the user sees.
_CHECKS = (
    (_template, TemplateCode, "the page is filled in by scripts; save the rendered page instead"),
    (_noise, NoiseText, "check the file's encoding; it was stored but joins no story"),
    (_too_short, TooShort, "a news article has a body of at least a paragraph"),
    (_caption, CaptionOnly, "a caption alone joins no story"),
    (_front_page, NavigationPage, "ingest article pages, not a site's home page"),
)
