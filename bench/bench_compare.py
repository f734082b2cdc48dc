"""Comparison benchmark: the seeds' "Done when" list, precision/recall per report section
against bench/gold/compare/*.json, and report time per story (incl. 20-article stories).

Stories are evaluated on their *gold* membership (articles read back from the store after
a normal ingest, so copies are marked by the real near-copy detector): the figures
measure the comparison, not the clustering.

Matching rule. A gold item cites substrings (``contains``) of the articles, one per
source; a substring cited in a syndicated copy is also looked for in its original (the
report cites originals only). A system item (its evidence sentences) matches a gold item
when (1) its evidence overlaps at least ``need`` of the gold item's substrings (all of
them when the gold item has fewer): 2 for agreements and contradictions (two sources),
1 for only-in and implausible; (2) those overlapping sentences are at least half of
the item's evidence (a claim that mixes a true pair with unrelated sentences is wrong);
and (3) for contradictions, the kinds agree (a figure, a date or a place: a date
dispute citing the sentences of a figure dispute is not that dispute).
Precision matches system and gold items one-to-one (a fact listed twice is one hit and
one false positive); recall counts every gold item some system item matches (a claim is
a sentence, and one sentence may state two gold facts). Precision is computed over the
stories whose gold lists the section exhaustively (``complete``); against a partial list
every unlisted true item would count as an error. ``precision_all_stories`` is the lower
bound over every story.

Gold conventions: an agreement is stated by at least two and more than half of the
independent sources (a value most sources agree on is an agreement even when another
source disputes it, which is also a contradiction); only-in items are single-source
claims or minority claims (then with ``evidence`` listing every source); a quote cut by
the sentence splitter is cited up to its attribution.

Run: .venv/bin/python bench/bench_compare.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, ROOT, SEEDS, gold_key, write_results
from rashomon import extract
from rashomon.compare import embedding
from rashomon.compare.build import build as build_uncached
from rashomon.compare.story import build_story
from rashomon.core import Article, Event, Report, Story
from rashomon.embed import get_embedder
from rashomon.extract import linking
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

GOLD_COMPARE = ROOT / "bench" / "gold" / "compare"


def fresh_engine(paths: list[str], db: Path | None = None) -> Engine:
    """An engine over ``paths``; with ``db`` an existing ingest is reused (``--db``: the
    diagnostic loop re-runs the comparison only, ingest takes minutes)."""
    if db is not None and db.exists():
        return Engine(SQLiteStore(db), embedder=get_embedder("e5"))
    db = db or Path(tempfile.mkdtemp(prefix="bench-compare-")) / "bench.db"
    engine = Engine(SQLiteStore(db), embedder=get_embedder("e5"))
    engine.ingest(paths)
    return engine


def clear_process_caches() -> None:
    """Forget everything a previous report left in process (sentence vectors, name vectors,
    transliteration keys), so a timing is a cold one."""
    embedding._memory.clear()
    linking._name_cache.clear()
    linking.link_key.cache_clear()


def timed_report(engine: Engine, story: Story) -> tuple[dict, float]:
    """Report of ``story`` with nothing cached (sentence vectors and report rebuilt)."""
    clear_process_caches()
    facts = {a.id: engine.facts(a.id) for a in story.articles}
    started = time.perf_counter()
    entities = extract.link_entities(story.articles, facts)
    report = build_uncached(story, facts, entities, engine.embedder, engine.store)
    return report.to_dict(), time.perf_counter() - started


def warm_time(engine: Engine, story: Story) -> float:
    """Report time when sentence vectors and linked entities are cached in the store, as
    ``Engine.report`` finds them after the first report (the report itself is rebuilt)."""
    clear_process_caches()
    facts = {a.id: engine.facts(a.id) for a in story.articles}
    entities = extract.link_entities(story.articles, facts)
    started = time.perf_counter()
    build_uncached(story, facts, entities, engine.embedder, engine.store)
    return time.perf_counter() - started


# -- matching ---------------------------------------------------------------------------


class Locator:
    """Finds where a gold ``contains`` substring lies in an ingested article."""

    def __init__(self, engine: Engine):
        self.by_key: dict[tuple[str, str | None], Article] = {}
        self.by_id: dict[int, Article] = {}
        for article in engine.store.iter_articles():
            rel, _ = gold_key(article.source_path, article.url)
            self.by_key[(rel, article.url)] = article
            self.by_key.setdefault((rel, None), article)
            self.by_id[article.id] = article

    def article(self, file: str, url: str | None) -> Article | None:
        return self.by_key.get((file, url)) or self.by_key.get((file, None))

    def span(self, file: str, url: str | None, contains: str) -> list[tuple[int, int, int]]:
        """Where the gold substring lies: in the cited article and, when that article is
        a syndicated copy, also in its original (the report cites the original only, as
        copies never count as a separate witness)."""
        article = self.article(file, url)
        if article is None:
            return []
        found = [s for s in (self._find(article, contains),) if s]
        if article.duplicate_of is not None and article.duplicate_of in self.by_id:
            original = self._find(self.by_id[article.duplicate_of], contains)
            found += [original] if original else []
        return found

    @staticmethod
    def _find(article: Article, contains: str) -> tuple[int, int, int] | None:
        at = article.maintext.find(contains)
        if at < 0:
            at = article.maintext.casefold().find(contains.casefold())
        return None if at < 0 else (article.id, at, at + len(contains))


def covers(evidence: dict, span: list[tuple[int, int, int]]) -> bool:
    """Does one evidence sentence overlap one of the gold span's locations?"""
    return any(evidence["article_id"] == article_id and evidence["start"] < end
               and start < evidence["end"] for article_id, start, end in span)


