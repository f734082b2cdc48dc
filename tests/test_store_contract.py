"""Contract tests run on every store backend: SQLite always, PostgreSQL when
RASHOMON_TEST_PG_DSN names a server (CI starts one with .ci/postgres.sh)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import numpy as np
import pytest

from rashomon.core import Article
from rashomon.errors import NotFound, StoryMerged
from rashomon.store import SQLiteStore, Store, StoryFilter

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")


def _fresh_postgres(dsn: str) -> Store:
    import psycopg

    from rashomon.store.postgres import PostgresStore

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return PostgresStore(dsn)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request, tmp_path) -> Store:
    if request.param == "sqlite":
        store: Store = SQLiteStore(tmp_path / "contract.db")
    else:
        if not PG_DSN:
            pytest.skip("set RASHOMON_TEST_PG_DSN to run the PostgreSQL contract tests")
        store = _fresh_postgres(PG_DSN)
    yield store
    store.close()


def _article(title: str, text: str, url: str | None, lang: str, day: int) -> Article:
    return Article(
        title=title,
        maintext=text,
        url=url,
        source_domain=url.split("/")[2] if url else None,
        language=lang,
        date_publish=datetime(2025, 6, day, 9, 30, tzinfo=UTC),
        date_publish_origin="meta",
        raw=f"<p>{text}</p>".encode(),
        raw_format="html",
    )


def test_articles_round_trip_with_raw_bytes_and_times(backend: Store) -> None:
    a = _article(
        "Зеленский провёл встречу", "Встреча прошла в Киеве.", "https://rbc.example/a", "ru", 5
    )
    a.authors, a.warnings = ["Ольга Петрова"], ["not UTF-8; decoded as cp1251"]
    article_id = backend.add_article(a, "https://rbc.example/a")
    back = backend.get_article(article_id, with_raw=True)
    assert back.title == a.title and back.maintext == a.maintext
    assert back.raw == a.raw and isinstance(back.raw, bytes)
    assert back.date_publish == a.date_publish and back.date_publish_origin == "meta"
    assert back.authors == ["Ольга Петрова"] and back.warnings == a.warnings
    assert backend.get_article(article_id).raw is None  # raw only when asked for


def test_find_by_canonical_url_then_by_content(backend: Store) -> None:
    title, body = "البنك المركزي الأوروبي يخفض الفائدة", "خفض البنك الفائدة."
    a = _article(title, body, "https://x.example/1", "ar", 5)
    article_id = backend.add_article(a, "https://x.example/1")
    assert backend.find_article("https://x.example/1", "other-hash").id == article_id
    assert backend.find_article(None, a.content_hash).id == article_id
    assert backend.find_article("https://x.example/2", "nothing") is None


def test_update_replaces_content_and_drops_derived_data(backend: Store) -> None:
    a = _article("欧洲央行降息", "欧洲央行宣布降息25个基点。", "https://cn.example/ecb", "zh", 5)
    article_id = backend.add_article(a, "https://cn.example/ecb")
    backend.put_embedding(article_id, "lead", "m", np.ones(4, dtype=np.float32))
    backend.put_document("facts", article_id, "1", {"mentions": []})
    backend.put_document("signals", article_id, "1", {"signals": {"words": ["欧洲央行"]}})
    assert backend.get_document("signals", article_id) == (
        "1", {"signals": {"words": ["欧洲央行"]}})
    changed = _article("欧洲央行降息", "欧洲央行宣布降息25个基点，拉加德讲话。", a.url, "zh", 5)
    backend.update_article(article_id, changed)
    assert backend.get_article(article_id).maintext == changed.maintext
    assert backend.get_embedding(article_id, "lead", "m") is None
    assert backend.get_document("facts", article_id) is None
    assert backend.get_document("signals", article_id) is None  # re-derived from new text


def test_stories_list_counts_languages_sources_and_copies(backend: Store) -> None:
    s1 = backend.new_story("Séisme en Turquie")
    s2 = backend.new_story("ECB cuts rates")
    ids = []
    for i, (lang, url) in enumerate(
        [("fr", "https://lemonde.example/a"), ("tr", "https://hurriyet.example/b"),
         ("en", "https://wire.example/c"), ("en", "https://local.example/d")], 1
    ):
        ids.append(backend.add_article(_article(f"t{i}", f"body {i}", url, lang, i), url))
    for article_id in ids[:2]:
        backend.set_story(article_id, s1, None)
    backend.set_story(ids[2], s2, None)
    backend.set_story(ids[3], s2, ids[2])  # a syndicated copy of the wire story
    stories = {s.id: s for s in backend.list_stories()}
    assert stories[s1].languages == ["fr", "tr"] and stories[s1].article_count == 2
    assert stories[s2].article_count == 2 and stories[s2].source_count == 2
    assert stories[s2].independent_count == 1
    assert [s.id for s in backend.list_stories()] == [s2, s1]  # newest activity first
    assert [s.id for s in backend.list_stories(StoryFilter(language="tr"))] == [s1]
    assert [s.id for s in backend.list_stories(StoryFilter(since="2025-06-03"))] == [s2]
    assert backend.count_stories() == 2
    story = backend.get_story(s2)
    assert [a.id for a in story.articles] == [ids[2], ids[3]]


def test_merged_story_moves_its_articles_and_leads_to_the_survivor(backend: Store) -> None:
    """Three stories opened apart turn out to be one event: a merged id (even one merged
    twice) leads to the surviving story, and the story list shows only the survivor."""
    a, b, c = (backend.new_story(t) for t in ("Пожар на Эвбее", "Evia fire", "حريق إيفيا"))
    urls = ["https://ria.example/1", "https://bbc.example/2", "https://aljazeera.example/3"]
    ids = [backend.add_article(_article(f"t{i}", f"b{i}", u, lang, i + 1), u)
           for i, (u, lang) in enumerate(zip(urls, ["ru", "en", "ar"], strict=True))]
    for article_id, story_id in zip(ids, (a, b, c), strict=True):
        backend.set_story(article_id, story_id, None)
    backend.merge_story(a, b)
    backend.merge_story(b, c)
    assert [s.id for s in backend.list_stories()] == [c]
    assert backend.get_story(c).article_count == 3
    for gone in (a, b):
        with pytest.raises(StoryMerged) as merged:
            backend.get_story(gone)
        assert merged.value.into == c and isinstance(merged.value, NotFound)
    assert backend.merged_into(c) is None


def test_missing_ids_raise_not_found(backend: Store) -> None:
    with pytest.raises(NotFound):
        backend.get_article(999)
    with pytest.raises(NotFound):
        backend.get_story(999)


def test_documents_and_embeddings_round_trip(backend: Store) -> None:
    article_id = backend.add_article(_article("t", "b", None, "en", 1), None)
    story_id = backend.new_story("t")
    vector = np.linspace(-1, 1, 384).astype(np.float32)
    backend.put_embedding(article_id, "lead", "e5", vector)
    assert np.array_equal(backend.get_embedding(article_id, "lead", "e5"), vector)
    backend.put_document("reports", story_id, "v1", {"agreements": ["تهران"]})
    backend.put_document("reports", story_id, "v2", {"agreements": []})
    assert backend.get_document("reports", story_id) == ("v2", {"agreements": []})


def test_sqlite_uses_wal_and_migrates_once(tmp_path) -> None:
    path = tmp_path / "wal.db"
    first = SQLiteStore(path)
    assert first.query("PRAGMA journal_mode")[0][0] == "wal"
    first.close()
    again = SQLiteStore(path)
    assert again.migrate() == []  # nothing left to apply on reopen
    again.close()


def test_search_finds_words_in_every_script(backend: Store) -> None:
    texts = [
        ("Встреча в Стамбуле", "Дипломаты встретились в Стамбуле 17 сентября.", "ru"),
        ("伊斯坦布尔秘密会谈", "美国、欧盟和俄罗斯代表在伊斯坦布尔会面。", "zh"),
        ("نشست استانبول", "دیپلمات‌ها در استانبول دیدار کردند.", "fa"),
        ("Flood in Bologna", "Rivers burst their banks near Bologna.", "en"),
    ]
    ids = [backend.add_article(_article(t, b, None, lang, 1), None) for t, b, lang in texts]
    assert backend.search_article_ids([["Стамбуле"]]) == [ids[0]]
    assert backend.search_article_ids([["伊斯坦布尔"]]) == [ids[1]]
    assert backend.search_article_ids([["استانبول"]]) == [ids[2]]
    assert set(backend.search_article_ids([["Bologna", "Стамбуле"]])) == {ids[0], ids[3]}
    assert backend.search_article_ids([["Bologna"], ["Стамбуле"]]) == []  # groups are AND-ed
    story = backend.new_story("s")
    backend.set_story(ids[1], story, None)
    assert backend.story_ids_of_articles([ids[0], ids[1]]) == [story]


def test_watchlists_round_trip(backend: Store) -> None:
    wid = backend.add_watchlist("Karabakh", "Lachin", ["Louis Bono"], ["fa", "it"])
    assert backend.get_watchlist(wid)["entities"] == ["Louis Bono"]
    backend.mark_watchlist_seen(wid, "2025-01-02T00:00:00+00:00", {7: "2025-01-01T10:00:00"})
    seen = backend.get_watchlist(wid)
    assert seen["seen_at"].startswith("2025-01-02")
    assert seen["seen_stories"] == {7: "2025-01-01T10:00:00"}
    assert [w["id"] for w in backend.list_watchlists()] == [wid]
    backend.delete_watchlist(wid)
    with pytest.raises(NotFound):
        backend.get_watchlist(wid)


def test_story_pages_and_facets(backend: Store) -> None:
    ids = [backend.add_article(_article(f"t{i}", f"b{i}", None, lang, i), None)
           for i, lang in enumerate(["fa", "zh", "fa"], 1)]
    stories = [backend.new_story(f"s{i}") for i in range(3)]
    for article_id, story_id in zip(ids, stories, strict=True):
        backend.set_story(article_id, story_id, None)
    assert backend.story_page_ids(StoryFilter(), 2, 0) == [stories[2], stories[1]]
    assert backend.story_page_ids(StoryFilter(language="fa"), 10, 0) == [stories[2], stories[0]]
    assert backend.facet_values()["languages"] == ["fa", "zh"]


def test_entity_index_and_contradiction_counts(backend: Store) -> None:
    story = backend.new_story("s")
    rows = [{"entity_id": "e1", "canonical": "Louis Bono", "label": "PER",
             "forms": {"fa": ["لوئیس بونو"], "it": ["Louis Bono"]}}]
    backend.put_entity_index(story, "v1", rows)
    assert backend.entity_index_versions() == {story: "v1"}
    assert backend.find_entity_rows("louis bono")[0]["forms"]["fa"] == ["لوئیس بونو"]
    assert backend.search_entity_rows("بونو")[0]["entity_id"] == "e1"
    backend.put_document("reports", story, "v", {"contradictions": [{"slot": "residents"}]})
    assert backend.contradiction_counts([story]) == {story: 1}


def test_events_of_a_story_in_time_order_and_they_follow_a_merge(backend: Store) -> None:
    from rashomon.core import Event

    story, other = backend.new_story("Two strikes near Idlib"), backend.new_story("Aleppo")
    later_event = backend.new_event(story, "Second strike")
    first_event = backend.new_event(story, "First strike")
    third_event = backend.new_event(other, "Aleppo shelling")
    placed = []
    for day, event, owner in ((9, later_event, story), (4, first_event, story),
                              (5, first_event, story), (6, third_event, other)):
        a = _article("غارة جوية", f"قتل مدنيون في غارة جوية يوم {day}.",
                     f"https://ar.example/{day}", "ar", day)
        article_id = backend.add_article(a, a.url)
        backend.set_story(article_id, owner, None)
        backend.set_event(article_id, event)
        placed.append(article_id)
    backend.save_event(Event(first_event, story, start=datetime(2025, 6, 4, tzinfo=UTC),
                             end=datetime(2025, 6, 5, tzinfo=UTC), places=["Idlib"],
                             title="First strike"))
    backend.save_event(Event(later_event, story, start=datetime(2025, 6, 9, tzinfo=UTC),
                             end=datetime(2025, 6, 9, tzinfo=UTC), places=["Idlib"],
                             title="Second strike"))
    events = backend.events_of_story(story)
    assert [e.id for e in events] == [first_event, later_event]
    assert events[0].article_ids == [placed[1], placed[2]]
    assert events[0].places == ["Idlib"] and events[0].start.day == 4
    assert backend.get_article(placed[0]).event_id == later_event
    backend.merge_story(other, story)
    assert [e.id for e in backend.events_of_story(story)] == [first_event, later_event,
                                                             third_event]
    assert backend.events_of_story(other) == []


def test_an_event_merge_moves_many_articles_at_once(backend: Store) -> None:
    """``set_events`` (one statement for an event merge) moves exactly the given
    articles, more of them than one SQLite statement may bind, and nothing else."""
    story = backend.new_story("Hochwasser")
    kept, emptied = backend.new_event(story, "Pegel steigt"), backend.new_event(story, "Damm")
    ids = []
    for number in range(520):
        a = _article("Hochwasser an der Oder", f"Der Pegel stieg auf {number} cm.",
                     f"https://de.example/{number}", "de", 1 + number % 20)
        ids.append(backend.add_article(a, a.url))
        backend.set_story(ids[-1], story, None)
    backend.set_events(ids, emptied)
    backend.set_events(ids[:-1], kept)
    backend.set_events([], emptied)  # nothing to move: no change
    by_event = {e.id: e.article_ids for e in backend.events_of_story(story)}
    assert sorted(by_event[kept]) == sorted(ids[:-1]) and by_event[emptied] == [ids[-1]]


def _story_stats_match_a_recount(backend: Store) -> None:
    recount = ("SELECT story_id, count(*) AS n, coalesce(min(date_publish), min(ingested_at)) "
               "AS f, coalesce(max(date_publish), max(ingested_at)) AS l FROM articles "
               "WHERE story_id IS NOT NULL GROUP BY story_id")
    kept = {r["story_id"]: (r["article_count"], r["first_seen"], r["last_seen"])
            for r in backend.query("SELECT * FROM story_stats")}
    assert kept == {r["story_id"]: (r["n"], r["f"], r["l"]) for r in backend.query(recount)}


def test_story_list_counts_follow_moves_merges_and_new_dates(backend: Store) -> None:
    """The trigger-kept counts and spans of the story list (``story_stats``) equal a
    recount after every kind of write: articles joining, moving one by one, many rows
    of several stories moved by one statement, a merge, a new publish time, removal."""
    stories = [backend.new_story(f"Story {n}") for n in range(4)]
    ids = []
    for number in range(12):
        a = _article("Wahl in Sachsen", f"Ergebnis Nummer {number}.",
                     f"https://de.example/wahl/{number}", "de", 1 + number)
        ids.append(backend.add_article(a, a.url))
        backend.set_story(ids[-1], stories[number % 3], None)
    _story_stats_match_a_recount(backend)
    backend.set_story(ids[0], stories[3], None)  # one article moves
    _story_stats_match_a_recount(backend)
    backend.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({','.join('?' * 6)})",
                    (stories[2], *ids[3:9]))  # rows of three stories, one statement
    _story_stats_match_a_recount(backend)
    backend.merge_story(stories[1], stories[2])
    _story_stats_match_a_recount(backend)
    backend.execute("UPDATE articles SET date_publish = ? WHERE id = ?",
                    ("2025-07-30T08:00:00+00:00", ids[5]))  # a later time: a new span
    backend.set_event(ids[6], backend.new_event(stories[2], "Ergebnis"))  # no change
    _story_stats_match_a_recount(backend)
    backend.execute("UPDATE articles SET story_id = NULL WHERE id = ?", (ids[0],))
    _story_stats_match_a_recount(backend)
    assert stories[3] not in backend.story_page_ids(StoryFilter(), 10, 0)  # emptied
    assert backend.story_page_ids(StoryFilter(), 1, 0) == [stories[2]]  # latest activity


def test_a_story_merge_and_a_prune_touch_that_story_s_event_comparisons_only(
        backend: Store) -> None:
    """Event comparisons are keyed "<story id>:<event>": the rows of story 12 go with its
    merge, and a prune of story 1 keeps what it is told to, while the keys of stories
    whose ids start alike (1, 121, 125) or sort beside (13) stay."""
    stories = {n: backend.new_story(f"Grève {n}") for n in range(1, 126)}
    assert list(stories) == list(stories.values())  # a fresh store: ids from 1
    keys = ["1:4", "1:a9", "12:3", "12:a70", "121:5", "125:6", "13:7"]
    for key in keys:
        backend.put_document("event_reports", key, "v1", {"événement": key})
    backend.merge_story(12, 13)
    backend.prune_event_reports(1, ["1:a9", "12:3"])
    left = sorted(r["event_key"] for r in backend.query("SELECT event_key FROM event_reports"))
    assert left == ["121:5", "125:6", "13:7", "1:a9"]
    assert backend.get_document("event_reports", "121:5") == ("v1", {"événement": "121:5"})


def test_sqlite_finds_a_story_s_event_comparisons_through_the_key_index(tmp_path) -> None:
    """The range of one story's keys is a search of the key's index (LIKE was a scan)."""
    from rashomon.store.sql import STORY_EVENT_KEYS, story_event_keys

    store = SQLiteStore(tmp_path / "plan.db")
    plan = store.query(f"EXPLAIN QUERY PLAN DELETE FROM event_reports WHERE "
                       f"{STORY_EVENT_KEYS}", story_event_keys(12))
    store.close()
    assert "USING INDEX" in plan[0]["detail"] and "SCAN" not in plan[0]["detail"]
