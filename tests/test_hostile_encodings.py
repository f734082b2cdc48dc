"""Hostile encodings: UTF-16/32 without a byte-order mark (was refused as binary), a page
declaring UTF-16 in ASCII bytes (its text was lost), double-decoded UTF-8 mojibake (was
stored as is), and a page nested 100,000 <div>s deep (came out with no text). Each test
failed before this change."""

from __future__ import annotations

import pytest

from rashomon.ingest import read_bytes
from rashomon.ingest.decode import decode

TEXT = ("Sivas'ta deprem: AFAD, 5,1 büyüklüğündeki sarsıntının ardından 12 kişinin "
        "yaralandığını açıkladı.\nЗемлетрясение в Турции: пострадали 12 человек.\n"
        "Le séisme a fait 12 blessés à Sivas.\n")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_read(codec):
    decoded, warnings = decode(TEXT.encode(codec))
    assert decoded == TEXT
    assert warnings and codec in warnings[0]
    [item] = read_bytes(("Sivas deprem\n\n" + TEXT).encode(codec), "sivas.txt")
    assert item.error is None and "AFAD" in item.article.maintext


def test_binary_with_nul_bytes_is_still_binary():
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 8
    [item] = read_bytes(png, "photo.txt")
    assert item.error is not None and item.error.code == "E102"


def test_a_utf16_declaration_in_ascii_bytes_is_ignored():
    page = ('<html><head><meta charset="utf-16"><title>Genoa harbour reopens</title></head>'
            "<body><article><p>The harbour of Genoa reopened on Monday after the storm that "
            "closed it for three days, the port authority said.</p></article></body></html>")
    text, warnings = decode(page.encode("ascii"))
    assert text == page and any("utf-16" in w for w in warnings)
    [item] = read_bytes(page.encode("ascii"), "genoa.html")
    assert item.article.title == "Genoa harbour reopens"
    assert "port authority" in item.article.maintext


def test_double_decoded_utf8_is_repaired_and_flagged():
    original = ("Inundações em São Paulo: a Defesa Civil diz que 40 pessoas foram resgatadas. "
                "« Nous ferons appel », a réagi le maire de Sète.")
    garbled = original.encode("utf-8").decode("cp1252")  # "SÃ£o Paulo", "Â« Nous"
    [item] = read_bytes(("Enchentes\n\n" + garbled).encode("utf-8"), "sp.txt")
    assert item.article.maintext == original
    assert item.article.mojibake_repaired
    [clean] = read_bytes(("Enchentes\n\n" + original).encode("utf-8"), "sp.txt")
    assert clean.article.maintext == original and not clean.article.mojibake_repaired


def test_a_page_nested_100k_divs_deep_keeps_its_text():
    page = ("<html><head><title>Deep page</title></head><body>" + "<div>" * 100_000
            + "<p>The harbour of Genoa reopened on Monday after the storm that closed it for "
              "three days, the port authority said.</p>" + "</div>" * 100_000
            + "</body></html>").encode()
    [item] = read_bytes(page, "deep.html")
    assert item.error is None
    assert "harbour of Genoa reopened" in item.article.maintext