Span = list[tuple[int, int, int]]


class KindSpans(list):
    """A gold contradiction's spans with its kind: a date dispute is not credited for a
    figure dispute that happens to cite the same sentences."""

    def __init__(self, spans: list, kind: str):
        super().__init__(spans)
        self.kind = kind


#: Kinds that count as the same for matching: a duration is a figure too.
_KIND_FAMILY = {"quantity": "figure", "duration": "figure", "date": "date", "place": "place"}


def matches(evidence: list[dict], spans: list[Span], need: int) -> bool:
    """The matching rule (documented in the module docstring): the item's evidence covers
    at least ``need`` of the gold item's spans (all when it has fewer), and those covered
    sentences make up at least half of the item's evidence; a contradiction also needs
    the gold one's kind (figure, date or place)."""
    kind = evidence[0].get("_kind") if evidence else None
    if kind and isinstance(spans, KindSpans) and \
            _KIND_FAMILY.get(kind, kind) != _KIND_FAMILY.get(spans.kind, spans.kind):
        return False
    hit = sum(1 for s in spans if any(covers(e, s) for e in evidence))
    if hit < min(need, len(spans)) or hit == 0:
        return False
    on_gold = sum(1 for e in evidence if any(covers(e, s) for s in spans))
    return on_gold * 2 >= len(evidence)


def one_to_one(system: list[list[dict]], gold: list[list[Span]], need: int) -> dict[int, int]:
    """Maximum matching system item -> gold item (augmenting paths): a fact reported
    twice is one hit and one false positive, and one system item answers one gold item."""
    edges = [[g for g, spans in enumerate(gold) if matches(ev, spans, need)] for ev in system]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for g in edges[i]:
            if g not in seen:
                seen.add(g)
                if g not in owner or place(owner[g], seen):
                    owner[g] = i
                    return True
        return False

    for i in range(len(system)):
        place(i, set())
    return {i: g for g, i in owner.items()}


