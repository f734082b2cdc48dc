"""Scale-out: the per-article work of ingest on a Dask cluster (optional extra ``scale``).

Reading, cleaning, language identification, extraction and embedding of one article
need nothing but the article, so they run on Dask workers; near-copy lookup, online
clustering and store writes need every earlier article and stay on the driver, in input
order — so a scale-out ingest groups exactly as the in-process one does.
"""

from rashomon.scale.dask_runner import DaskRunner, runner_for

__all__ = ["DaskRunner", "runner_for"]
