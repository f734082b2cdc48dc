"""Embedder calls off the ingest thread, so one ingest keeps two cores busy.

The ingest thread spends ~0.016 CPU s per distinct article in Python (cleaning, fact
extraction, placement, store writes) and the embedder ~0.038 more (leads, claim
sentences, names; 300 SemEval dev texts, one thread per window). onnxruntime releases
the GIL while it runs, so the embedder's calls can run on other threads while the
ingest thread goes on: the lead vectors of one wave are computed while the next wave is
read and its facts extracted, and the comparison's vectors while later waves are placed.
What each call computes does not depend on when it runs (a text's vector depends on that
text only), so the stories and stored vectors are those of a sequential run.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class Background:
    """Runs calls in submission order on one thread of its own (the embedder spreads
    each call's texts over its own threads). ``Background(False)`` runs each call at once
    in the caller's thread: the same results, one core."""

    def __init__(self, enabled: bool = True) -> None:
        self._pool = (ThreadPoolExecutor(1, thread_name_prefix="rashomon-embed-calls")
                      if enabled else None)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self._pool is not None:
            return self._pool.submit(fn, *args)
        done: Future = Future()
        done.set_result(fn(*args))
        return done

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
