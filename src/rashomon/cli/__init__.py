"""``rashomon`` command line: thin wrappers over ``rashomon.api`` functions.

Each command module exposes ``register(subparsers)``; adding a command means adding a
module to ``COMMAND_MODULES``. ``tests/test_docs.py`` checks every command is in the README.
"""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import closing
from importlib import import_module

from rashomon.config import check_settings, setting
from rashomon.errors import RashomonError, StoreError, store_error

COMMAND_MODULES = (
    "rashomon.cli.core_cmds",
    "rashomon.cli.serve_cmd",
    "rashomon.cli.report_cmds",
    "rashomon.cli.extract_cmds",
    "rashomon.cli.export_cmds",
)

DESCRIPTION = """\
Rashomon reads news in every language and groups the articles that report the same
story, so you can compare how each source tells it.

typical session:
  rashomon ingest --sample                 # the bundled multilingual sample corpus
  rashomon ingest news/ feed.xml           # your own files, folders, feeds
  rashomon stories                         # stories, newest first
  rashomon story 3                         # the articles of story 3
  rashomon similarity a.txt b.txt          # same story? 0..1

Every command reads the database named by --db, else $RASHOMON_DB, else ./rashomon.db.
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a command-line mistake is one coded line like every other error."""

    def error(self, message: str):
        error = RashomonError(message, hint=f"see `{self.prog} --help`", code="E903")
        print(error.line(), file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rashomon",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("-q", "--quiet", action="store_true", help="log errors only")
    # also accepted before the command (``rashomon --db news.db stories``); the command's
    # own --db wins when both are given
    parser.add_argument("--db", dest="main_db", default=None, metavar="DB",
                        help="database for the command (as the command's own --db)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


#: third-party loggers of the readers, kept to errors unless -v
QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "readability")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=None,  # resolved in ``main``: before-the-command --db, $RASHOMON_DB, default
        help="database: SQLite file or postgresql:// URL (default: $RASHOMON_DB or rashomon.db)",
    )


def open_engine(args: argparse.Namespace, create: bool = False):
    """The engine over ``args.db``. Read-only commands (``create=False``) refuse a database
    file that does not exist (E603) rather than leave an empty one behind."""
    from rashomon.pipeline import Engine
    from rashomon.store import open_store

    check_existing_database(args.db, empty_ok=create)
    return Engine(open_store(args.db, create=create))


def check_existing_database(location: str, empty_ok: bool = False) -> None:
    """Refuse (E604) an existing file that is not a Rashomon database before a read-only
    command opens it: opening applies the schema, so `rashomon stories --db notes.txt`
    turned an empty text file into a 160 KB database, and `--db` naming another program's
    SQLite file added our tables to it. A Rashomon database has ``schema_migrations``; a
    missing file is left to the store (E603), a non-SQLite file to SQLite's own E604.
    ``empty_ok``: `rashomon ingest` may fill an empty file (``touch news.db`` first)."""
    import sqlite3
    from pathlib import Path

    if location == ":memory:" or location.startswith(("postgresql://", "postgres://")):
        return
    path = Path(location)
    if path.is_dir():  # SQLite said only "unable to open database file"
        raise StoreError(f"{location} is a folder, not a database file",
                         hint="name a file in it, e.g. --db " + str(path / "rashomon.db"),
                         code="E600")
    if not path.is_file():
        return
    hint = ("check --db / RASHOMON_DB: it must name a file written by `rashomon ingest`; "
            "the file was left unchanged")
    if path.stat().st_size == 0:
        if empty_ok:
            return
        raise StoreError(f"{location} is an empty file, not a Rashomon database", hint=hint,
                         code="E604")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            tables = {row[0] for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return  # not SQLite at all, locked or corrupt: the store's open says which (E60x)
    if "schema_migrations" not in tables and (tables or not empty_ok):
        shown = ", ".join(sorted(tables)[:5])
        what = f"an SQLite database of another program (tables: {shown})" if tables \
            else "an SQLite database with no tables"
        raise StoreError(f"{location} is {what}, not a Rashomon database", hint=hint,
                         code="E604")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    log = logging.getLogger("rashomon")
    try:
        check_settings()
        level = "DEBUG" if args.verbose else "ERROR" if args.quiet else setting(
            "RASHOMON_LOG_LEVEL")
        logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
        if not args.verbose:  # the page readers' own chatter ("WARNING trafilatura.core:
            # discarding data: None" twice per odd page, "ERROR trafilatura.core: empty HTML
            # tree" before a binary page's own E101 line) tells a user nothing: -v shows it
            for name in QUIET_LIBRARIES:
                logging.getLogger(name).setLevel(logging.CRITICAL)
        if hasattr(args, "db") and args.db is None:
            args.db = args.main_db or setting("RASHOMON_DB")
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return int(args.handler(args) or 0)
    except RashomonError as exc:
        return _fail(exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        coded = store_error(exc, getattr(args, "db", None) or "the database")
        if coded is not None:
            return _fail(coded)
        log.debug("unexpected error", exc_info=True)
        return _fail(RashomonError(
            f"unexpected error: {type(exc).__name__}: {exc}",
            hint="rerun with -v to see where it happened, and please report it",
        ))


def _fail(exc: RashomonError) -> int:
    """Print the one line of a failed command and give its exit status."""
    print(exc.line(), file=sys.stderr)
    return 1
