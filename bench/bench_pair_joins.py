"""Story joins of single SemEval pairs, undated: for each pair of the SemEval 2022 task 8
dev set, a fresh clusterer holds the first text and the second is placed as the Engine
places an undated article (the cascade's clear match, else the event it reports, else the
story it scores above the join threshold against). Counts how many pairs join, among the
pairs raters call the same story (Overall <= 1.5) and those they call unrelated
(Overall > 3.5), same-language and cross-language apart, on the sample part (two thirds of
the pairs) and the held-out third, split as bench/bench_events.py splits them.

Same-topic reports of other happenings across languages (the pandemic's daily reports in
German and English) are what the unrelated cross-language joins measure; the same-story
rows say what a stricter decision costs.

Run: RASHOMON_SHARED=../shared .venv/bin/python bench/bench_pair_joins.py [--list]
(skips without the SemEval file). ``--list`` prints the joined unrelated and the missed
same-story pairs (``--list-all``: same-language ones too).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_events import NUMBERS_SWEEP, WindowNames, numbers_rule, semeval_signals, split
from common import SEMEVAL, CachedEmbedder, semeval_pairs, skip, write_results

SAME, UNRELATED = 1.5, 3.5
# (other stories naming a key before it is a topic name, topic penalty): cluster.topics
TOPIC_SWEEP = ((2, 0.0), *((n, t) for n in (0, 1, 2, 3, 5, 8) for t in (0.05, 0.1, 0.15)))


def joins(a, b, window: WindowNames | None = None, **settings) -> tuple[bool, str]:
    """Would ``b``, placed after ``a`` in a fresh clusterer, join ``a``'s story? (joined,
    how: cascade / event / story / ''). ``window``: the other stories the window holds
    (their names: ``cluster.topics``); ``settings``: clusterer settings over the Engine's."""
    from rashomon.cluster import SignalClusterer, engine_settings
    from rashomon.cluster.cascade import clearly_same

    if clearly_same(b, a):
        return True, "cascade"
    clusterer = SignalClusterer(**engine_settings(
        **settings, name_background=None if window is None else window.without(a, b)))
    clusterer.learn_one(a, 1, 1)
    if clusterer.predict_event(b)[1] is not None:
        return True, "event"
    if clusterer.predict_one(b)[0] is not None:
        return True, "story"
    return False, ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true",
                        help="print the joined unrelated and missed same-story pairs "
                             "across languages")
    parser.add_argument("--list-all", action="store_true",
                        help="--list, same-language pairs too")
    parser.add_argument("--sweep", action="store_true",
                        help="sweep the topic-name settings (cross-language pairs) and "
                             "pairs.CONTRAST_NUMBERS (every pair)")
    args = parser.parse_args()
    if not SEMEVAL.exists():
        skip(f"{SEMEVAL} not found")
    from dataclasses import replace

    from rashomon.embed import get_embedder

    every = semeval_pairs()
    pairs = [p for p in every if p.overall <= SAME or p.overall > UNRELATED]
    embedder = CachedEmbedder(get_embedder("e5"), "semeval")
    signals = semeval_signals(every, embedder)  # every dev text: the window's stories
    embedder.save()
    window = WindowNames(signals.values())
    placed = [(p, replace(signals[p.text1], article_id=1),
               replace(signals[p.text2], article_id=2)) for p in pairs]

    def count(selected, **settings) -> tuple[dict, list]:
        counts: dict[str, dict[str, list[int]]] = defaultdict(
            lambda: defaultdict(lambda: [0, 0]))
        listed = []
        for p, a, b in selected:
            joined, how = joins(a, b, window, **settings)
            kind = "same" if p.overall <= SAME else "unrelated"
            cross = "cross" if p.lang1 != p.lang2 else "same_language"
            for part in (split(p.pair_id), "all"):
                for group in (cross, "all"):
                    cell = counts[part][f"{kind}.{group}"]
                    cell[0] += joined
                    cell[1] += 1
            if (cross == "cross" or args.list_all) and (joined != (kind == "same")):
                listed.append((p, kind, how))
        return ({part: {k: {"joined": v[0], "pairs": v[1]} for k, v in sorted(cells.items())}
                 for part, cells in sorted(counts.items())}, listed)

    figures, listed = count(placed)
    out = {"definition": "same story: Overall <= 1.5; unrelated: Overall > 3.5; joined: "
                         "the second text placed into the first's story",
           "window": "the 1,564 dev texts, one story each (cluster.topics)", **figures}
    for part in ("sample", "heldout", "all"):
        print(f"{part}: " + ", ".join(f"{k} {v['joined']}/{v['pairs']}"
                                       for k, v in out[part].items()))
    if args.sweep:  # the topic names only touch cross-language pairs
        cross = [(p, a, b) for p, a, b in placed if p.lang1 != p.lang2]
        out["topic_sweep_cross"] = {}
        for n, t in TOPIC_SWEEP:
            swept = count(cross, topic_stories=n, topic_penalty=t)[0]
            out["topic_sweep_cross"][f"{n} stories, {t}"] = swept
            print(f"  topic names {n} stories, {t}: " + "; ".join(
                f"{part} " + ", ".join(f"{k} {v['joined']}/{v['pairs']}"
                                       for k, v in swept[part].items())
                for part in ("sample", "heldout")))
        out["contrast_numbers_sweep"] = {}  # pairs.CONTRAST_NUMBERS
        for value in NUMBERS_SWEEP:
            with numbers_rule(value):
                swept = count(placed)[0]
            out["contrast_numbers_sweep"][value] = swept
            print(f"  contrast numbers {value}: " + "; ".join(
                f"{part} " + ", ".join(f"{k} {v['joined']}/{v['pairs']}"
                                       for k, v in swept[part].items() if k.endswith("all"))
                for part in ("sample", "heldout")))
    for p, kind, how in listed if args.list or args.list_all else []:
        print(f"  {kind} {split(p.pair_id)} {p.language_pair} {p.overall} {how or 'apart'}: "
              f"{p.text1.splitlines()[0][:70]!r} | {p.text2.splitlines()[0][:70]!r}")
    write_results("pair_joins", out)


if __name__ == "__main__":
    main()
