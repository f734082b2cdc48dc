"""Build ``models/spans.tsv.gz``: the names of the NER training sentences, per language.

For every span of the training sentences of the word-tagged languages (the tokens as the
runtime cuts them, case-folded and joined by a space, one to five words): how often each
language's sentences tagged exactly those words as a PER, an ORG, a LOC or a MISC, how
often the same words occur there outside any name, and how often they occur at all.
Kept: the spans tagged two or more times. ``extract/name_table.py`` reads the counts of the
*other* languages only (as ``names.tsv.gz``), so what it finds is evidence the language's
own model could not have learnt: "General Motors" is an ORG in the Dutch and Russian
sentences.

Usage: python tools/train_ner_spans.py [--data ../shared/data/ner]   (run by train_ner.py)
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
from rashomon.extract.name_table import COLUMNS, MAX_WORDS, key_of  # noqa: E402
from rashomon.extract.ner import CHAR_LANGUAGES, decode  # noqa: E402


def build(data: Path, clean: bool = False) -> int:
    """Write ``spans.tsv.gz`` into the models folder; returns the number of names."""
    from train_ner import LANGS, read, retokenize

    from rashomon.extract.name_table import PATH

    languages = [lang for lang in [*LANGS, "uk"] if lang not in CHAR_LANGUAGES]
    sentences: dict[str, list[tuple[list[str], list[str]]]] = {}
    # per language: tagged exactly PER, ORG, LOC, MISC; occurrences outside any name; all
    tagged: dict = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0, 0, 0]))
    for lang in languages:
        folded_rows = []
        for row in read(data / f"train.{lang}.jsonl.gz", clean):
            words, tags = retokenize(row, False)
            folded = [w.casefold() for w in words]
            folded_rows.append((folded, tags))
            for first, last, label in decode(tags):
                if last - first <= MAX_WORDS:
                    key = key_of(folded[first:last])
                    if key:
                        tagged[key][lang][COLUMNS.index(label)] += 1
        sentences[lang] = folded_rows
    kept = {key: per for key, per in tagged.items()
            if sum(sum(c[:3]) for c in per.values()) >= 2}
    for lang, rows in sentences.items():  # how often the words occur at all
        for folded, tags in rows:
            for i in range(len(folded)):
                for n in range(1, MAX_WORDS + 1):
                    if i + n > len(folded):
                        break
                    per = kept.get(" ".join(folded[i:i + n]))
                    if per is not None:
                        per[lang][5] += 1
                        per[lang][4] += all(t == "O" for t in tags[i:i + n])
    lines = [key + "\t" + " ".join(f"{lang}={','.join(map(str, c))}"
                                   for lang, c in sorted(per.items()))
             for key, per in sorted(kept.items())]
    with gzip.GzipFile(PATH, "wb", 9, mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    parser.add_argument("--clean", action="store_true")
    args = parser.parse_args()
    print(build(Path(args.data), args.clean), "names")


if __name__ == "__main__":
    main()
