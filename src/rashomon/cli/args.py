"""Argument types the commands share: a mistake in one is an E903 line naming the value."""

from __future__ import annotations

import argparse

from rashomon.ingest.fields import language_filter

#: The largest id a record can have (SQLite's and PostgreSQL's 64-bit integer keys).
MAX_ID = 2**63 - 1


def record_id(text: str) -> int:
    """A story or article id: `rashomon story 99999999999999999999999` was E000, an
    OverflowError of the database driver, where any other missing id is E601."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid id {text!r}: give a whole number") from None
    if abs(number) > MAX_ID:
        raise argparse.ArgumentTypeError(f"no record has the id {text}: ids are at most {MAX_ID}")
    return number


def language_code(text: str) -> str | None:
    """A language filter as stored ('FA', 'pt-BR' -> 'fa', 'pt'): `stories --language
    klingon` listed no story, as if none were in that language."""
    try:
        return language_filter(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc}: give an ISO code like fa, en, zh") from None
