"""One ingest over two cores (``embed.background``): in-process, the leads' and the
comparison's vectors are computed on background threads while the ingest thread reads,
extracts and places. The stories, events, near-copy links, stored vectors and reports
must be exactly those of a run that makes every embedder call in the ingest thread."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from rashomon.config import Config
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore

CORPUS = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "sample" / "corpus"


class _Threads:
    """The real embedder, noting which threads its calls ran on."""

    def __init__(self, inner):
        self._inner, self.threads = inner, set()

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def passages(self, texts):
        self.threads.add(threading.current_thread().name)
        return self._inner.passages(texts)

    def queries(self, texts):
        self.threads.add(threading.current_thread().name)
        return self._inner.queries(texts)


def _ingest(path: Path, embedder, langid, overlap: bool):
    # with the comparison's vectors computed at ingest: their background path is tested too
    engine = Engine(SQLiteStore(path), embedder=embedder, langid=langid, overlap=overlap,
                    config=Config(claim_vectors=True))
    results = engine.ingest([str(CORPUS / "b")])  # 30 articles, several languages
    return engine, results


def _vectors(engine: Engine) -> dict[tuple[int, str], bytes]:
    rows = engine.store.query(
        "SELECT article_id, kind, model, vector FROM embeddings ORDER BY article_id, kind")
    return {(r["article_id"], r["kind"], r["model"]): bytes(r["vector"]) for r in rows}


def test_overlapped_ingest_gives_the_sequential_stories_vectors_and_reports(
        tmp_path, embedder, langid) -> None:
    watched = _Threads(embedder)
    sequential, first = _ingest(tmp_path / "seq.db", embedder, langid, overlap=False)
    overlapped, second = _ingest(tmp_path / "par.db", watched, langid, overlap=True)
    # the leads and the claim vectors were computed off the ingest thread
    assert watched.threads and threading.main_thread().name not in watched.threads
    key = [(r.source, r.status, r.article_id, r.story_id, r.event_id, r.duplicate_of)
           for r in first]
    assert key == [(r.source, r.status, r.article_id, r.story_id, r.event_id,
                    r.duplicate_of) for r in second]
    assert len({r.story_id for r in first}) >= 4
    assert any(r.duplicate_of is not None for r in first)
    # embedded / near-copy / cascade: each way of getting a vector taken, the same times
    assert sequential.vectors == overlapped.vectors and len(sequential.vectors) == 3
    stored = _vectors(sequential)
    assert stored == _vectors(overlapped)
    # claim sentences and names of the shared stories, not only the leads
    assert any(kind.startswith("sent:") for _, kind, _ in stored)
    assert any(kind.startswith("names:") for _, kind, _ in stored)
    story = max(sequential.stories(limit=100), key=lambda s: s.article_count)
    assert story.article_count >= 5
    one = sequential.report(story.id).to_dict()
    other = overlapped.report(story.id).to_dict()
    assert one == other and one["agreements"]
    sequential.close()
    overlapped.close()


def test_embedder_windows_on_several_threads_give_the_same_vectors(embedder) -> None:
    """A call's windows spread over the embedder's threads (and two calls at once) give
    bit-identical vectors to one thread embedding them one by one."""
    from rashomon.embed.ort import OrtE5Embedder

    texts = [p.read_text(encoding="utf-8")[:600] for p in sorted((CORPUS / "a").rglob("*.txt"))]
    texts = texts[:12]
    alone = OrtE5Embedder(threads=1).passages(texts)
    spread = OrtE5Embedder(threads=2)
    assert np.array_equal(alone, spread.passages(texts))
    halves: dict[int, np.ndarray] = {}

    def run(i: int) -> None:
        halves[i] = spread.passages(texts[i::2])

    workers = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert np.array_equal(alone[0::2], halves[0]) and np.array_equal(alone[1::2], halves[1])
