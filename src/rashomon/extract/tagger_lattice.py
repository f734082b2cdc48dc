"""Dictionary-word lattice marks for the character-tagged Chinese CRF.

The runtime has no Chinese segmenter, so a character-tagged CRF does not know where words
begin and end nor what kind of word a run of characters is. ``models/lattice-<lang>.tsv.xz``
(xz; built by ``tools/train_ner_lattice.py`` from jieba's dictionary, MIT; see the model card)
lists dictionary words with a one-letter class: ``P`` person (jieba ``nr``/``nrfg``),
``T`` transliterated person (``nrt``), ``L`` place (``ns``), ``O`` organisation (``nt``),
``Z`` other proper noun (``nz``), ``C`` any other word; a lower-case letter is the same
class for a word the dictionary saw rarely (its automatically gathered tail, where most of
its noise sits: "向左转" as a person).

Every character gets, for each dictionary word of 2..``MAX_LEN`` characters covering it,
where it sits in that word and the word's class (``lt=B``/``lt=M``/``lt=E`` + class, the
"lattice"/SoftLexicon idea of the Chinese NER literature as CRF features), and the marks
of the words ending just before it and beginning just after it (``-1lt=E``, ``+1lt=B``).
All matches are marked: the CRF learns which to trust. Besides, each character gets its
place in the dictionary's most probable segmentation of the text and that word's class
(``sg=`` + B/M/E/S + class; jieba's own rule: the path through the words of the text whose
counts give the highest product of word probabilities), the word boundaries a segmenter
would give; a low-count word's marks get an ``l`` of their own (``sg=BCl``), so that the
weight of the frequent words' boundaries does not fall on it: an unknown name that overlaps
a rare dictionary word (立新 in 周立新) is where the dictionary's route misleads.

For the names the dictionary lacks (jieba pairs its dictionary with an HMM for these),
``extract/tagger_names.py``: the buckets of a character-position model of the dictionary's
names (``char_codes``: surname, given-name, transliteration character, with the
neighbours' and runs' marks), and surname + given-name candidate words inside the
segmentation itself (``NAME_ROUTE``: ``sg=`` class ``N`` where the route takes one).
"""

from __future__ import annotations

import itertools
import lzma
from functools import cache
from pathlib import Path

from rashomon.extract import memo, tagger_names

MODELS = Path(__file__).resolve().parent / "models"
#: Languages whose CRF was trained with these marks (table ``lattice-<lang>.tsv.xz``).
LANGUAGES = frozenset({"zh"})
#: Longest dictionary word looked up. jieba's words of 2-4 characters are 94% of its
#: dictionary (330k of 349k); 5-6 keep the longer transliterations and institutions
#: ("伊斯坦布尔", "中华人民共和国" is 7 and is cut). Bounds the work per character.
MAX_LEN = 6
#: Stands for a token that is not one Han character (a Latin word, a digit run): no
#: dictionary word runs across it.
_GAP = "\x00"


#: The class letters a table may hold (upper case: a common entry, lower: a rare one).
CODES = "PTLOZCptlozc"
_WIDTH = len(CODES)
#: Whether the segmentation marks are given (``sg=``).
SEGMENT = True
#: The classes whose words get lattice marks (``lt=``), and the classes of segmentation
#: words that get ``sg=`` marks ("-": a character the dictionary lacks). All words take
#: part in the segmentation itself.
LATTICE_CLASSES = "PTLOZptloz"
SEGMENT_CLASSES = CODES + "-"
#: Whether surname + given-name candidate words (``tagger_names.candidates``) take part in
#: the segmentation (their words' marks: ``sg=`` + B/M/E + ``N``).
NAME_ROUTE = True


@cache
def lexicon(language: str) -> tuple[dict[str, int], float]:
    """See ``_read``: the words and the total."""
    return _read(language)[:2]


@cache
def char_codes(language: str) -> dict[str, int]:
    """Character -> surname bucket | given-name bucket << 2 | transliteration bucket << 4
    (each 0-3; ``tools/train_ner_lattice.py``), for the characters with any; {} without a
    table."""
    return _read(language)[2]


@cache
def names_model(language: str) -> tagger_names.Names:
    """The route's name-word model (``tagger_names.Names``; empty without a table)."""
    return _read(language)[3]


