"""Counts written in brackets after what they count: "Śląski (24), Łódzki (23)", the
cases per region of a tally, and the age of a person as German, Turkish and Spanish news
write it ("Ein Radfahrer (27) wurde verletzt", "Ali Çelik (45)").

The number stands alone in round brackets right after a word. What it counts is named by
the sentence around it (or is the person's years), not next to the number, so the
quantity carries no counted noun. Left out: four or more digits ("(2019)", a code), a
leading zero or a number after it (a telephone number, "(030) 1234", "(262) 331 11 11"), a
bracket after a digit or a section sign (a paragraph of a law, "Art. 5 (2)"), one at the
start of a line or a sentence (an enumeration, "(3) Die Gemeinde ..."), and "(1)" (a
footnote or an item's number as often as a count of one). On the first 3,000 characters
of 1,500 SemEval 2022 dev texts that carry no label of the project it added 46 counts,
read by hand: 44 ages and tally counts, one telephone number (now left out), one unclear.
"""

from __future__ import annotations

from rashomon.core.facts import Quantity
from rashomon.text.regex import scanner
from rashomon.text.spans import SpanIndex

#: a word (letters, possibly a closing quote; or an initial, "Mehmet K.") and at most one
#: space, then "(N)"
_BRACKETED = scanner(r"(?:(?<=[^\W\d_])|(?<=(?<!\w)[^\W\d_]\.))[\"'’”»]?\s?"
                     r"\((?P<n>[1-9]\d{0,2})\)(?![\w(]|\s?\d)")


def bracketed_counts(text: str, taken: SpanIndex) -> list[Quantity]:
    out = []
    for match in _BRACKETED.finditer(text):
        start, end = match.start("n") - 1, match.end()
        value = int(match.group("n"))
        if value == 1 or taken.overlaps(start, end):
            continue
        out.append(Quantity(start, end, text[start:end], float(value), None, None, None, None))
    return out
