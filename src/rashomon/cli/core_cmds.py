"""Core commands: ingest, stories, story, similarity, plugins."""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import resources
from pathlib import Path

from rashomon import api
from rashomon.cli.args import language_code, record_id
from rashomon.cli.output import counted, print_json, print_table, short_time, shown_db
from rashomon.config import int_setting
from rashomon.errors import EmptyInput, RashomonError
from rashomon.store import StoryFilter


def sample_corpus_path() -> str:
    """Folder of the bundled sample corpus."""
    return str(resources.files("rashomon") / "sample" / "corpus")


def register(sub: argparse._SubParsersAction) -> None:
    from rashomon.cli import add_db_option

    p = sub.add_parser(
        "ingest",
        help="read articles into the database and group them into stories",
        description=(
            "Read articles from files, folders (recursively) and globs: .txt (first line is "
            "the title), .html/.htm (main text extracted), .json/.jsonl (news-please fields: "
            "url, title, maintext, date_publish, language, source_domain), .xml/.rss/.atom "
            "feeds, .warc(.gz). '-' reads JSONL from stdin. Re-ingesting is a no-op; a "
            "changed version of the same URL replaces the old one. Bad files get one error "
            "line each and the rest of the batch goes on."
        ),
    )
    p.add_argument("paths", nargs="*", help="files, folders, globs, or '-' for stdin JSONL")
    p.add_argument("--sample", action="store_true", help="ingest the bundled sample corpus")
    p.add_argument("--json", action="store_true", help="print one JSON result per item")
    p.add_argument("--workers", type=positive, default=1, metavar="N",
                   help="N > 1: clean, identify, extract and embed on a local Dask cluster of "
                        "N processes (needs rashomon[scale]); same stories as without")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="run that per-article work on an existing Dask scheduler "
                        "(tcp://host:8786) instead")
    add_db_option(p)
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser(
        "stories", help="list stories, newest first",
        description="Stories, newest first (by their earliest publish time; articles with "
                    "none count from when they were ingested). 'sources' counts independent "
                    "witnesses: a syndicated copy counts with its original, and a plain file "
                    "with no outlet counts as its own source.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=positive, default=50,
                   help="at most this many stories (default 50)")
    p.add_argument("--language", type=language_code,
                   help="only stories with an article in this language (e.g. fa)")
    p.add_argument("--source", help="only stories with an article from this outlet domain")
    add_db_option(p)
    p.set_defaults(handler=cmd_stories)

    p = sub.add_parser(
        "story", help="show the articles of one story",
        description="The articles of one story (their ids are what `rashomon article ID` "
                    "takes), with language, outlet, publish time and near-copy links.",
    )
    p.add_argument("id", type=record_id, help="story id, as listed by `rashomon stories`")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)
    p.set_defaults(handler=cmd_story)

    p = sub.add_parser(
        "similarity",
        help="how likely two article files report the same story (0..1)",
        description="Prints one number in [0, 1]. Each file is read exactly as `rashomon "
                    "ingest` reads it: .txt (first line = title), the main text of .html "
                    "pages, the first entry of a feed, the first record of .json/.jsonl.",
    )
    p.add_argument("file_a", help="an article file in any format `rashomon ingest` reads")
    p.add_argument("file_b", help="the other article file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_similarity)

    p = sub.add_parser("plugins", help="list registered stage implementations")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_plugins)


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = list(args.paths) + ([sample_corpus_path()] if args.sample else [])
    if not paths:
        raise EmptyInput("nothing to ingest", hint="name files or folders, or use --sample")
    from rashomon.cli import check_existing_database
    from rashomon.pipeline import Engine
    from rashomon.store import open_store

    runner = None
    if args.workers > 1 or args.scheduler:
        from rashomon.scale import runner_for

        runner = runner_for(args.workers, args.scheduler)
    check_existing_database(args.db, empty_ok=True)
    engine = Engine(open_store(args.db), runner=runner)
    data = api.ingest(engine, paths, progress=sys.stderr.isatty() and not args.json)
    if args.json:
        for row in data["results"]:
            print(json.dumps(row, ensure_ascii=False))
    else:
        for row in data["results"]:
            if row["status"] == "error":
                print(item_error_line(row["source"], row["error"]), file=sys.stderr)
            elif row.get("junk"):  # read, stored, but not news: say so once, coded
                code, _, reason = row["junk"].partition(" ")
                print(f"{code} {row['source']}: {reason} — stored, joins no story",
                      file=sys.stderr)
        print(summary_line(data, shown_db(args.db), engine.store.count_stories()))
    engine.close()
    return 1 if data["counts"].get("error") and len(data["counts"]) == 1 else 0


