"""Property-based fuzzing of every reader and of the extraction entry point: whatever
the bytes or text, no exception escapes, every item is an article or a coded error, and
each call returns within a time bound. Derandomized (a fixed example sequence), so the
suite stays deterministic; each run still tries inputs no one wrote by hand."""

from __future__ import annotations

import gzip
import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.core import Article
from rashomon.errors import RashomonError
from rashomon.extract import extract_facts
from rashomon.ingest import read_bytes

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".xml", ".warc", ".warc.gz", ".gz", ""]
#: Seconds one small input may take (the slowest reader, trafilatura on odd HTML, takes
#: well under one on these sizes; a hang or a quadratic blow-up takes far longer).
BOUND = 10


def _check(items) -> None:
    assert items, "a reader must say something about every input"
    for item in items:
        assert (item.article is None) != (item.error is None)
        if item.error is not None:
            assert isinstance(item.error, RashomonError) and item.error.code.startswith("E")
        else:
            (item.article.title + item.article.maintext).encode("utf-8")  # storable


def _read(data: bytes, name: str):
    started = time.monotonic()
    items = list(read_bytes(data, name))
    assert time.monotonic() - started < BOUND
    return items


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name(data, suffix):
    _check(_read(data, "input" + suffix))


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_gzip_as_warc(data):
    _check(_read(gzip.compress(data), "crawl.warc.gz"))


_markup = st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<title>", "</title>",
                                    "<meta charset='utf-16'>", "<script>", "&amp;", "&#0;",
                                    "<![CDATA[", "]]>", "<!--", "-->", "\x00", "\ud7ff"])
                   | st.text(max_size=40), max_size=60).map("".join)


@FUZZ
@given(body=_markup)
def test_any_markup_as_html_and_feed(body):
    for name, text in (("page.html", f"<html><body>{body}</body></html>"),
                       ("feed.xml", f"<rss version='2.0'><channel><item><title>{body}"
                                    f"</title><description>{body}</description></item>"
                                    "</channel></rss>")):
        _check(_read(text.encode("utf-8", "replace"), name))


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=20)


@FUZZ
@given(records=st.lists(st.one_of(
    _json_value, st.fixed_dictionaries({"title": st.text(), "maintext": st.text(),
                                        "url": st.text(), "date_publish": st.text()})),
    min_size=1, max_size=5))
def test_any_json_records_as_jsonl(records):
    lines = "\n".join(json.dumps(r) for r in records)
    _check(_read(lines.encode("utf-8"), "export.jsonl"))


@FUZZ
@given(text=st.text(max_size=4000),
       language=st.sampled_from(["en", "de", "ru", "ar", "fa", "zh", "ja", "el", "tr", None]))
def test_extraction_on_any_text(text, language):
    started = time.monotonic()
    facts = extract_facts(Article(title="", maintext=text, language=language, id=1))
    assert time.monotonic() - started < BOUND
    for mention in facts.mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
