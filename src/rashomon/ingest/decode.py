"""Bytes to text with a charset cascade: BOM, declared charset, then detection."""

from __future__ import annotations

import codecs
import re

from rashomon.errors import BinaryInput, EmptyInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""", re.I)


def declared_charset(data: bytes, http_content_type: str | None = None) -> str | None:
    """Charset named by an HTTP header, an HTML meta tag or an XML declaration."""
    if http_content_type:
        m = re.search(r"charset=([\w\-:]+)", http_content_type, re.I)
        if m:
            return m.group(1)
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean this is no text file."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith(tuple(b for b, _ in _BOMS)):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode(data: bytes, http_content_type: str | None = None) -> tuple[str, list[str]]:
    """Text and warnings; raises ``EmptyInput``/``BinaryInput`` for unusable bytes."""
    if not data.strip():
        raise EmptyInput("the input is empty", hint="nothing to ingest; check the file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    if looks_binary(data):
        raise BinaryInput(
            "the input is binary, not text",
            hint="give text, HTML, JSONL, RSS/Atom or WARC files",
        )
    warnings: list[str] = []
    declared = declared_charset(data, http_content_type)
    if declared:
        try:
            return data.decode(declared), warnings
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared charset {declared!r} did not decode the bytes; detected instead")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        warnings.append("charset could not be detected; undecodable bytes replaced")
        return data.decode("utf-8", errors="replace"), warnings
    warnings.append(f"not UTF-8; decoded as detected charset {best.encoding}")
    return str(best), warnings
