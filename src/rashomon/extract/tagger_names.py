"""Marks for the Chinese names jieba's dictionary does not hold (``extract/tagger_lattice.py``
adds them to its dictionary marks; both read ``models/lattice-zh.tsv.xz``).

jieba pairs its dictionary with an HMM for unseen names; here two models of the dictionary's
own names stand in for it (built by ``tools/train_ner_lattice.py``):

- a character model (``char_codes`` of ``tagger_lattice``): per character, buckets of how
  much more often than other characters it begins a name (a surname, ``sn=``; the
  surnames of Faker's zh_CN table only), continues one (``gv=``) or is in a
  transliteration (``tr=``); each character also gets the surname buckets of the one and
  two characters before it (``-1sn=``, ``-2sn=``), its place in a run of transliteration
  characters (``tru=``) and the short item it is in (``it=``: a run of 2-4 Han characters
  between non-Han tokens, an item of "张海、周立新、何军");
- a word model for the route (``Names``, ``candidates``): a surname and 1-2 characters
  after it that the dictionary does not hold as one word are a candidate word of the
  segmentation, with the count the dictionary's names give it: count(length) x P(surname)
  x P(given character) per character. The route picks it where it beats the dictionary's
  own words ("周 / 立新": 立新 is a rare common word, count 51; "周立新" as a name scores
  higher), and its characters then get ``sg=`` marks of class ``N``. Where a frequent word
  covers the characters ("高新", count 563; "王国"), the dictionary's route stands.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from rashomon.extract import memo


class Names(NamedTuple):
    """The route's name-word model: per character round(2 ln count) as a surname (the
    first character of a 2-3 character name) and as a later character, and per length
    2 ln count(length) - 2 ln surname total - (length - 1) x 2 ln given total, so that a
    candidate's 2 ln count is ``length[k] + surname[c0] + given[c1] (+ given[c2])``."""

    surname: dict[str, int]
    given: dict[str, int]
    length: dict[int, float]


NO_NAMES = Names({}, {}, {})


def han(c: str) -> bool:
    return len(c) == 1 and ("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")


def candidates(text: str, names: Names) -> list[list[tuple[int, float]]]:
    """Per position, the candidate name words that begin there: (length, 2 ln count), for
    lengths 2 and 3 (a word the dictionary holds is left to the dictionary by the caller).
    ``text``: one character per token (a longer token is a character no table holds)."""
    out: list[list[tuple[int, float]]] = [[] for _ in text]
    if not names.length:
        return out
    surname, given = names.surname, names.given
    for i, c in enumerate(text):
        first = surname.get(c)
        if first is None:
            continue
        score = names.length[2] + first
        second = given.get(text[i + 1]) if i + 1 < len(text) else None
        if second is None:
            continue
        out[i].append((2, score + second))
        third = given.get(text[i + 2]) if i + 2 < len(text) else None
        if third is not None:
            out[i].append((3, names.length[3] + first + second + third))
    return out


def batch_candidates(points, names: Names, width: int):
    """``candidates`` of the batch's text (``points``: its code points, separators
    included) as two float arrays of ``width`` positions (lengths 2 and 3; -inf: none)."""
    import numpy as np

    surname, given = _score_arrays(names)
    size = len(points)

    def look(table, at):
        inside = at < len(table)
        return np.where(inside, table[np.where(inside, at, 0)], -np.inf)

    first = look(surname, points)
    later = look(given, points)
    pad = np.full(width - size, -np.inf)
    second = np.concatenate((later[1:], [-np.inf], pad))
    third = np.concatenate((later[2:], [-np.inf, -np.inf][:size], pad))[:width]
    first = np.concatenate((first, pad))
    with np.errstate(invalid="ignore"):
        two = names.length.get(2, -np.inf) + first + second
        three = names.length.get(3, -np.inf) + first + second + third
    return two, three


