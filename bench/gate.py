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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import machine  # bench/machine.py: this machine's speed, for the speed floors

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "bench" / "floors.json"
#: Re-runs of a benchmark whose speed figure fell below its floor (``rerun_slow``). Two: on
#: the 2-core Xeon VM of 2026-12-05 unchanged code's speed figures moved 1.3-2x between gate
#: runs an hour apart (restore 2,038 then 1,270 articles per CPU second), more than the
#: probes followed. A re-run costs its benchmark's time again, only when needed: on that
#: machine extraction 35 s, the 2 MB articles 2 min, scale 1 min (the whole gate ~9 min).
SPEED_RETRIES = 2


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
    attempt: int = 1  # which run of its benchmark the figure comes from (speed re-runs)

    @property
    def ok(self) -> bool:
        return self.skipped or (self.measured is not None and self.measured >= self.floor)

    @property
    def margin(self) -> float:
        """Measured over floor (0 when missing): how a re-run's figure is compared."""
        return (self.measured or 0.0) / self.floor if self.floor else float("inf")


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


def only(floors: dict, benchmarks: set[str]) -> dict:
    """The floors file restricted to ``benchmarks`` (their scripts, floors and speed kinds)."""
    return {**floors, **{key: {b: v for b, v in floors.get(key, {}).items() if b in benchmarks}
                         for key in ("scripts", "benchmarks", "speed_kinds")}}


def rerun_slow(floors: dict, folder: Path, verdicts: list[Verdict],
               run: Callable[[dict, Path], dict[str, dict[str, float]]] | None = None,
               retries: int | None = None) -> list[Verdict]:
    """Run again, up to ``retries`` times, each benchmark with a speed figure below its
    floor, and keep every speed figure's best run (highest measured over floor). Quality
    figures are deterministic: they are judged on the first run only.

    Why: a speed figure is CPU time on two shared cores, and the neighbours only ever add
    to it. The clean-clone gate of de61f37 (2026-12-05, a 2-core Xeon VM) read restore at
    1,270 articles per CPU second where the same code had read 2,038 an hour earlier, and
    the stop's own CI run of that commit failed extraction (57.4 against 67.5) and the 2 MB
    article (0.217 against 0.230) while the scale figures of the same run passed. A slower
    code fails every run; a noisy minute fails one. Best of several timings is how timers
    judge code on shared machines (``timeit`` reports the minimum for the same reason)."""
    run = run or run_benchmarks
    retries = SPEED_RETRIES if retries is None else retries
    for attempt in range(2, retries + 2):
        slow = {v.result for v in verdicts if v.speed and not v.ok and not v.skipped}
        if not slow:
            break
        print(f"gate: speed figures below floor in {', '.join(sorted(slow))}; "
              f"run {attempt} of {retries + 1}", flush=True)
        again = folder / f"run{attempt}"
        again.mkdir(parents=True, exist_ok=True)
        subset = only(floors, slow)
        fresh = {(v.result, v.path): v
                 for v in judge(subset, again, measured_speeds=run(subset, again))}
        for i, v in enumerate(verdicts):
            other = fresh.get((v.result, v.path))
            if v.speed and other is not None and other.margin > v.margin:
                other.attempt = attempt
                verdicts[i] = other
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
        scaled = f" ({v.floor / v.speed[1]:.3f} x {v.speed[0]} speed {v.speed[1]:.2f}" \
            f"{f', run {v.attempt}' if v.attempt > 1 else ''})" if v.speed else ""
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
        verdicts = judge(floors, Path(folder), measured_speeds=measured)
        return 0 if report(rerun_slow(floors, Path(folder), verdicts)) else 1


if __name__ == "__main__":
    sys.exit(main())
