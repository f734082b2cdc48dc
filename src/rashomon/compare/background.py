"""Report builds on a background thread, for callers that must not wait (the web).

``ReportBuilds.request(story_id, build)`` starts ``build()`` on one worker thread unless
a build of that story is already queued or running, and returns at once; ``status``
tells "building", "failed" or "idle". One thread: a comparison is CPU-bound and uses
the shared embedder, so two at a time would only share the same two cores.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)


class ReportBuilds:
    """Background report builds, at most one pending per story."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None
        self._pending: dict[int, Future] = {}
        self._failed: dict[int, str] = {}
        self._lock = threading.Lock()

    def request(self, story_id: int, build: Callable[[], object]) -> Future:
        """Start ``build()`` for ``story_id`` unless one is queued or running already."""
        with self._lock:
            running = self._pending.get(story_id)
            if running is not None and not running.done():
                return running
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="rashomon-report")
            future = self._executor.submit(self._run, story_id, build)
            self._pending[story_id] = future
            return future

    def _run(self, story_id: int, build: Callable[[], object]) -> object:
        try:
            result = build()
        except Exception as exc:  # a failed build is reported through ``status``
            log.exception("comparison of story %s failed", story_id)
            with self._lock:
                self._failed[story_id] = repr(exc)
            raise
        with self._lock:
            self._failed.pop(story_id, None)
        return result

    def status(self, story_id: int) -> str:
        """"building" (queued or running), "failed" (the last build raised) or "idle"."""
        with self._lock:
            running = self._pending.get(story_id)
            if running is not None and not running.done():
                return "building"
            return "failed" if story_id in self._failed else "idle"

    def error(self, story_id: int) -> str | None:
        with self._lock:
            return self._failed.get(story_id)

    def close(self) -> None:
        """Let a running build finish; drop queued ones."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._pending.clear()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