def _score_arrays(names: Names):
    """The model's surname and given-name scores as float arrays indexed by code point
    (-inf: none), remembered in the extraction memo per model."""
    import numpy as np

    table = memo.table("names")
    got = table.get(id(names))
    if got is None or got[0] is not names:
        arrays = []
        for scores in (names.surname, names.given):
            array = np.full(max(map(ord, scores), default=0) + 1, -np.inf)
            for c, value in scores.items():
                array[ord(c)] = value
            arrays.append(array)
        got = table[id(names)] = (names, *arrays)
    return got[1], got[2]


def _python_runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, stop) of each maximal run of true flags."""
    out, at = [], 0
    for flag, group in itertools.groupby(flags):
        size = len(list(group))
        if flag:
            out.append((at, at + size))
        at += size
    return out


def name_keys(codes: list[int], is_han: list[bool]) -> list[int]:
    """The name part of each position's key from the characters' codes (``char_codes``):
    own code, the surname buckets of the two before, the place in a transliteration run,
    and the short item it is in (``_item``)."""
    n = len(codes)
    run = [0] * n
    for i, j in _python_runs([code >> 4 > 0 for code in codes]):
        if j - i >= 3:
            run[i:j] = [1, *[2] * (j - i - 2), 3]
        elif j - i == 2:
            run[i:j] = [4, 5]
    item = [0] * n
    for i, j in _python_runs(is_han):
        item[i:j] = [_item(j - i, codes[i] & 3)] * (j - i)
    return [codes[i] | (codes[i - 1] & 3 if i else 0) << 6
            | (codes[i - 2] & 3 if i > 1 else 0) << 8 | run[i] << 10 | item[i] << 13
            for i in range(n)]


def _item(length: int, surname: int) -> int:
    """A run of 2-4 Han characters between non-Han tokens (punctuation, a Latin word, the
    sentence's edges: an item of an enumeration "张海、周立新、何军", a short quoted term):
    its length - 1 (1-3), + 4 when its first character is a surname of bucket 2+; else 0."""
    if not 2 <= length <= 4:
        return 0
    return length - 1 | (4 if surname >= 2 else 0)


def batch_name_keys(points, table):
    """``name_keys`` over the batch's whole text (``points``, its code points; ``table``:
    ``char_codes`` as an array indexed by code point; separators and longer tokens have
    code 0, so no run or neighbour crosses a sentence's end; the two-before neighbour is
    taken only when the one before is not a separator)."""
    import numpy as np

    size = len(points)
    cc = np.where(points < len(table), table[np.minimum(points, len(table) - 1)], 0)
    prev1 = np.concatenate(([0], cc[:-1]))
    prev2 = np.concatenate(([0, 0], cc[:-2]))[:size]
    joined = np.concatenate(([False], points[:-1] != 1))  # the one before is no separator
    out = cc | (prev1 & 3) << 6 | np.where(joined, prev2 & 3, 0) << 8
    first, last, length = _runs((cc >> 4) > 0)
    run = np.where(first, 1, np.where(last, 3, 2))
    run = np.where(length == 2, np.where(first, 4, 5), np.where(length >= 3, run, 0))
    is_han = ((points >= 0x3400) & (points <= 0x9FFF)) | ((points >= 0xF900)
                                                          & (points <= 0xFAFF))
    first, _, length = _runs(is_han)
    starts = np.nonzero(first)[0]
    opener = np.zeros(size, dtype=np.int64)  # each Han character's run's first code
    opener[is_han] = cc[starts][(np.cumsum(first) - 1)[is_han]]
    item = np.where((length >= 2) & (length <= 4),
                    (length - 1) | np.where((opener & 3) >= 2, 4, 0), 0)
    return out | run << 10 | item << 13


def _runs(flags):
    """Per position: whether it opens a run of true flags, closes one, and the run's
    length (0 outside runs)."""
    import numpy as np

    before = np.concatenate(([False], flags[:-1]))
    after = np.concatenate((flags[1:], [False]))
    first, last = flags & ~before, flags & ~after
    ids = np.cumsum(first) - 1
    length = np.zeros(len(flags), dtype=np.int64)
    length[flags] = (np.nonzero(last)[0] - np.nonzero(first)[0] + 1)[ids[flags]]
    return first, last, length
