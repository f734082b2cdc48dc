"""Printing helpers shared by commands: JSON or aligned text tables."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    # one line per row: a stored title holding a newline or tab split its row in two
    rows = [[" ".join(cell.split()) if cell.strip() else cell for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the English noun in its number: "1 story", "3 stories", "0 articles"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def short_time(value: str | None) -> str:
    return value[:16].replace("T", " ") if value else "-"


def shown_db(location: str) -> str:
    """The database as a command may print it: a postgresql:// URL without its password
    (`rashomon ingest` printed "into postgresql://user:secret@host/db" to the terminal)."""
    from urllib.parse import urlsplit, urlunsplit

    if not location.startswith(("postgresql://", "postgres://")):
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))
