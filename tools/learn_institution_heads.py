"""Learn the institution heads of a language from its NER training sentences and write
them into ``src/rashomon/lang/<code>.toml``, ``[institutions]`` (read by
``extract/institutions.py``).

A head is a word that opens (``heads``) or closes (``final_heads``) organisation names:
"Ministerio", "Université", "Департамент" open them; Turkish "Başkonsolosluğu", German
"Staatsanwaltschaft" close them. From ``train.<code>.jsonl.gz`` (IOB2; the lower-cased
sources are skipped, since a head is recognised by its capital), for every word (folded;
in a language with case endings, ``[names.inflection]``, by stem) the tool counts:

- ``edge``: how often it opens a gold ORG span whose rest is a complement ending in a
  name (a lower-case word inside, a capitalised last word: "Hospices civils de Lyon"),
  or closes a gold ORG span of two words or more opened by a capital; a one-word span is
  a brand ("Intel"), and a run of capitalised words a name ("Real Madrid"), not a head
  governing a complement;
- ``seen``: how often it occurs at all.

A word is kept when ``edge >= MIN_EDGE`` and ``edge / seen >= MIN_SHARE``, it has three
letters or more, no digit, and is not written in capitals only (an acronym is a name).
The learned lists replace the lines between the two marker comments of the section; the
hand-checked keys of the section (``generic_heads``, ``linkers``...) are left as they are.

Usage: python tools/learn_institution_heads.py [--langs en,fr] [--dry-run]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rashomon.extract import institutions  # noqa: E402
from rashomon.extract.lexicon import fold  # noqa: E402
from rashomon.lang import LANG_DIR, all_words  # noqa: E402

DATA = Path(os.environ.get("RASHOMON_SHARED", ROOT.parent / "shared")) / "data" / "ner"
LANGS = ["en", "fr", "de", "it", "es", "pt", "nl", "pl", "ru", "uk", "tr"]
#: Languages whose institution names also end in their head (the place first).
HEAD_FINAL = {"tr", "de", "en", "nl"}
#: Languages whose institution names never open with their head (Turkish).
HEAD_FINAL_ONLY = {"tr"}
#: Least number of multi-word ORG spans a head opens (closes): under 3, a word is one
#: name's first word, not a head of its kind (it and uk have ~1,000 training sentences,
#: hence their hand-checked ``generic_heads``).
MIN_EDGE = 3
#: Least share of a word's occurrences that open (close) such a span. At 0.3, the French
#: list keeps "Conseil" (14 of 35) and "Ville" and drops "Saint" (a place's first word).
MIN_SHARE = 0.3
#: Least number of times a head is written as a common word (lower-case, or outside any
#: name, and not first in its sentence): a head is a noun such as "ministerio" or
#: "Universitat"; a word never seen so is a name ("Boston", "Samsung") that opens other
#: names (teams, bands), not a head.
MIN_COMMON = 2
#: Function words that open sentences in any language ("The"): never heads.
OPENERS = frozenset(fold(w) for w in all_words("names", "sentence_openers"))
BEGIN = "# -- learned heads (tools/learn_institution_heads.py), do not edit by hand --"
END = "# -- end of learned heads --"


def key(word: str, lang: str) -> str:
    """The matching form of a word, the one ``extract/institutions.py`` compares: folded,
    then stemmed where the language declares case endings."""
    return institutions._key(word, lang)


def learn(lang: str, data: Path) -> tuple[list[str], list[str], dict]:
    seen: Counter = Counter()
    first: Counter = Counter()
    last: Counter = Counter()
    forms: dict[str, Counter] = {}
    common: Counter = Counter()  # written lower-case, or tagged O, after the first word
    with gzip.open(data / f"train.{lang}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            source = row["source"].lower()
            if "multiconer" in source or "semeval" in source:
                continue
            tokens, tags = row["tokens"], row["tags"]
            keys = [key(t, lang) for t in tokens]
            for n, (k, token, tag) in enumerate(zip(keys, tokens, tags, strict=True)):
                seen[k] += 1
                forms.setdefault(k, Counter())[token] += 1
                if n and (token[:1].islower() or tag == "O"):
                    common[k] += 1
            i = 0
            while i < len(tags):
                if tags[i] != "B-ORG":
                    i += 1
                    continue
                j = i + 1
                while j < len(tags) and tags[j] == "I-ORG":
                    j += 1
                if j - i >= 2 and _governs(tokens[i + 1:j]):
                    first[keys[i]] += 1
                if j - i >= 2 and tokens[i][:1].isupper():
                    last[keys[j - 1]] += 1
                i = j
    report = {}

    def keep(counts: Counter) -> list[str]:
        out = []
        for k, edge in counts.items():
            form = forms[k].most_common(1)[0][0]
            if k in OPENERS or edge < MIN_EDGE or edge / seen[k] < MIN_SHARE or len(k) < 3 or \
                    not k.isalpha() or form.isupper() or common[k] < MIN_COMMON:
                continue
            out.append(k)
            report[k] = (edge, seen[k], form)
        return sorted(out)

    return ([] if lang in HEAD_FINAL_ONLY else keep(first),
            keep(last) if lang in HEAD_FINAL else [], report)


def _governs(rest: list[str]) -> bool:
    """The words after a head: a complement ending in a name ("de Lyon", "по чрезвычайным
    ситуациям города Алматы"): a lower-case word somewhere, a capitalised last word. A
    run of capitalised words ("Real Madrid", "New York Times") is a name, not a head's."""
    return rest[-1][:1].isupper() and any(w[:1].islower() for w in rest)


def write(lang: str, heads: list[str], final: list[str]) -> None:
    path = LANG_DIR / f"{lang}.toml"
    text = path.read_text(encoding="utf-8")
    block = [BEGIN, "heads = " + _list(heads)]
    if final:
        block.append("final_heads = " + _list(final))
    block.append(END)
    learned = "\n".join(block)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: learned, text,
                      flags=re.S)
    elif "\n[institutions]\n" in text:
        text = text.replace("\n[institutions]\n", "\n[institutions]\n" + learned + "\n", 1)
    else:
        text = text.rstrip("\n") + "\n\n[institutions]\n" + learned + "\n"
    path.write_text(text, encoding="utf-8")


def _list(words: list[str]) -> str:
    lines, line = [], []
    for w in words:
        line.append(json.dumps(w, ensure_ascii=False))
        if len(", ".join(line)) > 80:
            lines.append(", ".join(line))
            line = []
    if line:
        lines.append(", ".join(line))
    return "[" + ",\n    ".join(lines) + "]"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    args = parser.parse_args()
    for lang in args.langs.split(","):
        heads, final, report = learn(lang, Path(args.data))
        print(f"{lang}: {len(heads)} heads, {len(final)} final heads")
        for k in heads + final:
            edge, seen, form = report[k]
            print(f"  {form}\t{k}\t{edge}/{seen}")
        if not args.dry_run:
            write(lang, heads, final)


if __name__ == "__main__":
    main()
