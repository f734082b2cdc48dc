"""Learn the institution heads of Chinese and Japanese from the NER training sentences
(``train.{zh,ja}.jsonl.gz``, IOB2), for ``[institutions]`` of
``src/rashomon/lang/<code>.toml`` (read by ``extract/institutions_cjk.py``), and score the
expansion on the dev sentences.

Chinese and Japanese name a body head-last ("…公安局", "…政府"): a head is a Han
suffix of 1-3 characters of the gold ORG spans that open with a place (a gold LOC name of
the training sentences seen twice or more), learned from the zh and ja sentences together
(the heads are shared Han words: 政府, 局, 院, 委員会/委员会). For each suffix it counts

- ``org``: such ORG spans it ends,
- ``share``: of all its occurrences in the training text, the part that ends one,

and keeps those with ``org >= MIN_ORG`` and ``share >= MIN_SHARE``; a longer suffix is
dropped when a shorter one it ends with is kept with at least its share. Besides, the
stop characters (``stop_characters``). Training text only: the dev sentences measure the
expansion (``--score``: typed exact-span F1 through the extractor, on and off, and the
share of the spans it made that are gold ORG spans).

Measured and not shipped (model card, "Institutions named after a place (zh ja fa ar)"):
the same for Persian and Arabic head-first (the first words of gold ORG spans holding a
place, then "<head> … [در/في] <place>"), and for zh the suffixes of jieba's organisation
words added to the learned heads; both lowered dev.

Usage: PYTHONPATH=src python tools/institution_heads_cjk.py [--langs zh,ja] [--write]
       PYTHONPATH=src python tools/institution_heads_cjk.py --score [--langs zh,ja]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared") / "data" / "ner"

#: A head must open or close at least this many gold ORG spans of the training sentences
#: (below it the share is noise: one or two spans).
MIN_ORG = 5
#: ... and at least this share of its occurrences must end one. Chosen with the dev
#: scoring of ``--score`` (typed F1, all dev sources, zh / ja, before MIN_OWN and the
#: named-body check): 0.6494 / 0.7045 at 0.05,
#: 0.6480 / 0.7006 at 0.1 (fewer heads: 74 against 94; model card, "Institutions named
#: after a place (zh ja fa ar)").
MIN_SHARE = 0.05
HEAD_FINAL = {"zh", "ja"}
#: A head learned from both languages' sentences is kept for one of them when at least
#: this many gold ORG spans of that language's own sentences end with it: the Japanese
#: sports "<country>代表" (national team) is no Chinese head ("俄罗斯代表": a delegate).
MIN_OWN = 2
#: A Han character seen at least STOP_COUNT times in the training text of which under
#: STOP_SHARE inside gold ORG spans is a function or verb character (的 在 是 了 为 被 ...):
#: the zh/ja expansion does not run across it ("<place>的第一队", "<place>将会").
STOP_COUNT = 100
STOP_SHARE = 0.01


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def org_spans(tags: list[str]) -> list[tuple[int, int]]:
    out, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != "I-ORG":
            out.append((start, i))
            start = None
        if tag == "B-ORG":
            start = i
    return out


def places(rows: list[dict], joiner: str) -> set[str]:
    """Gold LOC names of the training sentences seen at least twice (two characters or
    more): what anchors a head to a place complement."""
    seen: Counter = Counter()
    for row in rows:
        for s, e, label in _decode(row["tags"]):
            if label == "LOC":
                seen[joiner.join(row["tokens"][s:e])] += 1
    return {name for name, n in seen.items() if n >= 2 and len(name) >= 2}


def _text_offsets(tokens: list[str]) -> tuple[str, list[int]]:
    """A sentence's tokens joined without spaces, and where each token starts (plus the end)."""
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return "".join(tokens), offsets


def own_ends(rows: list[dict]) -> Counter:
    """Han suffixes of 1-3 characters of all gold ORG spans of one language's sentences."""
    ends: Counter = Counter()
    for row in rows:
        text, offsets = _text_offsets(row["tokens"])
        for s, e in org_spans(row["tags"]):
            name = text[offsets[s]:offsets[e]]
            ends.update(name[-k:] for k in (1, 2, 3) if len(name) > k)
    return ends


def final_heads(rows: list[dict]) -> list[tuple[str, int, float]]:
    """Suffixes of 1-3 characters of the gold ORG spans that open with a place (zh, ja):
    "<place>[驻<place>]…<head>"."""
    known = places(rows, "")
    ends: Counter = Counter()
    texts = []
    for row in rows:
        text = "".join(row["tokens"])
        texts.append(text)
        offsets = [0]
        for token in row["tokens"]:
            offsets.append(offsets[-1] + len(token))
        for s, e in org_spans(row["tags"]):
            name = text[offsets[s]:offsets[e]]
            cut = max((k for k in range(2, len(name)) if name[:k] in known), default=0)
            rest = name[cut:]
            if not cut or not rest:
                continue
            for k in (1, 2, 3):
                if len(rest) >= k and all("\u4e00" <= c <= "\u9fff" for c in rest[-k:]):
                    ends[rest[-k:]] += 1
    candidates = [h for h, n in ends.items() if n >= MIN_ORG]
    seen = Counter()
    for text in texts:
        for h in candidates:
            seen[h] += text.count(h)
    kept: dict[str, float] = {}
    for h in sorted(candidates, key=len):
        share = ends[h] / seen[h]
        shorter = [kept[h[-k:]] for k in range(1, len(h)) if h[-k:] in kept]
        if share >= MIN_SHARE and not (shorter and max(shorter) >= share):
            kept[h] = share
    return sorted(((h, ends[h], round(kept[h], 3)) for h in kept), key=lambda x: -x[1])


