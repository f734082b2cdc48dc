"""Re-ingesting is a no-op; a changed version of a URL updates it; the same text from
another outlet under another URL is a new article (clustering links it as a near-copy)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data" / "ingest"

BODY = (
    "Представители США, Евросоюза и России провели закрытую встречу в Стамбуле в "
    "воскресенье, 17 сентября, сообщили два дипломатических источника. По их словам, "
    "переговоры продолжались около четырёх часов и касались гуманитарной ситуации на "
    "Южном Кавказе. МИД Турции встречу не подтвердил."
)


def _record(url: str, body: str = BODY, title: str = "Закрытая встреча в Стамбуле") -> str:
    return json.dumps({"url": url, "title": title, "maintext": body, "language": "ru"})


def test_reingesting_the_same_files_is_a_no_op(engine):
    paths = [str(DATA / "it_colloqui.html"), str(DATA / "fa_nashast.html"),
             str(DATA / "ru_feed.xml"), str(DATA / "ja_zh_atom.xml")]
    first = engine.ingest(paths)
    assert [r.status for r in first] == ["new"] * 6
    count = engine.store.count_articles()
    second = engine.ingest(paths)
    assert [r.status for r in second] == ["unchanged"] * 6
    assert [r.article_id for r in second] == [r.article_id for r in first]
    assert engine.store.count_articles() == count


def test_tracking_parameters_do_not_make_a_new_article(engine, tmp_path):
    url = "https://vestnik-bosfora.example.ru/world/2023/09/20/stambul"
    (tmp_path / "a.jsonl").write_text(_record(url), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_record(f"{url}?utm_source=tg#top"), encoding="utf-8")
    assert engine.ingest([str(tmp_path / "a.jsonl")])[0].status == "new"
    assert engine.ingest([str(tmp_path / "b.jsonl")])[0].status == "unchanged"


def test_changed_version_of_the_same_url_updates_it(engine, tmp_path):
    url = "https://vestnik-bosfora.example.ru/world/2023/09/20/stambul"
    (tmp_path / "v1.jsonl").write_text(_record(url), encoding="utf-8")
    changed = BODY + " Позднее источник уточнил, что встреча длилась пять часов."
    (tmp_path / "v2.jsonl").write_text(_record(url, changed), encoding="utf-8")
    [first] = engine.ingest([str(tmp_path / "v1.jsonl")])
    [second] = engine.ingest([str(tmp_path / "v2.jsonl")])
    assert second.status == "updated" and second.article_id == first.article_id
    assert engine.store.count_articles() == 1
    assert "пять часов" in engine.article(first.article_id).maintext
    [third] = engine.ingest([str(tmp_path / "v2.jsonl")])
    assert third.status == "unchanged"


def test_same_text_from_another_outlet_is_a_new_linked_article(engine, tmp_path):
    original = "https://vestnik-bosfora.example.ru/world/2023/09/20/stambul"
    reprint = "https://severnaya-gazeta.example.ru/news/2023-09-20/vstrecha-v-stambule"
    (tmp_path / "a.jsonl").write_text(_record(original), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_record(reprint), encoding="utf-8")
    [a] = engine.ingest([str(tmp_path / "a.jsonl")])
    [b] = engine.ingest([str(tmp_path / "b.jsonl")])
    assert b.status == "new" and b.article_id != a.article_id
    assert b.story_id == a.story_id
    assert b.duplicate_of == a.article_id


def test_same_plain_text_file_twice_without_url_is_unchanged(engine, tmp_path):
    text = "Закрытая встреча в Стамбуле\n" + BODY
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    results = engine.ingest([str(tmp_path)])
    assert sorted(r.status for r in results) == ["new", "unchanged"]
