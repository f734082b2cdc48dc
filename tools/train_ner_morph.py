"""Build ``models/morph-ru.tsv.gz``: the Russian word forms a morphological dictionary
marks as a surname, a first name, a place or an organisation.

Read from OpenCorpora's dictionary as packaged for pymorphy2 (``pymorphy2-dicts-ru``,
OpenCorpora 0.92; the dictionary is CC BY-SA), every inflected form of every lexeme
tagged ``Surn``, ``Name``, ``Geox`` or ``Orgn`` ("петров", "петрову", "кузнецовой",
"сергей", "москву", "газпром"), lower-cased with "ё" written "е", with the classes it has
(one letter each: S, N, G, O). ``extract/tagger_lexicons.morph`` reads it; the Russian
CRF sees the classes of a capitalised word and of its neighbours
(``tagger_lexicons.morph_marks``). Only the build reads the dictionary (the ``train``
extra); the table ships.

Usage: python tools/train_ner_morph.py   (run by train_ner.py)
"""

from __future__ import annotations

import gzip
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.tagger_lexicons import MODELS, MORPH_CLASSES  # noqa: E402


def build() -> int:
    """Write ``morph-ru.tsv.gz``; returns the number of forms (0: no dictionary installed,
    the shipped table is kept)."""
    try:
        import pymorphy2_dicts_ru
        from pymorphy2.opencorpora_dict.wrapper import Dictionary
    except ImportError:
        print("morph-ru.tsv.gz: pymorphy2-dicts-ru not installed, shipped table kept")
        return 0
    began = time.process_time()
    dictionary = Dictionary(pymorphy2_dicts_ru.get_path())
    forms: dict[str, set[str]] = defaultdict(set)
    for word, tag, _normal, _paradigm, _index in dictionary.iter_known_words():
        grammemes = str(tag)
        for grammeme, letter in MORPH_CLASSES.items():
            if grammeme in grammemes:
                forms[word.replace("ё", "е")].add(letter)
    lines = [w + "\t" + "".join(sorted(c)) for w, c in sorted(forms.items())]
    with gzip.GzipFile(MODELS / "morph-ru.tsv.gz", "wb", 9, mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"morph-ru.tsv.gz: {len(lines)} forms ({time.process_time() - began:.0f} s CPU)")
    return len(lines)


if __name__ == "__main__":
    build()
