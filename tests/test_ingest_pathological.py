"""Odd input written as real crawls deliver it (2026-12-05): every item is read or gets
one coded error, the rest of the batch goes on, nothing is lost, nothing prints a
traceback, and the worst pages stay within a time and memory bound."""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest

from rashomon.ingest import read_bytes

RU = ("Региональный совет во вторник проголосовал за закрытие старого портового моста после "
      "того, как инженеры обнаружили трещины в двух его опорах. По мосту ежедневно проезжают "
      "около 12 тысяч автомобилей, сообщила пресс-секретарь совета.")
DE = ("Der Regionalrat hat am Dienstag beschlossen, die alte Hafenbrücke zu schließen, nachdem "
      "Ingenieure Risse in zwei ihrer Pfeiler gefunden hatten. Rund 12.000 Fahrzeuge "
      "überqueren die Brücke täglich, sagte eine Sprecherin.")
EN = ("The regional council voted on Tuesday to close the old harbour bridge after engineers "
      "found cracks in two of its pillars, a spokeswoman said. About 12,000 vehicles cross the "
      "bridge each day; repairs will take at least six months.")


def _items(data: bytes, name: str):
    return list(read_bytes(data, name))


def _page(body: str, head: str = "<meta charset='utf-8'>") -> str:
    return f"<html><head>{head}<title>Bridge</title></head><body>{body}</body></html>"


def test_tables_nested_thousands_deep_are_read_in_bounded_time_and_memory():
    nest = 3000
    page = _page("<table><tr><td>" * nest + "<p>deep cell</p>" + "</td></tr></table>" * nest +
                 f"<article><h1>Harbour bridge closed</h1><p>{EN}</p></article>")
    tracemalloc.start()
    started = time.process_time()
    [item] = _items(page.encode(), "nested.html")
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert item.error is None and "12,000 vehicles" in item.article.maintext
    assert seconds < 10 and peak < 300e6, (seconds, peak)


def test_a_script_only_page_is_one_coded_error():
    script = "<script>var n = 0;" + "n += 1;" * 4000 + "</script>"
    [item] = _items(_page(script, head=script).encode(), "app.html")
    assert item.error is not None and item.error.code == "E101"


@pytest.mark.parametrize("data, name", [
    (_page(f"<article><h1>Hafenbrücke gesperrt</h1><p>{DE}</p></article>",
           head="<meta charset='utf-16'>").encode("utf-16"), "bruecke.html"),
    (("Hafenbrücke gesperrt\n" + DE).encode("utf-16"), "bruecke.txt"),
    (("Hafenbrücke gesperrt\n" + DE).encode("utf-16-le"), "bruecke-le.txt"),
    (_page(f"<article><h1>Портовый мост закрыт</h1><p>{RU}</p></article>").encode("cp1251"),
     "most.html"),  # windows-1251 bytes under a utf-8 declaration
])
def test_utf16_and_a_lying_charset_are_read_as_the_text_they_hold(data, name):
    [item] = _items(data, name)
    assert item.error is None, item.error
    assert ("Brücke" in item.article.maintext) or ("мост" in item.article.maintext)
    assert "\ufffd" not in item.article.maintext


def test_json_lines_of_every_wrong_kind_cost_only_themselves():
    lines = [
        json.dumps({"title": 123, "maintext": ["Erster Absatz.", DE], "date_publish": 5}),
        json.dumps({"title": "Brücke", "maintext": DE, "date_publish": {"x": 1}, "language": 7}),
        json.dumps([1, 2, 3]), json.dumps("nur Text"), "null", "42",
        '{"title": "abgeschnitten',
        json.dumps({"title": "T" * 100_000, "maintext": RU, "source_domain": {"a": [1]}}),
        json.dumps({"title": "Hafenbrücke", "maintext": DE, "date_publish": "2999-01-01"}),
        json.dumps({"title": "Bridge", "maintext": EN, "date_publish": "2025-03-04T10:00:00"}),
    ]
    items = _items(("\n".join(lines) + "\n").encode(), "odd.jsonl")
    assert [i.source for i in items] == [f"odd.jsonl:{n}" for n in range(1, len(lines) + 1)]
    errors = {i.source.rsplit(":", 1)[1]: i.error.code for i in items if i.error}
    assert errors == {"3": "E104", "4": "E104", "5": "E104", "6": "E104", "7": "E104"}
    read = {i.source.rsplit(":", 1)[1]: i.article for i in items if i.article}
    assert read["1"].date_publish is None and read["1"].title == "123"
    assert "Erster Absatz." in read["1"].maintext
    assert read["8"].source_domain is None and len(read["8"].title) == 100_000
    assert read["9"].date_publish is None and read["10"].date_publish.year == 2025


def test_a_feed_with_missing_unreadable_and_future_dates_keeps_every_entry():
    entries = "".join(
        f"<item><title>Entry {n}</title><link>https://galway-news.example/2025/03/{n}</link>"
        f"{date}<description>{EN}</description></item>"
        for n, date in enumerate(["", "<pubDate>not a date at all</pubDate>",
                                  "<pubDate>Tue, 03 Dec 2036 10:00:00 GMT</pubDate>",
                                  "<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>"]))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}' \
           f"</channel></rss>"
    items = _items(feed.encode(), "news.rss")
    assert [i.error for i in items] == [None] * 4
    dates = [i.article.date_publish for i in items]
    assert dates[:3] == [None, None, None] and dates[3].year == 2025


def test_zero_bytes_binary_and_blank_files_are_coded():
    codes = {}
    for name, data in {"empty.html": b"", "blank.txt": b" \n\t\n" * 500,
                       "scan.html": b"%PDF-1.4\n" + bytes(range(256)) * 20,
                       "nul.txt": b"Titel\n" + b"\x00" * 5000}.items():
        [item] = _items(data, name)
        codes[name] = item.error.code if item.error else None
    assert codes == {"empty.html": "E101", "blank.txt": "E101", "scan.html": "E102",
                     "nul.txt": "E102"}
