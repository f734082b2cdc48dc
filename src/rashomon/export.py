"""Exports: the story list, one story's evidence, its entities and its articles as CSV,
JSON or Markdown tables.

Why tables: analysts take Rashomon's findings into spreadsheets, notebooks and write-ups.
Every export is a flat table built from the same plain data the CLI and REST API serve
(``rashomon.api``), so an export never disagrees with what the UI shows. The evidence
table has one row per (finding, supporting sentence): a claim, contradiction, implausible
claim or timeline event with the article id and character offsets of each sentence.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rashomon import api
from rashomon.errors import RashomonError
from rashomon.pipeline import Engine
from rashomon.store import StoryFilter

FORMATS = ("csv", "json", "md")
WHAT = ("stories", "evidence", "entities", "articles", "facts")


class ExportError(RashomonError):
    """A request for an export that cannot be produced."""

    code = "E910"


@dataclass
class Table:
    """A named flat table: ordered columns and one dict per row."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)


# -- building tables ------------------------------------------------------------------
STORY_COLUMNS = ("id", "title", "languages", "article_count", "independent_count",
                 "source_count", "sources", "first_seen", "last_seen")


def stories_table(engine: Engine, filters: StoryFilter | None = None,
                  limit: int = 10_000) -> Table:
    """Every story (newest first) with its languages, counts and time span."""
    rows = [api.story_summary(s) for s in engine.stories(filters, limit=limit)]
    return Table("stories", STORY_COLUMNS, rows)


ARTICLE_COLUMNS = ("id", "story_id", "title", "source_domain", "language", "date_publish",
                   "date_publish_origin", "url", "duplicate_of")


def articles_table(engine: Engine, story_id: int) -> Table:
    """The articles of one story, with outlet, language, publish time and copy links."""
    story = engine.story(story_id)
    rows = [api.article_summary(a) for a in story.articles]
    return Table(f"story-{story_id}-articles", ARTICLE_COLUMNS, rows)


ENTITY_COLUMNS = ("id", "canonical", "label", "articles", "mentions", "surface_forms")


def entities_table(report: dict[str, Any]) -> Table:
    """The story's linked entities; ``surface_forms`` reads ``lang: form; form | lang: …``."""
    rows = []
    for entity in report.get("entities", []):
        forms = " | ".join(
            f"{lang}: {'; '.join(names)}" for lang, names in entity["surface_forms"].items()
        )
        rows.append({**entity, "articles": len(entity["articles"]), "surface_forms": forms})
    return Table(f"story-{report['story']['id']}-entities", ENTITY_COLUMNS, rows)


FACT_COLUMNS = ("kind", "start", "end", "text", "label", "value", "unit", "counted", "hedge",
                "granularity", "calendar", "speaker", "canonical")


def facts_table(article_id: int, facts: dict[str, Any]) -> Table:
    """One article's facts, one row each in text order: entity mentions (``label``,
    ``canonical``), dates (ISO ``value``, ``granularity``, ``calendar``), quantities
    (``value``, ``unit``, ``counted``, ``hedge``) and quotes (``speaker``); ``start``/``end``
    are character offsets into the article's clean text."""
    kinds = (("entity", "mentions"), ("date", "dates"), ("quantity", "quantities"),
             ("quote", "quotes"))
    rows = [{**fact, "kind": kind} for kind, key in kinds for fact in facts.get(key) or []]
    rows.sort(key=lambda row: (row["start"], row["end"]))
    return Table(f"article-{article_id}-facts", FACT_COLUMNS, rows)


EVIDENCE_COLUMNS = ("section", "finding", "statement", "value", "severity", "article_id",
                    "source", "language", "start", "end", "sentence")


def evidence_table(report: dict[str, Any]) -> Table:
    """One row per supporting sentence of every finding in a story report."""
    rows = list(_evidence_rows(report))
    return Table(f"story-{report['story']['id']}-evidence", EVIDENCE_COLUMNS, rows)


