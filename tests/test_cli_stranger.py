"""What a newcomer met following the README on a fresh install (2026-12-05): the summary
of an ingest that read nothing, and an export written in another format than its file
name says."""

from __future__ import annotations

import json

import pytest

from rashomon.cli.core_cmds import summary_line
from rashomon.store import open_store


@pytest.fixture
def empty_db(tmp_path):
    path = tmp_path / "empty.db"
    open_store(str(path)).close()
    return path


def test_an_ingest_that_read_nothing_does_not_say_it_ingested(call, tmp_path):
    """`rashomon ingest /nonexistent` printed "ingested 1 items (1 error)"."""
    result = call("ingest", str(tmp_path / "nachrichten.jsonl"), "--db", str(tmp_path / "n.db"))
    assert result.returncode == 1
    assert result.stdout.strip() == (f"ingested nothing: 1 item, all with errors; "
                                      f"{tmp_path / 'n.db'} has 0 stories")
    assert result.stderr.startswith("E104 ")


def test_the_summary_counts_items_stored_as_not_news():
    """2,000 one-line notes printed "ingested 2000 items (2000 new); 0 stories": every
    one was junk (E203), which the summary did not say."""
    rows = [{"status": "new", "junk": "E203 too short"}, {"status": "new", "junk": None},
            {"status": "error", "junk": None}]
    data = {"results": rows, "counts": {"new": 2, "error": 1}}
    assert summary_line(data, "n.db", 1) == \
        "ingested 3 items (1 error, 2 new, 1 not news, in no story) into n.db; 1 story"
    one = {"results": [{"status": "new"}], "counts": {"new": 1}}
    assert summary_line(one, "n.db", 1) == "ingested 1 item (1 new) into n.db; 1 story"


def test_an_export_file_named_json_or_md_gets_that_format(call, empty_db, tmp_path):
    """`rashomon export stories -o stories.json` wrote CSV into stories.json."""
    for name, check in (("s.json", lambda t: json.loads(t) == []),
                        ("s.md", lambda t: t.startswith("## stories")),
                        ("s.csv", lambda t: t.startswith("id,title")),
                        ("s.tsv", lambda t: t.startswith("id,title"))):
        out = tmp_path / name
        assert call("export", "stories", "-o", str(out), "--db", str(empty_db)).returncode == 0
        assert check(out.read_text(encoding="utf-8")), (name, out.read_text()[:80])
    out = tmp_path / "forced.json"
    call("export", "stories", "--format", "csv", "-o", str(out), "--db", str(empty_db))
    assert out.read_text(encoding="utf-8").startswith("id,title")


def test_a_postgresql_password_is_not_printed():
    """`rashomon ingest --db postgresql://user:secret@host/db` printed the password in its
    summary line (and `serve` in its banner)."""
    from rashomon.cli.output import shown_db

    assert shown_db("postgresql://rashomon:s3cr3t@db.example:5432/news") == \
        "postgresql://rashomon:***@db.example:5432/news"
    assert shown_db("postgresql://rashomon@db.example/news") == \
        "postgresql://rashomon@db.example/news"
    assert shown_db("news.db") == "news.db"
