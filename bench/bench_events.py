"""Events (one incident each) on real news nobody on the project wrote, and on held-out
stories of several incidents in one city.

1. SemEval pairs (../shared, real articles of many outlets): the pairs human raters call
   the same story (Overall <= 1.5) against those they call related but different
   (2.5 <= Overall <= 3.5). For each pair: would the second article join the event the
   first one opened (time and places fit, ``cluster.events.fits``, and the event score,
   less the actor penalty when the leads' actors differ, clears ``EVENT_THRESHOLD``)?
   Precision/recall/F1 of that decision on a *sample* part (two thirds of the pairs, by
   a hash of the pair id: what the event thresholds were calibrated on, ``--sweep``) and
   a *held-out* third (never looked at for calibration).
   The SemEval texts carry no publish time: their event times are read from the text.
   The pair scorer itself is fitted on all 796 pairs (bench_similarity, 5-fold), so only
   the event decision is held out there.
2. bench/heldout stories plus bench/heldout/events (multi-incident stories in one city
   over a week, written after the event thresholds were fixed; the actor penalty's
   evidence was counted on them, see ``cluster.events.EVENT_ACTOR_PENALTY``): ingested
   through ``Engine``; events B-cubed against the gold incidents, events that mix two
   incidents; then the same texts again without publish times (undated copies).

Run: .venv/bin/python bench/bench_events.py [--sweep]   (part 1 skips without ../shared)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SEMEVAL, CachedEmbedder, bcubed, semeval_pairs, write_results

HELDOUT = ROOT / "bench" / "heldout"
EVENT_STORIES = HELDOUT / "events"
SAME, RELATED = 1.5, (2.5, 3.5)
SWEEP = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
CONTRAST_SWEEP = (0.0, 0.1, 0.2, 0.3, 0.5)
ACTOR_SWEEP = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
# (other stories naming a key before it is a topic name, topic penalty): cluster.topics
TOPIC_SWEEP = ((2, 0.0), *((n, t) for n in (0, 1, 2, 3, 5, 8) for t in (0.05, 0.1, 0.15)))
# figures the one stating more must state, in one language (pairs.CONTRAST_NUMBERS)
NUMBERS_SWEEP = (1, 2, 3, 4, 5)


def numbers_rule(value: int):
    """Context: ``pairs.CONTRAST_NUMBERS`` set to ``value`` (the contrast reads it at
    every call), restored after."""
    from contextlib import contextmanager

    from rashomon.cluster import pairs

    @contextmanager
    def setting():
        kept, pairs.CONTRAST_NUMBERS = pairs.CONTRAST_NUMBERS, value
        try:
            yield
        finally:
            pairs.CONTRAST_NUMBERS = kept

    return setting()


def split(pair_id: str) -> str:
    """'heldout' for a third of the pairs (stable hash of the id), else 'sample'."""
    return "heldout" if int(hashlib.sha1(pair_id.encode()).hexdigest(), 16) % 3 == 0 \
        else "sample"


def semeval_signals(pairs, embedder) -> dict:
    from rashomon.cluster.signals import embedding_text
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    engine = Engine(SQLiteStore(":memory:"), embedder=embedder)
    texts = sorted({t for p in pairs for t in (p.text1, p.text2)})
    for start in range(0, len(texts), 64):
        chunk = [engine._article_of_text(t) for t in texts[start : start + 64]]
        embedder.passages([embedding_text(a) for a in chunk])
        embedder.save()
    return {t: engine._signals_of_text(t) for t in texts}


class WindowNames(Mapping):
    """The SemEval dev texts as a news window's stories, one story per text: for each name
    key, how many texts name it (the clusterer's ``name_background``, see
    ``cluster.topics``), the texts of the pair being decided left out (``without``)."""

    def __init__(self, signals) -> None:
        self.counts = Counter(k for s in signals for k in s.keys)
        self.left_out: tuple[set[str], ...] = ()

    def without(self, *items) -> WindowNames:
        window = WindowNames.__new__(WindowNames)
        window.counts, window.left_out = self.counts, tuple(i.keys for i in items)
        return window

    def __getitem__(self, key: str) -> int:
        count = self.counts.get(key, 0) - sum(key in keys for keys in self.left_out)
        if count <= 0:
            raise KeyError(key)
        return count

    def __iter__(self):
        return (k for k in self.counts if k in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def decide(a, b, threshold: float, penalty: float | None = None,
           actor_penalty: float | None = None, window: WindowNames | None = None,
           **settings) -> tuple[bool, str]:
    """Would ``b`` join the event ``a`` opened? (joined, why not: '' / time / place /
    weekday / score). ``window``: the stories the window holds besides the pair
    (``WindowNames``); ``settings``: other clusterer settings (the sweeps)."""
    from rashomon.cluster import SignalClusterer
    from rashomon.cluster.events import (
        EVENT_ACTOR_PENALTY,
        EVENT_CONTRAST_PENALTY,
        EventState,
        place_fits,
        time_fits,
        weekday_fits,
    )

    event = EventState(1, 1)
    event.add(a)
    if not time_fits(b, event):
        return False, "time"
    if not place_fits(b, event):
        return False, "place"
    if not weekday_fits(b, event):
        return False, "weekday"
    penalty = EVENT_CONTRAST_PENALTY if penalty is None else penalty
    actor_penalty = EVENT_ACTOR_PENALTY if actor_penalty is None else actor_penalty
    clusterer = SignalClusterer(
        event_threshold=threshold, event_contrast_penalty=penalty,
        event_actor_penalty=actor_penalty, **settings,
        name_background=None if window is None else window.without(a, b))
    clusterer.events[event.id] = event
    score = clusterer.event_decision(b, event.id, [a])
    return (score >= threshold, "" if score >= threshold else "score")


def pair_figures(rows: list[tuple[bool, bool, str]]) -> dict:
    """rows: (gold same event, predicted same event, veto reason)."""
    tp = sum(g and p for g, p, _ in rows)
    fp = sum(p and not g for g, p, _ in rows)
    fn = sum(g and not p for g, p, _ in rows)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    vetoes = Counter((("same" if g else "different"), why) for g, p, why in rows if not p)
    return {"pairs": len(rows), "same": sum(g for g, _, _ in rows),
            "precision": round(float(precision), 4), "recall": round(float(recall), 4),
            "f1": round(float(f1), 4),
            "not_joined": {f"{k[0]}:{k[1]}": v for k, v in sorted(vetoes.items())}}


def semeval_part(sweep: bool) -> dict | None:
    if not SEMEVAL.exists():
        print(f"SemEval part skipped: {SEMEVAL} not found")
        return None
    from rashomon.cluster.online import EVENT_THRESHOLD
    from rashomon.embed import get_embedder

    every = semeval_pairs()
    pairs = [p for p in every if p.overall <= SAME or RELATED[0] <= p.overall <= RELATED[1]]
    # every dev text, not only those of these pairs: the window (``WindowNames``)
    signals = semeval_signals(every, CachedEmbedder(get_embedder("e5"), "semeval"))
    window = WindowNames(signals.values())
    out: dict = {"definition": "same: Overall <= 1.5; related-but-different: 2.5..3.5",
                 "threshold": EVENT_THRESHOLD,
                 "window": "the 1,564 dev texts, one story each (cluster.topics)"}

    def run(threshold: float, penalty: float | None = None,
            actor_penalty: float | None = None, **settings) -> dict:
        rows: dict[str, list] = defaultdict(list)
        for p in pairs:
            joined, why = decide(signals[p.text1], signals[p.text2], threshold, penalty,
                                 actor_penalty, window, **settings)
            rows[split(p.pair_id)].append((p.overall <= SAME, joined, why))
        return {part: pair_figures(r) for part, r in sorted(rows.items())}

    out.update(run(EVENT_THRESHOLD))
    out["time_gaps_same_event"] = time_gaps(
        [(signals[p.text1], signals[p.text2]) for p in pairs
         if p.overall <= SAME and split(p.pair_id) == "sample"])
    for part in ("sample", "heldout"):
        print(f"SemEval {part}: {out[part]}")
    print(f"lead-date gaps of same-event sample pairs: {out['time_gaps_same_event']}")
    if sweep:
        out["sweep_sample"] = {t: run(t)["sample"] for t in SWEEP}
        for t, f in out["sweep_sample"].items():
            print(f"  threshold {t}: P {f['precision']} R {f['recall']} F1 {f['f1']}")
        out["contrast_sweep_sample"] = {c: run(EVENT_THRESHOLD, c)["sample"]
                                        for c in CONTRAST_SWEEP}
        for c, f in out["contrast_sweep_sample"].items():
            print(f"  event contrast penalty {c}: P {f['precision']} R {f['recall']} "
                  f"F1 {f['f1']}")
        out["actor_sweep"] = {a: {part: f for part, f in run(EVENT_THRESHOLD, None, a).items()}
                              for a in ACTOR_SWEEP}
        for a, parts in out["actor_sweep"].items():
            print(f"  event actor penalty {a}: " + "; ".join(
                f"{part} P {f['precision']} R {f['recall']} F1 {f['f1']}"
                for part, f in parts.items()))
        out["topic_sweep"] = {f"{n} stories, {t}": run(EVENT_THRESHOLD, topic_stories=n,
                                                         topic_penalty=t)
                              for n, t in TOPIC_SWEEP}
        for key, parts in out["topic_sweep"].items():
            print(f"  topic names {key}: " + "; ".join(
                f"{part} P {f['precision']} R {f['recall']} F1 {f['f1']}"
                for part, f in parts.items()))
        out["contrast_numbers_sweep"] = {}
        for value in NUMBERS_SWEEP:
            with numbers_rule(value):
                out["contrast_numbers_sweep"][value] = run(EVENT_THRESHOLD)
            print(f"  contrast numbers {value}: " + "; ".join(
                f"{part} P {f['precision']} R {f['recall']} F1 {f['f1']}"
                for part, f in out["contrast_numbers_sweep"][value].items()))
    return out


def time_gaps(pairs) -> dict:
    """Days between the two event times of same-event pairs whose times are both read
    from a day date (uncertainty <= 3 days): what EVENT_GAP_DAYS is calibrated on."""
    gaps = [abs((a.published - b.published).total_seconds()) / 86400 for a, b in pairs
            if a.published and b.published and a.time_uncertainty <= 3
            and b.time_uncertainty <= 3]
    if not gaps:
        return {"pairs": 0}
    return {"pairs": len(gaps), "p50": float(np.percentile(gaps, 50)),
            "p90": float(np.percentile(gaps, 90)), "p95": float(np.percentile(gaps, 95)),
            "within_3_days": round(sum(g <= 3 for g in gaps) / len(gaps), 4)}


# -- stories -------------------------------------------------------------------------


def story_records() -> list[tuple[dict, str]]:
    """(JSON record, gold incident) of the held-out stories and the multi-incident ones."""
    from bench_heldout import HELDOUT_CORPUS, heldout_items

    records = []
    for item in heldout_items():
        records.append((_record_of(HELDOUT_CORPUS, item), f"held:{item.story}"))
    for path in sorted(EVENT_STORIES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                records.append((row, f"{path.stem}:{row.pop('incident')}"))
    return records


def _record_of(corpus: Path, item) -> dict:
    """A held-out gold item as a JSON record (read through the engine's own readers)."""
    from rashomon.ingest import iter_inputs

    for read in iter_inputs([str(corpus / item.file)], 10**8):
        article = read.article
        if article is None:
            continue
        if item.url and article.url != item.url:
            continue
        # files without a URL get one of their own (one invented outlet per file)
        url = article.url or f"https://{Path(item.file).stem}.example/article"
        return {"title": article.title, "maintext": article.maintext, "url": url,
                "source_domain": article.source_domain or url.split("/")[2],
                "language": article.language,
                "date_publish": article.date_publish.isoformat()
                if article.date_publish else None}
    raise FileNotFoundError(item.file)


def ingest_records(records: list[tuple[dict, str]], embedder, dated: bool) -> dict:
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore

    folder = Path(tempfile.mkdtemp(prefix="rashomon-events-"))
    rows = []
    for row, _ in records:
        row = dict(row)
        if not dated:
            row["date_publish"] = None
        rows.append(row)
    path = folder / "stories.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                    encoding="utf-8")
    engine = Engine(SQLiteStore(folder / "events.db"), embedder=embedder)
    results = engine.ingest([str(path)])
    gold = {r.article_id: g for r, (_, g) in zip(results, records, strict=True)
            if r.article_id is not None}
    articles = {a.id: a for a in engine.store.iter_articles()}
    events = {i: articles[i].event_id for i in gold}
    stories = {i: articles[i].story_id for i in gold}
    members = defaultdict(set)
    for i, e in events.items():
        members[e].add(gold[i])
    mixed = [sorted(g) for g in members.values() if len(g) > 1]
    per_file = {}
    for name in sorted({g.split(":")[0] for g in gold.values()}):
        ids = [i for i, g in gold.items() if g.split(":")[0] == name]
        per_file[name] = bcubed({i: events[i] for i in ids}, {i: gold[i] for i in ids})
    return {"events": bcubed(events, gold), "stories_vs_incidents": bcubed(stories, gold),
            "events_mixing_incidents": len(mixed), "no_mixed_events": not mixed,
            "mixed": mixed, "per_file": per_file, "split_incidents": splits(events, gold)}


def splits(events: dict[int, int], gold: dict[int, str]) -> dict[str, list[list[int]]]:
    """The incidents told as more than one event, with the article ids of each part:
    the confusions to look at (no incident mixes two events when precision is 1.0)."""
    parts: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for article_id, incident in gold.items():
        parts[incident][events[article_id]].append(article_id)
    return {incident: sorted(p.values()) for incident, p in sorted(parts.items())
            if len(p) > 1}


def stories_part(embedder) -> dict:
    records = story_records()
    out = {"articles": len(records), "incidents": len({g for _, g in records}),
           "multi_incident_files": [p.name for p in sorted(EVENT_STORIES.glob("*.jsonl"))]}
    out["dated"] = ingest_records(records, embedder, dated=True)
    out["undated"] = ingest_records(records, embedder, dated=False)
    for name in ("dated", "undated"):
        f = out[name]
        print(f"{name}: events {f['events']}, mixing {f['events_mixing_incidents']} "
              f"{f['mixed']}, stories {f['stories_vs_incidents']}")
        print(f"  split incidents: {f['split_incidents']}")
        print("  per file: " + ", ".join(f"{k} {v['f1']}" for k, v in f["per_file"].items()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sweep", action="store_true",
                        help="sweep the event threshold on the SemEval sample part")
    parser.add_argument("--stories-only", action="store_true",
                        help="skip the SemEval part (what the gate runs: in-repo data only)")
    args = parser.parse_args()
    from rashomon.embed import get_embedder

    result = {"semeval": None if args.stories_only else semeval_part(args.sweep)}
    embedder = CachedEmbedder(get_embedder("e5"), "events")
    result["stories"] = stories_part(embedder)
    embedder.save()
    write_results("events", result)


if __name__ == "__main__":
    main()
