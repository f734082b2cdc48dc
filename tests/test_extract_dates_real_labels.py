"""The real-news date and quantity labels (tools/probe_real_dates_labels.txt) are well
formed, and the probe skips cleanly without the shared SemEval file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from probe_real_dates import read_labels  # noqa: E402

_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2}")


def test_the_labels_are_well_formed() -> None:
    texts = read_labels()
    assert {t.part for t in texts} == {"tune", "check"}
    assert len({(t.pair, t.side) for t in texts}) == len(texts) == 30
    for text in texts:
        assert re.fullmatch(r"[0-9a-f]{10}", text.digest)
        for kind, start, end, values, forms in text.labels:
            assert kind in {"date", "unresolvable", "quantity", "ignore"}
            assert 0 <= start < end <= text.cut
            if kind == "date":
                assert all(_ISO.fullmatch(v) for v in values)
            if kind == "quantity":
                float(values[0])
                assert forms


def test_the_probe_skips_without_the_shared_data(tmp_path: Path) -> None:
    env = {**os.environ, "RASHOMON_SHARED": str(tmp_path),
           "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "probe_real_dates.py")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.startswith("skipped:")
