"""Web addresses where `rashomon ingest` expects files. Nothing is downloaded at run time
(the command reads files only; the web ingest page fetches one pasted address), so an
address given as a path, or a text file that only lists addresses, is refused with a
coded error that says so (E105). Before, ``rashomon ingest https://…/story`` answered
"cannot read the file: No such file or directory — check the path and permissions", and a
list of addresses was stored as an article titled with its first address (junk, E203, on
the command line; "new" on the web ingest page)."""

from __future__ import annotations

import os
import re

from rashomon.errors import UnsupportedFormat

#: One web address on a line of its own (what a URL list holds).
_ADDRESS = re.compile(r"^(?:https?|ftp)://\S+$", re.IGNORECASE)

#: What to do instead, told with each refusal.
HINT = ("rashomon ingest reads files and never downloads; save the pages (or a feed) and "
        "ingest those files, or paste an address on the web ingest page (rashomon serve, "
        "/ingest)")


def address_path(path: str) -> UnsupportedFormat | None:
    """The error for a path that is a web address and no file, else None."""
    if _ADDRESS.match(path.strip()) and not os.path.exists(path):
        return UnsupportedFormat("a web address, not a file", hint=HINT)
    return None


def address_list(text: str) -> UnsupportedFormat | None:
    """The error for a text whose every non-empty line is a web address, else None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and all(_ADDRESS.match(line) for line in lines):
        count = f"{len(lines)} web address" + ("" if len(lines) == 1 else "es")
        return UnsupportedFormat(f"a list of {count}, not an article", hint=HINT)
    return None
