"""Readers: HTML (main text, times with origins, canonical URL), text, JSON/JSONL, RSS,
Atom, WARC, folders, globs and stdin."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from rashomon.ingest import iter_inputs, read_bytes

DATA = Path(__file__).parent / "data" / "ingest"


def _one(path: Path | str):
    items = list(iter_inputs([str(path)]))
    assert len(items) == 1 and items[0].error is None, items
    return items[0].article


def test_html_main_text_without_page_furniture():
    article = _one(DATA / "it_colloqui.html")
    assert article.title == "Colloqui riservati a Istanbul tra diplomatici europei e russi"
    assert article.maintext.startswith("Rappresentanti degli Stati Uniti")
    assert "Ankara rivendica da tempo" in article.maintext
    for furniture in ("cookie", "Accetta", "Home", "Condividi", "Lascia un commento",
                      "Finalmente un po'", "Borsa di Milano", "Tutti i diritti", "newsletter"):
        assert furniture not in article.maintext, furniture
    assert article.authors == ["Chiara Ferretti"]
    assert article.raw_format == "html" and article.raw.startswith(b"<!DOCTYPE html>")


def test_html_jsonld_times_kept_apart_and_canonical_url():
    article = _one(DATA / "it_colloqui.html")
    cest = timezone(timedelta(hours=2))
    assert article.date_publish == datetime(2023, 9, 20, 8, 15, tzinfo=cest)
    assert article.date_modify == datetime(2023, 9, 20, 14, 40, tzinfo=cest)
    assert (article.date_publish_origin, article.date_modify_origin) == ("jsonld", "jsonld")
    assert article.url == (
        "https://www.gazzettadelbosforo.it/esteri/2023/09/20/colloqui-riservati-istanbul"
    )
    assert article.source_domain == "gazzettadelbosforo.it"


def test_html_meta_times_og_url_and_persian_zwnj_survive_extraction():
    article = _one(DATA / "fa_nashast.html")
    assert article.date_publish_origin == article.date_modify_origin == "meta"
    assert article.date_modify - article.date_publish == timedelta(hours=7, minutes=35)
    assert article.url == "https://parsnegar.example.ir/news/2023/09/21/istanbul-talks"
    assert "کاروان\u200cهای کمک" in article.maintext  # ZWNJ kept, words not glued
    assert "ارسال نظر" not in article.maintext and "تلگرام" not in article.maintext


def test_given_url_wins_and_url_path_date_is_the_fallback():
    page = (
        "<html><head><title>Reunión en Estambul</title></head><body><article>"
        "<h1>Reunión en Estambul</h1><p>Representantes de Estados Unidos, la Unión Europea y "
        "Rusia se reunieron en secreto en Estambul, según dos fuentes diplomáticas que "
        "pidieron el anonimato. La reunión duró unas cuatro horas.</p><p>El ministerio turco "
        "no confirmó el encuentro y se limitó a pedir diálogo entre las partes.</p>"
        "</article></body></html>"
    ).encode()
    url = "https://diario-del-estrecho.example.es/internacional/2023/09/19/reunion-estambul"
    [item] = read_bytes(page, "page.html", url=url)
    article = item.article
    assert article.url == url and article.source_domain == "diario-del-estrecho.example.es"
    assert article.date_publish == datetime(2023, 9, 19, tzinfo=UTC)
    assert article.date_publish_origin == "url"
    assert article.date_modify is None


def test_date_in_the_text_is_the_last_resort():
    page = (
        "<html><body><article><h1>Nuovo ponte sul Po</h1>"
        "<p class='date'>Pubblicato il 14.03.2024 alle 09:30</p>"
        "<p>Il nuovo ponte sul Po tra Piacenza e Lodi è stato aperto al traffico dopo tre anni "
        "di lavori. Secondo la provincia vi passeranno ogni giorno ventimila veicoli.</p>"
        "<p>I pendolari potranno risparmiare fino a mezz'ora al giorno.</p>"
        "</article></body></html>"
    ).encode()
    [item] = read_bytes(page, "ponte.html")
    # The date written under the headline: a text reading ("byline"), below every markup one.
    assert item.article.date_publish_origin == "byline"
    assert item.article.date_publish.date().isoformat() == "2024-03-14"


def test_plain_text_first_line_is_title(tmp_path):
    path = tmp_path / "uk.txt"
    path.write_text(
        "У Києві відкрили новий міст через Дніпро\n\n"
        "Міська влада повідомила, що рух новим мостом відкриють у суботу.\n"
        "Будівництво тривало понад десять років.\n",
        encoding="utf-8",
    )
    article = _one(path)
    assert article.title == "У Києві відкрили новий міст через Дніпро"
    assert article.maintext.startswith("Міська влада") and article.raw_format == "text"


def test_plain_text_without_title_line_uses_first_sentence(tmp_path):
    lead = ("La riunione è durata circa quattro ore e si è svolta a porte chiuse. " * 5).strip()
    (tmp_path / "it.txt").write_text(lead, encoding="utf-8")
    article = _one(tmp_path / "it.txt")
    assert article.title == "La riunione è durata circa quattro ore e si è svolta a porte chiuse."
    assert article.maintext == lead


def test_jsonl_newsplease_fields_and_per_line_errors():
    items = list(iter_inputs([str(DATA / "mixed.jsonl")]))
    assert [i.source.rsplit(":", 1)[1] for i in items] == ["1", "2", "3", "4", "5"]
    good = {i.source: i.article for i in items if i.article}
    bad = {i.source: i.error for i in items if i.error}
    assert len(good) == 3 and len(bad) == 2
    arabic = good[f"{DATA / 'mixed.jsonl'}:1"]
    assert arabic.language == "ar" and arabic.authors == ["سامي الخطيب"]
    assert arabic.date_publish == datetime(2023, 9, 20, 11, 0, tzinfo=UTC)
    german = good[f"{DATA / 'mixed.jsonl'}:2"]
    assert german.source_domain == "rheinpost.example.de"
    assert german.date_modify_origin == "input" and german.date_modify > german.date_publish
    spanish = good[f"{DATA / 'mixed.jsonl'}:4"]
    assert spanish.date_publish == datetime.fromtimestamp(1695211200, tz=UTC)
    assert "not valid JSON" in str(bad[f"{DATA / 'mixed.jsonl'}:3"])
    assert "maintext" in str(bad[f"{DATA / 'mixed.jsonl'}:5"])


def test_json_array_and_single_object(tmp_path):
    record = {"title": "Grève à Paris", "maintext": "Les syndicats appellent à la grève jeudi.",
              "url": "https://quotidien.example.fr/societe/greve", "language": "fr-FR"}
    (tmp_path / "one.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([record, 42]), encoding="utf-8")
    one = _one(tmp_path / "one.json")
    assert one.language == "fr" and one.source_domain == "quotidien.example.fr"
    many = list(iter_inputs([str(tmp_path / "many.json")]))
    assert many[0].article.title == "Grève à Paris"
    assert many[1].error is not None and "object" in str(many[1].error)


def test_rss_content_encoded_pubdate_link_author():
    items = list(iter_inputs([str(DATA / "ru_feed.xml")]))
    assert [i.error for i in items] == [None, None]
    first, second = (i.article for i in items)
    assert first.title == "В Стамбуле прошли закрытые переговоры США, ЕС и России"
    assert "МИД Турции встречу не подтвердил" in first.maintext  # content:encoded, not teaser
    assert first.description == "Встреча прошла 17 сентября без журналистов."
    assert first.date_publish == datetime(2023, 9, 20, 6, 12, tzinfo=UTC)
    assert first.date_publish_origin == "feed" and first.authors == ["Ирина Соколова"]
    assert first.url.endswith("/world/2023/09/20/stambul-peregovory")
    assert first.source_domain == "vestnik-bosfora.example.ru"
    assert second.maintext.startswith("Рубль укрепился") and "<p>" not in second.maintext


def test_atom_published_and_updated_kept_apart():
    items = list(iter_inputs([str(DATA / "ja_zh_atom.xml")]))
    ja, zh = (i.article for i in items)
    assert ja.date_publish == datetime(2023, 9, 20, 9, 0, tzinfo=UTC)
    assert ja.date_modify == datetime(2023, 9, 20, 22, 30, tzinfo=UTC)
    assert ja.authors == ["佐藤健一"] and "トルコ外務省" in ja.maintext
    assert zh.date_publish == datetime(2023, 9, 20, 10, 0, tzinfo=UTC) and zh.date_modify is None
    assert zh.maintext.startswith("据两名外交消息人士透露")


def test_feed_in_legacy_charset(tmp_path):
    feed = (DATA / "ru_feed.xml").read_text(encoding="utf-8").replace(
        'encoding="utf-8"', 'encoding="windows-1251"'
    )
    (tmp_path / "feed.rss").write_bytes(feed.encode("windows-1251"))
    items = list(iter_inputs([str(tmp_path / "feed.rss")]))
    assert items[0].article.title.startswith("В Стамбуле")


def test_warc_html_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    pages = {
        "https://www.gazzettadelbosforo.it/esteri/2023/09/20/colloqui-riservati-istanbul":
            (DATA / "it_colloqui.html").read_bytes(),
        "https://parsnegar.example.ir/news/2023/09/21/istanbul-talks":
            (DATA / "fa_nashast.html").read_bytes(),
    }
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages.items():
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://parsnegar.example.ir/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image,
        ))
    items = list(iter_inputs([str(path)]))
    assert [i.error for i in items] == [None, None]
    assert [i.article.url for i in items] == list(pages)
    assert items[1].article.source_domain == "parsnegar.example.ir"


def test_folders_recursive_globs_and_stdin(tmp_path, monkeypatch):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "de.txt").write_text("Neue Radwege\nDie Stadt baut zwölf Kilometer Radwege.", "utf-8")
    (tmp_path / "a" / "notes.bin").write_bytes(b"\x00\x01")  # unsupported suffix: skipped
    (tmp_path / "tr.txt").write_text("Toplu taşımaya zam\nÜcretler yüzde 25 arttı.", "utf-8")
    folder = [i.article.title for i in iter_inputs([str(tmp_path)])]
    assert folder == ["Toplu taşımaya zam", "Neue Radwege"]  # a folder's files, then subfolders
    globbed = [i.article.title for i in iter_inputs([str(tmp_path / "**" / "*.txt")])]
    assert sorted(globbed) == ["Neue Radwege", "Toplu taşımaya zam"]
    line = json.dumps({"title": "Σεισμός στην Κρήτη", "maintext": "Σεισμός 5,2 Ρίχτερ σημειώθηκε."})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((line + "\n").encode())))
    [item] = iter_inputs(["-"])
    assert item.source == "<stdin>:1" and item.article.title == "Σεισμός στην Κρήτη"


@pytest.mark.parametrize(("declared", "stored"), [
    ("xx-klingon", None), ("english", None), ("EN", "en"), ("pt_BR", "pt"), ("ckb", "ckb")])
def test_a_record_language_that_is_no_language_is_detected_instead(declared, stored):
    """`"language": "english"` was stored as the language 'english' (extraction then ran
    with no language data); a code CLDR does not know is dropped with a warning."""
    record = {"title": "Hochwasser an der Donau", "language": declared,
              "maintext": "Das Hochwasser an der Donau hat am Sonntag in Niederösterreich die "
                          "Evakuierung von rund 4000 Menschen notwendig gemacht."}
    [item] = read_bytes(json.dumps(record).encode(), "donau.json")
    assert item.article.language == stored
    assert bool(item.article.warnings) == (stored is None)


def test_one_path_given_as_a_string_is_that_path(tmp_path, monkeypatch):
    """`engine.ingest("articles/")` iterated the string: each character was a path, and its
    "/" walked and ingested every file of the machine (2,000 files in before it was
    stopped). A str, bytes or Path is one path; an item that is no path is one error."""
    folder = tmp_path / "artykuły"
    folder.mkdir()
    (folder / "a.txt").write_text("Sejm przyjął budżet\nSejm przyjął w piątek ustawę budżetową "
                                  "na przyszły rok; za głosowało 240 posłów.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("artykuły/", Path("artykuły"), os.fsencode("artykuły")):
        items = list(iter_inputs(given))
        assert [i.article.title for i in items] == ["Sejm przyjął budżet"], given
    odd = list(iter_inputs([None, 123, "artykuły"]))
    assert [i.error.code for i in odd[:2]] == ["E104", "E104"]
    assert odd[2].article.title == "Sejm przyjął budżet"


def test_a_recursive_pattern_over_symlink_loops_ends(tmp_path):
    """Two symlink loops (`a/up -> ..`, `a/top -> ../..`): glob's `**` followed them and
    `rashomon ingest 'news/**/*.txt'` ran on for good; with one loop it read each file again
    under every loop path. Run in a child, so a regression is stopped by its timeout."""
    import subprocess
    import sys

    news = tmp_path / "news"
    (news / "a").mkdir(parents=True)
    (news / "a" / "sejm.txt").write_text(
        "Sejm przyjął budżet\nSejm przyjął w piątek ustawę budżetową na przyszły rok.",
        encoding="utf-8")
    (news / "a" / "up").symlink_to("..")
    (news / "a" / "top").symlink_to("../..")
    code = ("import sys; from rashomon.ingest import iter_inputs; "
            "print([i.source for i in iter_inputs([sys.argv[1]])])")
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", code, str(news / "**" / "*.txt")],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": src})
    assert done.stdout.strip() == repr([str(news / "a" / "sejm.txt")]), done.stderr


@pytest.mark.parametrize(("given", "read", "warned"), [
    ("14.09.2025", "2025-09-14T00:00:00+00:00", False),
    ("1.3.2024 18:30", "2024-03-01T18:30:00+00:00", False),
    ("31/31/2025", None, True), ("gestern irgendwann", None, True), ("31.02.2025", None, True),
    ("", None, False)])
def test_a_record_time_written_by_hand(given, read, warned):
    """A dotted day-first date ("14.09.2025") was dropped, and so was any unreadable time,
    without a word: the article was then dated by the time it was ingested."""
    record = {"title": "Hochwasser an der Donau", "date_publish": given,
              "maintext": "Das Hochwasser an der Donau hat am Sonntag in Niederösterreich die "
                          "Evakuierung von rund 4000 Menschen notwendig gemacht."}
    [item] = read_bytes(json.dumps(record).encode(), "donau.json")
    published = item.article.date_publish
    assert (published.isoformat() if published else None) == read
    assert any("is not a date" in w for w in item.article.warnings) == warned
