"""The news agency or outlet credited in a dateline: "Brüssel (dnz) - Die ...",
"WASHINGTON (Reuters) - ...", "LONDON, Jan 1 (Reuters) - ...", "NEW YORK, Jan. 1, 2020
/PRNewswire/ -- ...", "МОСКВА, 24 августа. /ТАСС/. ...".

The credit is a short word in brackets (or between slashes) after the dateline's place or
date and before the dash or full stop that opens the report; several credits are joined
by "/" ("dpa/lnw", "DPA / TMN"). The format is the same in every language that writes
datelines, so it needs no word of any language. A window tagger sees a lower-case
"dnz" or "dpa" between brackets and tags nothing; each credit is an organisation here.

Measured on the SemEval 2022 task 8 dev articles (real news; no entity gold, read by hand,
``tools/probe_entity_steps.py``): see ``credited``.
"""

from __future__ import annotations

import re

from rashomon.core.facts import Mention
from rashomon.extract import lookup
from rashomon.text.spans import SpanIndex

#: Switch for the probe (``tools/probe_entity_steps.py``), which measures with it off and on.
ENABLED = True

# One credit: a word of letters (digits, "-", "&", "." inside), at most 14 characters.
_CREDIT = r"[^\W\d_][\w&.-]{0,13}"
_CREDITS = _CREDIT + r"(?:[ \t]?/[ \t]?" + _CREDIT + r"){0,2}"
# Bracketed: "(dnz) - " then the report; between slashes: "/PRNewswire/ -- ",
# "/ТАСС/. " (a full stop, then the report).
_BRACKET = re.compile(r"[ \t\xa0]+\((" + _CREDITS + r")\)[ \t\xa0]*[-–—]{1,2}[ \t\xa0]")
_SLASH = re.compile(r"[ \t\xa0]+/(" + _CREDITS + r")/[ \t\xa0]*(?:[-–—]{1,2}|\.)[ \t\xa0]")
# What stands just before the credit: the dateline's place ("Brüssel", "Frankfurt/Main",
# "PASADENA, Calif.") or date ("Jan 1", "24 августа.", "2020"): a word that is
# capitalised or ends with a full stop or a digit.
_PREVIOUS = re.compile(r"(\S+)\Z")


def _after_dateline(text: str, at: int) -> bool:
    word = _PREVIOUS.search(text, max(0, at - 40), at)
    return bool(word) and (word.group()[0].isupper() or word.group()[-1] == "." or
                           word.group()[-1].isdigit())


#: Score of a credit's mention: the format is unambiguous (see ``credited``), so it sits
#: at the gazetteers' level (0.95 in ``entities``) and outvotes a weaker reading of the
#: same name elsewhere in the article (``discourse``). A fixed point, not tuned.
SCORE = 0.95


def credits(text: str) -> list[tuple[int, int]]:
    """Spans of the credited names in ``text``'s datelines (each part of "dpa/lnw")."""
    out = []
    for pattern in (_BRACKET, _SLASH):
        for found in pattern.finditer(text):
            if not _after_dateline(text, found.start()):
                continue
            start = found.start(1)
            for part in re.finditer(_CREDIT, found.group(1)):
                name = part.group().rstrip(".-")
                if sum(ch.isalpha() for ch in name) >= 2:
                    out.append((start + part.start(), start + part.start() + len(name)))
    return sorted(out)


def credited(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (sorted, non-overlapping) with each dateline credit an organisation:
    one the extraction typed otherwise becomes ORG, one it missed is added; a credit
    inside a longer mention is left alone.

    Measured (``tools/probe_entity_steps.py --step datelines``): on the 1,564 distinct
    SemEval dev texts of en de es fr tr pl ar, 25 changes, all right: missed credits
    ("dpa" 6, "dpa/lnw" and "DPA / TMN" parts, "dpa-afx" 2, "PRNewswire" 2, "WFXR",
    "WIVB" 2, "Bloomberg") and their repeats later in the article ("Von dpa"); the other
    36 credits the patterns find were typed ORG already. The cased dev sentences of en de
    fr es nl pt ru tr pl hold no dateline: no change."""
    if not ENABLED:
        return mentions
    spans = credits(text)
    if not spans:
        return mentions
    out = list(mentions)
    exact = {(m.start, m.end): i for i, m in enumerate(out)}
    taken = SpanIndex((m.start, m.end) for m in out)
    for start, end in spans:
        i = exact.get((start, end))
        if i is not None:
            if out[i].label != "ORG":
                out[i] = lookup._mention(text, start, end, "ORG", None, SCORE)
            continue
        if taken.overlaps(start, end):
            continue
        out.append(lookup._mention(text, start, end, "ORG", None, SCORE))
        taken.add(start, end)
    out.sort(key=lambda m: m.start)
    return out
