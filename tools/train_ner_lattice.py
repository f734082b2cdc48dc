"""Build ``models/lattice-zh.tsv.xz``: the Chinese dictionary words the zh CRF's lattice
marks read (``extract/tagger_lattice.py``).

Read from jieba's dictionary (``jieba/dict.txt`` of the ``jieba`` package, MIT licence; the
``train`` extra): 349,046 words with a count and a part-of-speech tag. Each word of 1 to
``tagger_lattice.MAX_LEN`` Han characters is written with one class letter: P person
(``nr``, ``nrfg``), T transliterated person (``nrt``), L place (``ns``), O organisation
(``nt``), Z other proper noun (``nz``), C every other word (``--classes`` chooses which
are kept), lower-cased when the dictionary's count is at most ``RARE``; and its count as
round(2 ln count), which the runtime's segmentation reads. The first line holds 2 ln of
the dictionary's total count. Only the build reads the dictionary; the table ships.

Besides the words, a character-position model of the dictionary's names for the names it
does not hold (jieba pairs its dictionary with an HMM for these): per character, how much
more often it is a surname (first character of a 2-3 character ``nr``/``nrfg`` word; only
for the single-character surnames of ``surnames()``), a given-name character
(the others of those words) or a transliteration character (any of an ``nrt`` word) than
it is any character of a dictionary word: log2 of the ratio of the two shares, bucketed
(``_bucket``), written as lines ``#<TAB>code<TAB>characters`` (``tagger_lattice.char_codes``).

And the same names as a word model for the segmentation (``tagger_names``): a surname + a
1-2 character given name the dictionary does not hold is a candidate word of the route,
with the count a character-position model of the dictionary's 2-3 character ``nr``/``nrfg``
words gives it: count(length) x P(surname) x P(given character) per given character, the
shares weighted by the words' counts. Written as ``S<TAB>round(2 ln count)<TAB>characters``
(as the first character; surnames only), ``G<TAB>...`` (as a later one) and
``N<TAB>length<TAB>2 ln count(length) - 2 ln surname total - (length - 1) x 2 ln given
total``, so that a candidate's 2 ln count is N + S + G (+ G).

The surnames: the single-character entries of the Chinese surname table that Faker ships
(``faker.providers.person.zh_CN``, ``last_names``: the 400 most frequent surnames of the
ranking in Chinese Wikipedia's list of Chinese surnames by frequency, one of them the
compound 欧阳; the ``faker`` package, MIT licence, the ``train`` extra).

Usage: python tools/train_ner_lattice.py [--classes PTLOZC] [--out PATH]   (run by train_ner.py)
"""

from __future__ import annotations

import argparse
import lzma
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.tagger_lattice import MAX_LEN, MODELS  # noqa: E402

#: jieba's part-of-speech tags of proper names -> class letter; every other tag is C.
CLASSES = {"nr": "P", "nrfg": "P", "nrt": "T", "ns": "L", "nt": "O", "nz": "Z"}
#: A count at most this marks a word as rare (lower-case class letter). Calibrated on
#: jieba's dict.txt: counts 2 and 3 hold 54% of its nr words (44,378 of 81,267 with nrfg
#: and nrt), the automatically gathered tail with its odd entries ("向左转" nr, "临别依依"
#: ns); from 4 on the counts thin out smoothly.
RARE = 3
#: Classes written by default: chosen on the zh dev split (see the model card).
DEFAULT_CLASSES = "PTLOZC"


#: log2 share ratio -> bucket 3, 2, 1 (0: below). Calibrated on jieba's dict.txt: surnames
#: (first characters of its 65,456 nr words of 2-3 characters): 王 3.3, 张 3.6, 周 3.1, 何
#: 2.9, 和 2.3, 明 1.25, 时 -1.1, 国 -1.2 (surname characters that are mostly other words);
#: transliteration (the 18,466 characters of its nrt words): 拉 4.3, 斯 4.1, 德 3.1, 阿 3.5,
#: 加 1.6, 安 0.5, 人 0.6, 新 -0.9 (88 characters of 297 seen 5+ times at >= 3, 190 at >= 1);
#: given names: 军 1.7, 明 1.6, 立 1.1, 新 0.1, 国 0.4, 的 -0.8.
SURNAME_CUTS = (3.0, 1.5, 1.5)  # a listed surname gets at least bucket 1
GIVEN_CUTS = (2.5, 1.5, 0.75)
TRANSLIT_CUTS = (3.0, 2.0, 1.0)
#: A character seen fewer times than this in a role gets no bucket for it (too few to say).
MIN_SEEN = 3


def _bucket(ratio: float, seen: int, cuts: tuple[float, float, float]) -> int:
    if seen < MIN_SEEN:
        return 0
    return next((3 - k for k, cut in enumerate(cuts) if ratio >= cut), 0)


def surnames() -> set[str]:
    """The single-character surnames of Faker's zh_CN surname table (see the module note)."""
    from faker.providers.person.zh_CN import Provider

    return {name for name in Provider.last_names if len(name) == 1}


