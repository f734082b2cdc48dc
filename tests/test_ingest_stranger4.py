"""What a newcomer met feeding `rashomon ingest` hostile input on a fresh install
(2026-12-05): a web address given as a path was "No such file or directory — check the
path and permissions"; a text file listing web addresses was stored as an article titled
with its first address; a broken JSON line's message ended mid-sentence ("Unterminated
string starting at") with no hint; a record dated 1900-01-01, a spreadsheet's or SQL
Server's empty date, was taken as the publish time with confidence 0.9."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from rashomon.ingest import iter_inputs, read_bytes
from rashomon.ingest.fields import implausible_time

BODY = ("The harbour bridge in Galway was closed to all traffic on Tuesday evening after "
        "engineers found cracks in two of its pillars during a routine inspection, the city "
        "council said. About 12,000 vehicles cross the bridge each day.")


@pytest.mark.parametrize("path", ["https://news.example.com/world/2025/bridge-closed",
                                  "http://example.invalid/a", "HTTPS://EXAMPLE.ORG"])
def test_a_web_address_given_as_a_path_is_refused_as_one(path):
    [item] = list(iter_inputs([path]))
    assert item.source == path and item.article is None
    assert item.error.code == "E105" and "web address" in item.error.message
    assert "never downloads" in item.error.hint and "No such file" not in item.error.message


def test_a_missing_file_is_still_a_missing_file(tmp_path):
    [item] = list(iter_inputs([str(tmp_path / "missing.txt")]))
    assert item.error.code == "E104" and "No such file" in item.error.message


@pytest.mark.parametrize("name", ["urls.txt", "links", "list.md"])
def test_a_text_file_listing_web_addresses_is_no_article(name):
    data = b"http://example.invalid/a\n\nhttps://news.example.com/story/1\r\n  ftp://x.org/f\n"
    [item] = list(read_bytes(data, name))
    assert item.article is None and item.error.code == "E105"
    assert item.error.message == "a list of 3 web addresses, not an article"


def test_a_text_that_quotes_an_address_is_still_an_article():
    text = f"Bridge closed\n\n{BODY}\nhttps://galway.example/notice\n"
    [item] = list(read_bytes(text.encode(), "bridge.txt"))
    assert item.error is None and item.article.title == "Bridge closed"


def test_a_broken_json_line_says_where_and_what_to_do():
    good = json.dumps({"title": "Bridge closed", "maintext": BODY, "url": "https://g.example/1"})
    data = f'{good}\n{{"title": "broken", "maintext": "abc\n{good.replace("/1", "/2")}\n'
    items = list(read_bytes(data.encode(), "news.jsonl"))
    assert [i.error is None for i in items] == [True, False, True]
    error = items[1].error
    assert error.code == "E104" and items[1].source == "news.jsonl:2"
    assert error.message == "line is not valid JSON: Unterminated string starting at (column 33)"
    assert error.hint == "the other lines are read; fix or remove this one"


@pytest.mark.parametrize("value", [
    datetime(1900, 1, 1, tzinfo=UTC), datetime(1899, 12, 30, tzinfo=UTC),
    datetime(1899, 12, 31, 12, tzinfo=UTC),
    datetime(1900, 1, 1, tzinfo=timezone(timedelta(hours=3))),  # 1899-12-31 in UTC
])
def test_spreadsheet_and_sql_server_empty_days_are_no_date(value):
    assert implausible_time(value) == f"{value.date().isoformat()} is an empty value, not a date"


@pytest.mark.parametrize("value", [datetime(1900, 1, 2, tzinfo=UTC),
                                   datetime(1912, 4, 15, tzinfo=UTC),
                                   datetime(1971, 1, 1, tzinfo=UTC)])
def test_real_old_days_stay_dates(value):
    assert implausible_time(value) is None


def test_a_record_dated_1900_is_stored_undated_with_a_warning():
    record = {"title": "Bridge closed", "maintext": BODY, "url": "https://g.example/1",
              "date_publish": "1900-01-01 00:00:00"}
    [item] = list(read_bytes(json.dumps(record).encode(), "n.jsonl"))
    assert item.article.date_publish is None
    assert "date_publish 1900-01-01 is an empty value, not a date; not used" \
        in item.article.warnings


def test_a_page_whose_declared_charset_lies_says_what_was_read_instead():
    """A Shift-JIS page declaring UTF-8 warned "declared charset 'utf-8' does not decode
    the bytes; detected", a sentence cut short before the charset it detected."""
    text = ("東京都内で大規模な停電が発生し、約12万世帯に影響が出た。"
            "東京電力によると、変電所の設備故障が原因とみられる。")
    page = (f'<html><head><meta charset="utf-8"><title>東京で大規模停電</title></head><body>'
            f"<article><h1>東京で大規模停電</h1><p>{text}</p><p>{text}</p></article></body></html>")
    [item] = list(read_bytes(page.encode("shift_jis"), "teiden.html"))
    assert item.article.title == "東京で大規模停電"
    assert item.article.warnings[:2] == [
        "declared charset 'utf-8' does not decode the bytes; detected instead",
        "no usable charset declaration; detected cp932"]


def test_a_page_with_no_main_text_is_counted_in_the_singular():
    """A page holding only its navigation was "too short to be an article (1 words)"."""
    from rashomon.ingest import quality

    page = (b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
            b"<a href='/a'>About</a></nav><footer>(c) 2024</footer></body></html>")
    [item] = list(read_bytes(page, "front.html"))
    quality.mark(item.article)
    assert item.article.junk == "E203 too short to be an article (1 word)"