@cache
def _read(language: str) -> tuple[dict[str, int], float, dict[str, int], tagger_names.Names]:
    """Word -> its class's index in ``CODES`` + 16 x round(2 ln count), and every proper
    prefix (2+ characters) of a word -> -1 (so a lookup can stop at the first run that
    starts no word); and 2 ln of the dictionary's total count. ({}, 0) without a table.
    Table (xz): a first line ``<TAB>total<TAB>2 ln N``, then per class and count
    ``class<TAB>round(2 ln count)<TAB>word word ...``, and the character codes as
    ``#<TAB>code<TAB>characters``, and the name-word model as ``S``/``G``/``N`` lines
    (``tools/train_ner_lattice.py``)."""
    path = MODELS / f"lattice-{language}.tsv.xz"
    if not path.exists():
        return {}, 0.0, {}, tagger_names.NO_NAMES
    out: dict[str, int] = {}
    chars: dict[str, int] = {}
    names = tagger_names.Names({}, {}, {})
    total = 0.0
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            code, count, words = line.rstrip("\n").split("\t")
            if not code:
                total = float(words)
            elif code == "#":
                chars.update(dict.fromkeys(words, int(count)))
            elif code in "SG":
                (names.surname if code == "S" else names.given).update(
                    dict.fromkeys(words, int(count)))
            elif code == "N":
                names.length[int(count)] = float(words)
            elif code in CODES:
                value = CODES.index(code) + 16 * int(count)
                out.update((w, value) for w in words.split(" ") if len(w) <= MAX_LEN)
    for word in list(out):
        for k in range(2, len(word)):
            out.setdefault(word[:k], -1)
    return out, total, chars, names


# A position's marks as bits: its own B, M, E of each class (three blocks of _WIDTH bits),
# the E block of the character before, the B block of the one after, then its place in the
# segmentation (2 bits: B, M, E, S) and that word's class + 1 (4 bits; _WIDTH + 1: a
# character no table holds, _WIDTH + 2: a candidate name of ``tagger_names``).
_B, _M, _E = 0, _WIDTH, 2 * _WIDTH
_E_BITS = ((1 << _WIDTH) - 1) << _E
_B_BITS = (1 << _WIDTH) - 1
_SEG = SEG_SHIFT = 5 * _WIDTH
_PLACES = "BMES"
#: The segmentation's bit for a word of 2+ characters with round(2 ln count) at most
#: ``LOW_COUNT`` (count <= ~95). Calibrated on jieba's dict.txt: 立新 (51), 拉加 (55)
#: are such words, 表示 (round(2 ln count) 20) and 北京 are far above; 92% of its 335,553
#: words of 2+ characters are at or below it (the frequent words are the few).
_LOW_BIT, LOW_COUNT = 64, 9
#: The name marks (``char_codes``, their neighbours, runs and items: 16 bits) start here.
_NAME = NAME_SHIFT = SEG_SHIFT + 8
_RUNS = ("", "B", "M", "E", "B2", "E2")
_LATTICE_MASK = sum(1 << (block * _WIDTH + k) for block in range(5) for k in range(_WIDTH)
                    if CODES[k] in LATTICE_CLASSES)
#: The class of a candidate name word in a route's pick (after the 12 of ``CODES``; 15:
#: a character no table holds).
_NAMED = 14
#: segmentation class numbers (see ``_names``) whose marks are kept
_SEGMENT_KEPT = frozenset([*(k + 1 for k in range(_WIDTH + 1)
                             if (CODES + "-")[k] in SEGMENT_CLASSES),
                           *([_WIDTH + 2] if NAME_ROUTE else [])])


def _names(key: int) -> tuple[str, ...]:
    """The mark strings of a position's bit key, sorted."""
    out = []
    for k in range(_WIDTH):
        code = CODES[k]
        for shift, name in ((_B, "lt=B"), (_M, "lt=M"), (_E, "lt=E"),
                            (3 * _WIDTH, "-1lt=E"), (4 * _WIDTH, "+1lt=B")):
            if key >> (shift + k) & 1:
                out.append(name + code)
    seg = key >> _SEG & 255
    if seg:
        code = (seg >> 2 & 15) - 1
        mark = "sg=" + _PLACES[seg & 3] + (CODES + "-N")[code]
        out.append(mark + "l" if seg & _LOW_BIT else mark)
    name = key >> _NAME
    for shift, mark in ((0, "sn="), (2, "gv="), (4, "tr="), (6, "-1sn="), (8, "-2sn=")):
        if name >> shift & 3:
            out.append(f"{mark}{name >> shift & 3}")
    if name >> 10 & 7:
        out.append("tru=" + _RUNS[name >> 10 & 7])
    if name >> 13:
        out.append(f"it={(name >> 13 & 3) + 1}" + ("s" if name >> 15 else ""))
    return tuple(sorted(out))