def _evidence_rows(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for claim in report.get("agreements", []):
        yield from _claim_rows("agreement", claim)
    for source, claims in report.get("only_in", {}).items():
        for claim in claims:
            yield from _claim_rows(f"only in {source}", claim)
    for number, conflict in enumerate(report.get("contradictions", []), start=1):
        for value in conflict["values"]:
            yield _row("contradiction", f"c{number}", conflict["slot"], value["evidence"],
                       value=value.get("text") or value.get("value"),
                       severity=conflict.get("severity"))
    for number, claim in enumerate(report.get("implausible", []), start=1):
        yield _row("implausible", f"i{number}", claim["reason"], claim["evidence"],
                   value=claim.get("value"), severity=claim.get("severity"))
    for number, event in enumerate(report.get("timeline", []), start=1):
        for evidence in event["evidence"]:
            yield _row("timeline", f"t{number}", event["description"], evidence,
                       value=event["date"])


def _claim_rows(section: str, claim: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for evidence in claim["evidence"]:
        yield _row(section, claim["id"], claim["text"], evidence)


def _row(section: str, finding: str, statement: str, evidence: dict[str, Any],
         value: Any = None, severity: str | None = None) -> dict[str, Any]:
    return {
        "section": section, "finding": finding, "statement": statement, "value": value,
        "severity": severity, "article_id": evidence["article_id"],
        "source": evidence.get("source"), "language": evidence.get("language"),
        "start": evidence["start"], "end": evidence["end"], "sentence": evidence["sentence"],
    }


def build_table(engine: Engine, what: str, story_id: int | None = None,
                filters: StoryFilter | None = None, article_id: int | None = None) -> Table:
    """The table named ``what`` (see ``WHAT``); ``facts`` needs an article id, the others
    but ``stories`` a story id."""
    if what not in WHAT:
        raise ExportError(f"unknown export {what!r}", hint=f"choose one of {', '.join(WHAT)}")
    if story_id is not None and what in ("stories", "facts"):  # was silently ignored
        raise ExportError(f"the {what} export takes no story id",
                          hint="use --story with evidence, entities or articles"
                               + (", --article with facts" if what == "facts" else ""))
    if article_id is not None and what != "facts":
        raise ExportError(f"the {what} export takes no article id",
                          hint="use --article with the facts export")
    if what == "stories":
        return stories_table(engine, filters)
    if what == "facts":
        if article_id is None:
            raise ExportError("the facts export needs an article id",
                              hint="e.g. `rashomon export facts --article 12`")
        engine.article(article_id)  # E601 for an unknown id, before extraction
        return facts_table(article_id, dataclasses.asdict(engine.facts(article_id)))
    if story_id is None:
        raise ExportError(f"the {what} export needs a story id",
                          hint=f"e.g. `rashomon export {what} --story 3`")
    if what == "articles":
        return articles_table(engine, story_id)
    report = api.get_report(engine, story_id)
    return evidence_table(report) if what == "evidence" else entities_table(report)


# -- rendering ------------------------------------------------------------------------
def render(table: Table, fmt: str) -> str:
    """The table as CSV (spreadsheet-safe), JSON (a list of objects) or a Markdown table."""
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        rows = [{c: row.get(c) for c in table.columns} for row in table.rows]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(table)
    raise ExportError(f"unknown format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")


def cell_text(value: Any) -> str:
    """A cell as text: lists joined with ', ', None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def to_csv(table: Table) -> str:
    """CSV with a header row. Cells a spreadsheet would run as a formula (leading =, +, -,
    @) get a leading apostrophe: article text is hostile input."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_spreadsheet_safe(cell_text(row.get(c))) for c in table.columns])
    return out.getvalue()


def _spreadsheet_safe(text: str) -> str:
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_markdown(table: Table) -> str:
    """A GitHub-style Markdown table; pipes and line breaks inside cells are escaped."""
    def cell(value: Any) -> str:
        return cell_text(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    lines = [f"## {table.name}", "", "| " + " | ".join(table.columns) + " |",
             "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in table.columns) + " |"
              for row in table.rows]
    return "\n".join(lines) + "\n"
