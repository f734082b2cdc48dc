"""`rashomon report` end to end through the Engine: ingest, report, cache, formats."""

from __future__ import annotations

import json

from rashomon import api
from rashomon.cli import main
from rashomon.core import Article
from rashomon.store import open_store


def test_report_command_formats_and_cache(tmp_path, engine, capsys):
    db = tmp_path / "test.db"
    texts = [
        ("Flood in Porto Alegre", "en",
         "Floods hit Porto Alegre on 3 May 2024 and about 80,000 people left their homes.\n"
         "The state governor Eduardo Leite asked for federal help the same day."),
        ("Наводнение в Порту-Алегри", "ru",
         "Наводнение обрушилось на Порту-Алегри 3 мая 2024 года, дома покинули 80 тысяч "
         "человек.\nГубернатор штата Эдуарду Лейте попросил помощи у федерального центра."),
    ]
    engine.ingest_articles([
        Article(title=t, maintext=m, language=lang, source_domain=f"{lang}.example.net")
        for t, lang, m in texts
    ])
    story_id = engine.store.get_article(1).story_id
    first = api.get_report(engine, story_id)
    assert engine.store.get_document("reports", story_id) is not None
    assert api.get_report(engine, story_id) == first  # served from the cache
    engine.close()

    assert main(["report", str(story_id), "--format", "json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["story"]["id"] == story_id and "agreements" in data
    assert main(["report", str(story_id), "--format", "html", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("<!doctype html>")
    assert main(["report", str(story_id), "--db", str(db)]) == 0
    assert "## Agreements" in capsys.readouterr().out


def test_report_of_missing_story_is_an_error(tmp_path, capsys):
    open_store(str(tmp_path / "empty.db")).close()  # read-only commands never create one
    assert main(["report", "999", "--db", str(tmp_path / "empty.db")]) == 1
    assert "E601" in capsys.readouterr().err
