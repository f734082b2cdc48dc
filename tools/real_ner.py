"""Real-news entity labels for evaluation: drawing SemEval 2022 task 8 dev texts nobody
has labelled or read for this yet, printing them, turning hand-written labels into offsets
and checking them. Nothing here trains anything: the CSV's terms allow calibration and
benchmarks only (``../shared/README.md``), so no model reads these texts or labels.

The texts are read from ``semeval2022-task8-dev.csv`` in ``$RASHOMON_SHARED/data`` (or
``../shared/data`` beside the repository). The labels of the fresh real-news part,
``bench/real/entities-fresh.<lang>.jsonl``, hold offsets, not text: one row per labelled
text, the shape of ``bench/real/entities.jsonl``,

    {"pair_id": ..., "side": 1|2, "lang": ..., "cut": N, "half": "fresh",
     "spans": [[start, end, "PER|ORG|LOC", surface], ...]}

the offsets into the first ``cut`` characters of ``text<side>`` of that pair, labelled by
``bench/real/GUIDELINES.md`` from the text alone, before the extractor's output on it was
read. ``bench/bench_real_entities.py`` reports them apart ("fresh").

**Texts already used.** A text is known by a hash of its normalised content
(``text_key``): one text appears under several pair ids, and the pairs join texts into
connected components (the two texts of a pair tell one story, or a related one).
``candidates`` offers no text of a component holding a text of any evaluation set
(``evaluation_texts``): ``bench/real/*.jsonl`` (pair id and side, or a whole pair; the fresh
files too, so a new draw skips what is labelled), ``bench/semeval_disputes.json`` (every
row of its sample: both texts of each pair whose Overall rating is within the sample's
bound were read), ``tools/probe_real_dates*labels.txt`` (``text <pair> <side>`` lines) and
``tools/probe_quotes_*labels.txt`` (``<lang> t<n>``: the n-th distinct text of that language
in file order, as ``tools/probe_quotes.py`` numbers them). ``check`` fails a fresh text
joined to a text of ``bench/real/entities.jsonl``, whose errors have been read to choose
fixes: a fresh figure must not share a story with them.

Usage:
  python tools/real_ner.py candidates --lang en [--count 40]   (pair side length, in order)
  python tools/real_ner.py show PAIR SIDE        (the cut text, with character offsets)
  python tools/real_ner.py offsets LABELS.txt --lang en   (surfaces in text order -> jsonl)
  python tools/real_ner.py check [--langs en,ar]  (surfaces match, no text of a read story)

The ``offsets`` input is the one of ``tools/label_real_offsets.py``: ``## <pair> <side>``,
then one ``LABEL surface`` line per mention in text order (``~surface`` for a name glued
to a clitic); the rows are added to (or replace the same text's row in) the language's
fresh file, cut at ``label_real_draw.cut_text``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("PER", "ORG", "LOC")
#: Texts shorter than this (stripped) are not offered: scrape stubs and cookie notices
#: (the bench's own draw uses 700; a training text may be shorter).
MIN_CHARS = 500
_QUOTE_LINE = re.compile(r"^(\w\w) t(\d+) @")
_DATE_TEXT = re.compile(r"^text (\S+) ([12]) ")


def shared_csv() -> Path:
    base = Path(os.environ.get("RASHOMON_SHARED", ROOT.parent / "shared"))
    return base / "data" / "semeval2022-task8-dev.csv"


def text_key(text: str) -> str:
    """A text's identity: sha1 of its NFC form with white space runs folded to one space."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:20]


