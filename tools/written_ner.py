"""Read the annotated sentences we wrote ourselves (``tools/data/ner-written.<lang>.txt``)
into the rows of ``../shared/data/ner`` (``{"lang", "tokens", "tags", "source"}``, IOB2
over PER/ORG/LOC/MISC), for ``tools/train_ner.py``. Build time only: nothing here ships.

The files hold one sentence a line, names marked inline: ``La [ORG SNCF] a annoncé
lundi à [LOC Lyon] ...``. Blank lines and lines starting with ``#`` are skipped. A mark
is ``[LABEL text]`` with LABEL one of PER, ORG, LOC, MISC; marks do not nest, and the
sentence itself holds no other square bracket. The plain sentence is cut by the runtime
tokenizer (``ner.tokenize``), so the rows need no re-cutting; a token takes the label of
the mark it overlaps (the first token of a mark B-, the rest I-). A mark must end where a
token ends, and begin where a token begins or right after an elided article inside one
("l'[ORG ONU]" tags the token "l'ONU", which the runtime trims to "ONU"). Japanese, which
has no spaces, is cut as the runtime cuts it (``ner.tokenize(..., char_level=True)``):
every Han or kana character a token, a Latin or digit run one token, so a mark may end at
any character: ``[ORG 経済産業省]は`` or ``[ORG NHK]によると``.

Usage: python tools/written_ner.py [--langs fr,de,nl,it,ja] [--out DIR]
  checks every file and prints its counts; --out writes ``written.<lang>.jsonl.gz``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.ner import CHAR_LANGUAGES, tokenize  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LABELS = ("PER", "ORG", "LOC", "MISC")
SOURCE = "written"
_MARK = re.compile(r"\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]")


def path(lang: str) -> Path:
    return DATA / f"ner-written.{lang}.txt"


def parse(line: str, char_level: bool = False) -> tuple[list[str], list[str]]:
    """One annotated sentence as (tokens, IOB2 tags), cut per character for Chinese and
    Japanese (``char_level``); ValueError on a malformed mark."""
    text, marks, at = [], [], 0
    for match in _MARK.finditer(line):
        text.append(line[at:match.start()])
        begin = sum(map(len, text))
        text.append(match.group(2))
        marks.append((begin, begin + len(match.group(2)), match.group(1)))
        at = match.end()
    text.append(line[at:])
    plain = "".join(text)
    if "[" in plain or "]" in plain:
        raise ValueError(f"stray bracket or unknown label: {line!r}")
    offsets = tokenize(plain, char_level)
    tokens = [plain[s:e] for s, e in offsets]
    tags = ["O"] * len(tokens)
    for begin, end, label in marks:
        if plain[begin:end] != plain[begin:end].strip():
            raise ValueError(f"mark with outer spaces: {plain[begin:end]!r} in {line!r}")
        inside = [k for k, (s, e) in enumerate(offsets) if s < end and begin < e]
        if not inside:
            raise ValueError(f"empty mark in {line!r}")
        first_s = offsets[inside[0]][0]
        if offsets[inside[-1]][1] != end:
            raise ValueError(f"mark {plain[begin:end]!r} ends inside a token: {line!r}")
        if first_s != begin and plain[begin - 1] not in "'’":
            raise ValueError(f"mark {plain[begin:end]!r} begins inside a token: {line!r}")
        for n, k in enumerate(inside):
            if tags[k] != "O":
                raise ValueError(f"marks overlap in {line!r}")
            tags[k] = ("B-" if n == 0 else "I-") + label
    return tokens, tags


def load(lang: str, file: Path | None = None) -> list[dict]:
    """The language's written rows (none when it has no file)."""
    file = file or path(lang)
    if not file.exists():
        return []
    rows = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            tokens, tags = parse(line, lang in CHAR_LANGUAGES)
        except ValueError as error:
            raise ValueError(f"{file.name}:{number}: {error}") from None
        rows.append({"lang": lang, "tokens": tokens, "tags": tags, "source": SOURCE})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--langs", default="fr,de,nl,it,ja")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    for lang in args.langs.split(","):
        rows = load(lang)
        names = Counter(t[2:] for row in rows for t in row["tags"] if t.startswith("B-"))
        words = sum(len(row["tokens"]) for row in rows)
        print(f"{lang}: {len(rows)} sentences, {words} tokens, names {dict(sorted(names.items()))}")
        if args.out:
            out = Path(args.out) / f"written.{lang}.jsonl.gz"
            with gzip.open(out, "wt", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