def score_section(system: list[list[dict]], gold: list[list[Span]], need: int) -> dict:
    """Precision under a one-to-one matching (a fact listed twice is one hit and one
    false positive); recall counts every gold item some system item matches (the unit
    of a claim is a sentence, and one sentence may state two gold facts: "at 03:17, in
    the Yesilyurt district")."""
    tp_sys = len(one_to_one(system, gold, need))
    tp_gold = sum(1 for g in gold if any(matches(ev, g, need) for ev in system))
    return {
        "system": len(system), "gold": len(gold),
        "precision": round(tp_sys / len(system), 3) if system else None,
        "recall": round(tp_gold / len(gold), 3) if gold else None,
        "tp_system": tp_sys, "tp_gold": tp_gold,
    }


Section = tuple[list[list[dict]], list[list], int, list[str], list[str]]


def sections_of(gold: dict, report: dict, loc: Locator) -> dict[str, Section]:
    """Per section: system evidence lists, gold span lists, spans needed, and labels."""
    def spans(items: list[dict]) -> list:
        return [loc.span(e["file"], e.get("url"), e["contains"]) for e in items]

    def label(ev: list[dict]) -> str:
        return " || ".join(f"{e['source']}: {e['sentence'][:90]}" for e in ev[:3]) + (
            f" (+{len(ev) - 3})" if len(ev) > 3 else "")

    ag, oi = gold.get("agreements", []), gold.get("only_in", [])
    co, im = gold.get("contradictions", []), gold.get("implausible", [])
    only_sys: dict[str, list[dict]] = {}
    for claims in report["only_in"].values():
        for c in claims:
            only_sys[c["id"]] = c["evidence"]
    contra = [[{**v["evidence"], "_kind": c["kind"]} for v in c["values"]]
              for c in report["contradictions"]]
    impl = [[i["evidence"]] for i in report["implausible"]]
    return {
        "agreements": ([c["evidence"] for c in report["agreements"]],
                       [spans(g["evidence"]) for g in ag], 2,
                       [label(c["evidence"]) for c in report["agreements"]],
                       [g["claim"] for g in ag]),
        "only_in": (list(only_sys.values()), [spans(g.get("evidence", [g])) for g in oi], 1,
                    [label(ev) for ev in only_sys.values()],
                    [f"{g['claim']} [{g['file'].split('/')[-1]}]" for g in oi]),
        "contradictions": (contra, [KindSpans(spans(g["values"]), g.get("kind", ""))
                                    for g in co], 2,
                           [c["slot"] + " :: " + ", ".join(
                               f"{v['source']}={v['value']}" for v in c["values"])
                            for c in report["contradictions"]],
                           [g["slot"] for g in co]),
        "implausible": (impl, [spans([g]) for g in im], 1,
                        [f"{i['reason'][:120]} :: {i['evidence']['sentence'][:80]}"
                         for i in report["implausible"]],
                        [g["claim"] for g in im]),
    }


def evaluate_story(gold: dict, report: dict, loc: Locator) -> dict[str, dict]:
    """Scores per section, each flagged ``complete`` when the gold story lists that
    section exhaustively (its ``complete`` key); only those count toward precision."""
    complete = set(gold.get("complete", []))
    return {name: {**score_section(system, gold_spans, need), "complete": name in complete}
            for name, (system, gold_spans, need, _, _) in
            sections_of(gold, report, loc).items()}


def evaluate_items(gold: dict, report: dict, loc: Locator
                   ) -> dict[str, tuple[list[tuple[str, bool]], list[tuple[str, bool]]]]:
    out = {}
    for name, (system, gold_spans, need, sys_labels, gold_labels) in \
            sections_of(gold, report, loc).items():
        pairs = one_to_one(system, gold_spans, need)
        sys_items = [(lab, i in pairs) for i, lab in enumerate(sys_labels)]
        gold_items = [(lab, any(matches(ev, g, need) for ev in system))
                      for lab, g in zip(gold_labels, gold_spans, strict=True)]
        out[name] = (sys_items, gold_items)
    return out