def read_rows(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class UnionFind:
    """Connected components over keys joined in pairs: ``find(k)`` is the root of ``k``'s
    component, ``find.join(a, b)`` puts ``a`` and ``b`` in one, ``find.seen()`` every key seen."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def __call__(self, k: str) -> str:
        parent = self.parent
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self(a), self(b)
        if root_a != root_b:
            self.parent[root_a] = root_b

    def seen(self) -> list[str]:
        return list(self.parent)


class Corpus:
    """The CSV's texts: ``texts[(pair_id, side)] = (lang, text)``, each text's key, and the
    connected components the pairs make over the keys. A pair id listed twice (the same
    two stories machine-translated twice) names two texts per side: ``texts`` and ``key``
    hold the last one, as the bench and the labelling tools read it, ``keys`` both."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self.texts: dict[tuple[str, int], tuple[str, str]] = {}
        self.key: dict[tuple[str, int], str] = {}
        self.keys: dict[tuple[str, int], set[str]] = {}
        find = UnionFind()
        for row in rows:
            keys = []
            for side in (1, 2):
                text = row.get(f"text{side}") or ""
                name = (row["pair_id"], side)
                self.texts[name] = (row.get(f"lang{side}", ""), text)
                self.key[name] = text_key(text)
                self.keys.setdefault(name, set()).add(self.key[name])
                keys.append(self.key[name])
            find.join(keys[0], keys[1])
        self.component = {k: find(k) for keys in self.keys.values() for k in keys}

    def distinct(self, lang: str) -> list[str]:
        """The distinct texts of ``lang`` in file order (text1 before text2 per row), as
        ``tools/probe_quotes.py`` numbers them (exact text, not the key)."""
        seen: set[str] = set()
        out: list[str] = []
        for row in self.rows:
            for side in (1, 2):
                text = row.get(f"text{side}") or ""
                if row.get(f"lang{side}") == lang and text and text not in seen:
                    seen.add(text)
                    out.append(text)
        return out


@cache
def corpus(path: Path | None = None) -> Corpus:
    return Corpus(read_rows(path or shared_csv()))


def _quote_files(root: Path) -> list[Path]:
    return sorted((root / "tools").glob("probe_quotes_*labels.txt"))


def evaluation_texts(c: Corpus, root: Path = ROOT) -> dict[str, str]:
    """Key -> the file that names it, for every text of an evaluation set."""
    out: dict[str, str] = {}

    def add(name: tuple[str, int], source: str) -> None:
        if name not in c.key:
            raise ValueError(f"{source}: {name} is not a text of the CSV")
        for key in c.keys[name]:
            out.setdefault(key, source)

    for path in sorted((root / "bench" / "real").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            pair = row.get("pair_id", row.get("pair"))
            if pair is None:
                continue
            sides = [int(row["side"])] if "side" in row else [1, 2]
            for side in sides:
                add((pair, side), path.name)
    disputes = root / "bench" / "semeval_disputes.json"
    if disputes.exists():
        data = json.loads(disputes.read_text(encoding="utf-8"))
        bound = float(data["sample"]["overall_max"])
        for row in c.rows:
            if float(row["Overall"]) <= bound:
                for side in (1, 2):
                    add((row["pair_id"], side), disputes.name)
        for item in data.get("disputes", []) + data.get("not_disputes", []):
            for side in (1, 2):
                add((item["pair"], side), disputes.name)
    for path in sorted((root / "tools").glob("probe_real_dates*labels.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _DATE_TEXT.match(line)
            if match:
                add((match.group(1), int(match.group(2))), path.name)
    for path in _quote_files(root):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _QUOTE_LINE.match(line)
            if match:
                pool = c.distinct(match.group(1))
                out.setdefault(text_key(pool[int(match.group(2))]), path.name)
    return out


def forbidden(c: Corpus, root: Path = ROOT) -> set[str]:
    """Keys of every text in a component that holds a text of an evaluation set."""
    bad = {c.component[k] for k in evaluation_texts(c, root)}
    return {k for k, comp in c.component.items() if comp in bad}


def candidates(lang: str, c: Corpus | None = None, root: Path = ROOT) -> list[tuple[str, int]]:
    """Texts of ``lang`` no evaluation set holds or touches, as (pair_id, side), the
    smallest name a text goes by, in a fixed order: by key, one text per component first
    (distinct stories), then the other texts of those components (the same stories told by
    another outlet)."""
    c = c or corpus()
    skip = forbidden(c, root)
    names: dict[str, tuple[str, int]] = {}
    for name in sorted(c.texts):
        text_lang, text = c.texts[name]
        if text_lang == lang and len(text.strip()) >= MIN_CHARS and len(c.keys[name]) == 1:
            names.setdefault(c.key[name], name)
    first, rest, taken = [], [], set()
    for key in sorted(names):
        if key in skip:
            continue
        (rest if c.component[key] in taken else first).append(names[key])
        taken.add(c.component[key])
    return first + rest


def path(lang: str, root: Path = ROOT) -> Path:
    return root / "bench" / "real" / f"entities-fresh.{lang}.jsonl"


def load_labels(lang: str, file: Path | None = None) -> list[dict]:
    file = file or path(lang)
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def read_stories(c: Corpus, root: Path = ROOT) -> set[str]:
    """Keys of every text in a component holding a text of ``bench/real/entities.jsonl``."""
    read = root / "bench" / "real" / "entities.jsonl"
    keys = set()
    for line in read.read_text(encoding="utf-8").splitlines() if read.exists() else []:
        if line.strip():
            row = json.loads(line)
            keys |= c.keys[(row["pair_id"], int(row["side"]))]
    comps = {c.component[k] for k in keys}
    return {k for k, comp in c.component.items() if comp in comps}


def check(rows: list[dict], c: Corpus, root: Path = ROOT) -> list[str]:
    """Problems of fresh labelled rows: an unknown text, a text in a story of
    ``bench/real/entities.jsonl`` (read for fixes), a cut past the text, a span outside the
    cut, an unknown label, a surface that is not the text at its offsets, overlapping
    spans, a text labelled twice, a row not marked fresh. Empty when all is well."""
    bad = read_stories(c, root)
    problems, seen = [], set()
    for row in rows:
        name = (row["pair_id"], int(row["side"]))
        where = f"{name[0]} {name[1]}"
        if name not in c.texts:
            problems.append(f"{where}: not a text of the CSV")
            continue
        lang, text = c.texts[name]
        key = c.key[name]
        if key in bad:
            problems.append(f"{where}: in a story of bench/real/entities.jsonl (read for fixes)")
        if key in seen:
            problems.append(f"{where}: the same text labelled twice")
        seen.add(key)
        if row.get("half") != "fresh":
            problems.append(f"{where}: half {row.get('half')!r}, not 'fresh'")
        if row.get("lang") != lang:
            problems.append(f"{where}: lang {row.get('lang')!r}, the CSV says {lang!r}")
        cut = int(row["cut"])
        if not 0 < cut <= len(text):
            problems.append(f"{where}: cut {cut} outside the text ({len(text)})")
        last_end = -1
        for start, end, label, surface in sorted(row["spans"]):
            if label not in LABELS:
                problems.append(f"{where}: label {label!r}")
            if not 0 <= start < end <= cut:
                problems.append(f"{where}: span {start}-{end} outside the cut {cut}")
            elif text[start:end] != surface:
                problems.append(f"{where}: {start}-{end} is {text[start:end]!r}, "
                                f"not {surface!r}")
            if start < last_end:
                problems.append(f"{where}: span {start}-{end} overlaps the one before")
            last_end = max(last_end, end)
    return problems


def _offsets(labels_file: Path, lang: str, c: Corpus, root: Path = ROOT) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from label_real_draw import cut_text
    from label_real_offsets import locate, parse

    target = path(lang, root)
    out = {(r["pair_id"], int(r["side"])): r for r in load_labels(lang, target)}
    for (pair, side), mentions in parse(labels_file).items():
        text_lang, text = c.texts[(pair, side)]
        cut = cut_text(text)
        spans = locate(text[:cut], mentions, f"{pair} {side}")
        out[(pair, side)] = {"pair_id": pair, "side": side, "lang": text_lang, "cut": cut,
                             "half": "fresh", "spans": spans}
    rows = list(out.values())
    problems = check(rows, c, root)
    if problems:
        sys.exit("\n".join(problems))
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                      encoding="utf-8")
    print(f"{len(rows)} texts, {sum(len(r['spans']) for r in rows)} spans -> {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("candidates")
    p.add_argument("--lang", required=True)
    p.add_argument("--count", type=int, default=0)
    p = sub.add_parser("show")
    p.add_argument("pair")
    p.add_argument("side", type=int)
    p = sub.add_parser("offsets")
    p.add_argument("labels")
    p.add_argument("--lang", required=True)
    p = sub.add_parser("check")
    p.add_argument("--langs", default="en,ar,tr,es,de,fr,pl")
    args = parser.parse_args()
    c = corpus()
    if args.command == "candidates":
        names = candidates(args.lang, c)
        for pair, side in names[:args.count or None]:
            print(pair, side, len(c.texts[(pair, side)][1]))
        print(f"{len(names)} candidates", file=sys.stderr)
    elif args.command == "show":
        sys.path.insert(0, str(ROOT / "tools"))
        from label_real_draw import cut_text

        text = c.texts[(args.pair, args.side)][1]
        cut = cut_text(text)
        key = c.key[(args.pair, args.side)]
        flag = " (a story of an evaluation set)" if key in forbidden(c) else ""
        print(f"## {args.pair} {args.side} {c.texts[(args.pair, args.side)][0]} "
              f"cut {cut}{flag}")
        for start in range(0, cut, 100):
            print(f"{start:5d} {text[start:min(cut, start + 100)]!r}")
    elif args.command == "offsets":
        _offsets(Path(args.labels), args.lang, c)
    else:
        failed = False
        for lang in args.langs.split(","):
            labels = load_labels(lang)
            problems = check(labels, c)
            failed |= bool(problems)
            for problem in problems:
                print(f"{lang}: {problem}")
            if not problems:
                print(f"{lang}: {len(labels)} texts, {sum(len(r['spans']) for r in labels)} "
                      f"spans, all well")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
