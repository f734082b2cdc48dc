"""Publish dates and titles of web pages: markup before text guesses, headlines without
the site's name. Fixtures in tests/data/pages/ are written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import html as lxml_html

from rashomon.ingest.pagetitle import clean_title, strip_site
from rashomon.ingest.readers import read_bytes

DATA = Path(__file__).parent / "data" / "pages"


def _read(name: str):
    data = (DATA / name).read_bytes()
    (item,) = list(read_bytes(data, name))
    assert item.error is None
    return item.article


def test_date_in_the_title_beats_a_teaser_date_and_a_cms_stamp() -> None:
    article = _read("wire_byline.html")
    assert article.date_publish.date() == date(2021, 3, 14)
    assert article.date_publish_origin == "title"
    assert article.title == "Stadtrat beschließt neuen Radweg am Fluss"
    assert "2,4 Kilometern" in article.maintext


def test_time_datetime_by_the_headline_is_read_and_a_comment_time_is_not() -> None:
    article = _read("time_datetime.html")
    assert article.date_publish.date() == date(2019, 5, 15)
    assert (article.date_publish.hour, article.date_publish.minute) == (5, 28)
    assert article.date_publish_origin == "time"
    assert article.title == "Harbour ferry service resumes after storm repairs"


def test_byline_date_under_the_headline_when_nothing_else_states_one() -> None:
    html = (DATA / "wire_byline.html").read_text(encoding="utf-8")
    html = html.replace(" | 14.03.2021", "")  # the title no longer carries the date
    (item,) = list(read_bytes(html.encode("utf-8"), "byline.html"))
    assert item.article.date_publish.date() == date(2021, 3, 14)
    assert item.article.date_publish_origin == "byline"


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("Uncork the mystery of Germany's Frühburgunder | DW | 10.06.2013", ["dw"],
         "Uncork the mystery of Germany's Frühburgunder"),
        ("Anticorrupción decidirá si recurre » Local » Noticias » Ultima Hora Mallorca",
         ["ultimahora"], "Anticorrupción decidirá si recurre"),
        ("So schützen Nutzer ihre Daten - CNET.de", ["cnet"], "So schützen Nutzer ihre Daten"),
        ("Flood waters recede in the north — AFP p", [], "Flood waters recede in the north"),
        ("米朝首脳直通電話 習氏に挑むトランプ戦術の成否（写真＝ロイター）", [],
         "米朝首脳直通電話 習氏に挑むトランプ戦術の成否"),
        # A dash inside a headline is not a site separator.
        ("Hating Millennials - the prejudice you're allowed to boast about", ["boingboing"],
         "Hating Millennials - the prejudice you're allowed to boast about"),
        ("Python 3.6.0 is now available!", ["python"], "Python 3.6.0 is now available!"),
    ],
)
def test_site_name_date_and_credit_segments_are_stripped(title, names, expected) -> None:
    assert strip_site(title, names, []) == expected


def test_headline_confirmed_by_h1_and_one_word_site_title_falls_back_to_h1() -> None:
    page = lxml_html.document_fromstring(
        "<html><head><title>Blog - Schattiges Plätzchen</title></head>"
        "<body><h1>Schattiges Plätzchen</h1><p>Text.</p></body></html>")
    assert clean_title(page, None, None) == "Schattiges Plätzchen"
    page = lxml_html.document_fromstring(
        "<html><head><title>MEDEF</title></head><body>"
        "<h1>Alternative dispute resolution for antitrust damages</h1></body></html>")
    assert clean_title(page, None, None) == "Alternative dispute resolution for antitrust damages"


def test_unnamed_site_segment_gives_way_to_the_h1() -> None:
    # Neither og:site_name nor the domain names "Reiseblog aus Graz": the <h1> is cleaner.
    page = lxml_html.document_fromstring(
        "<html><head><title>Drei Tage in Triest – Reiseblog aus Graz</title></head><body>"
        "<h1>Drei Tage in Triest</h1><p>Text.</p></body></html>")
    assert clean_title(page, "https://www.anna-unterwegs.at/2019/triest", None) == \
        "Drei Tage in Triest"
    # Without an <h1>, trafilatura's title when it is one of the segments.
    page = lxml_html.document_fromstring(
        "<html><head><title>Karl's Notes | Why we moved to Python 3</title></head>"
        "<body><p>Text.</p></body></html>")
    assert clean_title(page, None, "Why we moved to Python 3") == "Why we moved to Python 3"