def sum_sections(per_story: dict[str, dict]) -> dict[str, dict]:
    """Recall over every gold story; precision over the stories whose gold lists the
    section exhaustively (against a partial list every unlisted true item would count as
    an error), with ``precision_all_stories`` as the lower bound over all of them."""
    totals: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for sections in per_story.values():
        for name, s in sections.items():
            for k in ("system", "gold", "tp_system", "tp_gold"):
                totals[name][k] += s[k]
            if s["complete"]:
                totals[name]["complete_stories"] += 1
                totals[name]["system_complete"] += s["system"]
                totals[name]["tp_system_complete"] += s["tp_system"]
    out = {}
    for name, t in totals.items():
        out[name] = {
            **t,
            "precision": _ratio(t["tp_system_complete"], t["system_complete"]),
            "precision_all_stories": _ratio(t["tp_system"], t["system"]),
            "recall": _ratio(t["tp_gold"], t["gold"]),
        }
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


# -- gold corpus ------------------------------------------------------------------------


def gold_stories() -> dict[str, dict]:
    stories = {}
    for path in sorted(GOLD_COMPARE.glob("*.json")):
        for story in json.loads(path.read_text(encoding="utf-8")):
            stories[str(story["story"])] = story
    return stories


def membership(loc: Locator) -> dict[str, list[Article]]:
    """Gold story -> its ingested articles (from src/rashomon/sample/gold/*.json)."""
    members: dict[str, list[Article]] = defaultdict(list)
    for path in sorted((CORPUS.parent / "gold").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            article = loc.article(row["file"], row.get("url"))
            if article is not None and article not in members[str(row["story"])]:
                members[str(row["story"])].append(article)
    return members


def run_gold(engine: Engine, diagnose_to: Path | None = None) -> dict:
    loc = Locator(engine)
    listing: list[str] = []
    members = membership(loc)
    per_story, times = {}, {}
    for name, gold in gold_stories().items():
        articles = members.get(name, [])
        if len(articles) < 2:
            print(f"  {name}: fewer than 2 articles found, skipped")
            continue
        story = Story(id=0, title=name, articles=articles)
        report, seconds = timed_report(engine, story)
        times[name] = {"articles": len(articles), "cold_s": round(seconds, 3),
                       "warm_s": round(warm_time(engine, story), 3)}
        per_story[name] = evaluate_story(gold, report, loc)
        if diagnose_to is not None:
            listing.append(f"== {name}")
            diagnose(gold, report, loc, listing)
        line = "  ".join(
            f"{k} P={v['precision']} R={v['recall']}" for k, v in per_story[name].items()
        )
        print(f"  {name} ({len(articles)} articles, {seconds:.2f}s): {line}")
    if diagnose_to is not None:
        diagnose_to.write_text("\n".join(listing) + "\n", encoding="utf-8")
    return {"per_story": per_story, "overall": sum_sections(per_story), "times": times}


#: Cold timings repeat: other processes share the 2 cores and one run can take 4x another.
COLD_RUNS = 3


def cold_report(engine: Engine, story: Story, events: list[Event] | None = None,
                store_vectors: bool = True) -> tuple[Report, float]:
    """``_cold_report`` without its CPU time."""
    report, wall, _ = _cold_report(engine, story, events, store_vectors)
    return report, wall


def _cold_report(engine: Engine, story: Story, events: list[Event] | None = None,
                 store_vectors: bool = True) -> tuple[Report, float, float]:
    """A report as ``Engine.report`` builds it when no report is cached: facts read from
    the store, entities linked, sentence vectors read from the store (computed by the
    story's first reader, ``first_reads``), name vectors recalled from the store, every
    event compared. In-process caches are cleared first, and the story has no id, so no
    cached report or event comparison is used. ``store_vectors=False``: every sentence
    and name embedded at report time (what a story's first report pays)."""
    clear_process_caches()
    started, cpu = time.perf_counter(), time.process_time()
    facts = {a.id: engine.facts(a.id) for a in story.articles}
    if store_vectors:  # as Engine.entities does: the name vectors ingest stored
        embedding.recall_names(engine.store, facts, engine.embedder.name)
    entities = extract.link_entities(story.articles, facts)
    report = build_story(story, facts, entities, engine.embedder,
                         engine.store if store_vectors else None, events=events)
    return report, time.perf_counter() - started, time.process_time() - cpu


def distinct_articles(engine: Engine, n: int) -> tuple[list[Article], list[Event]]:
    """``n`` distinct articles of the gold stories (name order), and one event per gold
    story: stories of several real incidents."""
    members = membership(Locator(engine))
    articles, events = [], []
    for name in sorted(members):
        take = members[name][:max(0, n - len(articles))]
        if take:
            articles += take
            events.append(Event(len(events) + 1, None, [a.id for a in take], title=name))
    return articles, events


def run_events(engine: Engine) -> dict | None:
    """A 40-article story made of 8 gold stories (8 incidents), compared per event:
    every dispute must cite one event's articles only (share 1.0); as one event, the
    same articles set figures of different incidents against each other."""
    articles, events = distinct_articles(engine, 40)
    if len(articles) < 40:
        return None
    story = Story(id=None, title="40 articles, 8 incidents", articles=articles)
    report, seconds = cold_report(engine, story, events)
    owner = {i: e.id for e in events for i in e.article_ids}
    within = [len({owner[v["evidence"].article_id] for v in c.values}) == 1
              for c in report.contradictions + report.variations]
    print(f"  40 articles in {len(events)} events: {len(within)} disputes and variations, "
          f"{sum(within)} within one event; {len(report.between_events)} between-event "
          f"figures; {seconds:.2f}s")
    return {"articles": len(articles), "events": len(events),
            "disputes": len(within), "within_one_event_share":
            round(sum(within) / len(within), 3) if within else 1.0,
            "between_events": len(report.between_events), "report_s": round(seconds, 3)}


def first_reads(engine: Engine) -> dict:
    """``Engine.comparison_vectors`` of every story with two articles or more, as each
    story's first report computes them: wall and CPU seconds in all, articles embedded."""
    clear_process_caches()
    started, cpu, embedded = time.perf_counter(), time.process_time(), 0
    for listed in engine.stories(limit=10_000):
        embedded += engine.comparison_vectors(engine.story(listed.id).articles)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  first reads of every story: {embedded} articles' vectors in {seconds:.2f}s wall, "
          f"{cpu:.2f}s CPU")
    return {"articles": embedded, "seconds": round(seconds, 3), "cpu_s": round(cpu, 3),
            "load_avg_1": round(os.getloadavg()[0], 2)}


