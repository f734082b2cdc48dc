"""``rashomon export``: stories, a story's evidence, entities or articles as CSV/JSON/MD."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rashomon import export
from rashomon.cli.args import language_code, record_id
from rashomon.errors import RashomonError
from rashomon.store import StoryFilter

EPILOG = """\
examples:
  rashomon export stories --format csv -o stories.csv     # the story list for a spreadsheet
  rashomon export evidence --story 3 --format csv          # every finding, one row per sentence
  rashomon export entities --story 3 --format md           # entities with all their spellings
  rashomon export articles --story 3 --format json         # the story's articles
  rashomon export facts --article 12                       # one article's entities, dates,
                                                           # quantities, quotes with offsets
"""


def register(sub: argparse._SubParsersAction) -> None:
    from rashomon.cli import add_db_option

    p = sub.add_parser(
        "export",
        help="write stories, a story's evidence, entities or articles, or an article's facts as "
             "CSV, JSON or Markdown",
        description=(
            "Flat tables built from the same data the web UI shows. 'evidence' has one row "
            "per supporting sentence of every agreement, only-in claim, contradiction, "
            "implausible claim and timeline event, with article id and character offsets. "
            "CSV cells that a spreadsheet would run as formulas are neutralised."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("what", choices=export.WHAT, help="which table to export")
    p.add_argument("--story", type=record_id,
                   help="story id (needed by evidence, entities, articles)")
    p.add_argument("--article", type=record_id, help="article id (needed by facts)")
    p.add_argument("--format", choices=export.FORMATS,
                   help="default: told by the -o file's suffix (.json, .md), else csv")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.add_argument("--language", type=language_code,
                   help="stories export: only stories with this language")
    p.add_argument("--source", help="stories export: only stories with this outlet domain")
    add_db_option(p)
    p.set_defaults(handler=cmd_export)


def format_of(output: Path | None) -> str:
    """The format an ``-o`` file's suffix names: `-o stories.json` wrote CSV into a .json
    file without a word when --format was left out."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"json": "json", "md": "md", "markdown": "md"}.get(suffix, "csv")


def cmd_export(args: argparse.Namespace) -> int:
    from rashomon.cli import open_engine

    engine = open_engine(args)
    try:
        filters = StoryFilter(language=args.language, source=args.source)
        table = export.build_table(engine, args.what, args.story, filters, args.article)
        text = export.render(table, args.format or format_of(args.output))
    finally:
        engine.close()
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RashomonError(f"cannot write {args.output}: {exc.strerror or exc}",
                                hint="check the folder exists and is writable",
                                code="E911") from exc
        print(f"wrote {len(table.rows)} rows to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
