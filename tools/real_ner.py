"""Real-news NER training labels: SemEval 2022 task 8 dev texts we labelled ourselves,
turned into training rows for ``tools/train_ner.py`` and ``tools/train_nn_ner.py``.
Build time only: nothing here ships but the weights; no torch is imported.

The texts are read from ``semeval2022-task8-dev.csv`` in ``$RASHOMON_SHARED/data`` (or
``../shared/data`` beside the repository). The labels, ``tools/data/ner-real.<lang>.jsonl``,
hold offsets, not text: one row per labelled text,

    {"pair_id": ..., "side": 1|2, "lang": ..., "cut": N,
     "spans": [[start, end, "PER|ORG|LOC|MISC", surface], ...]}

the offsets into the first ``cut`` characters of ``text<side>`` of that pair (the shape of
``bench/real/entities.jsonl``), labelled by ``bench/real/GUIDELINES.md``.

**Forbidden texts.** No text of an evaluation set may be labelled for training, nor any
text connected to one through the CSV's pairs, transitively: the two texts of a pair tell
one story (or a related one), and one text appears under several pair ids. A text is
known by a hash of its normalised content (``text_key``); the pairs join texts into
connected components, and every component holding an evaluation text is forbidden. The
evaluation texts are read from the files that name them (``evaluation_texts``):
``bench/real/*.jsonl`` (pair id and side, or a whole pair), ``bench/semeval_disputes.json``
(every row of its sample: both texts of each pair whose Overall rating is within the
sample's bound were read), ``tools/probe_real_dates*labels.txt`` (``text <pair> <side>``
lines) and ``tools/probe_quotes_*labels.txt`` (``<lang> t<n>``: the n-th distinct text of
that language in file order, as ``tools/probe_quotes.py`` numbers them).

**Reserved texts.** ``candidates`` also skips every component holding a text of the quote
probe's check part (odd numbers) that no quote labels file has walked yet (numbered past
the last one they name): later fresh samples of quote speakers are drawn there, and a
speaker is read from the entities, so a model trained on those texts would make such a
sample partly in-sample.

Usage:
  python tools/real_ner.py candidates --lang en [--count 40]   (pair side length, in order)
  python tools/real_ner.py show PAIR SIDE        (the cut text, with character offsets)
  python tools/real_ner.py offsets LABELS.txt --lang en   (surfaces in text order -> jsonl)
  python tools/real_ner.py check [--langs en,ar]  (surfaces match, no forbidden text)
  python tools/real_ner.py rows --langs en        (sentence and name counts of the rows)
  python tools/real_ner.py score --langs en [--holdout 4 --part held]   (the extraction's
      typed F1 on the labelled texts, or on the part a --real-holdout training left out)

The ``offsets`` input is the one of ``tools/label_real_offsets.py``: ``## <pair> <side>``,
then one ``LABEL surface`` line per mention in text order (``~surface`` for a name glued
to a clitic); the rows are appended to (or replace the same text's row in) the language's
labels file, cut at ``cut_text``.
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
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.ner_tokens import _blocks, tokenize  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LABELS = ("PER", "ORG", "LOC", "MISC")
SOURCE = "real"
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
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            parent.setdefault(k, k)
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for row in rows:
            keys = []
            for side in (1, 2):
                text = row.get(f"text{side}") or ""
                name = (row["pair_id"], side)
                self.texts[name] = (row.get(f"lang{side}", ""), text)
                self.key[name] = text_key(text)
                self.keys.setdefault(name, set()).add(self.key[name])
                keys.append(self.key[name])
            parent[find(keys[0])] = find(keys[1])
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
    """Keys of every text in a component that holds an evaluation text."""
    bad = {c.component[k] for k in evaluation_texts(c, root)}
    return {k for k, comp in c.component.items() if comp in bad}


def reserved(c: Corpus, root: Path = ROOT) -> set[str]:
    """Keys of every text in a component holding a text of the quote probe's check part
    (odd numbers) past the last one a quote labels file names in that language: the texts
    a further fresh sample of quote speakers walks (``probe_quotes.py --after``)."""
    last: dict[str, int] = {}
    for path in _quote_files(root):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _QUOTE_LINE.match(line)
            if match:
                lang, n = match.group(1), int(match.group(2))
                last[lang] = max(last.get(lang, -1), n)
    langs = {lang for lang, _ in c.texts.values() if lang}
    held = {c.component[text_key(t)] for lang in langs
            for n, t in enumerate(c.distinct(lang)) if n % 2 == 1 and n > last.get(lang, -1)}
    return {k for k, comp in c.component.items() if comp in held}


def candidates(lang: str, c: Corpus | None = None, root: Path = ROOT) -> list[tuple[str, int]]:
    """Texts of ``lang`` allowed for training labels, as (pair_id, side), the smallest name
    a text goes by, in a fixed order: by key, one text per component first (distinct
    stories), then the other allowed texts of those components (the same stories told by
    another outlet)."""
    c = c or corpus()
    skip = forbidden(c, root) | reserved(c, root)
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


def path(lang: str) -> Path:
    return DATA / f"ner-real.{lang}.jsonl"


def load_labels(lang: str, file: Path | None = None) -> list[dict]:
    file = file or path(lang)
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def check(rows: list[dict], c: Corpus, root: Path = ROOT) -> list[str]:
    """Problems of labelled rows: an unknown or forbidden text, a cut past the text, a
    span outside the cut, an unknown label, a surface that is not the text at its offsets,
    overlapping spans, a text labelled twice. Empty when all is well."""
    bad = forbidden(c, root)
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
            problems.append(f"{where}: forbidden (an evaluation text or paired with one)")
        if key in seen:
            problems.append(f"{where}: the same text labelled twice")
        seen.add(key)
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


def sentences(text: str, spans: list, lang: str = "") -> list[dict]:
    """The cut text as training rows, cut into sentences as the runtime cuts a text
    (``ner_tokens._blocks``) and into tokens by the runtime tokenizer: a token takes the
    label of the span it overlaps (the first token of a span B-, the rest I-), so a span
    that starts or ends inside a token (an Arabic proclitic, a Turkish case suffix after
    an apostrophe) labels the whole token, the unit the tagger reads. A sentence with two
    names in one token (scrape debris glued them: "SteinbergNew York") is left out."""
    char_level = lang in ("zh", "ja")
    rows = []
    ordered = sorted((int(s), int(e), label) for s, e, label, *_ in spans)
    for base, chunk in _blocks(text):
        offsets = [(base + s, base + e) for s, e in tokenize(chunk, char_level)]
        if not offsets:
            continue
        tags = ["O"] * len(offsets)
        clash = False
        for start, end, label in ordered:
            inside = [k for k, (s, e) in enumerate(offsets) if s < end and start < e]
            clash |= any(tags[k] != "O" for k in inside)
            for n, k in enumerate(inside):
                tags[k] = ("B-" if n == 0 else "I-") + label
        if clash:  # two names in one token ("SteinbergNew York"): no tags fit, left out
            continue
        rows.append({"lang": lang, "tokens": [text[s:e] for s, e in offsets],
                     "tags": tags, "source": SOURCE})
    return rows


def kept(every: int, fold: int = 0):
    """A ``keep`` for ``training_rows``: every ``every``-th labelled text of a file (those
    whose place in it is ``fold`` modulo ``every``) left out; None (all kept) for 0."""
    if not every:
        return None
    return lambda row: row["_index"] % every != fold


def held_out(every: int, fold: int = 0):
    """The complement of ``kept``: only the texts ``kept(every, fold)`` leaves out."""
    return lambda row: row["_index"] % every == fold


def training_rows(lang: str, c: Corpus | None = None, file: Path | None = None,
                  keep=None, root: Path = ROOT) -> list[dict]:
    """The language's labelled texts as token/IOB2 rows (``{"lang", "tokens", "tags",
    "source"}``, the shape of the shared training sentences); none without labels or
    without the CSV. ``keep(row)`` selects labelled texts (a held-out part)."""
    labels = load_labels(lang, file)
    if not labels:
        return []
    if c is None:
        if not shared_csv().exists():
            return []
        c = corpus()
    problems = check(labels, c, root)
    if problems:
        raise ValueError(f"{(file or path(lang)).name}: " + "; ".join(problems[:5]))
    rows = []
    for index, row in enumerate(labels):
        if keep is not None and not keep({**row, "_index": index}):
            continue
        text = c.texts[(row["pair_id"], int(row["side"]))][1][:int(row["cut"])]
        rows += sentences(text, row["spans"], lang)
    return rows


def score(lang: str, c: Corpus, every: int = 0, part: str = "all", fold: int = 0) -> dict:
    """Typed exact-span figures (``bench/real_scoring.py``) of the extraction every ingest
    runs (``extract_facts``, the models in ``extract/models``) on the language's labelled
    texts: all of them, or with ``every`` the ``held`` part (the texts ``kept(every)``
    leaves out of training) or the ``kept`` one."""
    sys.path.insert(0, str(ROOT / "bench"))
    from rashomon.core import Article
    from rashomon.extract import extract_facts
    from real_scoring import add, counts, summary

    total: dict = {}
    for index, row in enumerate(load_labels(lang)):
        if every and part != "all" and (index % every == fold) != (part == "held"):
            continue
        text = c.texts[(row["pair_id"], int(row["side"]))][1][:int(row["cut"])]
        facts = extract_facts(Article(title="", maintext=text, language=lang))
        gold = [(s, e, label) for s, e, label, _ in row["spans"]]
        add(total, counts(gold, [(m.start, m.end, m.label) for m in facts.mentions]))
    return summary(total) if total else {}


def _offsets(labels_file: Path, lang: str, c: Corpus) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from label_real_draw import cut_text
    from label_real_offsets import locate, parse

    out = {(r["pair_id"], int(r["side"])): r for r in load_labels(lang)}
    for (pair, side), mentions in parse(labels_file).items():
        text_lang, text = c.texts[(pair, side)]
        cut = cut_text(text)
        spans = locate(text[:cut], mentions, f"{pair} {side}")
        out[(pair, side)] = {"pair_id": pair, "side": side, "lang": text_lang, "cut": cut,
                             "spans": spans}
    rows = list(out.values())
    problems = check(rows, c)
    if problems:
        sys.exit("\n".join(problems))
    path(lang).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                          encoding="utf-8")
    print(f"{len(rows)} texts, {sum(len(r['spans']) for r in rows)} spans -> {path(lang)}")


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
    for name in ("check", "rows", "score"):
        p = sub.add_parser(name)
        p.add_argument("--langs", default="en,ar,tr,es,de,fr,pl")
    p.add_argument("--holdout", type=int, default=0, help="with --part: every n-th text")
    p.add_argument("--part", choices=("all", "held", "kept"), default="all")
    p.add_argument("--fold", type=int, default=0, help="with --holdout: which n-th texts")
    p.add_argument("--json", default="", help="write the figures (one language) here")
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
        flag = " FORBIDDEN" if key in forbidden(c) else ""
        print(f"## {args.pair} {args.side} {c.texts[(args.pair, args.side)][0]} "
              f"cut {cut}{flag}")
        for start in range(0, cut, 100):
            print(f"{start:5d} {text[start:min(cut, start + 100)]!r}")
    elif args.command == "offsets":
        _offsets(Path(args.labels), args.lang, c)
    elif args.command == "score":
        for lang in args.langs.split(","):
            fig = score(lang, c, args.holdout, args.part, args.fold)
            if args.json:
                Path(args.json).write_text(json.dumps(fig))
            if fig:
                t = fig["typed"]
                print(f"{lang} {args.part}: typed P {t['precision']:.3f} R {t['recall']:.3f} "
                      f"F1 {t['f1']:.3f} ({t['gold']} names) PER {fig['PER']['f1']:.3f} "
                      f"ORG {fig['ORG']['f1']:.3f} LOC {fig['LOC']['f1']:.3f} "
                      f"untyped {fig['untyped']['f1']:.3f}")
    else:
        failed = False
        for lang in args.langs.split(","):
            labels = load_labels(lang)
            problems = check(labels, c)
            failed |= bool(problems)
            for problem in problems:
                print(f"{lang}: {problem}")
            if args.command == "rows" and not problems:
                rows = training_rows(lang, c)
                names = Counter(t[2:] for r in rows for t in r["tags"] if t.startswith("B-"))
                tokens = sum(len(r["tokens"]) for r in rows)
                print(f"{lang}: {len(labels)} texts, {len(rows)} sentences, {tokens} tokens, "
                      f"{dict(sorted(names.items()))}")
            elif not problems:
                print(f"{lang}: {len(labels)} texts, {sum(len(r['spans']) for r in labels)} "
                      f"spans, all well")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