def run_budget(engine: Engine, light: bool = False) -> dict:
    """The issue's budgets: a 20-article event < 1 s cold, a 40-article story < 3 s,
    an article joining one event recompares that event only, and the web never waits
    more than 200 ms (``Engine.report(wait=False)``). Wall time is inflated by whatever
    else runs on the shared cores, so each build's CPU time (``time.process_time``, all
    threads of this process) is recorded beside it, with the load average: the CPU time
    is the stable figure (gated as ``budget_over_cpu``, the budget divided by it).
    "Cold": no cached report or event comparison and the in-process caches cleared, in a
    process that has its models and gazetteers loaded (loading them is once per process,
    ``one_time``). ``light`` (the gate): no embedding-at-report-time comparison run."""
    figures: dict = {"load_avg_1_5_15_before": [round(x, 2) for x in os.getloadavg()]}
    articles, _ = distinct_articles(engine, 20)
    event20 = Story(id=None, title="20 distinct", articles=articles)
    runs = [_cold_report(engine, event20)[1:] for _ in range(COLD_RUNS)]
    sentences = sum(len(embedding.sentence_texts(a.maintext)) for a in articles)
    figures["event20"] = _budget_figures(runs, 1.0, articles=20, sentences=sentences)
    if not light:
        figures["event20"]["embedding_at_report_s"] = round(
            cold_report(engine, event20, store_vectors=False)[1], 3)
    print(f"  20-article event ({sentences} sentences): cold "
          f"{figures['event20']['cold_s']:.2f}s wall, {figures['event20']['cpu_s']:.2f}s CPU "
          "(stored vectors and facts)")
    articles, events = distinct_articles(engine, 40)
    story = Story(id=None, title="40", articles=articles)
    runs = [_cold_report(engine, story, events)[1:] for _ in range(COLD_RUNS)]
    figures["story40"] = _budget_figures(runs, 3.0, articles=40, events=len(events))
    print(f"  40-article story, {len(events)} events: cold {figures['story40']['cold_s']:.2f}s "
          f"wall, {figures['story40']['cpu_s']:.2f}s CPU")
    figures["incremental"] = run_incremental(engine, articles, events)
    figures["web_wait"] = run_web_wait(engine)
    figures["load_avg_1_5_15_after"] = [round(x, 2) for x in os.getloadavg()]
    figures["one_time"] = one_time_loads()
    return figures