def names(key: int) -> tuple[str, ...]:
    """The mark strings of a position's key (see ``keys``), remembered in the extraction
    memo: a text has a few thousand distinct keys."""
    table = memo.table("lattice")
    got = table.get(key)
    if got is None:
        got = table[key] = _names(key)
    return got


def keys(chars: list[str], language: str) -> list[int]:
    """Per token, its marks as one integer (0: none; ``names`` spells them out); a token
    that is not a single character is in no word and breaks every word across it."""
    table, total = lexicon(language)
    n = len(chars)
    if not table:
        return [0] * n
    text = "".join(c if len(c) == 1 else _GAP for c in chars)
    bits = [0] * n
    get = table.get
    segment = SEGMENT
    ends: list[list[int]] = [[] for _ in range(n)] if segment else []
    for i in range(n):
        for k in range(2, min(MAX_LEN, n - i) + 1):
            code = get(text[i:i + k])
            if code is None:
                break
            if code >= 0:
                kind = code & 15
                bits[i] |= 1 << (_B + kind)
                bits[i + k - 1] |= 1 << (_E + kind)
                if k > 2:
                    middle = 1 << (_M + kind)
                    for j in range(i + 1, i + k - 1):
                        bits[j] |= middle
                if segment:
                    ends[i].append(k << 24 | code)
    out = []
    before = 0
    for i in range(n):
        after = bits[i + 1] & _B_BITS if i < n - 1 else 0
        out.append(bits[i] | (before & _E_BITS) << _WIDTH | after << 4 * _WIDTH)
        before = bits[i]
    if segment:
        named = tagger_names.candidates(text, names_model(language)) if NAME_ROUTE else None
        _segment(text, ends, get, total, out, named)
    codes = char_codes(language)
    names = tagger_names.name_keys([codes.get(c, 0) if len(c) == 1 else 0 for c in chars],
                                   [tagger_names.han(c) for c in chars])
    return [_masked(key) | name << _NAME for key, name in zip(out, names, strict=True)]


def _masked(key: int) -> int:
    """A key with the marks of the classes left out (``LATTICE_CLASSES``,
    ``SEGMENT_CLASSES``) taken off."""
    seg = key >> _SEG
    if seg and (seg >> 2 & 15) not in _SEGMENT_KEPT:
        seg = 0
    return key & _LATTICE_MASK | seg << _SEG


def _segment(text: str, ends: list[list[int]], get, total: float, out: list[int],
             named: list[list[tuple[int, float]]] | None = None) -> None:
    """Add each position's place in the most probable segmentation (jieba's route: the
    highest sum of (2 ln count - 2 ln total) over the words; a character the dictionary
    lacks counts 1) and its word's class to ``out``. ``named``: per position, the
    candidate name words (``tagger_names.candidates``), each taken where the dictionary
    has no word of its length."""
    n = len(text)
    score = [0.0] * (n + 1)
    choice = [0] * n
    for i in range(n - 1, -1, -1):
        single = get(text[i])
        if single is not None and single >= 0:
            best, pick = (single >> 4) - total + score[i + 1], single | 1 << 24
        else:
            best, pick = -total + score[i + 1], 1 << 24 | 15
        options = [(packed >> 24, ((packed & 0xFFFFFF) >> 4) - total, packed)
                   for packed in ends[i]]
        if named and named[i]:
            held = {k for k, _, _ in options}
            options += [(k, value - total, k << 24 | _NAMED) for k, value in named[i]
                        if k not in held]
            options.sort(key=lambda option: option[0])  # by length, as the batch's argmax
        for k, weight, packed in options:
            value = weight + score[i + k]
            if value > best:
                best, pick = value, packed
        score[i] = best
        choice[i] = pick
    i = 0
    while i < n:
        pick = choice[i]
        k, code = pick >> 24, pick & 15
        kind = (code + 1 if code < _WIDTH else _WIDTH + 2 if code == _NAMED else _WIDTH + 1) << 2
        if k > 1 and code < _WIDTH and (pick & 0xFFFFFF) >> 4 <= LOW_COUNT:
            kind |= _LOW_BIT
        if k == 1:
            out[i] |= (kind | 3) << _SEG
        else:
            out[i] |= kind << _SEG
            for j in range(i + 1, i + k - 1):
                out[j] |= (kind | 1) << _SEG
            out[i + k - 1] |= (kind | 2) << _SEG
        i += k


