"""A restart holding many articles moves what it read back out of the cyclic garbage
collector's reach (``gc.freeze``), so a later full collection does not walk the whole
held window inside a placement; a start-over (another process wrote the store) unfreezes
before the held state is dropped, so nothing frozen outlives it."""

from __future__ import annotations

import gc
from pathlib import Path

from rashomon.pipeline import Engine, holding
from rashomon.store import SQLiteStore

CORPUS = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "sample" / "corpus"


def test_a_large_restore_freezes_and_a_start_over_unfreezes(tmp_path, embedder, langid,
                                                            monkeypatch) -> None:
    first = Engine(SQLiteStore(tmp_path / "f.db"), embedder=embedder, langid=langid)
    assert any(r.story_id is not None for r in first.ingest([str(CORPUS / "a")]))
    first.close()
    probe = Engine(SQLiteStore(tmp_path / "f.db"), embedder=embedder, langid=langid)
    held = probe.window.restore(probe.store)  # what a restart holds: the open stories
    probe.close()
    gc.unfreeze()
    try:
        monkeypatch.setattr(holding, "FREEZE_AT", len(held) + 1)  # one more: no freeze
        small = Engine(SQLiteStore(tmp_path / "f.db"), embedder=embedder, langid=langid)
        small.ingest_articles([])
        assert gc.get_freeze_count() == 0
        small.close()
        monkeypatch.setattr(holding, "FREEZE_AT", len(held))
        again = Engine(SQLiteStore(tmp_path / "f.db"), embedder=embedder, langid=langid)
        again.ingest_articles([])  # the restart: the held stories read back
        assert again.clusterer.story_of(held[0].id) == held[0].story_id
        assert gc.get_freeze_count() > 0
        again._start_over()
        assert gc.get_freeze_count() == 0
        again.close()
    finally:
        gc.unfreeze()
