"""NER benchmark: typed exact-span P/R/F1 (PER/ORG/LOC) of the shipped models on the dev
splits of ../shared/data/ner, per language, per source kind (cased news/Wikipedia, social
media, lower-cased) and per source, plus tagging speed. Held-out for the models: the dev
rows were never trained on (tools/train_ner.py and tools/train_nn_ner.py train on
train.<lang> only). A language the neural tagger serves (extract/tagger_nn.py) is scored
with it, and its CRF's figures are kept beside them (``crf``), and so is ``cased_kept``: the
cased figure of the pair's names at or over the confidence the extraction keeps them from
(``tagger_nn.PAIR_MIN_SCORE`` or the language's ``PAIR_MIN_SCORE_OF``), since the paths alone
do not show what that cut costs or gains (``tools/ner_errors.py`` breaks it down by source).

Run: .venv/bin/python bench/bench_ner.py [--langs en,de]
Skips cleanly without ../shared (the dev data is not in the repository).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from common import ROOT, SHARED, skip, write_results
from rashomon.extract import tagger_nn
from rashomon.extract.ner import MODELS, model_path, tagger

DATA = SHARED / "data" / "ner"


def kept_figure(lang: str, data: Path) -> dict:
    """Typed exact-span P/R/F1 (PER/ORG/LOC) on the cased dev sources of the served pair's
    names at or over the extraction's floor for the pair (``tagger_nn``), with that floor."""
    from ner_errors import analyse

    floor = tagger_nn.PAIR_MIN_SCORE_OF.get(lang, tagger_nn.PAIR_MIN_SCORE)
    counts = [0, 0, 0]
    for source in analyse(lang, data, 0, floor).values():
        for k, v in enumerate(source["counts"]):
            counts[k] += v
    from train_ner import prf

    return {**prf(*counts), "floor": floor}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--langs", default="")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "dev.en.jsonl.gz").exists():
        skip(f"no NER dev data in {data}")
        return
    from train_ner import LANGS, evaluate

    langs = args.langs.split(",") if args.langs else LANGS
    figures: dict = {"per_language": {}}
    served = tagger_nn.languages()
    for lang in langs:
        path = model_path(lang)
        if not path.exists():
            continue
        began = time.perf_counter()
        result = evaluate(lang, path, data)
        if lang in served:
            from train_nn_ner import evaluate as evaluate_nn
            from train_nn_ner import load

            crf = result
            rows = load(data, "dev", 0, None, [lang])
            result = evaluate_nn(tagger_nn.model(lang), rows)[lang]
            result["tagger"] = "nn"
            result["crf"] = {k: crf[k] for k in ("cased", "all") if k in crf}
            result["cased_kept"] = kept_figure(lang, data)
        result["seconds"] = round(time.perf_counter() - began, 1)
        figures["per_language"][lang] = result
        print(f"{lang}: {result.get('tagger', 'crf')} cased {result.get('cased', {}).get('f1')} "
              f"social {result.get('social', {}).get('f1')} "
              f"lowercased {result.get('lowercased', {}).get('f1')} all {result['all']['f1']}")
    text = (ROOT / "README.md").read_text(encoding="utf-8")[:20000]
    model = tagger("en")
    model.spans(text[:2000])  # word tables and caches loaded before timing
    began, cpu = time.perf_counter(), time.process_time()
    model.spans(text)
    figures["speed_en_chars_per_s"] = round(len(text) / (time.perf_counter() - began))
    figures["speed_en_chars_per_cpu_s"] = round(len(text) / (time.process_time() - cpu))
    # the packed CRFs (ner-*.crf.npz) and the networks (nn-ner*.npz)
    figures["model_mb"] = round(sum(p.stat().st_size for p in MODELS.glob("*.npz")) / 1e6, 1)
    figures["nn_languages"] = sorted(served)
    # the word tables the features read ship beside the weights and count in the budget
    figures["tables_mb"] = round(sum(p.stat().st_size for p in MODELS.glob("*.gz")) / 1e6, 1)
    write_results("ner", figures)


if __name__ == "__main__":
    main()
