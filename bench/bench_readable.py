"""The reader's view (issue 14): can a reader of English follow every story?

On the sample corpus (in-repo, gated) for a reader of English:
- gloss coverage: of the evidence sentences in another language that carry at least one
  extracted fact (entity, date, figure, quote), the share with a non-empty gloss;
- foreign evidence glossed: the share of all evidence sentences in another language with a
  gloss (facts or another source's aligned sentence);
- readable headings: the share of disputes whose heading is the slot (not a cut sentence:
  no "of:", at most 60 characters) and whose values come as groups;
- time of the reader's view per story (ms, p95) on top of the cached report.
On the seeds (../shared/seeds, or --seeds DIR; skipped when absent): the issue's "Done when"
items — residents dispute as two groups (100,000 Italian, 120,000 Persian), every non-English
evidence glossed, the Persian residents gloss says 120,000, the participants gloss names
Louis Bono.

Writes bench/results/readable.json.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import CORPUS, SEEDS, write_results
from rashomon import api
from rashomon.compare import gloss
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore


def engine_for(paths: list[str], folder: str) -> Engine:
    engine = Engine(SQLiteStore(Path(folder) / "readable.db"))
    engine.ingest(paths)
    return engine


def evidence(report: dict) -> list[dict]:
    return list(gloss._evidence(report))


def sample_figures(folder: str) -> dict:
    engine = engine_for([str(CORPUS)], folder)
    with_fact = glossed_fact = foreign = glossed = 0
    disputes = readable_disputes = 0
    times: list[float] = []
    fire: dict = {}
    for story in engine.stories(limit=1000):
        engine.report(story.id)  # cached: the timing below is the reader's view only
        started = time.perf_counter()
        report = api.get_report(engine, story.id, "en")
        times.append((time.perf_counter() - started) * 1000)
        full = engine.story(story.id)
        sentences = gloss.Sentences({a.id: engine.facts(a.id) for a in full.articles},
                                    engine.entities(story.id))
        for e in evidence(report):
            if e.get("language") in (None, "en"):
                continue
            foreign += 1
            glossed += bool(e.get("gloss"))
            if any(sentences.of(e).values()):
                with_fact += 1
                glossed_fact += bool(e.get("gloss"))
        for c in report["contradictions"] + report["variations"]:
            disputes += 1
            heading = c.get("heading") or ""
            readable_disputes += bool(c.get("groups")) and "of:" not in heading \
                and 0 < len(heading) <= 60
            if c["kind"] == "quantity" and heading.startswith("villages"):
                fire = {"heading": heading,
                        "groups": [[g["display"], len(g["sources"])] for g in c["groups"]]}
    figures = {
        "gloss_coverage": round(glossed_fact / max(with_fact, 1), 4),
        "foreign_glossed": round(glossed / max(foreign, 1), 4),
        "foreign_sentences": foreign, "sentences_with_facts": with_fact,
        "readable_headings": round(readable_disputes / max(disputes, 1), 4),
        "disputes": disputes,
        "view_ms_p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 1) if times else None,
        "view_ms_median": round(statistics.median(times), 1) if times else None,
        "fire_villages": fire,
    }
    print(f"sample: gloss coverage {figures['gloss_coverage']:.3f} ({glossed_fact}/{with_fact}),"
          f" foreign glossed {figures['foreign_glossed']:.3f} ({glossed}/{foreign}), readable "
          f"headings {figures['readable_headings']:.3f} of {disputes}, view p95 "
          f"{figures['view_ms_p95']} ms")
    print(f"  fire villages: {fire}")
    return figures


def seed_figures(seeds: Path, folder: str) -> dict | None:
    if not seeds.is_dir():
        print(f"seeds: {seeds} absent, skipped")
        return None
    engine = engine_for([str(seeds)], folder)
    (story,) = engine.stories()
    report = api.get_report(engine, story.id, "en")
    residents = [c for c in report["contradictions"]
                 if {g["value"] for g in c.get("groups", [])} >= {100000, 120000}]
    groups = residents[0]["groups"] if residents else []
    by_value = {g["value"]: {e["language"] for e in g["evidence"]} for g in groups}
    persian = [e for e in evidence(report) if e["language"] == "fa"]
    foreign = [e for e in evidence(report) if e["language"] != "en"]
    checks = {
        "residents_two_groups": len(groups) == 2 and by_value.get(100000) == {"it"}
        and by_value.get(120000) == {"fa"},
        "every_foreign_evidence_glossed": all(e.get("gloss") for e in foreign),
        "persian_residents_gloss_120000": any(
            "residents: 120,000" in (e.get("gloss_facts") or "") for e in persian
            if "هزار" in e["sentence"]),
        "participants_gloss_louis_bono": any(
            "Louis Bono" in (e.get("gloss_facts") or "") for e in persian
            if "بونو" in e["sentence"]),
    }
    for name, hit in checks.items():
        print(f"  {'hit ' if hit else 'MISS'} seeds: {name}")
    print(f"  residents groups: {[(g['display'], g['sources']) for g in groups]}")
    return {**checks, "hits": sum(checks.values()), "items": len(checks),
            "foreign_evidence": len(foreign),
            "foreign_glossed": sum(1 for e in foreign if e.get("gloss"))}


def main() -> None:
    argv = sys.argv[1:]
    seeds = Path(argv[argv.index("--seeds") + 1]) if "--seeds" in argv else SEEDS
    with tempfile.TemporaryDirectory() as sample_dir, tempfile.TemporaryDirectory() as seed_dir:
        figures = {"sample": sample_figures(sample_dir)}
        if "--sample-only" not in argv:
            figures["seeds"] = seed_figures(seeds, seed_dir)
    write_results("readable", figures)


if __name__ == "__main__":
    main()
