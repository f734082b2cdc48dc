"""`rashomon similarity` reads files exactly as `rashomon ingest` does.

Two pages of one regional site (tests/data/cli: a museum exhibition on colonial trade and
the Moselle grape harvest, the same cookie banner, navigation, most-read list, newsletter
box, footer and ~2 KB of inline CSS/JS) are unrelated stories: compared on their main text
they must not join one story. Read as raw markup (the old `similarity`), they scored 0.32,
above the clustering join threshold. The same harvest report from another outlet must join.
"""

from __future__ import annotations

import json
from pathlib import Path

from rashomon.cli.core_cmds import read_article
from rashomon.cluster.online import JOIN_THRESHOLD
from rashomon.ingest import iter_inputs
from rashomon.web.app import items_from_bytes

DATA = Path(__file__).parent / "data"
HISTORY = DATA / "cli" / "landbote_history.html"
WINE = DATA / "cli" / "landbote_wine.html"
OTHER_WINE = DATA / "cli" / "moselecho_wine.html"


def test_html_is_read_as_its_main_text_without_the_site_furniture():
    article = read_article(str(HISTORY))
    assert article.title.startswith("Zucker, Tabak, Kaffee")
    assert "Geschäftsbücher des Handelshauses Laeis" in article.maintext
    for furniture in ("Cookies", "Meistgelesen", "Newsletter", "Impressum", "dataLayer",
                      "grid-template-columns", "Kaiser-Wilhelm-Brücke"):
        assert furniture not in article.maintext, furniture
    assert article.date_publish is not None and article.date_publish.day == 12


def test_similarity_reads_what_ingest_reads():
    for path in (HISTORY, WINE, OTHER_WINE):
        (item,) = list(iter_inputs([str(path)]))
        article = read_article(str(path))
        assert (article.title, article.maintext) == (item.article.title, item.article.maintext)
        assert article.date_publish == item.article.date_publish


def test_web_upload_reads_what_ingest_reads():
    """The web ingest page and `POST /api/articles` read uploads with the same readers."""
    for path in (WINE, DATA / "ingest" / "ru_feed.xml", DATA / "ingest" / "mixed.jsonl"):
        cli = [(i.source.replace(str(path), path.name), i.article and i.article.maintext)
               for i in iter_inputs([str(path)])]
        web = [(i.source, i.article and i.article.maintext)
               for i in items_from_bytes(path.read_bytes(), path.name)]
        assert cli == web, path.name


def test_a_feed_gives_its_first_entry_and_jsonl_its_first_record():
    feed = read_article(str(DATA / "ingest" / "ru_feed.xml"))
    assert feed.title == "В Стамбуле прошли закрытые переговоры США, ЕС и России"
    first = json.loads((DATA / "ingest" / "mixed.jsonl").read_text(encoding="utf-8").split("\n")[0])
    record = read_article(str(DATA / "ingest" / "mixed.jsonl"))
    assert record.title == first["title"] and record.url == first["url"]


def test_unrelated_pages_of_one_site_do_not_join_but_one_story_from_two_sites_does(engine):
    history, wine, other = (read_article(str(p)) for p in (HISTORY, WINE, OTHER_WINE))
    unrelated = engine.similarity(history, wine)
    same_story = engine.similarity(read_article(str(WINE)), other)
    assert unrelated < min(0.5, JOIN_THRESHOLD), unrelated
    assert same_story > max(0.5, JOIN_THRESHOLD), same_story


def test_a_file_ingest_would_keep_out_of_every_story_is_not_scored(tmp_path, capsys):
    """`rashomon similarity` on two one-word files printed 0.9384 ("same story"): texts
    with nothing to compare saturate the rating. A file that ingest keeps out of every
    story (E2xx: too short, template code, a caption) now gets that coded line."""
    from rashomon.cli import main

    brief = tmp_path / "son_dakika.txt"
    brief.write_text("Son dakika\nDeprem!\n", encoding="utf-8")
    other = tmp_path / "срочно.txt"
    other.write_text("Срочно\nЗемлетрясение.\n", encoding="utf-8")
    assert main(["similarity", str(brief), str(other)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("E203 ") and "son_dakika.txt" in err
    assert main(["similarity", str(WINE), str(other)]) == 1  # one short file is enough
    assert capsys.readouterr().err.startswith("E203 ")
    assert main(["similarity", str(WINE), str(OTHER_WINE)]) == 0
    assert float(capsys.readouterr().out) > JOIN_THRESHOLD
