"""Bytes to text with a charset cascade: BOM, declared charset, UTF-8, then detection.

Why a cascade: news pages lie about their charset often enough (a template that says
``iso-8859-1`` around UTF-8 text, a Russian site whose meta tag says ``windows-1252``)
that a declaration is only trusted when the text it produces looks like text. Every
fallback is recorded as a warning on the article instead of failing the file.
"""

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
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.I)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w\-:.]+)", re.I)

#: Labels browsers (WHATWG Encoding Standard) read as a superset: decoding with the
#: superset never loses a character the page meant.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "windows-1252",
    "latin-1": "windows-1252",
    "latin1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "tis-620": "windows-874",
    "ks_c_5601-1987": "euc-kr",
}

#: Share of letters in U+00C0..U+00FF above which a single-byte decoding is mojibake.
#: Calibrated by hand on our test articles: Italian/French/German/Portuguese prose stays
#: under 0.08 (Portuguese 0.07), while cp1251 Russian or cp1256 Arabic bytes read as
#: windows-1252 come out at 0.85-1.0.
_MOJIBAKE_SHARE = 0.3


def declared_charset(data: bytes, http_content_type: str | None = None) -> str | None:
    """Charset named by an HTTP header, an HTML meta tag or an XML declaration."""
    if http_content_type:
        m = _HTTP_CHARSET.search(http_content_type)
        if m:
            return m.group(1)
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean this is no text file."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def looks_like_mojibake(text: str) -> bool:
    """Is this non-Latin text decoded with a Western single-byte codec?"""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if len(letters) < 20:
        return False
    latin1 = sum(1 for ch in letters if "\u00c0" <= ch <= "\u00ff")
    return latin1 / len(letters) > _MOJIBAKE_SHARE


def _codec(label: str) -> str | None:
    """Python codec name for a charset label, or None if Python does not know it."""
    label = _SUPERSETS.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, http_content_type: str | None = None) -> tuple[str, list[str]]:
    """Text and warnings; raises ``EmptyInput``/``BinaryInput`` for unusable bytes."""
    if not data.strip():
        raise EmptyInput("the file is empty", hint="nothing to ingest; check the file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    wide = _wide_codec(data)
    if wide:
        return data.decode(wide, errors="replace"), [f"no byte-order mark; read as {wide}"]
    if looks_binary(data):
        raise BinaryInput(
            "the file is binary (an image, archive or document?), not text",
            hint="give text, HTML, JSON/JSONL, RSS/Atom or WARC files",
        )
    warnings: list[str] = []
    declared = declared_charset(data, http_content_type)
    if declared:
        text = _decode_declared(data, declared, warnings)
        if text is not None:
            return repair_mojibake(text, warnings), warnings
    try:
        return repair_mojibake(data.decode("utf-8"), warnings), warnings
    except UnicodeDecodeError:
        return _detect(data, warnings), warnings


#: Warning that flags an article whose text was repaired (``Article.mojibake_repaired``).
MOJIBAKE_REPAIRED = "mojibake repaired"


def repair_mojibake(text: str, warnings: list[str]) -> str:
    """UTF-8 that went through a Latin-1/cp1252 decode on its way ("SÃ£o Paulo", "â€œ"),
    common in scraped corpora, repaired with ftfy's encoding fixer (only the encoding
    fix: quotes, entities and ligatures are left as written); a warning flags it."""
    import ftfy
    from ftfy.badness import is_bad

    if text.isascii() or not is_bad(text):
        return text
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        warnings.append(f"{MOJIBAKE_REPAIRED}: text decoded twice (UTF-8 read as Latin-1)")
    return fixed


#: UTF-16/32 without a byte-order mark, tried widest first (UTF-32 text of ASCII also
#: decodes as UTF-16, with NUL characters).
_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")


def _wide_codec(data: bytes) -> str | None:
    """The UTF-16/32 codec that reads NUL-bearing bytes as clean text, if one does.
    Every real text has spaces, digits or punctuation, which these encodings write with
    NUL bytes; and arbitrary binary bytes fail a strict UTF-16/32 decode (lone surrogates,
    out-of-range code points) or come out full of control characters."""
    head = data[:4096]
    if b"\x00" not in head or len(head) < 8:
        return None
    for codec in _WIDE:
        unit = 4 if "32" in codec else 2
        try:
            text = head[: len(head) - len(head) % unit].decode(codec)
        except UnicodeDecodeError:
            continue
        clean = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r")
        if text and clean / len(text) > 0.97:
            return codec
    return None


def _decode_declared(data: bytes, declared: str, warnings: list[str]) -> str | None:
    """The text under the declared charset, or None (with a warning) if it lies."""
    codec = _codec(declared)
    if codec is None:
        warnings.append(f"unknown declared charset {declared!r}; detected instead")
        return None
    if codec.startswith(("utf-16", "utf-32")):  # without a BOM (checked before): the
        # declaration is written in ASCII-compatible bytes, so it cannot be true (HTML5
        # reads such a page as UTF-8 too)
        warnings.append(f"declared charset {declared!r} in single-byte text; ignored")
        return None
    if codec != "utf-8" and not data.isascii() and _is_utf8(data):
        warnings.append(f"declared charset {declared!r} but the bytes are UTF-8; read as UTF-8")
        return data.decode("utf-8")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        warnings.append(
            f"declared charset {declared!r} does not decode the bytes; detected instead")
        return None
    if looks_like_mojibake(text):
        warnings.append(f"declared charset {declared!r} gives garbled text; detected instead")
        return None
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes, warnings: list[str]) -> str:
    """charset_normalizer's best guess; undecodable bytes replaced as a last resort."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        warnings.append("charset could not be detected; undecodable bytes replaced")
        return data.decode("utf-8", errors="replace")
    warnings.append(f"no usable charset declaration; detected {best.encoding}")
    return str(best)
