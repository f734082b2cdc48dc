"""Two engines (two processes' worth of held clustering state) ingesting into one store,
taking turns: each one's calls are caught up with the other's writes through the store's
change journal (pipeline/sharing.py), never by a rebuild, reading only what changed.
On the bundled sample corpus (90 reports of 15 stories in 14 languages), the stories
are those of one engine making the same calls in the same order; reports of one event
in different languages placed by different engines end in one story; a near-copy of
the other engine's article is recognised as a copy; a story merge one engine makes is
what the other holds after its next hold of the lock. SQLite always, PostgreSQL when
RASHOMON_TEST_PG_DSN names a server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rashomon.ingest import iter_inputs
from rashomon.pipeline import Engine
from rashomon.store import SQLiteStore, Store

PG_DSN = os.environ.get("RASHOMON_TEST_PG_DSN")
CORPUS = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "sample" / "corpus"
#: Reports per call before the other engine's turn (the corpus in 30-odd calls).
CHUNK = 3
#: (report ingested first, report ingested later) that the test gives to different
#: engines: the six near-copies of the sample gold (the first three: a German wire
#: reprint, an English quake reprint taking over as the earlier-published original, an
#: Arabic reprint) and two cross-language pairs of one event (Persian and Arabic reports
#: of the Muscat talks, Spanish and Italian reports of the Emilia-Romagna floods; the
#: sample has no event reported in both Italian and Persian).
COPIES = [("a-worlddesk-digest.xml#3", "a3-wirtschaftsdienst-de-ezb-zinssenkung.html"),
          ("a1-northernherald-uk-quake.html", "a-newsplease-export.jsonl:1"),
          ("b2-arab-intl-news-ar-muscat-wire.html", "b2-sada-oman-ar-muscat-reprint.html"),
          ("b4-vestipress-ru-obmen-115.html", "b4-sibirsky-vestnik-ru-obmen-reprint.txt"),
          ("c1-europresswire-evia-fire.html", "c1-kentcoastherald-evia-fire.html"),
          ("c3-dnz-apple-strafe.html", "c3-schwaebischerlandbote-apple-strafe.txt")]
LANGUAGES = [
    ("b2-arab-intl-news-ar-muscat-wire.html", "b2-tehran-khabar-fa-muscat-talks.html"),
    ("a5-diariomediterraneo-es-inundaciones.html", "a5-gazzettaemiliana-it-alluvione.html")]


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    """A fresh store location: a SQLite file, or an emptied PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "shared.db")
    if not PG_DSN:
        pytest.skip("set RASHOMON_TEST_PG_DSN")
    from conftest import empty_pg_dsn

    return empty_pg_dsn()


def _open(location: str) -> Store:
    if location.startswith("postgresql://"):
        from rashomon.store.postgres import PostgresStore

        return PostgresStore(location)
    return SQLiteStore(location)


