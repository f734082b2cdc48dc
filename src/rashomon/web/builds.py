"""Who builds a story's comparison, and when, so that no page waits for it.

A story page (HTML or ``/api/stories/{id}``) never builds the comparison in its request:
it shows what is ready (articles, entities) and hands the story to the on-demand builder
(``BuildState.ask``), one daemon thread per process started on first use, whether or not
the server warms up in the background. The warm-up (``views.refresh_indexes``) has its own
queue (``pending``/``current``). A build holds the lock of its own story only
(``STORY_LOCKS``): a request that builds synchronously (``/api/stories/{id}/report``, the
page's comparison fragment, the downloads) waits for a build of the same story at most,
never for another story's. A failed build is remembered for the story's article set, so
a page says "not available" instead of "being built" forever.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)


class StoryLocks:
    """One lock per (engine, story), dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[tuple[int, int], list] = {}  # key -> [lock, holders and waiters]
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, engine: Any, story_id: int) -> Iterator[None]:
        key = (id(engine), story_id)  # the engine is alive while its key is held
        with self._guard:
            entry = self._locks.setdefault(key, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._guard:
                entry[1] -= 1
                if not entry[1]:
                    del self._locks[key]


#: Builds of one story exclude each other; builds of different stories run side by side.
STORY_LOCKS = StoryLocks()


class BuildState:
    """What the builders are doing: the warm-up's queue (``pending``, ``current``,
    ``scanning``), the stories readers asked for (``asked``, ``asked_current``) and the
    builds that failed (per engine: story id -> (article set, reason))."""

    def __init__(self) -> None:
        self.pending: set[int] = set()
        self.current: int | None = None
        self.scanning = False
        self.lock = threading.Lock()
        self.asked: OrderedDict[int, tuple[Any, Callable[[], str | None]]] = OrderedDict()
        self.asked_current: int | None = None
        self._failed: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._wake = threading.Condition(self.lock)
        self._worker: threading.Thread | None = None

    def _ids(self) -> set[int]:
        ids = self.pending | set(self.asked)
        ids.update(i for i in (self.current, self.asked_current) if i is not None)
        return ids

    def queue_length(self) -> int:
        with self.lock:
            return len(self._ids())

    def waiting(self, story_id: int) -> bool:
        with self.lock:
            return story_id in self._ids()

    def as_dict(self) -> dict[str, Any]:
        with self.lock:
            return {"queue": len(self._ids()), "building": self.current,
                    "asked": len(self.asked) + (self.asked_current is not None),
                    "building_asked": self.asked_current, "scanning": self.scanning}

    # -- on demand ---------------------------------------------------------------------
    def ask(self, engine: Any, story_id: int, build: Callable[[], str | None]) -> None:
        """Queue ``build()`` (returns None, or why the comparison is not available) for
        ``story_id`` unless it is queued or being built already; returns at once."""
        with self.lock:
            if story_id in self.asked or story_id == self.asked_current:
                return
            self.asked[story_id] = (engine, build)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._loop, name="rashomon-asked",
                                                daemon=True)
                self._worker.start()
            self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self.lock:
                while not self.asked:
                    self._wake.wait()
                story_id, (_, build) = self.asked.popitem(last=False)
                self.asked_current = story_id
            try:
                build()  # records its own failure (``failed``); never raises out of here
            except Exception:
                log.exception("comparison of story %s failed", story_id)
            finally:
                with self.lock:
                    self.asked_current = None

    def idle(self) -> bool:
        """Nothing asked is queued or being built (the warm-up aside)."""
        with self.lock:
            return not self.asked and self.asked_current is None

    # -- failures ----------------------------------------------------------------------
    def failed(self, engine: Any, story_id: int, version: str) -> str | None:
        """Why the last build of this story's article set ``version`` failed, if it did."""
        with self.lock:
            found = self._failed.get(engine, {}).get(story_id)
        return found[1] if found and found[0] == version else None

    def record(self, engine: Any, story_id: int, version: str, why: str | None) -> None:
        """Remember a failed build (``why``) or forget one (None: the build succeeded)."""
        with self.lock:
            failures = self._failed.setdefault(engine, {})
            if why is None:
                failures.pop(story_id, None)
            else:
                failures[story_id] = (version, why)


#: One per process: the warm-up's and the readers' builds (``views``).
BUILDS = BuildState()