def char_codes(rows: list[tuple[str, str]], surname_set: set[str]) -> dict[str, int]:
    """Per character: surname bucket | given-name bucket << 2 | transliteration bucket << 4
    (``tagger_lattice.char_codes`` reads them), from the dictionary's (word, tag) rows."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # any, sur, given, tr
    for word, tag in rows:
        for c in word:
            counts[c][0] += 1
        if tag in ("nr", "nrfg") and 2 <= len(word) <= 3:
            counts[word[0]][1] += 1
            for c in word[1:]:
                counts[c][2] += 1
        elif tag == "nrt":
            for c in word:
                counts[c][3] += 1
    totals = [sum(v[k] for v in counts.values()) for k in range(4)]
    out = {}
    for c, seen in counts.items():
        def ratio(k: int, seen=seen) -> float:
            return math.log2((seen[k] + 0.5) / totals[k] / ((seen[0] + 0.5) / totals[0]))
        code = (max(1, _bucket(ratio(1), seen[1], SURNAME_CUTS)) if c in surname_set else 0) \
            | _bucket(ratio(2), seen[2], GIVEN_CUTS) << 2 \
            | _bucket(ratio(3), seen[3], TRANSLIT_CUTS) << 4
        if code:
            out[c] = code
    return out


def name_model(rows: list[tuple[str, str, int]], surname_set: set[str]) -> list[str]:
    """The ``S``, ``G`` and ``N`` lines of the candidate-name word model (module note), from
    the dictionary's (word, tag, count) rows: the count-weighted shares of each character
    as the first character of a 2-3 character ``nr``/``nrfg`` word and as a later one.
    A character seen fewer than ``MIN_SEEN`` times in a role gets no line for it."""
    first: dict[str, int] = defaultdict(int)
    later: dict[str, int] = defaultdict(int)
    by_length = {2: 0, 3: 0}
    for word, tag, count in rows:
        if tag in ("nr", "nrfg") and 2 <= len(word) <= 3:
            by_length[len(word)] += count
            first[word[0]] += count
            for c in word[1:]:
                later[c] += count
    total_first, total_later = sum(first.values()), sum(later.values())
    base = {k: 2 * math.log(by_length[k]) - 2 * math.log(total_first)
            - (k - 1) * 2 * math.log(total_later) for k in (2, 3)}
    lines = [f"N\t{k}\t{value:.4f}" for k, value in base.items()]
    for mark, counts in (("S", {c: v for c, v in first.items() if c in surname_set}),
                         ("G", later)):
        grouped: dict[int, list[str]] = defaultdict(list)
        for c, count in counts.items():
            if count >= MIN_SEEN:
                grouped[round(2 * math.log(count))].append(c)
        lines += [f"{mark}\t{v}\t{''.join(sorted(chars))}" for v, chars in sorted(grouped.items())]
    return lines


def _han(word: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in word)


def build(classes: str = DEFAULT_CLASSES, out: Path | None = None) -> int:
    """Write the table; returns the number of words (0: jieba or faker not installed, the
    shipped table is kept)."""
    try:
        import faker  # noqa: F401  (the surname table, ``surnames``)
        import jieba
    except ImportError:
        print("lattice-zh.tsv.xz: jieba or faker not installed, shipped table kept")
        return 0
    began = time.process_time()
    source = Path(jieba.__file__).resolve().parent / "dict.txt"
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    total = 0
    rows: list[tuple[str, str, int]] = []
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, count, tag = parts
            total += int(count)
            if not 1 <= len(word) <= MAX_LEN or not _han(word):
                continue
            rows.append((word, tag, int(count)))
            code = CLASSES.get(tag, "C")
            if code in classes:
                groups[code.lower() if int(count) <= RARE else code,
                       round(2 * math.log(int(count)))].append(word)
    lines = [f"\ttotal\t{2 * math.log(total):.4f}"] + [
        f"{code}\t{count}\t{' '.join(sorted(words))}"
        for (code, count), words in sorted(groups.items())]
    by_code: dict[int, list[str]] = defaultdict(list)
    surname_set = surnames()
    for c, code in char_codes([row[:2] for row in rows], surname_set).items():
        by_code[code].append(c)
    lines += [f"#\t{code}\t{''.join(sorted(chars))}" for code, chars in sorted(by_code.items())]
    lines += name_model(rows, surname_set)
    path = out or MODELS / "lattice-zh.tsv.xz"
    # xz rather than gzip: 1.20 MB against 1.57 (the weights budget is 80 MB)
    with lzma.open(path, "wb", preset=9) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    words = sum(len(w) for w in groups.values())
    print(f"{path.name}: {words} words, {path.stat().st_size / 1e6:.2f} MB "
          f"({time.process_time() - began:.1f} s CPU)")
    return words


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--classes", default=DEFAULT_CLASSES)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    build(args.classes, Path(args.out) if args.out else None)
