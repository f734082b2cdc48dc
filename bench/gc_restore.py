"""A restart's effect on garbage collection: restore an Engine over a filled store (e.g.
``bench_scale.py --fill-only --db FILE``), then time full collections (``gc.collect``,
process CPU), what a placement pays when the collector's oldest generation comes due.
``freeze``: as shipped (the restore calls ``gc.freeze`` from ``holding.FREEZE_AT`` held
articles); ``nofreeze``: the threshold put out of reach. The store changes on restore
(events and signals may be written): give it a copy.

Run: python bench/gc_restore.py STORE.db freeze|nofreeze  (prints one JSON line;
results of 2026-12-04 in bench/results/gc_freeze_restore.json)
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time

from rashomon.embed import get_embedder
from rashomon.pipeline import Engine, holding
from rashomon.store import SQLiteStore


def main() -> None:
    path, mode = sys.argv[1], sys.argv[2]
    if mode == "nofreeze":
        holding.FREEZE_AT = 10**12
    engine = Engine(SQLiteStore(path), embedder=get_embedder("e5"))
    started, cpu = time.perf_counter(), time.process_time()
    engine.ingest_articles([])  # the restore
    restore_s, restore_cpu = time.perf_counter() - started, time.process_time() - cpu
    tracked = len(gc.get_objects())
    runs = []
    for _ in range(5):
        cpu = time.process_time()
        gc.collect()
        runs.append(round(1000 * (time.process_time() - cpu), 1))
    print(json.dumps({
        "freeze": mode == "freeze", "frozen_objects": gc.get_freeze_count(),
        "tracked_objects": tracked,
        "held_stories": len(getattr(engine.clusterer, "stories", {})),
        "restore_s": round(restore_s, 2), "restore_cpu_s": round(restore_cpu, 2),
        "full_collection_cpu_ms": runs,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_1": round(os.getloadavg()[0], 2)}))
    engine.close()


if __name__ == "__main__":
    main()
