"""Hostile input to the readers: every item is read or refused on its own, nothing
escapes, nothing hangs, decompression is bounded. Each case failed before this change:
a lone surrogate or a 5,000-deep line lost the rest of a JSONL file, a non-UTF-8 file
name aborted the batch, a FIFO hung the ingest, an empty WARC printed nothing, and a gzip
bomb was expanded whole into memory."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import iter_inputs, read_bytes


def _good(number: int) -> str:
    return json.dumps({
        "title": f"Flood in Valencia, report {number}",
        "maintext": "Heavy rain flooded the streets of Valencia on Tuesday; the regional "
                    "emergency service said 40 people were rescued from their cars.",
        "url": f"https://news.example/valencia/{number}",
    })


def _sources(items) -> dict[str, object]:
    return {os.path.basename(i.source): i for i in items}


def test_a_bad_jsonl_line_costs_only_itself(tmp_path):
    lines = [
        _good(1),
        '{"title": "Lone \\ud800 surrogate", "url": "https://news.example/s", '
        '"maintext": "A record whose text holds a lone surrogate \\udc00 escape, as broken '
        'exporters write them, and enough words to be an article."}',
        "[" * 5_000 + "]" * 5_000,
        '{"title": ' * 3_000 + "1" + "}" * 3_000,
        _good(2),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    by_line = {i.source.rsplit(":", 1)[1]: i for i in items}
    assert set(by_line) == {"1", "2", "3", "4", "5"}
    assert by_line["1"].article and by_line["5"].article  # the good line after the bad
    surrogate = by_line["2"].article
    assert surrogate.title == "Lone \ufffd surrogate"
    (surrogate.title + surrogate.maintext).encode("utf-8")  # storable
    assert by_line["3"].error.code == "E104" and by_line["4"].error.code == "E104"


def test_lone_surrogate_and_deep_lines_ingest_with_the_rest(tmp_path, engine):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join([
        '{"title": "Bad \\ud800", "maintext": "Text \\udfff with a lone surrogate escape in '
        'it, about the Valencia floods.", "url": "https://news.example/bad"}',
        "{" * 5_000, _good(3)]) + "\n", encoding="utf-8")
    results = engine.ingest([str(path)])
    assert [r.status for r in results] == ["new", "error", "new"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_a_non_utf8_file_name_is_read_and_shown_escaped(tmp_path, engine):
    folder = tmp_path / "in"
    folder.mkdir()
    weird = os.path.join(os.fsencode(folder), b"caf\xe9-lyon.txt")
    with open(weird, "wb") as handle:
        handle.write(b"Lyon cafe reopens\n\nThe cafe on Rue Merciere in Lyon reopened on "
                     b"Monday, three months after a fire, its owner said.\n")
    (folder / "genoa.txt").write_text("Genoa harbour reopens\n\nThe harbour of Genoa "
                                      "reopened on Monday after the storm.\n", encoding="utf-8")
    results = engine.ingest([str(folder)])
    shown = sorted(os.path.basename(r.source) for r in results)
    assert shown == ["caf\\xe9-lyon.txt", "genoa.txt"]
    assert all(r.status == "new" for r in results)
    stored = engine.article(next(r.article_id for r in results if "caf" in r.source))
    assert stored.source_path.endswith("caf\\xe9-lyon.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_skipped_with_a_coded_error(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes to it: reading it would block
    (tmp_path / "ok.txt").write_text("Title\n\nA short article about Genoa.\n")
    items = _sources(iter_inputs([str(tmp_path)]))
    assert items["pipe.txt"].error.code == "E107"
    assert items["ok.txt"].article is not None


def test_a_device_is_skipped_with_a_coded_error():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    [item] = iter_inputs(["/dev/zero"])  # endless: read whole it would fill the memory
    assert item.error.code == "E107"


def _warc(records: list[tuple[str, bytes]], gzipped: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


_PAGE = (b"<html><head><title>Genoa harbour reopens</title></head><body><article><h1>Genoa "
         b"harbour reopens</h1><p>The harbour of Genoa reopened on Monday after the storm "
         b"that closed it for three days, the port authority said.</p><p>Ferries to "
         b"Sardinia left on schedule in the afternoon.</p></article></body></html>")


def test_an_empty_warc_is_reported():
    for data in (b"", gzip.compress(b"")):
        [item] = read_bytes(data, "crawl.warc.gz")
        assert item.error is not None and item.error.code == "E101"


def test_a_record_past_the_record_cap_is_skipped_and_the_rest_read(monkeypatch):
    monkeypatch.setenv("RASHOMON_MAX_RECORD_BYTES", "100000")
    bomb = b"<html><body><p>" + b" " * 3_000_000 + b"</p></body></html>"  # ~3 KB gzipped
    data = _warc([("https://a.example/1", _PAGE), ("https://a.example/bomb", bomb),
                  ("https://a.example/2", _PAGE)])
    assert len(data) < 20_000
    items = list(read_bytes(data, "crawl.warc.gz"))
    assert [bool(i.article) for i in items] == [True, False, True]
    assert items[1].error.code == "E106"


def test_a_gzip_bomb_stops_at_the_file_cap_keeping_earlier_records(monkeypatch):
    monkeypatch.setenv("RASHOMON_MAX_EXPANDED_BYTES", "1000000")
    bomb = b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>"
    data = _warc([("https://a.example/1", _PAGE), ("https://a.example/bomb", bomb),
                  ("https://a.example/2", _PAGE)])
    items = list(read_bytes(data, "crawl.warc.gz"))
    assert items[0].article is not None
    assert items[-1].error is not None and items[-1].error.code == "E106"


def test_a_plain_warc_and_one_without_html_responses():
    items = list(read_bytes(_warc([("https://a.example/1", _PAGE)], gzipped=False),
                            "crawl.warc"))
    assert len(items) == 1 and items[0].article.title == "Genoa harbour reopens"
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warc_record("https://a.example/r", "request",
                                                  payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    [item] = read_bytes(out.getvalue(), "crawl.warc.gz")
    assert item.error.code == "E101" and "no HTML response" in item.error.message

