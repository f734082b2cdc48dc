"""Word tables the NER features read, built with the models by ``tools/train_ner.py`` and
shipped beside them in ``extract/models/`` (see the model card there).

- ``freq-<lang>.txt.gz``: the language's 100,000 most frequent words, most frequent first
  (from the ``wordfreq`` package's lists, CC BY-SA 4.0). A word's rank bucket tells the
  tagger whether an unseen capitalised word is a common word or a rare one (a name); for
  Chinese and Japanese the list marks which character runs are words.
- ``names.tsv.gz``: how often each capitalised token was tagged O / PER / ORG / LOC in the
  training sentences of each language. A language's tagger reads the counts of the *other*
  languages only (its own sentences would make the feature look perfectly reliable in
  training), so names learnt in one language ("Lufthansa" ORG in Polish, Russian, German)
  are evidence in another.
- ``morph-<lang>.tsv.gz`` (ru, de): word forms a dictionary of the language gives a name
  class: surname, first name, place, organisation or other proper name, abbreviation, and
  where the dictionary lists common nouns, common noun (``tools/train_ner_morph.py``; the
  classes kept are ``[names.dictionary_classes]`` of ``lang/<code>.toml``). Every
  inflection of a listed name, which a tagger trained on a few thousand sentences has
  mostly never seen ("Кузнецову", "Смирновым"), and in German, where every noun is
  capitalised, the forms of the common nouns ("Tag", "Richtung").
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import cache
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models"
#: Rank cuts of the frequency buckets "0".."4"; a word outside the list is "5". Log-spaced
#: from function words (top 300) to the long tail where most surnames sit (past 30,000).
RANK_CUTS = (300, 3_000, 10_000, 30_000, 100_000)
#: Languages whose training sentences never count as another language's evidence for this
#: one: Ukrainian sentences are trained into the Russian model.
_SAME = {"ru": {"ru", "uk"}}
LABELS = ("O", "PER", "ORG", "LOC")
#: The letters of ``morph-<lang>.tsv.gz`` (each language's dictionary tags -> letters:
#: ``[names.dictionary_classes]`` of its data file): surname, first name, place,
#: organisation, other proper name, abbreviation, common noun.
MORPH_LETTERS = {"S": "surname", "N": "first name", "G": "place", "O": "organisation",
                 "P": "proper name", "A": "abbreviation", "C": "common noun",
                 "K": "unlisted compound ending in a common noun (``_compound_tail``)"}


@cache
def ranks(language: str) -> dict[str, int]:
    """Word -> frequency rank (0 = most frequent) of the language's shipped list, or {}."""
    path = MODELS / f"freq-{language}.txt.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {w: i for i, w in enumerate(handle.read().split("\n")) if w}


def bucket(word: str, table: dict[str, int]) -> str:
    """The rank bucket of a (lower-cased) word: "0" (top 300) .. "4", "5" outside the list."""
    r = table.get(word)
    if r is None:
        return "5"
    for k, cut in enumerate(RANK_CUTS):
        if r < cut:
            return str(k)
    return "5"


#: A token is a name of the other languages when they saw it at least this often and in
#: the majority of those times inside an entity of one type: one sighting is as often a
#: tagging slip as a name.
MIN_SEEN = 2


def summed_counts(path: Path, skip: set[str], width: int) -> Iterator[tuple[str, list[int]]]:
    """Each key of a per-language counts table (``key<TAB>lang=c1,c2,... lang=...``) with
    its counts summed over every language outside ``skip``: the languages whose own
    sentences would make the evidence look perfectly reliable in training."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            key, _, rest = line.rstrip("\n").partition("\t")
            total = [0] * width
            for part in rest.split(" "):
                lang, _, counts = part.partition("=")
                if lang in skip or not counts:
                    continue
                for k, value in enumerate(counts.split(",")):
                    total[k] += int(value)
            yield key, total


@cache
def names(language: str) -> dict[str, str]:
    """Token -> PER/ORG/LOC as the other languages' training sentences tagged it."""
    path = MODELS / "names.tsv.gz"
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for token, total in summed_counts(path, _SAME.get(language, {language}), len(LABELS)):
        seen = sum(total)
        if seen < MIN_SEEN:
            continue
        best = max(range(1, 4), key=total.__getitem__)
        if total[best] * 2 >= seen:
            out[token] = LABELS[best]
    return out


@cache
def morph(language: str) -> dict[str, str]:
    """Word form (lower-cased, "ё" as "е") -> its name classes ("S", "NS", "G", ...) from
    the language's shipped morphological table, or {} without one."""
    path = MODELS / f"morph-{language}.tsv.gz"
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    shared: dict[str, str] = {}  # one string per set of classes (a few dozen), not per form
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            form, _, classes = line.rstrip("\n").partition("\t")
            if form:
                out[form] = shared.setdefault(classes, classes)
    return out


def morph_marks(word: str, language: str) -> tuple[tuple[str, ...], ...]:
    """``mo=<letter>`` for each class (``MORPH_LETTERS``: ``mo=S`` surname, ``mo=C``
    common noun, ...) the language's dictionary gives a capitalised word's form, for the
    word and, as ``-1mo=``/``+1mo=``, its neighbours; the model learns how far to trust
    each ("Иванов" is a surname and, in GeoNames, a name of the town Ivanovo; "Weber" a
    surname and the weaver)."""
    if not word[0].isupper():
        return (), (), ()
    key = word.lower().replace("ё", "е")
    table = morph(language)
    classes = table.get(key)
    if not classes and table and _compounds(language):
        classes = _compound_tail(key, table)
    if not classes:
        return (), (), ()
    return tuple(tuple(side + "mo=" + c for c in classes) for side in ("", "-1", "+1"))


@cache
def _compounds(language: str) -> bool:
    from rashomon.lang import Lexicon

    return Lexicon(language).flag("language", "compounds")


#: The shortest head and tail of a compound read as one ("Verkehrs|ministerium"). Not
#: tuned: the one setting tried (German dev, CRF alone, cased F1 0.682 without "K" ->
#: 0.690 with it, 2026-12-03). A surname ending in a noun gets it too ("Kretschmann");
#: the model weighs it against the word's own suffix features.
_HEAD, _TAIL = 3, 4


def _compound_tail(key: str, table: dict[str, str]) -> str | None:
    """"K" when an unlisted word ends in a listed common noun's form (the longest tail of
    at least ``_TAIL`` letters after a head of ``_HEAD``): a compound noun
    ("Bundesverkehrsministerium", "Wasserstoffstrategie") the dictionary does not list."""
    for k in range(_HEAD, len(key) - _TAIL + 1):
        if "C" in table.get(key[k:], ""):
            return "K"
    return None
