"""Junk is not news: template code, captions, title-only items, front pages and noise get
a coded verdict, are stored and listed, and never join a story. Fixtures in
tests/data/junk/ are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.core import Article
from rashomon.ingest import iter_inputs
from rashomon.ingest.quality import assess
from rashomon.pipeline import Engine

DATA = Path(__file__).parent / "data" / "junk"


def _article(name: str) -> Article:
    (item,) = list(iter_inputs([str(DATA / name)]))
    assert item.error is None, item.error
    return item.article


@pytest.mark.parametrize(
    ("name", "code"),
    [("angular_page.html", "E201"), ("caption.txt", "E202"), ("title_only.txt", "E203"),
     ("noise.txt", "E205")],
)
def test_junk_items_get_their_coded_reason(name: str, code: str) -> None:
    verdict = assess(_article(name))
    assert verdict is not None and verdict.code == code
    assert verdict.line().startswith(code + " ")


def test_front_page_without_a_stated_date_is_navigation() -> None:
    body = ("Politik Wirtschaft Sport Kultur Wetter. Die wichtigsten Nachrichten des Tages, "
            "Videos und Bilder aus der Region, jeden Morgen neu für Sie zusammengestellt. ") * 4
    front = Article(title="Startseite", maintext=body, url="https://www.example-zeitung.de/")
    assert assess(front).code == "E204"
    story = Article(title="Neue Brücke eröffnet", maintext=body,
                    url="https://www.example-zeitung.de/lokales/neue-bruecke-eroeffnet-123")
    assert assess(story) is None


@pytest.mark.parametrize(
    ("title", "text", "lang"),
    [
        ("Il ponte riapre", "Il nuovo ponte sul Po tra Piacenza e Lodi è stato riaperto al "
         "traffico dopo tre anni di lavori. Secondo la provincia vi passeranno ogni giorno "
         "ventimila veicoli, e i pendolari potranno risparmiare fino a mezz'ora.", "it"),
        ("神舟二十号发射成功", "神舟二十号载人飞船于今日凌晨在酒泉卫星发射中心发射升空，"
         "三名航天员将在空间站工作六个月，开展多项科学实验和技术试验。", "zh"),
        ("شهر تهران", "شهرداری تهران اعلام کرد که خط جدید متروی شهر از هفته آینده برای "
         "مسافران باز می‌شود و روزانه صد هزار نفر از آن استفاده خواهند کرد و زمان سفر کم می‌شود.",
         "fa"),
    ],
)
def test_short_real_articles_in_several_scripts_are_news(title, text, lang) -> None:
    assert assess(Article(title=title, maintext=text, language=lang)) is None


def test_junk_is_stored_and_listed_but_joins_no_story(tmp_path) -> None:
    engine = Engine(str(tmp_path / "r.db"))
    try:
        results = {Path(r.source).name: r for r in engine.ingest([str(DATA)])}
        assert set(results) == {"angular_page.html", "caption.txt", "title_only.txt",
                                "noise.txt"}
        for result in results.values():
            assert result.status == "new" and result.article_id is not None
            assert result.junk and result.junk[:2] == "E2"
            assert result.story_id is None
            assert engine.article(result.article_id).junk == result.junk
        assert engine.stories() == []
        again = engine.ingest([str(DATA / "caption.txt")])
        assert again[0].status == "unchanged" and again[0].junk.startswith("E202")
    finally:
        engine.close()


def test_noise_decoded_as_one_alphabet_is_noise() -> None:
    # High bytes read through a single-byte code page come out as Cyrillic "words" glued
    # to digits and symbols, with hardly a space: letters, but no text.
    raw = bytes(range(0xC0, 0x100)) * 3 + b"4,7:9!" * 20
    text = "".join(raw[i::7].decode("cp1251") for i in range(7))
    verdict = assess(Article(title="x", maintext=text))
    assert verdict is not None and verdict.code == "E205"


def test_a_title_only_item_is_named_as_such() -> None:
    """A one-line text of 15 words was "too short to be an article (0 words)": its line is
    the title, so the body was empty; the line now says so, with the title's length."""
    line = ("Danube floods force 4,000 people from their homes in Lower Austria as the river "
            "crests at Krems")
    verdict = assess(Article(title=line, maintext=line))
    assert verdict.code == "E203" and "only a title (16 words)" in verdict.line()
    assert "first line" in verdict.line()


def test_a_page_that_is_only_a_menu_of_links_is_navigation() -> None:
    """A page of 80 links in its <nav> and nothing else: trafilatura read the menu as the
    text, which became a story of its own ("Section 0 headline teaserSection 1 …")."""
    from rashomon.ingest import read_bytes

    menu = "".join(f"<a href='/s{i}'>Section {i} headline teaser</a>" for i in range(80))
    page = f"<html><body><nav>{menu}</nav></body></html>".encode()
    [item] = read_bytes(page, "index.html")
    verdict = assess(item.article)
    assert verdict is not None and verdict.code == "E204" and "link labels" in verdict.line()
    for path in sorted((Path(__file__).parents[1] / "src/rashomon/sample/corpus").rglob("*.htm*")):
        (article,) = [i.article for i in read_bytes(path.read_bytes(), path.name)]
        assert assess(article) is None, path.name
