"""The CRF's label scores of every token of a text, summed per distinct word.

A token's score for a label is the sum of the weights of its feature strings
(``ner.features``), and those strings come in groups that depend on one word each: the
word's own features (word, shape, affixes, tables, clusters), what it gives its neighbour
as the word before ("-1w=", "-1sh=", ...) or after, two before or after, plus the
beginning and end marks and the word pair. So each group's weight vector is summed once
per distinct word (kept in a table per language, like ``memo``'s) and a token's scores are
a few rows added with numpy, for all the sentences of a text at once. Chinese and Japanese
do the same per character, per character pair and per script triple; the frequency-list
marks and piece clusters, which depend on the run of characters around a position, are
added per position. ``tests/test_extract_features.py`` checks the scores against the sums
over ``ner.features``' strings.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from rashomon.extract import (
    char_words,
    memo,
    ner,
    tagger_clusters,
    tagger_lattice,
    tagger_lexicons,
)
from rashomon.extract.crf_model import CrfModel

#: Word groups: own, as the word before, after, two before, two after.
_OWN, _PREV, _NEXT, _PREV2, _NEXT2 = range(5)


class _Rows:
    """Distinct keys -> rows of summed weight vectors (``groups`` per key), one table per
    model and kind, started afresh past ``memo.LIMIT`` keys like the feature memo tables."""

    def __init__(self, groups: int, labels: int, owner: _Rows | None = None):
        self.index: dict = {}
        self.keys: list = []
        self.rows = np.zeros((256, groups, labels))
        #: a small number per key (a word's "opens a known pair", a character's script)
        self.marks = np.zeros(256, dtype=np.intp)
        self.lower: list[str] = []  # the keys lower-cased (words)
        self.owner = owner  # the table whose key numbers this one's keys are made of

    def add(self, keys: list, vectors: list[list[list[int]]], model: CrfModel,
            marks: list[int] | None = None) -> None:
        """Append rows for ``keys``: ``vectors[k][g]`` lists the attribute ids of group g."""
        first = len(self.keys)
        need = first + len(keys)
        if need > len(self.rows):
            size = max(need, 2 * len(self.rows))
            grown = np.zeros((size, *self.rows.shape[1:]))
            grown[:first] = self.rows[:first]
            self.rows = grown
            self.marks = np.concatenate((self.marks[:first],
                                         np.zeros(size - first, dtype=np.intp)))
        if marks is not None:
            self.marks[first:need] = marks
        groups = self.rows.shape[1]
        # row (first + k) * groups + g gets the attributes of key k's group g, rows in order
        attributes = [i for groups_of_key in vectors for ids in groups_of_key for i in ids]
        sizes = [len(ids) for groups_of_key in vectors for ids in groups_of_key]
        flat = self.rows.reshape(-1, self.rows.shape[2])
        if attributes:  # in order, one attribute after the other, as crfsuite adds them
            targets = np.repeat(np.arange(first * groups, need * groups), sizes)
            add_rows(flat, targets, model.state[attributes])
        self.index.update(zip(keys, range(first, need), strict=True))
        self.keys += keys


#: From this many rows ``add_rows`` adds on the flat view. Random rows of 9 labels (2-core
#: Xeon VM, numpy 2.4), as rows / flat: 5 rows 2.9 / 5.4 us, 30 rows 5.7 / 7.2 us, 100 rows
#: 13.1 / 10.5 us, 1,800 rows (a text's new words, ``_Rows.add``) 195 / 88 us; 150 rows of
#: 128 float32 (the network's piece means) 166 / 55 us.
FLAT_ROWS = 64


def add_rows(target: np.ndarray, at, rows: np.ndarray) -> None:
    """``np.add.at(target, at, rows)`` for a 2-D ``target``: row ``at[i]`` gets ``rows[i]``
    added, one after the other, so a row given several times sums them in the same order
    to the same bits. From ``FLAT_ROWS`` rows (``target`` C-contiguous) done on the flat
    view, one index per element, which takes numpy's fast path for 1-D ``ufunc.at``."""
    at = np.asarray(at, dtype=np.intp)
    if len(at) < FLAT_ROWS or not target.flags.c_contiguous:  # (its flat view: a copy)
        np.add.at(target, at, rows)
        return
    width = target.shape[1]
    index = (at[:, None] * width + np.arange(width)).reshape(-1)
    np.add.at(target.reshape(-1), index, np.asarray(rows, dtype=target.dtype).reshape(-1))


