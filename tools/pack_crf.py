"""Pack crfsuite model files into the format the package ships (``crf_model.write``).

python-crfsuite writes a model as crfsuite's ``CRF1d`` file, ~85% hash tables and
reference lists the runtime never reads; the package ships ``ner-<lang>.crf.npz`` instead
(the same float64 weights bit for bit, ~1/6 of the size; the format is described in
``src/rashomon/extract/crf_model.py``). ``make train-ner`` packs its models itself; this
converts a model trained some other way:

  python tools/pack_crf.py ner-zh.crfsuite [more.crfsuite ...] [--out DIR]

Each ``ner-<lang>.crfsuite`` becomes ``DIR/ner-<lang>.crf.npz`` (DIR: the shipped models,
src/rashomon/extract/models/), read back and checked equal to the crfsuite file's weights.
Needs python-crfsuite only to have trained the file, not to pack it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.crf_model import pack  # noqa: E402
from rashomon.extract.ner import MODELS  # noqa: E402


def packed_name(source: Path) -> str:
    """``ner-zh.crfsuite`` -> ``ner-zh.crf.npz``."""
    return source.name.removesuffix(".crfsuite") + ".crf.npz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="+", type=Path, help="crfsuite model files")
    parser.add_argument("--out", type=Path, default=MODELS,
                        help="directory of the packed files (default: the shipped models)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for source in args.models:
        target = args.out / packed_name(source)
        try:
            model = pack(source, target)
        except (OSError, ValueError) as exc:
            print(f"pack_crf: {source}: {exc}", file=sys.stderr)
            return 1
        print(f"{source} ({source.stat().st_size / 1e6:.2f} MB) -> {target} "
              f"({target.stat().st_size / 1e6:.2f} MB; {len(model.labels)} labels, "
              f"{len(model.attributes):,} attributes, {int((model.state != 0).sum()):,} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
