"""Extraction benchmark: P/R/F1 per type and language on the gold set, cross-article
linking accuracy, speed, and the issue's "Done when" checks on the two seeds.

Gold: bench/gold/extraction/*.json (entities with label and canonical name, dates with
ISO values, quantities with values), articles of src/rashomon/sample/corpus. Matching:
dates and quantities by normalized value (multiset); for dates, repeats of the same
(surface, value) are first collapsed on each side -- the date gold lists each distinct
mention once ("Sunday" said four times is one gold item), as entities are compared on
unique (text, label); the quantity gold lists every occurrence --, entities by folded
surface overlap (one contains the other) and equal label.
Scope: facts carry offsets into the article text (maintext), so the gold lists what the
text says; items only the title says (a headline's "60%") are not annotated.
Linking: every pair of gold-matched mentions in
different articles of one predicted story is correct when "same entity id" agrees with
"same gold canonical name".

Run: .venv/bin/python bench/bench_extraction.py [--errors all|it,de,...]
(--errors also prints, per gold article of those languages, the entities, dates and
quantities missed (FN) and the ones predicted wrongly (FP).)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS, ROOT, SEEDS, write_results
from rashomon.extract import extract_facts
from rashomon.extract.lexicon import fold
from rashomon.pipeline import Engine
from real_scoring import prf  # one P/R/F1 for every span score of bench/

GOLD_DIR = ROOT / "bench" / "gold" / "extraction"


def load_gold() -> list[dict]:
    items: list[dict] = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        items.extend(json.loads(path.read_text()))
    return items


def ingest(paths: list[str]) -> tuple[Engine, list]:
    db = Path(tempfile.mkdtemp()) / "bench.db"
    engine = Engine(str(db))
    engine.ingest(paths)
    return engine, list(engine.store.iter_articles())


def gold_article(gold: dict, articles: list, corpus: Path = CORPUS):
    """The ingested article a gold item describes (by file path relative to ``corpus``, then
    URL)."""
    for article in articles:
        source = (article.source_path or "").replace(str(corpus) + "/", "")
        path = source.split("#")[0].rsplit(":", 1)[0] if not source.endswith(".html") else source
        if path != gold["file"] and not source.startswith(gold["file"]):
            continue
        if gold.get("url") and article.url != gold["url"]:
            continue
        return article
    return None


def _overlap(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a) and bool(b) and (a in b or b in a)


def match_entities(pred: list, gold: list[dict]) -> tuple[int, int, int, list]:
    """Unique (text, label) on both sides; returns tp_gold, n_pred, n_gold, pairs."""
    pred_unique = {(m.text, m.label): m for m in pred}
    gold_unique = {(g["text"], g["label"]): g for g in gold}
    tp_gold = sum(
        any(_overlap(t, pt) and lab == pl for pt, pl in pred_unique) for t, lab in gold_unique
    )
    tp_pred = 0
    pairs = []  # (mention, gold canonical) for linking
    for (pt, pl), mention in pred_unique.items():
        hit = next((g for (t, lab), g in gold_unique.items() if _overlap(t, pt) and lab == pl),
                   None)
        if hit:
            tp_pred += 1
            pairs.append((mention, hit["canonical"]))
    return tp_gold, tp_pred, len(pred_unique), len(gold_unique), pairs


def match_values(pred: list, gold: list) -> int:
    left = Counter(pred)
    tp = 0
    for value in gold:
        if left[value] > 0:
            left[value] -= 1
            tp += 1
    return tp


def scored_dates(facts) -> list:
    """The dates this value-matched measure scores: a day shown without a year ("--03-12",
    granularity "monthday": the text gives no year) can match no ISO gold value and is no
    wrong value either, so it counts neither way (its gold day stays missed)."""
    return [d for d in facts.dates if d.granularity != "monthday"]


def _distinct(pairs) -> list[str]:
    """Values of the distinct (folded surface, value) pairs, in first-seen order."""
    return [value for _, value in dict.fromkeys(pairs)]


def _qvalue(value) -> str:
    return f"{float(value):.6g}"


def print_errors(gold: dict, facts) -> None:
    """FN/FP of one gold article: the diagnostic the per-language fixes were read from."""
    print(f"=== {gold['language']} {gold['file']} {gold.get('url') or ''}")
    pred = {(m.text, m.label) for m in facts.mentions}
    want = {(g["text"], g["label"]) for g in gold["entities"]}
    hit = lambda a, b: _overlap(a[0], b[0]) and a[1] == b[1]  # noqa: E731
    print("  entities FN:", sorted(w for w in want if not any(hit(w, p) for p in pred)))
    print("  entities FP:", sorted(p for p in pred if not any(hit(w, p) for w in want)))
    for kind, got, exp in (  # dates as scored: each distinct (surface, value) once
            ("dates", list(dict.fromkeys((fold(d.text), d.value) for d in scored_dates(facts))),
             list(dict.fromkeys((fold(d["text"]), str(d["value"])) for d in gold["dates"]))),
            ("quantities", [(q.text, _qvalue(q.value)) for q in facts.quantities],
             [(q["text"], _qvalue(q["value"])) for q in gold["quantities"]])):
        extra = Counter(v for _, v in got) - Counter(v for _, v in exp)
        missing = Counter(v for _, v in exp) - Counter(v for _, v in got)
        if extra or missing:
            print(f"  {kind} FN:", [t for t in exp if missing[t[1]]])
            print(f"  {kind} FP:", [t for t in got if extra[t[1]]])


def evaluate_gold(gold_items: list[dict], errors: set[str] | None = None) -> dict:
    engine, articles = ingest([str(CORPUS)])
    figures = score_gold(engine, articles, gold_items, errors)
    figures["speed"] = speed([a for a in articles if a.maintext])
    engine.close()
    return figures


def score_gold(engine: Engine, articles: list, gold_items: list[dict],
               errors: set[str] | None = None, corpus: Path = CORPUS) -> dict:
    """P/R/F1 per type and language plus linking accuracy of ``articles`` (ingested into
    ``engine`` from ``corpus``) against ``gold_items``; bench_heldout scores its own
    corpus with it."""
    per_lang: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    link_pairs: dict[int, list] = defaultdict(list)
    typed: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    missing = []
    for gold in gold_items:
        article = gold_article(gold, articles, corpus)
        if article is None:
            missing.append(gold["file"] + (f" {gold['url']}" if gold.get("url") else ""))
            continue
        facts = engine.facts(article.id)
        lang = gold["language"]
        if errors is not None and (not errors or lang in errors):
            print_errors(gold, facts)
        tp_gold, tp_pred, n_pred, n_gold, pairs = match_entities(facts.mentions, gold["entities"])
        # precision counts matched predictions, recall matched gold items
        _add(per_lang[lang]["entities"], totals["entities"], (tp_pred, n_pred, 0))
        _add(per_lang[lang]["entities_recall"], totals["entities_recall"], (tp_gold, 0, n_gold))
        link_pairs[article.story_id].extend((article.id, m, c) for m, c in pairs)
        found_gold, found_pred, count_pred, count_gold, _ = match_entities(
            [m for m in facts.mentions if m.label in TYPED],
            [g for g in gold["entities"] if g["label"] in TYPED])
        _add(typed[lang], typed["overall"], (found_pred, count_pred, found_gold, count_gold))
        dates_pred = _distinct((fold(d.text), d.value) for d in scored_dates(facts))
        dates_gold = _distinct((fold(d["text"]), str(d["value"])) for d in gold["dates"])
        tp = match_values(dates_pred, dates_gold)
        _add(per_lang[lang]["dates"], totals["dates"], (tp, len(dates_pred), len(dates_gold)))
        q_pred = [_qvalue(q.value) for q in facts.quantities]
        q_gold = [_qvalue(q["value"]) for q in gold["quantities"]]
        tp = match_values(q_pred, q_gold)
        _add(per_lang[lang]["quantities"], totals["quantities"], (tp, len(q_pred), len(q_gold)))
    figures = {"articles": len(gold_items) - len(missing), "missing": missing,
               "overall": _summary(totals), "per_language": {
                   lang: _summary(d) for lang, d in sorted(per_lang.items())}}
    figures["linking"] = linking_accuracy(engine, link_pairs)
    figures["entities_per_org_loc"] = {key: _typed_summary(row) for key, row in
                                       sorted(typed.items())}
    return figures


#: Issue 16 sets its entity bar on PER, ORG and LOC (exact span and label): MISC is
#: dropped from both sides for that figure, since its conventions differ between the gold
#: sets (nationality adjectives are MISC in the sample gold, not in the held-out one) and
#: between the NER training sources.
TYPED = {"PER", "ORG", "LOC"}


def _typed_summary(row: list[int]) -> dict:
    found_pred, count_pred, found_gold, count_gold = row
    p = found_pred / count_pred if count_pred else 1.0
    r = found_gold / count_gold if count_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "pred": count_pred, "gold": count_gold}


def _add(row: list[int], total: list[int], values: tuple[int, int, int]) -> None:
    for i, v in enumerate(values):
        row[i] += v
        total[i] += v


def _summary(d: dict) -> dict:
    ent_p = d.get("entities", [0, 0, 0])
    ent_r = d.get("entities_recall", [0, 0, 0])
    out = {}
    p = ent_p[0] / ent_p[1] if ent_p[1] else 1.0
    r = ent_r[0] / ent_r[2] if ent_r[2] else 1.0
    out["entities"] = {"precision": round(p, 3), "recall": round(r, 3),
                       "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                       "pred": ent_p[1], "gold": ent_r[2]}
    for kind in ("dates", "quantities"):
        tp, n_pred, n_gold = d.get(kind, (0, 0, 0))
        out[kind] = prf(tp, n_pred, n_gold)
    return out


def linking_accuracy(engine: Engine, link_pairs: dict[int, list]) -> dict:
    correct = total = 0
    for story_id, items in link_pairs.items():
        if story_id is None or len({aid for aid, _, _ in items}) < 2:
            continue
        entities = engine.entities(story_id)
        entity_of: dict[tuple[int, int], str] = {}
        for entity in entities:
            for occ in entity.occurrences:
                entity_of[(occ.article_id, occ.start)] = entity.id
        for (a1, m1, c1), (a2, m2, c2) in combinations(items, 2):
            if a1 == a2:
                continue
            same_gold = fold(c1) == fold(c2)
            same_pred = entity_of.get((a1, m1.start)) == entity_of.get((a2, m2.start)) and \
                entity_of.get((a1, m1.start)) is not None
            correct += same_gold == same_pred
            total += 1
    return {"pairs": total, "accuracy": round(correct / total, 3) if total else None}


def speed(articles: list) -> dict:
    """extract_facts time per article (after a warm-up pass): wall time and the CPU time
    of this process (the machine is shared; CPU time is the stable figure), with the load
    average at the time."""
    import os

    for article in articles:
        extract_facts(article)
    times = []
    chars = []
    passes = []  # CPU seconds per article of each pass
    for _ in range(3):
        cpu = time.process_time()
        for article in articles:
            started = time.perf_counter()
            extract_facts(article)
            times.append(time.perf_counter() - started)
            chars.append(len(article.maintext))
        passes.append((time.process_time() - cpu) / len(articles))
    # the fastest of the 3 passes, as bench_large_article takes: on this shared VM single
    # passes of unchanged code read 166-196 articles per CPU second at load 1.1-1.2
    # (2026-12-04), the slow ones host noise
    cpu = min(passes)
    mean = statistics.mean(times)
    return {"articles": len(articles), "mean_ms": round(mean * 1000, 2),
            "p95_ms": round(sorted(times)[int(len(times) * 0.95)] * 1000, 2),
            "mean_chars": round(statistics.mean(chars)), "articles_per_s": round(1 / mean, 1),
            "cpu_ms": round(cpu * 1000, 2), "articles_per_cpu_s": round(1 / cpu, 1),
            "cpu_ms_per_pass": [round(p * 1000, 2) for p in passes],
            "load_average": round(os.getloadavg()[0], 2),
            "ms_per_2500_chars": round(mean * 1000 * 2500 / statistics.mean(chars), 2)}


SEED_ENTITIES = {
    "Louis Bono": "PER", "Toivo Klaar": "PER", "Igor Khovaev": "PER", "Istanbul": "LOC",
    "Nagorno-Karabakh": "LOC", "Lachin": "LOC", "Azerbaijan": "LOC", "Russia": "LOC",
    "United States": "LOC", "European Union": "ORG", "Politico": "ORG", "Putin": "PER",
}


def evaluate_seeds() -> dict | None:
    if not SEEDS.is_dir() or not any(SEEDS.iterdir()):
        print("seeds: skipped (../shared/seeds absent)")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for path in SEEDS.iterdir():
            (Path(tmp) / path.name).write_bytes(path.read_bytes())
        engine, articles = ingest([tmp])
        story_ids = {a.story_id for a in articles}
        checks: dict[str, bool] = {}
        entities = [e for s in story_ids for e in engine.entities(s)]
        for name, label in SEED_ENTITIES.items():
            entity = next((e for e in entities if fold(name) in fold(e.canonical)), None)
            both = bool(entity) and {"it", "fa"} <= set(entity.surface_forms)
            needs_both = name != "Lachin"  # the Persian seed does not name the corridor
            checks[f"entity {name} {label} (it{'+fa' if needs_both else ''})"] = bool(
                entity) and entity.label == label and (both or not needs_both)
        facts = {a.language: engine.facts(a.id) for a in articles}
        for lang in ("it", "fa"):
            checks[f"date 2023-09-17 in {lang}"] = any(
                d.value == "2023-09-17" for d in facts[lang].dates)
        checks["residents 100000 it, hedge about"] = any(
            q.value == 100000 and q.counted_key == "residents" and q.hedge == "about"
            for q in facts["it"].quantities)
        checks["residents 120000 fa"] = any(
            q.value == 120000 and q.counted_key == "residents" for q in facts["fa"].quantities)
        engine.close()
    for name, ok in checks.items():
        print(f"  [{'x' if ok else ' '}] {name}")
    return {"passed": sum(checks.values()), "total": len(checks), "checks": checks}


def print_scores(g: dict, title: str, linking_indent: str = "  ") -> None:
    """P/R/F1 per type, overall then per language, and the linking accuracy."""
    print(f"{title}: {g['articles']} articles ({len(g['missing'])} not found)")
    for name, row in [("ALL", g["overall"]), *g["per_language"].items()]:
        print(f"  {name:<4} " + "  ".join(
            f"{k[:4]} P{v['precision']:.2f} R{v['recall']:.2f} F{v['f1']:.2f}"
            for k, v in row.items()))
    print(f"{linking_indent}linking: {g['linking']}")
    if "entities_per_org_loc" in g:
        print(f"{linking_indent}entities, PER/ORG/LOC only: "
              f"{g['entities_per_org_loc']['overall']}")


def main() -> None:
    figures: dict = {}
    gold = load_gold()
    errors = None
    if "--errors" in sys.argv:
        chosen = sys.argv[sys.argv.index("--errors") + 1:][:1]
        errors = set() if not chosen or chosen[0] == "all" else set(chosen[0].split(","))
    if gold:
        figures["gold"] = evaluate_gold(gold, errors)
        g = figures["gold"]
        print_scores(g, "gold", linking_indent="")
        print(f"speed: {g['speed']}")
    else:
        print("gold: none found in bench/gold/extraction")
    print("seeds (issue 3 'Done when'):")
    figures["seeds"] = evaluate_seeds()
    write_results("extraction", figures)


if __name__ == "__main__":
    main()