def _table(model: CrfModel, name: str, groups: int, keys, owner: _Rows | None = None
           ) -> tuple[_Rows, list]:
    """The model's table ``name`` and those of ``keys`` (distinct, in order) it lacks;
    a fresh table when they would take it past ``memo.LIMIT`` or its owner changed."""
    table = model.tables.get(name)
    new = [k for k in keys if k not in table.index] if table is not None else None
    if new is None or len(table.keys) + len(new) > memo.LIMIT or table.owner is not owner:
        table = model.tables[name] = _Rows(groups, len(model.labels), owner)
        new = list(keys)
    return table, new


def _ids(model: CrfModel, strings) -> list[int]:
    attributes = model.attributes
    return [attributes[s] for s in strings if s in attributes]


def _positions(lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each token's place in its sentence and its sentence's length."""
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    return (np.arange(int(lengths.sum())) - np.repeat(starts, lengths),
            np.repeat(lengths, lengths))


def word_states(model: CrfModel, words: list[str], lengths: list[int],
                language: str) -> np.ndarray:
    """Label scores (tokens x labels) of the sentences ``lengths`` long whose words are
    ``words`` (all sentences one after the other)."""
    table, new = _table(model, "w", 5, dict.fromkeys(words))
    index = table.index
    if new:
        lows = [w.lower() for w in new]
        table.lower += lows
        starts = _pair_starts(model)
        table.add(new, [_word_groups(model, w, language) for w in new], model,
                  [low in starts for low in lows])
    ids = np.fromiter((index[w] for w in words), dtype=np.intp, count=len(words))
    rows = table.rows
    sizes = np.asarray(lengths, dtype=np.intp)
    place, size = _positions(sizes)
    state = rows[ids, _OWN].copy()
    for shift, group, alive in ((1, _PREV, place >= 1), (-1, _NEXT, place < size - 1),
                                (2, _PREV2, place >= 2), (-2, _NEXT2, place < size - 2)):
        at = np.nonzero(alive)[0]
        state[at] += rows[ids[at - shift], group]
    state[place == 0] += model.vector(("BOS",))
    state[place == size - 1] += model.vector(("EOS",))
    _add_pairs(model, state, table, ids, place)
    return state


def _word_groups(model: CrfModel, word: str, language: str) -> list[list[int]]:
    parts = ner._word_parts(word, language, None, {})
    own = [*parts.own, *parts.xn[0], *parts.gz[0]]
    prev = [*parts.as_prev, *parts.fqc[0], *parts.xn[1], *parts.gz[1]]
    nxt = [*parts.as_next, *parts.fqc[1], *parts.xn[2], *parts.gz[2]]
    if language in tagger_clusters.LANGUAGES:
        clusters = tagger_clusters._word_parts(word, language, None)
        own += clusters[0]
        prev += clusters[1]
        nxt += clusters[2]
    return [_ids(model, own), _ids(model, prev), _ids(model, nxt),
            _ids(model, parts.as_prev2), _ids(model, parts.as_next2)]


def _pair_starts(model: CrfModel) -> frozenset[str]:
    """Lower-cased words that begin a word-pair attribute "-1w+w=<before>|<word>" (every
    split at a "|", since a token may be a "|")."""
    found = model.tables.get("pair starts")
    if found is None:
        starts = set()
        for name in model.attributes:
            if name.startswith("-1w+w="):
                body = name[6:]
                starts.update(body[:k] for k, ch in enumerate(body) if ch == "|")
        found = model.tables["pair starts"] = frozenset(starts)
    return found


def _add_pairs(model: CrfModel, state: np.ndarray, table: _Rows, ids: np.ndarray,
               place: np.ndarray) -> None:
    """The "-1w+w=" attribute of the word pair ending at each token the model knows."""
    lower = table.lower
    candidates = np.nonzero(place >= 1)[0]
    candidates = candidates[table.marks[ids[candidates - 1]] == 1]  # it opens a known pair
    attributes = model.attributes
    at, rows = [], []
    for position, before, me in zip(candidates.tolist(), ids[candidates - 1].tolist(),
                                    ids[candidates].tolist(), strict=True):
        attribute = attributes.get("-1w+w=" + lower[before] + "|" + lower[me])
        if attribute is not None:
            at.append(position)
            rows.append(attribute)
    if at:
        add_rows(state, at, model.state[rows])


#: Character groups: own (with the shape of a Latin word inside the text), as the
#: character before, after, two before, two after.
_PAD_BEFORE, _PAD_AFTER = "<s>", "</s>"
#: Pair groups: "-1b=", "+1b=", "-2b=", "+2b=".
_PAIR_SIDES = ("-1b=", "+1b=", "-2b=", "+2b=")
#: The scripts ``ner._script`` names.
_SCRIPTS = ("digit", "punct", "latin", "cyr", "arab", "kana", "han", "greek", "hebrew", "hangul",
            "other")


def char_states(model: CrfModel, chars: list[str], lengths: list[int],
                language: str) -> np.ndarray:
    """Label scores of the characters (Chinese, Japanese) of the sentences ``lengths``
    long, as ``word_states`` does for words (see ``ner.char_features``)."""
    sizes = np.asarray(lengths, dtype=np.intp)
    total = len(chars)
    # every sentence padded with two marks on each side, as ner.char_features pads it
    padded_at = np.arange(total) + 4 * np.repeat(np.arange(len(sizes)), sizes) + 2
    pad = [_PAD_BEFORE] * (total + 4 * len(sizes))
    for k, c in zip(padded_at.tolist(), chars, strict=True):
        pad[k] = c
    ends = np.cumsum(sizes + 4)
    for e in ends.tolist():
        pad[e - 2] = pad[e - 1] = _PAD_AFTER
    table, new = _table(model, "c", 5, dict.fromkeys(pad))
    index = table.index
    if new:
        table.add(new, [_char_groups(model, c) for c in new], model,
                  [_SCRIPTS.index(ner._script(c[0])) for c in new])
    ids = np.fromiter((index[c] for c in pad), dtype=np.intp, count=len(pad))
    rows = table.rows
    j = padded_at
    state = rows[ids[j], _OWN].copy()
    for shift, group in ((1, _PREV), (-1, _NEXT), (2, _PREV2), (-2, _NEXT2)):
        state += rows[ids[j - shift], group]
    # character pairs: pair m is (pad[m], pad[m + 1])
    pair_rows, pair_at = _pair_rows(model, table, ids)
    for side, first in ((0, j - 1), (1, j), (2, j - 2), (3, j + 1)):
        state += pair_rows[pair_at[first], side]
    state += _script_triples(model, table, ids, j)
    ranks = tagger_lexicons.ranks(language) if language else {}
    if ranks:
        _add_lexicon_marks(model, state, chars, sizes, ranks, _prefixes(language))
    if language in tagger_clusters.LANGUAGES:
        _add_char_clusters(model, state, chars, sizes)
    if language in char_words.LANGUAGES:
        _add_char_words(model, state, chars, sizes, language)
    if language in tagger_lattice.LANGUAGES:
        _add_lattice(model, state, chars, sizes, language)
    return state


def _add_lattice(model: CrfModel, state: np.ndarray, chars: list[str], sizes: np.ndarray,
                 language: str) -> None:
    """``tagger_lattice.marks`` of every position (``tagger_lattice.batch_keys``, all
    sentences at once): each distinct set of marks (a text has a few thousand) is summed
    once per model and added where it occurs."""
    starts = np.concatenate(([0], np.cumsum(sizes)))
    found = tagger_lattice.batch_keys([chars[a:b] for a, b in
                                       zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)],
                                      language)
    if found is None:
        return
    lattice, seg, name = found
    kinds, inverse = np.unique(lattice, return_inverse=True)  # then the triples, as one number
    triples, where = np.unique((inverse.reshape(-1) << 8 | seg) << 16 | name,  # 16 bits
                               return_inverse=True)
    rows = model.tables.get("lattice")
    if rows is None or len(rows) >= memo.LIMIT:
        rows = model.tables["lattice"] = {}
    vectors = np.zeros((len(triples), state.shape[1]))
    for k, triple in enumerate(triples.tolist()):
        key = int(kinds[triple >> 24]) | (triple >> 16 & 255) << tagger_lattice.SEG_SHIFT \
            | (triple & 0xFFFF) << tagger_lattice.NAME_SHIFT
        if key:
            row = rows.get(key)
            if row is None:
                row = rows[key] = model.vector(tagger_lattice.names(key))
            vectors[k] = row
    state += vectors[where.reshape(-1)]


def _char_groups(model: CrfModel, c: str) -> list[list[int]]:
    parts = ner._char_parts(c, None, {})
    return [_ids(model, (*parts.own, *parts.shape)), _ids(model, parts.as_prev),
            _ids(model, parts.as_next), _ids(model, parts.as_prev2),
            _ids(model, parts.as_next2)]


def _pair_rows(model: CrfModel, chars: _Rows,
               ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows of the four window vectors of character pairs, and the row of each pair
    position m of the padded text: the pair (pad[m], pad[m + 1])."""
    keys = (ids[:-1].astype(np.int64) << 32) | ids[1:]
    distinct, inverse = np.unique(keys, return_inverse=True)
    table, new = _table(model, "b", 4, distinct.tolist(), owner=chars)
    index = table.index
    if new:
        names = chars.keys
        strings = [names[k >> 32] + names[k & 0xFFFFFFFF] for k in new]
        table.add(new, [[_ids(model, (side + s,)) for side in _PAIR_SIDES] for s in strings],
                  model)
    rows = np.fromiter((index[k] for k in distinct.tolist()), dtype=np.intp,
                       count=len(distinct))
    return table.rows, rows[inverse]


def _script_triples(model: CrfModel, chars: _Rows, ids: np.ndarray,
                    j: np.ndarray) -> np.ndarray:
    """The "psc=" attribute of the scripts of the character before, itself and after."""
    of = chars.marks[ids]
    width = len(_SCRIPTS)
    keys = (of[j - 1] * width + of[j]) * width + of[j + 1]
    distinct, inverse = np.unique(keys, return_inverse=True)
    vectors = np.array([model.vector(("psc=" + "|".join(
        (_SCRIPTS[k // (width * width)], _SCRIPTS[k // width % width], _SCRIPTS[k % width])),))
        for k in distinct.tolist()]).reshape(len(distinct), len(model.labels))
    return vectors[inverse]


def _add_lexicon_marks(model: CrfModel, state: np.ndarray, chars: list[str],
                       sizes: np.ndarray, ranks: dict, prefixes: frozenset[str]) -> None:
    """``ner._lexicon_marks`` and the neighbours' marks, as rows added per position."""
    at, names = [], []
    offset = 0
    for size in sizes.tolist():
        sentence = chars[offset:offset + size]
        marks = ner._lexicon_marks(sentence, ranks, prefixes)
        for i, own in enumerate(marks):
            found = own
            if i:
                found = [*found, *("-1" + m for m in marks[i - 1] if m[2] == "E")]
            if i < size - 1:
                found = [*found, *("+1" + m for m in marks[i + 1] if m[2] == "B" and m[3] != "f")]
            for name in found:
                at.append(offset + i)
                names.append(name)
        offset += size
    attributes = model.attributes
    kept = [(p, attributes[n]) for p, n in zip(at, names, strict=True) if n in attributes]
    if kept:
        where, rows = zip(*kept, strict=True)
        add_rows(state, where, model.state[list(rows)])


def _add_char_words(model: CrfModel, state: np.ndarray, chars: list[str],
                    sizes: np.ndarray, language: str) -> None:
    """``char_words.marks`` (dictionary words over the characters), per position: the rows
    of each distinct key's marks summed once."""
    attributes = model.attributes
    rows_of: dict[int, np.ndarray | None] = {}
    at, vectors = [], []
    offset = 0
    for size in sizes.tolist():
        for i, key in enumerate(char_words.keys(chars[offset:offset + size], language)):
            if not key:
                continue
            if key not in rows_of:
                ids = [attributes[n] for n in char_words.names(key) if n in attributes]
                rows_of[key] = model.state[ids].sum(axis=0) if ids else None
            row = rows_of[key]
            if row is not None:
                at.append(offset + i)
                vectors.append(row)
        offset += size
    if at:
        state[np.asarray(at, dtype=np.intp)] += np.asarray(vectors)


@cache
def _prefixes(language: str) -> frozenset[str]:
    """Every start of 2 or more characters of the frequency list's words of 2-6."""
    return frozenset(w[:k] for w in tagger_lexicons.ranks(language) if 2 <= len(w) <= 6
                     for k in range(2, len(w) + 1))


def _add_char_clusters(model: CrfModel, state: np.ndarray, chars: list[str],
                       sizes: np.ndarray) -> None:
    """``tagger_clusters.char_features`` (a piece's cluster per character), per position."""
    attributes = model.attributes
    at, rows = [], []
    offset = 0
    for size in sizes.tolist():
        for i, feats in enumerate(tagger_clusters.char_features(chars[offset:offset + size])):
            for name in feats:
                attribute = attributes.get(name)
                if attribute is not None:
                    at.append(offset + i)
                    rows.append(attribute)
        offset += size
    if at:
        add_rows(state, at, model.state[rows])