def marks(chars: list[str], language: str) -> list[tuple[str, ...]]:
    """Per token, the sorted mark strings (see the module note and ``keys``)."""
    return [names(key) if key else () for key in keys(chars, language)]


#: Positions per slice of the batch's k-gram lookups (bounds the k-gram strings alive at
#: once to a few MB).
_CHUNK = 65_536


def batch_keys(sentences: list[list[str]], language: str):
    """``keys`` of many sentences at once, with numpy: the marks' three parts per token of
    all sentences one after the other, (lattice bits, segmentation bits, name bits) as
    three int64 arrays (a token's key is ``lattice | segmentation << _SEG | name <<
    _NAME``), or None without a table.
    The same keys as ``keys`` sentence by sentence (``tests/test_extract_lattice.py``):
    every k-gram of the text is looked up by C-level maps, and the most probable
    segmentation is found for all sentences together, one step per position from the end
    of the longest sentence (as jieba's route, the first of equal scores kept)."""
    import numpy as np

    table, total = lexicon(language)
    if not table or not sentences:
        return None
    flat = list(itertools.chain.from_iterable(itertools.chain(s, "\x01") for s in sentences))
    # a separator no word holds ends every sentence
    text = "".join([c if len(c) == 1 else _GAP for c in flat])
    size = len(text)
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    ends = np.cumsum(lengths + 1) - 1  # each sentence's separator
    get = table.get
    codes = np.full((MAX_LEN + 1, size + MAX_LEN), -2, dtype=np.int64)
    ids, keys_, values = _numeric(language)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    char = np.where(points < len(ids), ids[np.minimum(points, len(ids) - 1)], 0)
    char = np.concatenate((char, np.zeros(_SHORT, dtype=np.int64)))
    key = np.zeros(size, dtype=np.int64)
    valid = np.ones(size, dtype=bool)
    for k in range(1, _SHORT + 1):  # words and prefixes of 1-4 characters as numbers
        step = char[k - 1:k - 1 + size]
        key |= step << (_BITS * (k - 1))
        valid &= step > 0
        query = key | k << (_BITS * _SHORT)
        where = np.minimum(np.searchsorted(keys_, query), len(keys_) - 1)
        codes[k, :size] = np.where(valid & (keys_[where] == query), values[where], -2)
    at = np.nonzero(codes[_SHORT, :size] != -2)[0]
    at = at[at + _SHORT < size]
    for k in range(_SHORT + 1, MAX_LEN + 1):
        # only where the k-1 characters are a word or a word's prefix can k be one
        grams = list(map(text.__getitem__, map(slice, at.tolist(), (at + k).tolist())))
        codes[k, at] = np.fromiter(map(get, grams, itertools.repeat(-2)), np.int64, len(at))
        at = at[(codes[k, at] != -2) & (at + k < size)]
    bits = np.zeros(size + 1, dtype=np.int64)
    for k in range(2, MAX_LEN + 1):
        at = np.nonzero(codes[k, :size] >= 0)[0]
        kind = codes[k, at] & 15
        np.bitwise_or.at(bits, at, np.left_shift(1, _B + kind))
        np.bitwise_or.at(bits, at + k - 1, np.left_shift(1, _E + kind))
        for j in range(1, k - 1):
            np.bitwise_or.at(bits, at + j, np.left_shift(1, _M + kind))
    before = np.concatenate(([0], bits[:size])) & _E_BITS
    lattice = bits[:size] | before[:size] << _WIDTH | (bits[1:size + 1] & _B_BITS) << 4 * _WIDTH
    keep = text_positions(ends, size)
    names = tagger_names.batch_name_keys(points, _code_array(language))[keep]
    if not SEGMENT:
        return lattice[keep] & _LATTICE_MASK, np.zeros(len(keep), dtype=np.int64), names
    # word scores: 2 ln count - 2 ln total; a single character the table lacks counts 1
    weights = np.where(codes >= 0, (codes >> 4) - total, -np.inf)
    weights[1] = np.where(codes[1] >= 0, (codes[1] >> 4) - total, -total)
    named = np.zeros(codes.shape, dtype=bool)  # where a candidate name is the k-gram's word
    if NAME_ROUTE:
        for k, found in zip((2, 3), tagger_names.batch_candidates(
                points, names_model(language), codes.shape[1]), strict=True):
            named[k] = (codes[k] < 0) & np.isfinite(found)
            weights[k] = np.where(named[k], found - total, weights[k])
    score = np.zeros(size + MAX_LEN + 1)
    choice = np.ones(size + 1, dtype=np.int64)
    order = np.argsort(-lengths, kind="stable")
    sorted_ends, sorted_lengths = ends[order], lengths[order]
    steps = np.arange(1, MAX_LEN + 1)
    for t in range(int(lengths.max(initial=0))):
        active = int(np.searchsorted(-sorted_lengths, -t, side="left"))  # lengths > t
        at = sorted_ends[:active] - 1 - t
        candidates = weights[1:, at] + score[at[None, :] + steps[:, None]]
        pick = candidates.argmax(axis=0)
        score[at] = candidates[pick, np.arange(len(at))]
        choice[at] = pick + 1
    seg = np.zeros(size + 1, dtype=np.int64)
    starts = ends - lengths
    current = starts[lengths > 0]
    stop = ends[lengths > 0]
    while len(current):
        k = choice[current]
        name = named[k, current]
        code = np.where(name, _NAMED, codes[k, current] & 15)
        kind = np.where(code < _WIDTH, code + 1,
                        np.where(name, _WIDTH + 2, _WIDTH + 1)) << 2
        kind |= np.where((k > 1) & ~name & (codes[k, current] >> 4 <= LOW_COUNT), _LOW_BIT, 0)
        seg[current] = np.where(k == 1, kind | 3, kind)
        last = current + k - 1
        seg[last[k > 1]] = (kind | 2)[k > 1]
        for j in range(1, MAX_LEN - 1):
            inside = k > j + 1
            seg[current[inside] + j] = (kind | 1)[inside]
        current = current + k
        alive = current < stop
        current, stop = current[alive], stop[alive]
    seg = seg[keep]
    seg[~np.isin(seg >> 2 & 15, list(_SEGMENT_KEPT))] = 0
    return lattice[keep] & _LATTICE_MASK, seg, names


