"""Gzipped input files read as the file they hold (``news.jsonl.gz`` as JSONL), held to
RASHOMON_MAX_BYTES once expanded; a cut or damaged gzip keeps what came before the damage."""

from __future__ import annotations

import io
from pathlib import Path

from rashomon.errors import ExpansionTooLarge, MalformedInput


def gzipped_name(name: str, readable: set[str]) -> str | None:
    """``x.jsonl`` for ``x.jsonl.gz`` when its suffix is in ``readable`` (any readable
    format but WARC, which reads its own gzip), else None. ``news.jsonl.gz`` was read as a
    WARC ("not a readable WARC archive: Unknown archive format")."""
    lower = name.lower()
    if not lower.endswith(".gz") or lower.endswith(".warc.gz"):
        return None
    inner = name[:-3]
    return inner if Path(inner.lower()).suffix in readable else None


def gunzip(data: bytes) -> tuple[bytes, MalformedInput | None]:
    """The gzip's content, held to RASHOMON_MAX_BYTES like an uncompressed file (E106
    past it), and an E104 error when the gzip is cut off or damaged (with the bytes
    before the damage)."""
    import gzip
    import zlib

    from rashomon.config import setting

    cap = int(setting("RASHOMON_MAX_BYTES"))
    out, damage = bytearray(), None
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        while len(out) <= cap:
            try:
                chunk = stream.read1(min(1 << 16, cap + 1 - len(out)))
            except (EOFError, OSError, zlib.error) as exc:
                damage = MalformedInput(
                    f"the gzip data is cut off or damaged ({exc}) after {len(out):,} bytes",
                    hint="what came before it was read; compress or copy the file again")
                break
            if not chunk:
                break
            out += chunk
    if len(out) > cap:
        raise ExpansionTooLarge(
            f"the gzipped file expands past {cap:,} bytes",
            hint="split it into smaller files, or raise RASHOMON_MAX_BYTES")
    return bytes(out), damage
