"""Bad input: one clear error per item naming the file and why; the batch goes on; nothing
already stored is lost."""

from __future__ import annotations

import logging
import tracemalloc
from pathlib import Path

import pytest

from rashomon.ingest import iter_inputs

DATA = Path(__file__).parent / "data" / "ingest"
GOOD = "Nuovo ponte sul Po\nIl ponte tra Piacenza e Lodi è stato aperto al traffico oggi."


def _bad_batch(folder: Path) -> dict[str, bytes]:
    """One file per kind of bad input, plus one good file."""
    files = {
        "empty.txt": b"",
        "blank.html": b"   \n\n  ",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "no_body.html": b"<html><head><title>Solo titolo</title></head></html>",
        "broken_feed.xml": b'<?xml version="1.0"?><rss version="2.0"><channel><title>X</ti',
        "not_json.json": b'{"title": "Senza fine", "maintext": ',
        "missing.json": b'{"url": "https://example.it/a", "title": "Solo titolo"}',
        "good.txt": GOOD.encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_each_bad_file_gets_one_error_naming_it_and_why(tmp_path):
    _bad_batch(tmp_path)
    items = {Path(i.source).name: i for i in iter_inputs([str(tmp_path)])}
    reasons = {name: str(item.error) for name, item in items.items() if item.error}
    assert set(items) == set(reasons) | {"good.txt"}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.html"]
    assert "binary" in reasons["photo.txt"]
    assert "no article text" in reasons["no_body.html"]
    assert "RSS/Atom" in reasons["broken_feed.xml"]
    assert "invalid JSON at line 1" in reasons["not_json.json"]
    assert "maintext" in reasons["missing.json"]
    assert all(r.startswith("[E1") for r in reasons.values())
    assert items["good.txt"].article.title == "Nuovo ponte sul Po"


def test_unsupported_file_named_explicitly(tmp_path):
    """Folders skip unknown suffixes (a folder with nothing else to read is one E101
    line); a file named explicitly gets an error."""
    (tmp_path / "table.csv").write_text("città,abitanti\nRoma,2750000\n", encoding="utf-8")
    [folder] = iter_inputs([str(tmp_path)])
    assert folder.error.code == "E101" and folder.source == str(tmp_path)
    [item] = iter_inputs([str(tmp_path / "table.csv")])
    assert "unsupported file type .csv" in str(item.error)


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    [item] = iter_inputs([str(tmp_path / "nope.html")])
    assert "cannot read the file" in str(item.error)


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    """A 21 MB file: E103 and no 21 MB allocation (the size is checked first)."""
    big = tmp_path / "dump.html"
    with open(big, "wb") as out:
        chunk = b"<p>" + "Представители США провели встречу. ".encode() * 300 + b"</p>\n"
        while out.tell() < 21_000_000:
            out.write(chunk)
    items = iter_inputs([str(big), str(DATA / "it_colloqui.html")])
    tracemalloc.start()
    refused = next(items)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert refused.error.code == "E103"
    assert "over the 20,000,000-byte limit" in str(refused.error)
    assert peak < 1_000_000
    assert next(items).article is not None  # the batch goes on


def test_limit_is_configurable(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    [item] = iter_inputs([str(tmp_path / "a.txt")], max_bytes=20)
    assert item.error.code == "E103"


@pytest.mark.parametrize(
    "page",
    [
        # unclosed tags everywhere, no </body>
        b"<html><head><title>Ponte sul Po</title><body><div><p>Il nuovo ponte sul Po tra "
        b"Piacenza e Lodi \xc3\xa8 stato aperto al traffico dopo tre anni di lavori. <p>Secondo la "
        b"provincia vi passeranno ogni giorno ventimila veicoli e i pendolari risparmieranno "
        b"mezz'ora.<div><span>",
        # no <html>, no <body>, only paragraphs
        b"<p>Il nuovo ponte sul Po tra Piacenza e Lodi \xc3\xa8 stato aperto al traffico dopo "
        b"tre anni di lavori.</p><p>Secondo la provincia vi passeranno ogni giorno ventimila "
        b"veicoli.</p>",
    ],
)
def test_broken_html_is_read_when_it_holds_text(tmp_path, page):
    (tmp_path / "broken.html").write_bytes(page)
    [item] = iter_inputs([str(tmp_path / "broken.html")])
    assert item.error is None, item.error
    assert "ponte sul Po" in item.article.text


def test_bad_batch_through_engine_keeps_what_is_stored(engine, tmp_path, caplog):
    first = list(engine.ingest([str(DATA / "it_colloqui.html"), str(DATA / "mixed.jsonl")]))
    stored = {a.id: (a.title, a.maintext, a.content_hash) for a in engine.store.iter_articles()}
    assert len(stored) == 4 and sum(r.status == "error" for r in first) == 2

    bad = tmp_path / "bad"
    bad.mkdir()
    _bad_batch(bad)
    with caplog.at_level(logging.INFO, logger="rashomon"):
        results = engine.ingest([str(bad), str(DATA / "it_colloqui.html")])
    by_name = {Path(r.source).name: r for r in results}
    assert by_name["it_colloqui.html"].status == "unchanged"
    assert by_name["good.txt"].status == "new"
    errors = [r for r in results if r.status == "error"]
    assert len(errors) == 7 and all(r.error for r in errors)
    after = {a.id: (a.title, a.maintext, a.content_hash) for a in engine.store.iter_articles()}
    assert {k: after[k] for k in stored} == stored and len(after) == 5
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    # a bad item is logged at INFO: the caller reports it (the CLI's one E1xx line per item)
    assert any("photo.txt" in m and "binary" in m for m in infos)
    assert any(m.startswith("unchanged") and "it_colloqui.html" in m for m in infos)
    assert any(m.startswith("new") and "good.txt" in m for m in infos)