@cache
def _code_array(language: str):
    """``char_codes`` as an array indexed by code point."""
    import numpy as np

    codes = char_codes(language)
    table = np.zeros(max(map(ord, codes), default=0) + 1, dtype=np.int64)
    for c, code in codes.items():
        table[ord(c)] = code
    return table


#: Characters per number of the numeric lookup (``_numeric``), and bits per character:
#: jieba's dictionary holds 12,010 distinct characters, under 2 ** 14.
_SHORT, _BITS = 4, 14


@cache
def _numeric(language: str):
    """The table's words and prefixes of 1-``_SHORT`` characters as sorted numbers (each
    character's index in the table's characters, ``_BITS`` bits apiece, and the length):
    (code point -> index array, sorted numbers, their values). Exact: a character outside
    the table is in no word."""
    import numpy as np

    table = lexicon(language)[0]
    chars = sorted(set("".join(table)))
    if len(chars) >= 1 << _BITS:
        raise ValueError("lattice table: too many distinct characters for the numeric lookup")
    ids = np.zeros(ord(chars[-1]) + 1, dtype=np.int64)
    ids[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
    keys, values = [], []
    by_length: dict[int, list[str]] = {}
    for word in table:
        by_length.setdefault(len(word), []).append(word)
    for k in range(1, _SHORT + 1):
        words = by_length.get(k, [])
        if not words:
            continue
        points = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32)
        number = np.full(len(words), k << (_BITS * _SHORT), dtype=np.int64)
        for j, column in enumerate(ids[points.reshape(-1, k)].T):
            number |= column << (_BITS * j)
        keys.append(number)
        values.append(np.fromiter(map(table.__getitem__, words), np.int64, len(words)))
    keys_, values_ = np.concatenate(keys), np.concatenate(values)
    order = np.argsort(keys_)
    return ids, keys_[order], values_[order]


def text_positions(ends, size: int):
    """The positions of the batch's text that are tokens (not separators)."""
    import numpy as np

    mask = np.ones(size, dtype=bool)
    mask[ends] = False
    return np.nonzero(mask)[0]