def one_time_loads() -> dict:
    """CPU seconds a fresh process spends, once, loading what its first report needs
    beyond the stored facts and vectors: the GeoNames table and its place keys (read by
    place disputes; an ingesting process has the table loaded already)."""
    import subprocess

    code = ("import time; c = time.process_time(); "
            "from rashomon.compare.place_slots import known_place_keys; "
            "known_place_keys(); print(round(time.process_time() - c, 3))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=600)
    cpu = float(done.stdout.strip() or "nan")
    print(f"  once per process: gazetteer and place keys {cpu:.2f}s CPU")
    return {"gazetteer_cpu_s": cpu}


def _budget_figures(runs: list[tuple[float, float]], budget: float, **what) -> dict:
    """Median wall and CPU seconds of the cold runs against the budget."""
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    return {**what, "cold_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "cold_runs_s": [round(w, 3) for w, _ in runs],
            "cpu_runs_s": [round(c, 3) for _, c in runs], "budget_s": budget,
            "met_cpu": cpu < budget, "met_wall": wall < budget,
            "budget_over_cpu": round(budget / max(cpu, 1e-3), 2)}


def run_incremental(engine: Engine, articles: list[Article], events: list[Event]) -> dict:
    """The 40-article story with its events' comparisons cached; one article joins the
    last event: only that event is compared again."""
    story_id = -1  # a key for the event cache only (no story row: no report is cached)
    last = events[-1]
    joining = last.article_ids[-1]
    before = [Event(e.id, story_id, [i for i in e.article_ids if i != joining],
                    title=e.title) for e in events]
    story = Story(id=story_id, title="40", articles=[a for a in articles if a.id != joining])
    facts = {a.id: engine.facts(a.id) for a in articles}
    build_story(story, facts, extract.link_entities(story.articles, facts), engine.embedder,
                engine.store, events=before)
    clear_process_caches()
    grown = Story(id=story_id, title="40", articles=articles)
    started, cpu = time.perf_counter(), time.process_time()
    embedding.recall_names(engine.store, facts, engine.embedder.name)
    entities = extract.link_entities(grown.articles, facts)
    build_story(grown, facts, entities, engine.embedder, engine.store,
                events=[Event(e.id, story_id, e.article_ids, title=e.title) for e in events])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  one article joins one of {len(events)} events: report rebuilt in {seconds:.2f}s "
          f"wall, {cpu:.2f}s CPU")
    return {"articles": len(articles), "events": len(events), "rebuild_s": round(seconds, 3),
            "rebuild_cpu_s": round(cpu, 3)}


