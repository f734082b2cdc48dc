"""Error analysis of a served NER tagger on the cased dev sources (issue 16).

For each cased dev source of a language: typed exact-span P/R/F1 over PER/ORG/LOC of what
is served (the CRF + network pair where one serves, else the CRF), the gold names by what
went wrong (``train_ner._count_errors``: missed / boundary / type, and spurious
predictions), the confusions of the type errors, the spans' confidence bands (how often a
span of each band is right) and, with ``--examples N``, N examples of each error class.

Usage: python tools/ner_errors.py --langs nl,fr [--examples 30] [--json out.json]
Dev rows only: the models never trained on them (nothing here is fed back into training).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
from train_ner import SCORED, group, kind, prf  # noqa: E402

from rashomon.extract import tagger_nn  # noqa: E402
from rashomon.extract.ner import Tagger, decode  # noqa: E402

BANDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01)


def tag_with_scores(lang: str, sentences: list[list[str]]):
    """(tags, [(first, last, label, score)]) per sentence from what serves ``lang``."""
    if lang in tagger_nn.languages():
        tagger = tagger_nn.NnTagger(lang)
        m = tagger._model
        out = []
        for at in range(0, len(sentences), 200):
            part = sentences[at:at + 200]
            paths, marginals_of = tagger.read(part)
            margs = marginals_of(list(range(len(part))))
            for path, marg in zip(paths, margs, strict=True):
                tags = [m.tags[t] for t in path]
                found = [(a, b, lab, float(min(marg[i, path[i]] for i in range(a, b))))
                         for a, b, lab in decode(tags)]
                out.append((tags, found))
        return out
    tagger = Tagger(lang)
    out = []
    for at in range(0, len(sentences), 500):
        for tags in tagger.tag(sentences[at:at + 500]):
            out.append((tags, [(a, b, lab, 1.0) for a, b, lab in decode(tags)]))
    return out


def analyse(lang: str, data: Path, examples: int, floor: float = 0.0) -> dict:
    """Per cased source: the figures above, of the spans whose confidence is at least
    ``floor`` (0: every span of the tagger's paths, as ``bench_ner`` scores them)."""
    from train_nn_ner import TAGS, load

    rows = [r for r in load(data, "dev", 0, None, [lang]) if kind(r[3]) == "cased"]
    tagged = tag_with_scores(lang, [r[1] for r in rows])
    per_source: dict = defaultdict(lambda: {"counts": [0, 0, 0], "errors": Counter(),
                                            "confusion": Counter(), "bands": defaultdict(
                                                lambda: [0, 0]), "examples": defaultdict(list),
                                            "by_label": defaultdict(lambda: [0, 0, 0])})
    for (_, words, tag_ids, source), (_, found) in zip(rows, tagged, strict=True):
        src = per_source[group(source)]
        gold = {s for s in decode([TAGS[t] for t in tag_ids]) if s[2] in SCORED}
        scored = {(a, b, lab): sc for a, b, lab, sc in found if lab in SCORED and sc >= floor}
        pred = set(scored)
        c = src["counts"]
        c[0] += len(gold & pred)
        c[1] += len(pred - gold)
        c[2] += len(gold - pred)
        for label in SCORED:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            bl = src["by_label"][label]
            bl[0] += len(g & p)
            bl[1] += len(p - g)
            bl[2] += len(g - p)
        for span, score in scored.items():
            band = next(f"{lo:.1f}-{hi:.1f}" for lo, hi in itertools.pairwise(BANDS)
                        if lo <= score < hi)
            src["bands"][band][0] += span in gold
            src["bands"][band][1] += 1

        def show(s, words=words):
            return f"[{s[2]} {' '.join(words[s[0]:s[1]])}]"

        context = " ".join(words)
        for s in gold - pred:
            near = [q for q in pred if q[0] < s[1] and s[0] < q[1]]
            cls = ("type" if any(q[:2] == s[:2] for q in near) else
                   "boundary" if near else "missed")
            src["errors"][cls] += 1
            if cls == "type":
                q = next(q for q in near if q[:2] == s[:2])
                src["confusion"][f"{s[2]}->{q[2]}"] += 1
            if len(src["examples"][cls]) < examples:
                src["examples"][cls].append(
                    f"gold {show(s)} pred {' '.join(map(show, near)) or '-'} | {context}")
        for q in pred - gold:
            if not any(q[0] < s[1] and s[0] < q[1] for s in gold):
                src["errors"]["spurious"] += 1
                if len(src["examples"]["spurious"]) < examples:
                    src["examples"]["spurious"].append(
                        f"pred {show(q)} {scored[q]:.2f} | {context}")
    out = {}
    for name, src in sorted(per_source.items()):
        out[name] = {"score": prf(*src["counts"]), "counts": src["counts"],
                     "by_label": {k: prf(*v) for k, v in sorted(src["by_label"].items())},
                     "errors": dict(src["errors"]), "confusion": dict(src["confusion"]),
                     "bands": {k: f"{v[0]}/{v[1]}" for k, v in sorted(src["bands"].items())},
                     "examples": {k: v for k, v in src["examples"].items()}}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    shared = os.environ.get("RASHOMON_SHARED", str(ROOT.parent / "shared"))
    parser.add_argument("--data", default=os.path.join(shared, "data", "ner"))
    parser.add_argument("--langs", default="nl,fr")
    parser.add_argument("--examples", type=int, default=0)
    parser.add_argument("--json", default="")
    parser.add_argument("--floor", type=float, default=0.0,
                        help="score only the spans of at least this confidence")
    args = parser.parse_args()
    result = {}
    for lang in args.langs.split(","):
        result[lang] = analyse(lang, Path(args.data), args.examples, args.floor)
        for name, src in result[lang].items():
            print(f"{lang} {name}: {src['score']} errors {src['errors']} "
                  f"confusion {src['confusion']}")
            print(f"   by label {src['by_label']}")
            print(f"   bands (right/all) {src['bands']}")
            for cls, lines in src["examples"].items():
                print(f"   -- {cls}")
                for line in lines:
                    print("     ", line[:300])
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