def stop_characters(rows: list[dict]) -> str:
    """The Han characters a head-last name does not run across (``STOP_SHARE``)."""
    seen: Counter = Counter()
    inside: Counter = Counter()
    for row in rows:
        text, offsets = _text_offsets(row["tokens"])
        seen.update(c for c in text if "\u4e00" <= c <= "\u9fff")
        for s, e in org_spans(row["tags"]):
            inside.update(c for c in text[offsets[s]:offsets[e]] if "\u4e00" <= c <= "\u9fff")
    return "".join(sorted(c for c, n in seen.items()
                          if n >= STOP_COUNT and inside[c] / n < STOP_SHARE))


def learn(lang: str) -> tuple[list[tuple[str, int, float]], str]:
    """The heads, and for zh/ja the stop characters."""
    if lang in HEAD_FINAL:  # the Han heads of both (政府, 委員会/委员会, 局, 院, 署...)
        rows = [row for code in sorted(HEAD_FINAL)
                for row in read(DATA / f"train.{code}.jsonl.gz")]
        own = own_ends(read(DATA / f"train.{lang}.jsonl.gz"))
        return [h for h in final_heads(rows) if own[h[0]] >= MIN_OWN], stop_characters(rows)
    raise SystemExit(f"{lang}: no head-last institutions learned (zh, ja only)")


def score(lang: str, on: bool) -> dict:
    """Typed exact-span P/R/F1 (PER/ORG/LOC) of the extractor on the language's dev
    sentences (the tokens joined as text: without spaces for zh/ja), per source kind, with
    the expansion on or off; and the expansions themselves (ORG spans it made: right or
    not)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from train_ner import SCORED, kind, prf

    from rashomon.extract import institutions_cjk
    from rashomon.extract.entities import extract_mentions

    joiner = "" if lang in HEAD_FINAL else " "
    counts: dict = defaultdict(lambda: [0, 0, 0])
    made = [0, 0]
    institutions_cjk.ENABLED = on
    for row in read(DATA / f"dev.{lang}.jsonl.gz"):
        tokens, tags = row["tokens"], row["tags"]
        starts, ends, pos = {}, {}, 0
        for i, token in enumerate(tokens):
            starts[pos] = i
            pos += len(token)
            ends[pos] = i + 1
            pos += len(joiner)
        text = joiner.join(tokens)
        gold = set()
        for s, e, label in _decode(tags):
            if label in SCORED:
                gold.add((s, e, label))
        got = set()
        institutions_cjk.MADE = []
        for m in extract_mentions(text, lang):
            if m.label in SCORED:
                got.add((starts.get(m.start, -1), ends.get(m.end, -1), m.label))
        for s, e in institutions_cjk.MADE:
            made[0 if (starts.get(s, -1), ends.get(e, -1), "ORG") in gold else 1] += 1
        for key in (kind(row["source"]), "all"):
            c = counts[key]
            c[0] += len(gold & got)
            c[1] += len(got - gold)
            c[2] += len(gold - got)
    out = {k: prf(*v) for k, v in counts.items()}
    out["expansions"] = {"right": made[0], "wrong": made[1]}
    return out


def _decode(tags: list[str]):
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and tag != "I-" + label:
            yield start, i, label
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--langs", default="zh,ja")
    parser.add_argument("--write", action="store_true",
                        help="write the heads into src/rashomon/lang/<code>.toml [institutions]")
    parser.add_argument("--score", action="store_true",
                        help="score the extractor on the dev sentences, expansion on and off")
    args = parser.parse_args()
    for lang in args.langs.split(","):
        if args.score:
            for on in (False, True):
                print(lang, "expansion" if on else "off", json.dumps(score(lang, on)),
                      flush=True)
            continue
        heads, stops = learn(lang)
        print(f"# {lang}: {len(heads)} heads (head, gold ORG spans, share of occurrences)")
        for h, n, share in heads:
            print(f"#   {h}\t{n}\t{share}")
        if args.write:
            write(lang, [h for h, _, _ in heads], stops)


def write(lang: str, heads: list[str], stops: str) -> None:
    """Replace (or add) the ``[institutions]`` section of the language's data file."""
    path = ROOT / "src" / "rashomon" / "lang" / f"{lang}.toml"
    text = path.read_text(encoding="utf-8")
    section = (
        "[institutions]\n"
        "# institution heads (suffixes of the zh and ja training sentences' gold ORG spans that\n"
        "# open with a place, kept from MIN_ORG spans): written by\n"
        "# tools/institution_heads_cjk.py --write, read by extract/institutions_cjk.py\n"
        "heads = [" + ", ".join(json.dumps(h, ensure_ascii=False) for h in heads) + "]\n")
    if stops:
        section += ("# Han characters a name does not run across (STOP_COUNT, STOP_SHARE)\n"
                    f"stops = {json.dumps(stops, ensure_ascii=False)}\n")
    at = text.find("\n[institutions]\n")
    if at >= 0:
        rest = text.find("\n[", at + 1)
        text = text[:at + 1] + section + (text[rest:] if rest >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
