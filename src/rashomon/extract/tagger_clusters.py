"""Distributional word features for the NER tagger: clusters of subword pieces.

``models/pieces.tsv.gz`` (built by ``tools/train_ner_clusters.py`` in ``make train-ner``)
maps each sentencepiece piece of multilingual-e5-small's vocabulary to a coarse and a fine
cluster of its static embedding. Pieces of one kind of thing share a cluster across
languages and scripts (airlines, car makers, months, first names, Russian/Persian/Chinese
spellings of one city), so a name the CRF never saw in its own training sentences still
carries evidence of what it is.

A word is looked up as the piece "▁word" (the whole word is one piece: its fine and coarse
cluster); otherwise its longest leading piece and longest trailing piece give two coarse
clusters (the word's stem and ending kind: "Scor|sese"). Greedy longest match, not the
sentencepiece segmentation: the same cut in training and tagging, no scores to ship.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from rashomon.extract import memo

MODELS = Path(__file__).resolve().parent / "models"
TABLE = MODELS / "pieces.tsv.gz"
#: Languages whose shipped model was trained with these features (a model is only ever
#: given the features it was trained on; ``tools/train_ner.py`` reads the same set).
LANGUAGES = frozenset({"en", "nl", "tr", "ja"})
_META = "\u2581"
#: Longest piece tried, in characters (pieces past 16 characters are a handful of
#: URLs and repeated letters).
_MAX_PIECE = 16


@cache
def table() -> dict[str, tuple[str, str]]:
    """Piece -> (coarse id, fine id) as strings, or {} when the table is not shipped."""
    if not TABLE.exists():
        return {}
    out = {}
    shared: dict[str, tuple[str, str]] = {}  # one tuple per distinct pair: ~70 MB less
    with gzip.open(TABLE, "rt", encoding="utf-8") as handle:
        for line in handle:
            piece, _, ids = line.rstrip("\n").partition("\t")
            pair = shared.get(ids)
            if pair is None:
                pair = shared[ids] = tuple(ids.split("\t"))
            out[piece] = pair
    return out


@cache
def word_clusters(word: str) -> tuple[tuple[str, ...], str]:
    """(features of the word itself, its coarse id for the neighbours' features; "" none)."""
    pieces = table()
    if not pieces or not any(c.isalpha() for c in word):
        return (), ""
    forms = [word]
    if word.isupper() and len(word) > 2:  # headlines: "NEW DELHI" reads as "New Delhi"
        forms.append(word.title())
    for form in forms:
        hit = pieces.get(_META + form)
        if hit:
            return ("pw=" + hit[1], "pc=" + hit[0]), hit[0]
    marked = _META + word
    first = last = None
    for k in range(min(len(marked), _MAX_PIECE), 1, -1):
        first = pieces.get(marked[:k])
        if first:
            break
    for k in range(min(len(word) - 1, _MAX_PIECE), 1, -1):
        last = pieces.get(word[-k:])
        if last:
            break
    feats = []
    if first:
        feats.append("pf=" + first[0])
    if last:
        feats.append("pl=" + last[0])
    return tuple(feats), first[0] if first else ""


def features(words: list[str]) -> list[list[str]]:
    """Per word: its own cluster features and the coarse cluster of each neighbour."""
    own = [word_clusters(w) for w in words]
    n = len(words)
    out = []
    for i in range(n):
        feats = list(own[i][0])
        if i and own[i - 1][1]:
            feats.append("-1pc=" + own[i - 1][1])
        if i < n - 1 and own[i + 1][1]:
            feats.append("+1pc=" + own[i + 1][1])
        out.append(feats)
    return out


#: Longest run of CJK characters looked up as one piece (multi-character pieces of the
#: vocabulary are words: 普京, 柏林, 航班).
_MAX_CJK_PIECE = 4


def char_features(chars: list[str]) -> list[list[str]]:
    """Per character (Chinese, Japanese): the coarse cluster of the character as a piece
    (``cc=``) and of the longest multi-character piece that begins (``cB=``), runs through
    (``cM=``) or ends (``cE=``) at it; a Latin word inside the text gets the word features."""
    pieces = table()
    n = len(chars)
    out: list[list[str]] = [[] for _ in range(n)]
    if not pieces:
        return out
    for i, c in enumerate(chars):
        if len(c) > 1:
            out[i] += word_clusters(c)[0]
            continue
        own = pieces.get(c) or pieces.get(_META + c)
        if own:
            out[i].append("cc=" + own[0])
        run = c
        best = 0
        for k in range(2, _MAX_CJK_PIECE + 1):
            if i + k > n or len(chars[i + k - 1]) != 1:
                break
            run += chars[i + k - 1]
            if run in pieces:
                best = k
        if best:
            coarse = pieces["".join(chars[i:i + best])][0]
            out[i].append("cB=" + coarse)
            out[i + best - 1].append("cE=" + coarse)
            for j in range(i + 1, i + best - 1):
                out[j].append("cM=" + coarse)
    return out


def _word_parts(word: str, language: str, keep) -> tuple[tuple, tuple, tuple]:
    """A word's features to itself, as the word before and as the word after, filtered
    by ``keep`` and UTF-8 encoded when given, computed once per distinct word."""
    table = memo.table("pc", language, keep is not None)
    parts = table.get(word)
    if parts is None:
        own, coarse = word_clusters(word)
        groups = (own, ("-1pc=" + coarse,) if coarse else (),
                  ("+1pc=" + coarse,) if coarse else ())
        if keep is not None:
            groups = tuple(tuple(f.encode() for f in g if f in keep) for g in groups)
        parts = table[word] = groups
    return parts


def extend(out: list[list], tokens: list[str], language: str, char_level: bool,
           keep=None) -> None:
    """Append the cluster features to ``ner.features``' lists ``out``; with ``keep`` (the
    attributes the loaded model has weights for) only those, UTF-8 encoded, as ``ner``
    passes them to the tagger."""
    if char_level:
        for feats, more in zip(out, char_features(tokens), strict=True):
            feats += more if keep is None else [f.encode() for f in more if f in keep]
        return
    parts = [_word_parts(w, language, keep) for w in tokens]
    last = len(tokens) - 1
    for i, feats in enumerate(out):
        feats += parts[i][0]
        if i:
            feats += parts[i - 1][1]
        if i < last:
            feats += parts[i + 1][2]