def run_web_wait(engine: Engine) -> dict:
    """``Engine.report(wait=False)`` on the largest stored story with no current report:
    how long the caller waits (the build runs in the background)."""
    stories = sorted(engine.stories(limit=500), key=lambda s: -s.article_count)
    story_id = stories[0].id
    engine.store.execute("DELETE FROM reports WHERE story_id = ?", (story_id,))
    started = time.perf_counter()
    answer = engine.report(story_id, wait=False)
    waited = time.perf_counter() - started
    built = time.perf_counter()
    engine._report_builds().request(story_id, lambda: None).result(timeout=600)
    built = time.perf_counter() - built
    started = time.perf_counter()
    ready = engine.report(story_id, wait=False)
    cached = time.perf_counter() - started
    print(f"  web: report(wait=False) answered in {waited * 1000:.0f} ms while building "
          f"({built:.2f}s in the background), {cached * 1000:.0f} ms once built")
    return {"story_articles": stories[0].article_count, "waited_ms": round(waited * 1000, 1),
            "answer_while_building": answer is None, "ready_ms": round(cached * 1000, 1),
            "ready": ready is not None, "background_build_s": round(built, 3),
            "budget_ms": 200, "met": waited < 0.2 and cached < 0.2}


# -- seeds ------------------------------------------------------------------------------

#: The issue's "Done when" list as short keywords (names, places, numbers), never seed
#: sentences: (section, description, Italian keyword, Persian keyword).
SEED_AGREEMENTS = [
    ("meeting in Istanbul on 17 September 2023", "Istanbul", "استانبول"),
    ("Louis Bono, Toivo Klaar, Igor Khovaev", "Bono", "بونو"),
    ("aim: end the blockade of the Lachin corridor", "Lachin", "محاصره"),
    ("food and fuel deliveries", "carburante", "سوخت"),
    ("EU official: keep channels open", "canali di comunicazione", "کانالهای ارتباطی"),
    ("State Department declines to comment", "Dipartimento di Stato", "وزارت خارجه آمریکا"),
]
SEED_ONLY_FA = [("Peskov disputes the report", "پسکوف"),
                ("Blinken-Lavrov at the G20 in India", "بلینکن")]
SEED_ONLY_IT = [("19 September offensive", "19 settembre"),
                ("20 September ceasefire/capitulation", "20 settembre"),
                ("four interior-ministry employees killed", "Ministero degli Affari Interni"),
                ("Aliyev's statement", "Aliyev")]


def run_seeds() -> dict | None:
    if not SEEDS.is_dir():
        print("seeds: ../shared/seeds absent, skipped")
        return None
    engine = fresh_engine([str(SEEDS)])
    articles = list(engine.store.iter_articles())
    story = Story(id=0, title="seeds", articles=articles)
    report, seconds = timed_report(engine, story)
    lang = {a.id: a.language for a in articles}
    checks = []

    def has(evidence: list[dict], word: str, language: str) -> bool:
        return any(word in e["sentence"] and lang[e["article_id"]] == language
                   for e in evidence)

    for what, it_word, fa_word in SEED_AGREEMENTS:
        hit = any(has(c["evidence"], it_word, "it") and has(c["evidence"], fa_word, "fa")
                  for c in report["agreements"])
        checks.append(("agreement", what, hit))
    residents = [c for c in report["contradictions"]
                 if {v["value"] for v in c["values"]} >= {100000, 120000}]
    checks.append(("contradiction", "residents ~100,000 (it) vs 120,000 (fa)",
                   bool(residents)))
    only = [c for cs in report["only_in"].values() for c in cs if len(c["sources"]) == 1]
    for what, word in SEED_ONLY_FA:
        checks.append(("only in fa", what, any(has(c["evidence"], word, "fa") for c in only)))
    for what, word in SEED_ONLY_IT:
        checks.append(("only in it", what, any(has(c["evidence"], word, "it") for c in only)))
    checks.append(("implausible", "dissolution by 1 September 2023",
                   any("2023-09-01" in i["reason"] for i in report["implausible"])))
    for section, what, hit in checks:
        print(f"  {'hit ' if hit else 'MISS'} {section}: {what}")
    hits = sum(1 for *_, hit in checks if hit)
    print(f"  seeds: {hits}/{len(checks)} done-when items, report {seconds:.2f}s")
    return {"hits": hits, "items": len(checks), "report_s": round(seconds, 3),
            "checks": [{"section": s, "item": w, "hit": h} for s, w, h in checks]}


