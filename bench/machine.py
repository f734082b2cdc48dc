"""How fast this machine is at the two kinds of work Rashomon's CPU figures measure.

CPU-time figures (articles per CPU second, MB per CPU second, budget over CPU seconds)
depend on the processor as much as on the code. The gate's speed floors were first set on
one machine and then had to hold on another that ran the same code about 3x slower in
Python and 5-8x slower in the embedder (2026-12-03: a 2 GHz AMD EPYC with AVX2 and no
VNNI, where onnxruntime's int8 kernels run no faster than float32). So each speed floor
names the kind of work it measures, and the gate scales it by this machine's speed at that
kind of work against the machine the floor was set on (``REFERENCE``): a floor holds the
code to the same speed *relative to the machine*, on a slow machine and on a fast one.

Two probes, each the best of 5 CPU timings of a fixed workload (best of: the shared cores'
neighbours only ever add time):

- ``python``: tokenizing, case-folding, slicing and counting the words of a fixed text
  with the standard library (what extraction, clustering signals and the store's Python
  side spend their time on);
- ``embed``: the default embedder (e5-small on onnxruntime) on fixed passages, one thread.

The gate (``bench/gate.py``) probes each kind just before and just after the benchmark
whose floors it scales (``Bracket``), so a floor follows the speed the run itself met.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable

#: CPU seconds of each probe (best of 5) on the machine the speed floors are set on: the
#: AMD EPYC VM above, idle (load average 0.7-0.8), 2026-12-03, three runs: python
#: 0.238-0.244 s (4 calls), embed 0.240-0.242 s (4 passages of 40-60 pieces, one thread).
REFERENCE = {"python": 0.24, "embed": 0.24}

_SENTENCES = ("the minister said on tuesday that about 100,000 residents of the coastal "
          "city had been evacuated before the storm reached Derna according to officials "
          "Il sindaco ha detto che circa centomila residenti sono stati evacuati mentre "
          "la tempesta si avvicinava alla costa")
_WORDS = _SENTENCES.split()
_TEXT = " ".join(_WORDS[(i * 7) % len(_WORDS)] + ("," if i % 11 == 0 else "")
                 for i in range(40_000))
_WORD = re.compile(r"\w+")


def _python_work() -> None:
    counts: Counter[str] = Counter()
    keys: dict[str, int] = {}
    for n, word in enumerate(_WORD.findall(_TEXT)):
        folded = word.casefold()
        counts[folded[:6]] += 1
        if folded[0].isupper() or len(folded) > 7:
            keys.setdefault(folded, n)
    sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


_PASSAGES = [
    "Heavy rain flooded the coastal city on Sunday; about 100,000 residents were "
    "evacuated and the mayor said rescue teams were still searching for the missing. "
    "Officials said the dam had failed after two days of storms.",
    "Il sindaco ha detto che circa centomila residenti sono stati evacuati domenica "
    "dopo il crollo della diga; le squadre di soccorso cercano ancora i dispersi.",
    "وزارة الداخلية قالت إن نحو مئة ألف من السكان أُجلوا يوم الأحد بعد انهيار السد "
    "وإن فرق الإنقاذ ما زالت تبحث عن المفقودين في المدينة الساحلية.",
    "Власти сообщили, что около ста тысяч жителей были эвакуированы в воскресенье после "
    "прорыва плотины; спасатели продолжают поиски пропавших.",
]


def _embed_work() -> Callable[[], None]:
    from rashomon.embed.ort import OrtE5Embedder

    embedder = OrtE5Embedder(threads=1, name="speed-probe")
    embedder.passages(_PASSAGES[:1])  # load the model outside the timing
    return lambda: embedder.passages(_PASSAGES)


def _best_of(work: Callable[[], None], runs: int = 5, calls: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        for _ in range(calls):
            work()
        best = min(best, time.process_time() - started)
    return best


def probe(kind: str) -> float:
    """CPU seconds of the ``kind`` probe on this machine (best of 5)."""
    if kind == "python":
        return _best_of(_python_work, calls=4)
    if kind == "embed":
        return _best_of(_embed_work())
    raise ValueError(f"unknown probe {kind!r}; known: {', '.join(REFERENCE)}")


def speed(kind: str) -> float:
    """This machine's speed at ``kind`` relative to the reference machine (2.0 = twice
    as fast, so a floor in work per CPU second is doubled)."""
    return REFERENCE[kind] / probe(kind)


class Bracket:
    """Probe ``kinds`` just before and just after a timed run (``with Bracket(...) as b``);
    ``speeds()`` is this machine's speed during the run: the reference's probe over the
    geometric mean of the two readings.

    Why: the shared cores' speed drifts over minutes. On the 2-core EPYC VM (2026-12-04)
    one-off readings of the python probe went from 1.8x to 3.2x the reference within minutes
    on a quiet machine, and from 0.076 s to 0.155 s when neighbours woke up: a floor scaled
    by a reading taken minutes away from the figure it judges moves by as much. Readings
    taken on both sides of the run follow what the run itself met."""

    def __init__(self, *kinds: str) -> None:
        self.kinds = kinds
        self.before: dict[str, float] = {}
        self.after: dict[str, float] = {}

    def __enter__(self) -> Bracket:
        self.before = {kind: probe(kind) for kind in self.kinds}
        return self

    def __exit__(self, *exc: object) -> None:
        self.after = {kind: probe(kind) for kind in self.kinds}

    def speeds(self) -> dict[str, float]:
        return {kind: REFERENCE[kind] / (self.before[kind] * self.after[kind]) ** 0.5
                for kind in self.kinds if kind in self.before and kind in self.after}


if __name__ == "__main__":
    for name in REFERENCE:
        seconds = probe(name)
        print(f"{name:7s} {seconds:.3f} s CPU  speed {REFERENCE[name] / seconds:.2f}x "
              f"the reference machine")
