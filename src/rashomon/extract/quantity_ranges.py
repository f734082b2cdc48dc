"""The first number of a range takes the unit or the noun written after the second: "von
60 bis 80 km/h" (60 km/h), "from 9 to 17 pounds", "entre 5 y 8 pesos", "بين 9 إلى 17 جنيها".

A number with nothing after it but a range joiner word and a second number
(``[quantities] range_joiners`` of ``lang/<code>.toml``, read for every language) is kept
while the text is scanned (``starts_range``), and then given what the quantity right
after it names (``complete_ranges``); one whose partner names nothing ("won 2-1") is
dropped again, as any bare number is. A dash is no joiner: on the SemEval dev texts it
joined scores ("a 5-2 victory"), telephone numbers and types ("Boeing 737-800") as often as
ranges. On the first 3,000 characters of 1,500 SemEval dev texts that carry no label of the
project, the word joiners changed 40 counts, read by hand: ranges of a unit or a noun
("36 bis 37 Mandate", "8 ile 10 bar", "between 30 and 40 years old") but for one list
("25 and 44 had bought", whose second number already had a wrong noun).
"""

from __future__ import annotations

import re

from rashomon.core.facts import Quantity
from rashomon.extract.lexicon import all_words, fold

_JOINERS = sorted({fold(w) for w in all_words("quantities", "range_joiners")}, key=len,
                  reverse=True)
_GAP = re.compile(r"\s(?:" + "|".join(map(re.escape, _JOINERS)) + r")\s" if _JOINERS
                  else "(?!)")
_NEXT = re.compile(rf"(?:{_GAP.pattern})(?=\d)")


def starts_range(folded: str, end: int) -> bool:
    """Is the number ending at ``end`` followed by a range joiner and a digit?"""
    return _NEXT.match(folded, end) is not None


def complete_ranges(text: str, quantities: list[Quantity], marks: dict[int, str]
                    ) -> list[Quantity]:
    """Give each range start (``marks[id] == "start"``) the unit and noun of the quantity
    after it; drop the ones left with neither, and those whose partner carries a magnitude
    word ("scaled": "between 25 and 30 million euros", the lower bound would need the
    magnitude carried over, which is not done)."""
    out = []
    ordered = sorted(quantities, key=lambda q: q.start)
    for index, q in enumerate(ordered):
        if marks.get(id(q)) != "start":
            out.append(q)
            continue
        after = ordered[index + 1] if index + 1 < len(ordered) else None
        if after is None or not _GAP.fullmatch(fold(text[q.end:after.start])) or \
                not (after.unit or after.counted) or marks.get(id(after)) == "scaled":
            continue  # "won 2-1": no range of anything
        q.unit, q.counted, q.counted_key = after.unit, after.counted, after.counted_key
        out.append(q)
    return out