def _name(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def _items(part: str = "") -> list:
    """The sample's reports as ingest reads them, in reading order (read anew per run:
    ingest cleans the articles in place)."""
    return list(iter_inputs([str(CORPUS / part)]))


def _plan(names: list[str]) -> list[tuple[int, list[int]]]:
    """(engine, item positions) of each call: chunks of ``CHUNK`` alternating between
    the two engines, except that the later report of each pair goes to the other engine
    than the first; consecutive reports of one engine are one call."""
    engine = [(i // CHUNK) % 2 for i in range(len(names))]
    where = {name: i for i, name in enumerate(names)}
    for first, later in COPIES + LANGUAGES:
        engine[where[later]] = 1 - engine[where[first]]
    calls: list[tuple[int, list[int]]] = []
    for i, e in enumerate(engine):
        if calls and calls[-1][0] == e:
            calls[-1][1].append(i)
        else:
            calls.append((e, [i]))
    return calls


def _stored(store: Store) -> dict[str, tuple]:
    """report name -> (story, event, original's name) as stored."""
    rows = {a.id: a for a in store.iter_articles()}
    return {_name(a.source_path): (a.story_id, a.event_id,
                                   _name(rows[a.duplicate_of].source_path)
                                   if a.duplicate_of else None) for a in rows.values()}


def _partition(stored: dict[str, tuple], at: int) -> set[frozenset[str]]:
    groups: dict[object, set[str]] = {}
    for name, row in stored.items():
        groups.setdefault(row[at], set()).add(name)
    return {frozenset(g) for g in groups.values()}


def _agrees_with_store(engine: Engine) -> None:
    """Every article the engine holds is in the story and event the store records."""
    rows = {a.id: a for a in engine.store.iter_articles()}
    held = engine.clusterer.article_story
    assert held
    for article_id, story_id in held.items():
        assert rows[article_id].story_id == story_id, article_id
        assert rows[article_id].event_id == engine.clusterer.event_of(article_id), article_id
    for story_id in engine.clusterer.stories:
        assert engine.store.merged_into(story_id) is None  # never an absorbed story


def test_two_engines_taking_turns_give_one_engine_stories(db, tmp_path, embedder, langid):
    names = [_name(item.source) for item in _items()]
    calls = _plan(names)
    assert len(calls) > 20
    one = Engine(SQLiteStore(tmp_path / "one.db"), embedder=embedder, langid=langid)
    items = _items()
    for _, positions in calls:
        one.ingest_items([items[i] for i in positions])
    alone = _stored(one.store)
    one.close()

    engines = [Engine(_open(db), embedder=embedder, langid=langid) for _ in range(2)]
    items = _items()
    read, whole = 0, 0
    for number, (e, positions) in enumerate(calls):
        engine, store = engines[e], engines[e].store
        before = engine.sharing["changed"]
        due = None
        if engine._restored:  # what the other engine wrote since this one's last hold
            due = int(store.query("SELECT count(*) AS n FROM articles WHERE change_seq > ?",
                                  (engine._seq,))[0]["n"])
            whole += store.count_articles()
        engine.ingest_items([items[i] for i in positions])
        if due is not None:
            assert engine.sharing["changed"] - before == due, number  # only those read
            read += due
        assert engine.sharing["rebuilds"] == 0
        _agrees_with_store(engine)
    # each catch-up read what the other wrote since; a rebuild would read the store
    assert 0 < read < whole / 5, (read, whole)

    shared = _stored(engines[0].store)
    assert set(shared) == set(alone) == set(names)
    assert _partition(shared, 0) == _partition(alone, 0)  # the same stories
    assert _partition(shared, 1) == _partition(alone, 1)  # and events
    assert {n: r[2] for n, r in shared.items()} == {n: r[2] for n, r in alone.items()}
    engine_of = {names[i]: e for e, positions in calls for i in positions}
    for first, later in COPIES:  # one copy group: one copies the other (the one
        assert engine_of[first] != engine_of[later]  # published first is the original)
        assert shared[later][2] == first or shared[first][2] == later
    for first, later in LANGUAGES:
        assert engine_of[first] != engine_of[later]
        assert shared[first][0] == shared[later][0]  # one story, across languages
    for engine in engines:
        engine.close()


def test_a_story_merge_by_one_engine_is_held_by_the_other_after_its_next_hold(
        db, embedder, langid):
    """On part c of the sample, the Chinese report of the Suez grounding bridges two
    stories opened apart (a repair merges them, ``cluster.online.repair``). Engine B
    holds both stories; engine A places the bridge and merges; B's next ingest sees the
    merge: what it holds agrees with the store, and it did not rebuild."""
    items = _items("c")
    bridge = next(i for i, item in enumerate(items)
                  if item.source.endswith("newsplease-dump-c.jsonl:7"))
    a = Engine(_open(db), embedder=embedder, langid=langid)
    b = Engine(_open(db), embedder=embedder, langid=langid)
    b.ingest_items(items[:bridge])
    before = {s: list(m.members) for s, m in b.clusterer.stories.items()}
    [placed] = a.ingest_items([items[bridge]])
    merged = [s for s in before if b.store.merged_into(s) is not None]
    assert merged, "the bridge merged no stories"
    kept = b.store.merged_into(merged[0])
    assert placed.story_id == kept
    b.ingest_items(items[bridge + 1:])
    assert b.sharing["catch_ups"] == 1 and b.sharing["rebuilds"] == 0
    assert b.sharing["changed"] < bridge  # the bridge and the moved reports, not all
    assert merged[0] not in b.clusterer.stories
    for article_id in before[merged[0]]:
        assert b.clusterer.story_of(article_id) == kept
    _agrees_with_store(b)
    a.close()
    b.close()


def test_without_a_watermark_the_engine_rebuilds_from_the_store(tmp_path, embedder, langid):
    """When the journal cannot answer (here: no watermark, as for an engine whose store
    kept none), a catch-up falls back to reading the held state again from the store
    (``Engine._start_over``), and what the engine holds still agrees with the store."""
    items = _items("c")
    a = Engine(SQLiteStore(tmp_path / "t.db"), embedder=embedder, langid=langid)
    b = Engine(SQLiteStore(tmp_path / "t.db"), embedder=embedder, langid=langid)
    b.ingest_items(items[:6])
    a_results = a.ingest_items(items[6:12])
    b._seq = None
    b.ingest_items(items[12:18])
    assert b.sharing["catch_ups"] == 1 and b.sharing["rebuilds"] == 1
    assert b.sharing["changed"] == 0
    _agrees_with_store(b)
    placed_by_a = {r.article_id for r in a_results}
    assert placed_by_a & set(b.clusterer.article_story)  # read back from the store
    a.close()
    b.close()
