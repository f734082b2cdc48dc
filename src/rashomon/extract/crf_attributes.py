"""The attribute names a trained crfsuite model has weights for, read from its file.

A CRF trained with L1 keeps a few tens of thousands of attributes (English 40,331, Chinese
110,323), while a news sentence yields many more feature strings, 15-30% of which the
model has never kept (rare words, word pairs). crfsuite looks each string up and skips an
unknown one, so leaving them out before tagging gives exactly the same tags and
marginals, for less work (``ner.word_features``'s ``keep``).

The model file (crfsuite's ``CRF1d`` format, version 100) is a header of counts and
offsets; the attribute dictionary at ``off_attrs`` is a constant quark database (CQDB): a
header, 256 hash tables, the records (id, key size, key with its NUL) and a backward
array of record offsets by id. Anything unexpected returns None, and the tagger is then
given every feature (slower, same result).
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, counts, offsets
_CQDB = struct.Struct("<4sIIIII")  # magic, size, flag, byte order, bwd size, bwd offset
_RECORD = struct.Struct("<II")  # id, key size (with the NUL)


def model_attributes(path: Path) -> frozenset[str] | None:
    """Every attribute name of the model at ``path``, or None if the file is not read."""
    try:
        data = path.read_bytes()
        return _attributes(data)
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None


def _attributes(data: bytes) -> frozenset[str] | None:
    (magic, _size, kind, _version, _features, _labels, attributes, _off_features,
     _off_labels, off_attrs, _off_labelrefs, _off_attrrefs) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        return None
    cq_magic, _cq_size, _flag, _order, count, bwd = _CQDB.unpack_from(data, off_attrs)
    if cq_magic != b"CQDB" or count != attributes:
        return None
    offsets = struct.unpack_from(f"<{count}I", data, off_attrs + bwd)
    names = []
    for ident, offset in enumerate(offsets):
        record = off_attrs + offset
        got, size = _RECORD.unpack_from(data, record)
        if offset == 0 or got != ident or size < 1:
            return None
        start = record + _RECORD.size
        names.append(data[start:start + size - 1].decode("utf-8"))
    return frozenset(names)
