"""Charset cascade: BOM, declarations (trusted only when they produce text), detection."""

from __future__ import annotations

import codecs

import pytest

from rashomon.errors import BinaryInput, EmptyInput
from rashomon.ingest import iter_inputs
from rashomon.ingest.decode import decode

ARABIC = (
    "قالت مصادر دبلوماسية إن ممثلين عن الولايات المتحدة والاتحاد الأوروبي وروسيا عقدوا "
    "اجتماعا مغلقا في إسطنبول يوم الأحد السابع عشر من سبتمبر.\n"
    "وأضافت المصادر أن الاجتماع استمر نحو أربع ساعات وتناول الوضع الإنساني في جنوب القوقاز "
    "وعبور قوافل المساعدات المتوقفة منذ أشهر عند الحدود.\n"
    "ولم تؤكد وزارة الخارجية التركية انعقاد الاجتماع."
)
RUSSIAN = (
    "Представители США, Евросоюза и России провели закрытую встречу в Стамбуле в "
    "воскресенье, 17 сентября, сообщили два дипломатических источника.\n"
    "По их словам, переговоры продолжались около четырёх часов и касались гуманитарной "
    "ситуации на Южном Кавказе и прохода колонн с помощью.\n"
    "МИД Турции встречу не подтвердил."
)
CHINESE = (
    "据两名外交消息人士透露，美国、欧盟和俄罗斯的代表于九月十七日星期日在伊斯坦布尔举行了"
    "一次秘密会谈。\n消息人士说，会谈持续了大约四个小时，主要讨论南高加索地区的人道主义局势"
    "以及在边境滞留数月的援助车队的通行问题。\n土耳其外交部没有证实这次会面。"
)
ITALIAN = (
    "Rappresentanti degli Stati Uniti, dell'Unione europea e della Russia si sono incontrati "
    "in segreto a Istanbul domenica 17 settembre, secondo due fonti diplomatiche.\n"
    "La riunione è durata circa quattro ore: al centro c'erano la situazione umanitaria nel "
    "Caucaso e il passaggio dei convogli di aiuti, fermi da mesi al confine.\n"
    "Il ministero degli Esteri turco non ha confermato l'incontro; «è una città più sicura»."
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (ARABIC, "cp1256"),
        (RUSSIAN, "windows-1251"),
        (CHINESE, "gb18030"),
        (CHINESE, "gbk"),
        (ITALIAN, "latin-1"),
    ],
)
def test_undeclared_legacy_charsets_are_detected_with_a_warning(text, codec):
    decoded, warnings = decode(text.encode(codec))
    assert decoded == text
    assert warnings and "detected" in warnings[0]


def test_undeclared_files_are_read_through_the_reader(tmp_path):
    (tmp_path / "ru.txt").write_bytes(("Закрытая встреча в Стамбуле\n" + RUSSIAN).encode("cp1251"))
    (tmp_path / "ar.txt").write_bytes(("اجتماع مغلق في إسطنبول\n" + ARABIC).encode("cp1256"))
    items = list(iter_inputs([str(tmp_path)]))
    assert [i.error for i in items] == [None, None]
    titles = {i.article.title for i in items}
    assert titles == {"Закрытая встреча в Стамбуле", "اجتماع مغلق في إسطنبول"}
    assert all(i.article.warnings for i in items)


def test_declared_charset_is_used_without_warning():
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    decoded, warnings = decode(page.encode("windows-1251"))
    assert RUSSIAN in decoded
    assert warnings == []


def test_gb2312_declaration_is_read_as_its_gb18030_superset():
    text = CHINESE + " 𠀀"  # a character outside GB2312/GBK that GB18030 encodes
    xml = f'<?xml version="1.0" encoding="gb2312"?><rss><item>{text}</item></rss>'
    decoded, warnings = decode(xml.encode("gb18030"))
    assert text in decoded and warnings == []


def test_meta_charset_that_lies_about_utf8_bytes():
    """Template says iso-8859-1, bytes are UTF-8 Persian: UTF-8 wins, with a warning."""
    body = "<p>نمایندگان آمریکا، اروپا و روسیه روز یکشنبه در استانبول دیدار کردند.</p>"
    page = f'<html><head><meta charset="iso-8859-1"></head><body>{body}</body></html>'
    decoded, warnings = decode(page.encode("utf-8"))
    assert body in decoded
    assert "UTF-8" in warnings[0]


def test_meta_charset_that_lies_about_cyrillic_bytes():
    """Meta says windows-1252 over windows-1251 bytes: mojibake is refused, text detected."""
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><p>{RUSSIAN}</p></body></html>"
    )
    decoded, warnings = decode(page.encode("windows-1251"))
    assert RUSSIAN in decoded
    assert "garbled" in warnings[0]


def test_meta_says_utf8_but_bytes_are_cp1256():
    page = f'<html><head><meta charset="utf-8"></head><body><p>{ARABIC}</p></body></html>'
    decoded, warnings = decode(page.encode("cp1256"))
    assert ARABIC in decoded
    assert "does not decode" in warnings[0]


def test_unknown_declared_charset_falls_back():
    decoded, warnings = decode(b'<meta charset="x-klingon"><p>' + ITALIAN.encode() + b"</p>")
    assert ITALIAN in decoded and "unknown" in warnings[0]


def test_http_header_charset_wins_over_nothing():
    decoded, warnings = decode(RUSSIAN.encode("koi8-r"), "text/html; charset=KOI8-R")
    assert decoded == RUSSIAN and warnings == []


@pytest.mark.parametrize("bom_codec", ["utf-8-sig", "utf-16"])
def test_bom_decides(bom_codec):
    data = CHINESE.encode(bom_codec)
    if bom_codec == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    decoded, warnings = decode(data)
    assert decoded == CHINESE and warnings == []


def test_empty_and_binary_are_refused():
    with pytest.raises(EmptyInput):
        decode(b"  \n\t ")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    with pytest.raises(BinaryInput):
        decode(png)
