"""Probe: the quotes the extractor finds in the SemEval 2022 task 8 dev texts, with their
speakers and sentences, to read and count by hand (speaker right / wrong / missing "?" /
not a quote).

    RASHOMON_SHARED=/work/shared PYTHONPATH=src python tools/probe_quotes.py --part tune
    ... tools/probe_quotes.py --part check --lang en --quotes 30 --json OUT.json
    ... tools/probe_quotes.py --diff BEFORE.json AFTER.json

The distinct texts of each language, in file order, are split in two disjoint parts: the
even positions are ``tune`` (read to choose what to fix), the odd ones ``check`` (read
only to count, before and after a fix). For each language the probe walks its part's
texts in order until ``--quotes`` quotes are printed. ``--json`` keeps them (text number,
offsets, speaker, context) so that ``--diff`` prints only the quotes a change added,
dropped or gave another speaker; ``--same`` walks exactly the texts of an earlier
``--json`` file, so that a before/after pair covers the same texts; ``--after`` walks
only the texts past those of earlier files (a fresh sample of the same part). Both take
a ``--json`` file or a hand-labels file (repeat ``--after`` to pass several: the fresh
sample starts past the last text of all of them). In a labels file, a line
``#+ <lang> t<text> ...`` names texts read that hold no labelled quote: ``--same`` walks them too.
``--count LABELS QUOTES`` counts a ``--json`` file against hand labels, one quote a line,
``<lang> t<text> @<start> <label>``: ``N`` (not a quote: a title, a name, a slogan, scare
quotes), ``-`` (speech whose speaker the text does not give), or the speaker's accepted
forms joined by ``|``. It prints speakers right / wrong / missing ("?") / not a quote, the
labelled quotes no longer found (and what they were; the quotes file must walk the
labelled texts: ``--same``), and the quotes with no label.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

from rashomon.core import Article
from rashomon.extract import extract_facts

LANGS = ("en", "de", "es", "fr", "pl", "tr", "ar", "ru", "it", "zh")


def texts(path: Path) -> dict[str, list[str]]:
    """The distinct texts of each language, in file order (text1 before text2 per row)."""
    seen: set[str] = set()
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for lang, text in ((row["lang1"], row["text1"]), (row["lang2"], row["text2"])):
                if text and text not in seen:
                    seen.add(text)
                    out.setdefault(lang, []).append(text)
    return out


def body(text: str) -> str:
    """Title on the first line, as the rest of the project reads these texts."""
    head = text[:300]
    if "\n" not in head and "  " in text[:250]:
        title, rest = text.split("  ", 1)
        return f"{title.strip()}\n{rest.strip()}"
    return text


def probe(lang: str, part: str, count: int, all_texts: dict[str, list[str]],
          only: set[int] | None = None, after: int = -1) -> list[dict]:
    """The quotes of ``lang``'s ``part`` texts, walked in order until ``count`` quotes
    (every quote of the last text walked); ``only``: exactly these text numbers;
    ``after``: only texts numbered above it."""
    pool = all_texts.get(lang, [])
    parity = 0 if part == "tune" else 1
    out: list[dict] = []
    for number, raw in enumerate(pool):
        # (``only``: the texts of a labels file, whichever part they are in)
        if (only is None and number % 2 != parity) or \
                (only is not None and number not in only) or number <= after:
            continue
        text = body(raw)
        facts = extract_facts(Article(title="", maintext=text, language=lang))
        for q in facts.quotes:
            lo = max(0, text.rfind("\n", 0, q.start) + 1, q.start - 200)
            hi = text.find("\n", q.end)
            hi = min(hi if hi != -1 else len(text), q.end + 200)
            out.append({"lang": lang, "text": number, "start": q.start, "end": q.end,
                        "direct": q.direct, "speaker": q.speaker,
                        "context": text[lo:hi].replace("\n", " ")})
        if only is None and len(out) >= count:
            break
    return out


def show(q: dict, mark: str = "") -> None:
    kind = "D" if q["direct"] else "R"
    print(f"{mark}[{q['lang']} t{q['text']} @{q['start']} {kind}] speaker={q['speaker'] or '?'}")
    print(f"    {q['context']}")


def diff(before: Path, after: Path) -> None:
    def key(q: dict) -> tuple:
        return q["lang"], q["text"], q["start"], q["end"]

    old = {key(q): q for q in json.loads(before.read_text())}
    new = {key(q): q for q in json.loads(after.read_text())}
    texts_seen = {(q["lang"], q["text"]) for q in old.values()}
    for k in sorted(set(old) | set(new)):
        if (k[0], k[1]) not in texts_seen:
            continue  # a text the 'before' sample did not reach
        if k not in new:
            show(old[k], "- ")
        elif k not in old:
            show(new[k], "+ ")
        elif old[k]["speaker"] != new[k]["speaker"]:
            print(f"~ speaker {old[k]['speaker'] or '?'} -> {new[k]['speaker'] or '?'}")
            show(new[k], "  ")


def matches(speaker: str, label: str) -> bool:
    """Whether a found speaker is one of a label's accepted forms (either containing the
    other, case-folded: "RE Charles Michela" names Michel, "Lorz" is Alexander Lorz)."""
    found = speaker.casefold()
    return any(form.casefold() in found or (len(found) >= 3 and found in form.casefold())
               for form in label.split("|") if form)


def count(labels: Path, quotes: Path) -> dict[str, int]:
    """Right / wrong / missing / not-a-quote of ``quotes`` against ``labels``."""
    marks: dict[tuple, str] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, text, start, label = line.split(" ", 3)
            marks[lang, int(text[1:]), int(start[1:])] = label.strip()
    tally = dict.fromkeys(("right", "wrong", "missing", "not-a-quote", "unlabelled"), 0)
    seen = set()
    for q in json.loads(quotes.read_text()):
        key = q["lang"], q["text"], q["start"]
        label = marks.get(key)
        seen.add(key)
        if label is None:
            tally["unlabelled"] += 1
            show(q, "? ")
        elif label == "N":
            tally["not-a-quote"] += 1
        elif q["speaker"] is None:
            tally["missing"] += 1
        else:
            tally["right" if label != "-" and matches(q["speaker"], label) else "wrong"] += 1
    # (the quotes file walked the labelled texts, with --same: a labelled quote of a
    # language it holds that it lacks was dropped)
    languages = {key[0] for key in seen}
    gone = [(key, label) for key, label in marks.items()
            if key not in seen and key[0] in languages]
    tally["dropped"] = len(gone)
    tally["dropped-not-a-quote"] = sum(label == "N" for _, label in gone)
    for (lang, text, start), label in sorted(gone):
        print(f"- dropped {lang} t{text} @{start} (labelled {label})")
    return tally


def walked(path: Path) -> list[tuple[str, int]]:
    """The (language, text number) pairs of a ``--json`` quotes file or a labels file."""
    if path.suffix == ".json":
        return [(q["lang"], q["text"]) for q in json.loads(path.read_text())]
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#+ "):  # texts read that hold no labelled quote
            lang, *numbers = line[3:].split()
            out.extend((lang, int(number[1:])) for number in numbers)
        elif line.strip() and not line.startswith("#"):
            lang, text = line.split(" ", 2)[:2]
            out.append((lang, int(text[1:])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("tune", "check"), default="tune")
    parser.add_argument("--lang", action="append", help="language code (repeatable)")
    parser.add_argument("--quotes", type=int, default=30, help="quotes per language")
    parser.add_argument("--json", type=Path, help="write the quotes here")
    parser.add_argument("--same", type=Path,
                        help="walk exactly the texts of this earlier --json or labels file")
    parser.add_argument("--after", type=Path, action="append",
                        help="walk only texts past the last one of these earlier --json or "
                             "labels files (a fresh sample of the same part; repeatable)")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--count", nargs=2, type=Path, metavar=("LABELS", "QUOTES"))
    args = parser.parse_args()
    if args.count:
        print(count(*args.count))
        return
    if args.diff:
        diff(*args.diff)
        return
    shared = Path(os.environ.get("RASHOMON_SHARED", "/work/shared"))
    all_texts = texts(shared / "data" / "semeval2022-task8-dev.csv")
    same: dict[str, set[int]] = {}
    if args.same:
        for lang, number in walked(args.same):
            same.setdefault(lang, set()).add(number)
    last: dict[str, int] = {}
    for path in args.after or []:
        for lang, number in walked(path):
            last[lang] = max(last.get(lang, -1), number)
    found: list[dict] = []
    for lang in args.lang or [code for code in LANGS if code in all_texts]:
        quotes = probe(lang, args.part, args.quotes, all_texts,
                       same.get(lang, set()) if args.same else None, last.get(lang, -1))
        found.extend(quotes)
        print(f"== {lang}: {len(quotes)} quotes", file=sys.stderr)
        for q in quotes:
            show(q)
    if args.json:
        args.json.write_text(json.dumps(found, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
