"""Damaged input found by testing as a newcomer would, on real-looking multilingual pages:
each costs the damaged part only, with a coded error, and the rest is read.

Before these fixes a gzipped WARC cut off in transfer lost every record ("the WARC
archive holds no records"), and a plain WARC cut off inside its last record ingested that
page's first half as if it were the article."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import read_bytes

_PAGES = {
    "https://www.dunya.example.com.tr/ekonomi/merkez-bankasi-faiz":
        ("Merkez Bankası politika faizini yüzde 45'te sabit tuttu",
         "Türkiye Cumhuriyet Merkez Bankası, Perşembe günkü toplantısında politika faizini "
         "yüzde 45'te sabit bıraktı. Banka, enflasyondaki düşüşün sürdüğünü açıkladı."),
    "https://www.gazeta.example.pl/swiat/powodz-na-slasku":
        ("Powódź na Śląsku: ewakuowano 2 tysiące osób",
         "Wojewoda opolski poinformował w niedzielę, że z zalanych terenów ewakuowano ponad "
         "dwa tysiące mieszkańców. Straż pożarna prowadzi akcję w Nysie i Kłodzku."),
    "https://www.alkhabar.example.com/world/gaza-aid":
        ("دخول 200 شاحنة مساعدات إلى غزة عبر معبر رفح",
         "أعلنت الأمم المتحدة يوم الأحد دخول 200 شاحنة محملة بالمساعدات الإنسانية إلى قطاع "
         "غزة عبر معبر رفح، في أكبر قافلة منذ أسابيع."),
    "https://www.tagesblatt.example.de/politik/bundestag-haushalt":
        ("Bundestag beschließt Haushalt für 2025",
         "Der Bundestag hat am Freitag den Bundeshaushalt für das kommende Jahr mit den "
         "Stimmen der Koalition verabschiedet. Die Opposition kritisierte die Neuverschuldung."),
}


def _page(title: str, text: str) -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>Start</a> · <a href='/sport'>Sport</a></nav><article>"
            f"<h1>{title}</h1><p>{text}</p><p>{text}</p></article>"
            f"<footer>© 2025 · Impressum · Datenschutz</footer></body></html>").encode()


def _warc(gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, (title, text) in _PAGES.items():
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(_page(title, text)), http_headers=headers))
    return out.getvalue()


def test_a_gzipped_warc_cut_off_keeps_the_records_before_the_cut():
    whole = _warc(gzipped=True)
    assert [i.article.title for i in read_bytes(whole, "crawl.warc.gz")] == \
        [title for title, _ in _PAGES.values()]
    items = list(read_bytes(whole[: len(whole) * 3 // 4], "crawl.warc.gz"))
    read = [i.article.title for i in items if i.article]
    assert read and read == [title for title, _ in _PAGES.values()][: len(read)]
    assert len(read) < len(_PAGES)
    errors = [i for i in items if i.error]
    assert {i.error.code for i in errors} == {"E104"} and len(errors) <= 2
    damage = errors[-1]  # the archive's line; before it, the record the cut fell inside
    assert damage.source == "crawl.warc.gz"
    assert all(i.source.startswith("crawl.warc.gz#https://") for i in errors[:-1])
    assert "cut off" in damage.error.message
    assert f"{len(read)} whole records" in damage.error.message


def test_a_plain_warc_cut_inside_a_record_skips_that_record_only():
    whole = _warc(gzipped=False)
    last_url = list(_PAGES)[-1]
    cut = whole.index(last_url.encode()) + 600  # inside the last page's HTML
    items = list(read_bytes(whole[:cut], "crawl.warc"))
    assert [i.article.title for i in items[:-1]] == [t for t, _ in _PAGES.values()][:-1]
    assert items[-1].article is None and items[-1].error.code == "E104"
    assert items[-1].source == f"crawl.warc#{last_url}"
    assert "cut off" in items[-1].error.message


def test_garbage_after_good_gzip_members_keeps_them():
    whole = _warc(gzipped=True)
    items = list(read_bytes(whole + b"\x1f\x8b\x08\x00" + b"\xff" * 200, "crawl.warc.gz"))
    assert [i.article.title for i in items if i.article] == [t for t, _ in _PAGES.values()]
    assert [i.error.code for i in items if i.error] == ["E104"]


def test_a_file_that_is_no_gzip_at_all_is_one_coded_error():
    [item] = read_bytes(b"\x1f\x8b" + bytes(range(256)) * 4, "crawl.warc.gz")
    assert item.error.code == "E104" and "not a readable WARC archive" in item.error.message
