"""Build ``models/morph-<lang>.tsv.gz``: the word forms a language's dictionary gives a
name class (surname, first name, place, ...) or, where the dictionary lists common nouns,
marks as a common noun.

One table per language, one format (``form<TAB>letters``, the form lower-cased with "ё"
written "е", the letters of every class any of its lexemes has), read by
``extract/tagger_lexicons.morph``; the CRF of a language in ``ner.MORPH_LANGUAGES`` sees
the classes of a capitalised word and of its neighbours (``tagger_lexicons.morph_marks``).
Which of the dictionary's tags are kept, and as which letter, is language data:
``[names.dictionary_classes]`` of ``lang/<code>.toml`` (``"*"``: the letter of a lexeme with
none of the listed tags). What differs per dictionary is only how its lexemes are read
(``READERS``):

- ru: OpenCorpora's dictionary as packaged for pymorphy2 (``pymorphy2-dicts-ru``,
  OpenCorpora 0.92; CC BY-SA): every inflected form of every lexeme ("петров",
  "петрову", "кузнецовой", "сергей", "москву", "газпром").
- de: ``german-nouns`` (1.2.5, Wiktionary's German nouns; CC BY-SA 4.0): ~100k lemmas
  with their "pos" tags (Nachname, Vorname, Toponym, Eigenname, Abkürzung, ...) and every
  case form, singular and plural ("Tag", "Tages", "Tagen"; "Merkel"). Installed without
  its dependencies (``make train-ner``): only its ``nouns.csv`` is read, and its parser
  dependency pins an lxml older than the runtime's.
- ja: IPAdic (mecab-ipadic 2.7.0-20070801, NAIST; the ICOT/NAIST licence, free to
  redistribute with its "NO WARRANTY" notice, see the model card) as bundled by
  ``janome`` (0.5.0, Apache-2.0; the ``train`` extra): its 392,127 entries with their
  part of speech ("名詞,固有名詞,人名,姓" for 田中). Japanese is tagged per character, so
  the table is read as a list of words over characters (``extract/char_words.py``).

Only the build reads the dictionaries; the tables ship. A language whose dictionary is not
installed keeps its shipped table.

Usage: python tools/train_ner_morph.py [--langs ru,de,ja]   (run by train_ner.py)
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.tagger_lexicons import MODELS  # noqa: E402
from rashomon.lang import Lexicon  # noqa: E402

#: Languages given a table (each needs a reader and ``[names.dictionary_classes]``).
LANGS = ("ru", "de", "ja")


def _opencorpora() -> Iterator[tuple[str, set[str]]]:
    """(form, grammemes) of every known form of pymorphy2's Russian dictionary."""
    import pymorphy2_dicts_ru
    from pymorphy2.opencorpora_dict.wrapper import Dictionary

    dictionary = Dictionary(pymorphy2_dicts_ru.get_path())
    for word, tag, _normal, _paradigm, _index in dictionary.iter_known_words():
        yield word, set(str(tag).replace(" ", ",").split(","))


def _german_nouns() -> Iterator[tuple[str, set[str]]]:
    """(form, pos tags) of every one-word case form of every lemma of german-nouns."""
    from importlib.util import find_spec

    spec = find_spec("german_nouns")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("german-nouns")
    path = Path(next(iter(spec.submodule_search_locations))) / "nouns.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            tags = set(row["pos"].split(","))
            forms = {row["lemma"]} | {v for k, v in row.items()
                                      if k not in ("lemma", "pos") and not k.startswith("genus")
                                      and v}
            for form in forms:
                if form and " " not in form and form[0].isupper():
                    yield form, tags


def _ipadic() -> Iterator[tuple[str, set[str]]]:
    """(surface, {part of speech}) of every entry of the IPAdic janome bundles; the part of
    speech without its "*" fields ("名詞,固有名詞,組織")."""
    from janome import sysdic

    for entry in sysdic.entries().values():
        yield entry[0], {",".join(f for f in entry[4].split(",") if f != "*")}


READERS = {"ru": _opencorpora, "de": _german_nouns, "ja": _ipadic}


def build(language: str) -> int:
    """Write ``morph-<language>.tsv.gz``; returns the number of forms (0: the dictionary
    is not installed, the shipped table is kept)."""
    classes = Lexicon(language).table("names", "dictionary_classes")
    other = classes.pop("*", None)
    name = f"morph-{language}.tsv.gz"
    began = time.process_time()
    forms: dict[str, set[str]] = defaultdict(set)
    try:
        for form, tags in READERS[language]():
            letters = {letter for tag, letter in classes.items() if tag in tags}
            if not letters and other:
                letters = {other}
            if letters:
                forms[form.lower().replace("ё", "е")].update(letters)
    except ImportError:
        print(f"{name}: the dictionary is not installed, shipped table kept")
        return 0
    lines = [w + "\t" + "".join(sorted(c)) for w, c in sorted(forms.items())]
    with gzip.GzipFile(MODELS / name, "wb", 9, mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{name}: {len(lines)} forms ({time.process_time() - began:.0f} s CPU)")
    return len(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--langs", default=",".join(LANGS))
    for lang in parser.parse_args().langs.split(","):
        build(lang)
