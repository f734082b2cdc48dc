"""Bounded memo tables for per-word work in extraction (the one home for these caches).

The tagger's features of a word, a character or a character pair are computed once per
distinct key and remembered in a table named by what it holds (``table("w", "en", ...)``).
"""

from __future__ import annotations

#: Distinct keys remembered per table; past it the table starts afresh, so a long-running
#: server or a training run does not grow it without bound (a 2 MB news article has about
#: 40,000 distinct words).
LIMIT = 300_000
_tables: dict[tuple, dict] = {}


def table(*key) -> dict:
    """The memo table named ``key``; a fresh one once it holds ``LIMIT`` entries."""
    found = _tables.get(key)
    if found is None or len(found) >= LIMIT:
        found = _tables[key] = {}
    return found
