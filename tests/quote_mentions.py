"""Mentions at every place a given name is written, for the quote tests: the speaker
rules read the names extraction found, and these tests fix them by hand."""

from __future__ import annotations

import re

from rashomon.core.facts import Mention


def written_mentions(text: str, names: dict[str, str]) -> list[Mention]:
    """A mention (score 0.95) for each place each of ``names`` (name -> label) is written."""
    out = []
    for name, label in names.items():
        for match in re.finditer(re.escape(name), text):
            out.append(Mention(match.start(), match.end(), name, label, score=0.95))
    return sorted(out, key=lambda m: m.start)
