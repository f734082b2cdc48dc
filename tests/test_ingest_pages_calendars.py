"""Publish times of pages written like real Persian, Arabic, English and German news pages
(2026-12-05): a byline in Persian digits and the Solar Hijri calendar, a Hijri byline in
Arabic-Indic digits, a meta tag that the URL and the byline both contradict, a byline
in the future."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.ingest import read_bytes

FA = ("<p>به گزارش خبرنگار ما، شورای شهر تبریز روز سه‌شنبه تصمیم گرفت پل قدیمی بندر را پس از "
      "کشف ترک در دو ستون آن برای همه خودروها ببندد. سخنگوی شورا گفت روزانه حدود ۱۲ هزار "
      "خودرو از این پل عبور می‌کنند و تعمیر آن دست‌کم شش ماه طول می‌کشد.</p><p>شهردار این "
      "تصمیم را دشوار اما ضروری خواند و گفت ایمنی شهروندان در اولویت است.</p>")
AR = ("<p>أغلقت بلدية الإسكندرية جسر الميناء القديم أمام حركة المرور مساء الثلاثاء بعد أن "
      "اكتشف مهندسون تشققات في اثنتين من دعاماته خلال فحص دوري، بحسب ما أعلنت متحدثة باسم "
      "البلدية.</p><p>ويعبر الجسر نحو 12 ألف مركبة يوميا، وستستغرق أعمال الإصلاح ستة أشهر "
      "على الأقل.</p>")
EN = ("<p>The harbour bridge in Galway was closed to all traffic on Tuesday evening after "
      "engineers found cracks in two of its pillars during a routine inspection, the city "
      "council said.</p><p>About 12,000 vehicles cross the bridge each day. A council "
      "spokeswoman said repairs would take at least six months.</p>")


def _page(lang: str, byline: str, body: str, head: str = "") -> bytes:
    rtl = ' dir="rtl"' if lang in ("fa", "ar") else ""
    return (f'<html lang="{lang}"{rtl}><head>{head}<title>Headline</title></head><body>'
            f'<article><h1>Headline of the bridge story</h1><div class="date">{byline}</div>'
            f"{body}</article></body></html>").encode()


def _read(data: bytes, url: str):
    [item] = list(read_bytes(data, "page.html", url=url))
    assert item.error is None, item.error
    return item.article


@pytest.mark.parametrize("lang, byline, body", [
    ("fa", "سه‌شنبه ۱۴ اسفند ۱۴۰۳ - ۱۸:۳۰", FA),  # Solar Hijri, Persian digits: was no date
    ("fa", "۱۴ اسفند ۱۴۰۳", FA),
    ("fa", "14 اسفند 1403", FA),
    ("ar", "الثلاثاء ٤ رمضان ١٤٤٦ هـ", AR),  # Hijri, Arabic-Indic digits: was no date
    ("ar", "الثلاثاء 4 رمضان 1446 هـ - 4 مارس 2025 م", AR),
])
def test_a_byline_in_another_calendar_and_its_own_digits_is_read(lang, byline, body):
    article = _read(_page(lang, byline, body), "https://news.example/fa/news/88123")
    assert article.date_publish == datetime(2025, 3, 4, tzinfo=UTC)
    assert article.date_publish_origin == "byline"


def test_a_meta_time_the_url_and_byline_both_contradict_gives_way():
    """A republished page keeps its "published" tag three days late: the meta time was
    kept at confidence 0.45 beside the URL's 0.58 and the byline's 0.48."""
    head = '<meta property="article:published_time" content="2025-03-07T09:00:00Z">'
    article = _read(_page("en", "By Mary Byrne, March 4, 2025", EN, head),
                    "https://westcoast-times.example/news/2025/03/04/galway-bridge-closed")
    assert article.date_publish == datetime(2025, 3, 4, tzinfo=UTC)
    assert article.date_publish_origin == "url"
    others = [c["confidence"] for c in article.date_candidates if c["origin"] != "url"]
    assert article.date_publish_confidence > max(others)


def test_an_agreed_meta_time_keeps_its_clock_time():
    head = '<meta property="article:published_time" content="2025-03-04T19:12:00+01:00">'
    article = _read(_page("en", "By Mary Byrne, March 4, 2025", EN, head),
                    "https://westcoast-times.example/news/2025/03/04/galway-bridge-closed")
    assert article.date_publish == datetime(2025, 3, 4, 18, 12, tzinfo=UTC)
    assert article.date_publish_origin == "meta" and article.date_publish_confidence >= 0.9


def test_a_byline_in_the_future_leaves_the_page_undated():
    article = _read(_page("en", "By Mary Byrne | Tuesday 4 March 2031", EN),
                    "https://westcoast-times.example/news/galway-bridge-closed")
    assert article.date_publish is None
    assert [c["origin"] for c in article.date_candidates if c.get("rejected")] == ["byline"]
