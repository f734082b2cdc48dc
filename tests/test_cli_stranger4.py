"""What a newcomer read in `rashomon` output on a fresh install (2026-12-05): "1 articles
from 1 independent sources (0 named outlets ...)" for a one-article story, "; 1 stories"
after an ingest, and a web address passed to `rashomon ingest` answered "No such file or
directory"."""

from __future__ import annotations

import pytest

BODY = ("The harbour bridge in Galway was closed to all traffic on Tuesday evening after "
        "engineers found cracks in two of its pillars during a routine inspection, the city "
        "council said. About 12,000 vehicles cross the bridge each day, and repairs will "
        "take at least six months, a spokeswoman said.")


@pytest.mark.slow
def test_a_one_article_story_is_counted_in_the_singular(call, tmp_path):
    text = tmp_path / "bridge.txt"
    text.write_text(f"Galway bridge closed after cracks found\n\n{BODY}\n")
    db = str(tmp_path / "n.db")
    ingested = call("ingest", str(text), "--db", db)
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.strip() == f"ingested 1 item (1 new) into {db}; 1 story"
    shown = call("story", "1", "--db", db)
    assert ("  1 article from 1 independent source (0 named outlets; syndicated copies count "
            "once), languages en") in shown.stdout.splitlines()


def test_a_web_address_to_ingest_is_told_apart_from_a_missing_file(call, tmp_path):
    db = str(tmp_path / "n.db")
    result = call("ingest", "https://news.example.com/world/bridge", "--db", db)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "E105 https://news.example.com/world/bridge: a web address, not a file — rashomon "
        "ingest reads files and never downloads; save the pages (or a feed) and ingest those "
        "files, or paste an address on the web ingest page (rashomon serve, /ingest)")
    assert result.stdout.strip() == f"ingested nothing: 1 item, all with errors; {db} has " \
                                    "0 stories"