def summary_line(data: dict, db: str, stories: int) -> str:
    """The last line of a plain ``rashomon ingest``. "ingested 1 items (1 error)" was what
    a missing path printed: nothing was ingested, and junk went uncounted."""
    results, counts = data["results"], data["counts"]
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    junk = sum(1 for row in results if row.get("junk") and row["status"] != "error")
    if junk:
        parts.append(f"{junk} not news, in no story")
    items, held = counted(len(results), "item"), counted(stories, "story", "stories")
    if results and counts.get("error") == len(results):
        return f"ingested nothing: {items}, all with errors; {db} has {held}"
    return f"ingested {items} ({', '.join(parts)}) into {db}; {held}"


def item_error_line(source: str, error: str) -> str:
    """``E102 path: message — hint`` from an ingest result's ``[E102] message — hint``."""
    match = re.match(r"\[(E\d{3})\] (.*)", error or "", re.S)
    code, rest = match.groups() if match else ("E100", error)
    return f"{code} {source}: {rest}"


def cmd_stories(args: argparse.Namespace) -> int:
    from rashomon.cli import open_engine

    engine = open_engine(args)
    rows = api.list_stories(
        engine, StoryFilter(language=args.language, source=args.source), limit=args.limit
    )
    if args.json:
        print_json(rows)
        return 0
    print_table(
        [
            [
                str(s["id"]),
                s["title"][:60],
                ",".join(s["languages"]),
                str(s["independent_count"]),
                str(s["article_count"]),
                short_time(s["first_seen"]),
                short_time(s["last_seen"]),
            ]
            for s in rows
        ],
        ["id", "title", "languages", "sources", "articles", "first seen", "last seen"],
    )
    return 0


def cmd_story(args: argparse.Namespace) -> int:
    from rashomon.cli import open_engine

    engine = open_engine(args)
    data = api.get_story(engine, args.id)
    if args.json:
        print_json(data)
        return 0
    print(f"story {data['id']}: {data['title']}")
    # "1 articles from 1 independent sources (0 named outlets" was a one-article story
    print(f"  {counted(data['article_count'], 'article')} from "
          f"{counted(data['independent_count'], 'independent source')} "
          f"({counted(data['source_count'], 'named outlet')}; syndicated copies count once), "
          f"languages {', '.join(data['languages'])}")
    print_table(
        [
            [
                str(a["id"]),
                a["language"] or "?",
                a["source_domain"] or "-",
                short_time(a["date_publish"]),
                (f"copy of {a['duplicate_of']}" if a["duplicate_of"] else ""),
                a["title"][:70],
            ]
            for a in data["articles"]
        ],
        ["id", "lang", "source", "published", "copy", "title"],
    )
    _print_events(data["events"])
    return 0


def _print_events(events: list[dict]) -> None:
    """The story's incidents in time order: when, where, which articles."""
    if not events:
        return
    print(f"  {len(events)} event{'s' if len(events) != 1 else ''} (incidents, in time order):")
    for number, event in enumerate(events, start=1):
        when = short_time(event["start"])
        if event["end"] and short_time(event["end"]) != when:
            when = f"{when} .. {short_time(event['end'])}"
        where = ", ".join(event["places"]) or "-"
        ids = ", ".join(str(i) for i in event["article_ids"])
        print(f"  {number}. {when} | {where} | articles {ids} | {event['title'][:60]}")


def positive(text: str) -> int:
    """A whole number of at least 1: `stories --limit -3` listed every story (SQL's
    LIMIT -1 is no limit), `--limit 0` none, and `ingest --workers -2` ran as 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}: give a whole number") \
            from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not allowed: give 1 or more")
    return number


def read_article(path: str):
    """The article ``rashomon ingest`` would store from ``path`` (a feed's first entry, a
    JSONL file's first record), read by the same readers; a file that gives none raises
    its coded error."""
    from rashomon.ingest import iter_inputs

    for item in iter_inputs([path], int_setting("RASHOMON_MAX_BYTES")):
        if item.error is not None:
            err = item.error
            raise RashomonError(f"{item.source}: {err.message}", hint=err.hint, code=err.code)
        if item.article is not None:
            return item.article
    raise EmptyInput(f"{path}: no article in the file", hint="give a file with an article")


def cmd_similarity(args: argparse.Namespace) -> int:
    import rashomon
    from rashomon.ingest import quality

    for path in (args.file_a, args.file_b):
        if Path(path).is_dir():
            raise RashomonError(f"{path} is a folder, not an article file",
                                hint="name two article files", code="E104")
    articles = [read_article(args.file_a), read_article(args.file_b)]
    for path, article in zip((args.file_a, args.file_b), articles, strict=True):
        quality.refuse(article, path)  # name the file, not "the first text"
    score = rashomon.similarity(*articles)
    if args.json:
        print_json({"file_a": args.file_a, "file_b": args.file_b, "similarity": round(score, 4)})
    else:
        print(f"{score:.4f}")
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    from rashomon.registry import available

    data = available()
    if args.json:
        print_json(data)
    else:
        for kind, names in data.items():
            print(f"{kind}: {', '.join(names)}")
    return 0