def diagnose(gold: dict, report: dict, loc: Locator, out: list[str]) -> None:
    """List, per section, every system item (HIT/miss against gold) and every gold item
    (found/MISSED), so each error can be attributed to the system, the matching rule or
    the gold."""
    sections = evaluate_items(gold, report, loc)
    for name, (sys_items, gold_items) in sections.items():
        out.append(f"  [{name}]")
        for label, hit in sys_items:
            out.append(f"    {'HIT ' if hit else 'miss'} sys  {label}")
        for label, hit in gold_items:
            out.append(f"    {'found ' if hit else 'MISSED'} gold {label}")


def _args() -> dict:
    args = {"db": None, "diagnose": None}
    argv = sys.argv[1:]
    for flag in args:
        if f"--{flag}" in argv:
            args[flag] = Path(argv[argv.index(f"--{flag}") + 1])
    return args


def run_heldout_only() -> dict:
    """The held-out comparison figures alone (bench_heldout's comparison part, same gold,
    same matching rule), printed as section totals only: held-out is for measuring a
    change, never for reading its errors one by one. Nothing is written."""
    from bench_clustering import ingest
    from bench_heldout import HELDOUT_CORPUS, comparison, heldout_items

    engine = ingest([str(HELDOUT_CORPUS)], get_embedder("e5"))
    result = comparison(engine, heldout_items())
    engine.close()
    for name, s in result.get("overall", {}).items():
        print(f"  held-out {name}: P={s['precision']} R={s['recall']} "
              f"(system {s['system']}, gold {s['gold']})")
    return result


def main() -> None:
    """``--db FILE`` reuses (or keeps) the corpus ingest; ``--diagnose FILE`` writes the
    per-item listing; ``--gold-only`` skips the seeds and the 20-article timing;
    ``--heldout-only`` prints the held-out comparison totals and writes nothing."""
    if "--heldout-only" in sys.argv:
        run_heldout_only()
        return
    args = _args()
    gold_only = "--gold-only" in sys.argv
    print("seeds (issue 4 'Done when'):")
    seeds = run_seeds()
    figures: dict = {"seeds": seeds}
    if GOLD_COMPARE.is_dir() and any(GOLD_COMPARE.glob("*.json")):
        print("gold comparison (sample corpus):")
        started = time.perf_counter()
        engine = fresh_engine([str(CORPUS)], args["db"])
        figures["ingest"] = {"articles": engine.store.count_articles(),
                             "seconds": round(time.perf_counter() - started, 1)}
        # each shared story's first reader embeds its claim sentences and names (ingest
        # does not, by default): done here for every story, so the reports below read them
        figures["first_read"] = first_reads(engine)
        gold = run_gold(engine, args["diagnose"])
        figures.update(gold=gold["overall"], per_story=gold["per_story"], times=gold["times"])
        for name, s in gold["overall"].items():
            print(f"  overall {name}: P={s['precision']} R={s['recall']} "
                  f"(P over all stories {s['precision_all_stories']}; "
                  f"{s['complete_stories']} stories complete; "
                  f"system {s['system']}, gold {s['gold']})")
        print("events:")
        figures["events"] = run_events(engine)
        print("timing:")
        figures["budget"] = run_budget(engine, light=gold_only)
        if gold_only:
            write_results("bench_compare", figures)
            return
        # Other processes share the 2 cores; the load says how far timings are inflated.
        figures["load_avg_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
        figures["stories_evaluated"] = len(gold["per_story"])
    else:
        print("gold comparison: bench/gold/compare/ absent, skipped")
    write_results("bench_compare", figures)


if __name__ == "__main__":
    main()
