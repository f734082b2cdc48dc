"""Exports (``rashomon export``): flat CSV/JSON/Markdown tables over a real store built
from the web test articles (a Kazan dam flood told in en/ru/fa/zh, with a 1,200 vs 3,000
evacuees contradiction, and a hostile article full of markup and formula-like text)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from rashomon import export
from rashomon.cli import main
from rashomon.errors import RashomonError
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore, StoryFilter

DATA = Path(__file__).parent / "data" / "web"


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder, langid) -> tuple[Engine, str]:
    db = str(tmp_path_factory.mktemp("export") / "export.db")
    engine = Engine(SQLiteStore(db), embedder=embedder, langid=langid)
    engine.ingest([str(DATA)])
    yield engine, db
    engine.close()


def flood_id(engine: Engine) -> int:
    (story,) = engine.stories(StoryFilter(language="ru"))
    return story.id


def test_story_list_csv_has_one_row_per_story_with_counts(built) -> None:
    engine, _ = built
    table = export.build_table(engine, "stories")
    rows = list(csv.DictReader(io.StringIO(export.render(table, "csv"))))
    assert len(rows) == len(engine.stories(limit=1000))
    flood = next(r for r in rows if int(r["id"]) == flood_id(engine))
    assert {"en", "ru", "fa"} <= set(flood["languages"].split(", "))
    assert int(flood["independent_count"]) >= 3


def test_evidence_rows_trace_every_finding_to_its_sentence(built) -> None:
    engine, _ = built
    sid = flood_id(engine)
    rows = json.loads(export.render(export.build_table(engine, "evidence", sid), "json"))
    assert rows, "the flood story has findings"
    for row in rows:
        text = engine.article(row["article_id"]).maintext
        assert text[row["start"]:row["end"]] == row["sentence"]
    conflict = [r for r in rows if r["section"] == "contradiction"]
    values = {str(r["value"]).replace(",", "").replace(" ", "") for r in conflict}
    assert {"1200", "3000"} <= values, conflict
    assert len({r["finding"] for r in conflict}) == 1  # one contradiction, several rows


def test_entities_export_lists_forms_per_language(built) -> None:
    engine, _ = built
    table = export.build_table(engine, "entities", flood_id(engine))
    kazan = [r for r in table.rows if r["canonical"] == "Kazan"]
    assert kazan, [r["canonical"] for r in table.rows]
    assert "ru: " in kazan[0]["surface_forms"] and "Казан" in kazan[0]["surface_forms"]


def test_markdown_escapes_pipes_and_newlines() -> None:
    table = export.Table("t", ("a", "b"), [{"a": "x | y", "b": "line\nbreak"}])
    lines = export.render(table, "md").splitlines()
    assert lines[-1] == "| x \\| y | line break |"


def test_csv_neutralises_formulas_but_keeps_negative_numbers() -> None:
    table = export.Table("t", ("text", "n"), [{"text": "=HYPERLINK(\"http://x\")", "n": -3}])
    row = list(csv.reader(io.StringIO(export.render(table, "csv"))))[1]
    assert row == ["'=HYPERLINK(\"http://x\")", "-3"]


def test_story_exports_need_a_story_id_and_known_names(built) -> None:
    engine, _ = built
    with pytest.raises(RashomonError, match="needs a story id"):
        export.build_table(engine, "evidence")
    with pytest.raises(RashomonError, match="unknown export"):
        export.build_table(engine, "claims", 1)
    with pytest.raises(RashomonError, match="unknown format"):
        export.render(export.Table("t", ("a",)), "xlsx")


def test_cli_writes_the_file_it_names(built, tmp_path, capsys) -> None:
    engine, db = built
    target = tmp_path / "entities.md"
    args = ["export", "entities", "--story", str(flood_id(engine)), "--format", "md",
            "-o", str(target), "--db", db]
    assert main(args) == 0
    assert target.read_text(encoding="utf-8").startswith("## story-")
    assert "rows to" in capsys.readouterr().err
    assert main(["export", "articles", "--db", db]) == 1
    assert "E910" in capsys.readouterr().err


def test_facts_export_cuts_each_fact_out_of_its_article(built, capsys) -> None:
    """The article view's data as a table (`rashomon export facts --article ID`, the web's
    /articles/{id}/facts.csv): every entity, date, quantity and quote at its offsets."""
    engine, db = built
    story = engine.story(flood_id(engine))
    russian = next(a for a in story.articles if a.language == "ru")
    rows = json.loads(export.render(export.build_table(engine, "facts", article_id=russian.id),
                                    "json"))
    assert {"entity", "quantity"} <= {r["kind"] for r in rows}
    for row in rows:
        assert russian.maintext[row["start"]:row["end"]] == row["text"]
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    facts = engine.facts(russian.id)
    assert len([r for r in rows if r["kind"] == "quantity"]) == len(facts.quantities)
    assert main(["export", "facts", "--article", str(russian.id), "--db", db]) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0][:4] == ["kind", "start", "end", "text"] and len(table) == len(rows) + 1
    assert main(["export", "facts", "--db", db]) == 1
    assert capsys.readouterr().err.startswith("E910 ")
    assert main(["export", "facts", "--article", "987654", "--db", db]) == 1
    assert capsys.readouterr().err.startswith("E601 ")
