"""``rashomon report``: the comparison report of one story as JSON, Markdown or HTML."""

from __future__ import annotations

import argparse
import json
import sys

from rashomon import api
from rashomon.cli.args import record_id
from rashomon.compare.render import to_html, to_markdown

FORMATS = ("json", "md", "html")


def render(report: dict, fmt: str) -> str:
    """The report (``Report.to_dict()`` shape) as text in the chosen format."""
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def register(sub: argparse._SubParsersAction) -> None:
    from rashomon.cli import add_db_option

    p = sub.add_parser(
        "report",
        help="compare how the sources of one story tell it",
        description=(
            "Agreements, what only some sources report, contradictions (with both "
            "sentences and a severity), implausible claims and a timeline, every line "
            "traced to article id and character offsets. The report is cached in the "
            "database and rebuilt when the story's articles change."
        ),
    )
    p.add_argument("id", type=record_id, help="story id, as listed by `rashomon stories`")
    p.add_argument("--format", choices=FORMATS, default="md",
                   help="json (the documented shape), md (default) or html")
    add_db_option(p)
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from rashomon.cli import open_engine

    engine = open_engine(args)
    try:
        sys.stdout.write(render(api.get_report(engine, args.id), args.format))
    finally:
        engine.close()
    return 0
