"""Evaluation gate: re-run the quality benchmarks and refuse silent regressions.

Why: a change that makes clustering, extraction or comparison worse still passes every
unit test if no test pins the quality figure. The gate re-runs the benchmarks that need
only in-repo data (the sample corpus and its gold files), reads the JSON each one writes,
and fails when any pinned figure falls below its floor in ``bench/floors.json``.

A floor is the last accepted measurement minus a small margin for harmless noise (a few
hundredths; the benchmarks are deterministic, so the margin only absorbs intended small
trade-offs). Raising a floor after an improvement is part of landing the improvement;
lowering one needs a reason in the commit message.

Usage::

    python bench/gate.py              # run the gated benchmarks, then check
    python bench/gate.py --check-only # check the JSON already in the results folder
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import machine  # bench/machine.py: this machine's speed, for the speed floors

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "bench" / "floors.json"


@dataclass
class Verdict:
    """One gated figure: where it comes from, what it measured and its floor (for a speed
    figure: the floor set on the reference machine times this machine's speed)."""

    result: str
    path: str
    floor: float
    measured: float | None
    skipped: bool = False  # the benchmark's input was unavailable and it said so
    speed: tuple[str, float] | None = None  # (probe kind, this machine's speed) if scaled

    @property
    def ok(self) -> bool:
        return self.skipped or (self.measured is not None and self.measured >= self.floor)


def lookup(body: dict, dotted: str) -> float | None:
    """The number at ``a.b.c`` in a result document, or None when it is missing."""
    node: object = body
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if isinstance(node, bool):
        return float(node)
    return float(node) if isinstance(node, int | float) else None


def judge(floors: dict[str, dict], results: Path,
          speeds: dict[str, float] | None = None,
          measured_speeds: dict[str, dict[str, float]] | None = None) -> list[Verdict]:
    """Compare every floor with the figure in ``results/<benchmark>.json``. A speed figure
    (listed under ``speed_kinds`` with the kind of work it measures) is held to its floor
    times this machine's speed at that work (``bench/machine.py``): the speed measured
    around that benchmark's own run (``measured_speeds[benchmark]``, see ``run_benchmarks``)
    when there is one, else ``speeds`` when given, else probed once per kind."""
    speeds = dict(speeds or {})
    measured_speeds = measured_speeds or {}
    kinds = floors.get("speed_kinds", {})
    verdicts = []
    for benchmark, figures in floors["benchmarks"].items():
        path = results / f"{benchmark}.json"
        body = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        skipped = bool(body.get("skipped"))  # e.g. real pages not fetchable: no figures
        for dotted, floor in figures.items():
            kind = kinds.get(benchmark, {}).get(dotted)
            scale = None
            if kind is not None and kind in measured_speeds.get(benchmark, {}):
                scale = (kind, measured_speeds[benchmark][kind])
            elif kind is not None:
                if kind not in speeds:
                    speeds[kind] = machine.speed(kind)
                scale = (kind, speeds[kind])
            verdicts.append(Verdict(benchmark, dotted,
                                    float(floor) * (scale[1] if scale else 1.0),
                                    lookup(body, dotted), skipped, scale))
    return verdicts


def run_benchmarks(floors: dict, results: Path) -> dict[str, dict[str, float]]:
    """Run each gated benchmark script (a file name in bench/, then its options) with its
    results redirected to ``results``; return, for each benchmark with speed floors, this
    machine's speed at those kinds of work probed just before and just after its run
    (``machine.Bracket``)."""
    env = {**os.environ, "RASHOMON_BENCH_RESULTS": str(results)}
    measured: dict[str, dict[str, float]] = {}
    for benchmark, script in floors["scripts"].items():
        kinds = sorted(set(floors.get("speed_kinds", {}).get(benchmark, {}).values()))
        began = time.perf_counter()
        print(f"gate: running {script} ...", flush=True)
        name, *options = shlex.split(script)
        with machine.Bracket(*kinds) as bracket:
            done = subprocess.run(
                [sys.executable, str(ROOT / "bench" / name), *options], env=env, cwd=ROOT,
                capture_output=True, text=True,
            )
        seconds = time.perf_counter() - began
        if done.returncode != 0:
            print(done.stdout[-4000:], done.stderr[-4000:], sep="\n")
            raise SystemExit(f"gate: {script} failed (exit {done.returncode})")
        if kinds:
            measured[benchmark] = bracket.speeds()
            readings = ", ".join(f"{k} {bracket.before[k]:.3f} s -> {bracket.after[k]:.3f} s"
                                 for k in kinds)
            print(f"gate: probes around {benchmark}: {readings}", flush=True)
        print(f"gate: {benchmark} done in {seconds:.0f} s", flush=True)
    return measured


def report(verdicts: list[Verdict]) -> bool:
    """Print one line per figure; True when all pass."""
    width = max(len(f"{v.result}:{v.path}") for v in verdicts)
    for v in verdicts:
        shown = "missing" if v.measured is None else f"{v.measured:.3f}"
        mark = "skip" if v.skipped else "ok  " if v.ok else "FAIL"
        scaled = f" ({v.floor / v.speed[1]:.3f} x {v.speed[0]} speed {v.speed[1]:.2f})" \
            if v.speed else ""
        print(f"{mark} {v.result + ':' + v.path:<{width}}  {shown:>8}  floor {v.floor:.3f}"
              f"{scaled}")
    failed = [v for v in verdicts if not v.ok]
    print(f"gate: {len(verdicts) - len(failed)}/{len(verdicts)} figures at or above floor")
    return not failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check-only", action="store_true",
                        help="do not re-run; check the JSON in bench/results")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="floors file")
    args = parser.parse_args(argv)
    floors = json.loads(args.floors.read_text(encoding="utf-8"))
    if args.check_only:
        return 0 if report(judge(floors, ROOT / "bench" / "results")) else 1
    with tempfile.TemporaryDirectory(prefix="rashomon-gate-") as folder:
        measured = run_benchmarks(floors, Path(folder))
        return 0 if report(judge(floors, Path(folder), measured_speeds=measured)) else 1


if __name__ == "__main__":
    sys.exit(main())
