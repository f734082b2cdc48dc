"""Comparison per event: figures are compared among the articles of one incident only;
what differs between the incidents of a story is a timeline, never a contradiction.
Also: a part of a total is never the total, a hedged figure against a value inside its
range is a variation, and an event whose articles did not change is not compared again."""

from __future__ import annotations

import time
from datetime import datetime

from rashomon import extract
from rashomon.compare import build_report
from rashomon.compare.story import EVENT_TABLE
from rashomon.core import Article, Event, Story

IDLIB_EN = (
    "Air strikes hit a crowded market in Idlib on Thursday, 4 July 2024. "
    "The strikes killed 25 people and wounded dozens more, the civil defence said. "
    "Rescue teams searched the rubble of the market through the night.")
IDLIB_FR = (
    "Des frappes aériennes ont touché un marché bondé d'Idleb le jeudi 4 juillet 2024. "
    "Les frappes ont fait 40 morts et des dizaines de blessés, selon la défense civile. "
    "Les secouristes ont fouillé les décombres du marché toute la nuit.")
ALEPPO_EN = (
    "Shelling struck a residential district of Aleppo on Monday, 8 July 2024. "
    "The shelling killed 19 civilians, among them 7 children, a monitoring group said. "
    "Several buildings collapsed in the district after the shelling.")
ALEPPO_DE = (
    "Artilleriebeschuss traf am Montag, dem 8. Juli 2024, ein Wohnviertel von Aleppo. "
    "Bei dem Beschuss wurden 12 Zivilisten getötet, teilte eine Beobachtergruppe mit. "
    "Mehrere Gebäude in dem Viertel stürzten nach dem Beschuss ein.")

STRIKES = [  # (title, text, outlet, language, published)
    ("Strikes on Idlib market", IDLIB_EN, "levant-wire.example.com", "en", "2024-07-04T18:00"),
    ("Frappes sur Idleb", IDLIB_FR, "proche-orient.example.fr", "fr", "2024-07-04T20:00"),
    ("Shelling in Aleppo", ALEPPO_EN, "levant-wire.example.com", "en", "2024-07-08T15:00"),
    ("Beschuss in Aleppo", ALEPPO_DE, "nahost-echo.example.de", "de", "2024-07-08T17:00"),
]


def _articles(rows) -> list[Article]:
    return [Article(title=t, maintext=x, id=i, source_domain=d, language=lang,
                    date_publish=datetime.fromisoformat(when + "+00:00"))
            for i, (t, x, d, lang, when) in enumerate(rows, start=1)]


def _report(articles: list[Article], embedder, events=None, store=None, story_id=1) -> dict:
    story = Story(id=story_id, title="test story", articles=articles)
    facts = {a.id: extract.extract_facts(a) for a in articles}
    entities = extract.link_entities(articles, facts)
    return build_report(story, facts, entities, embedder, store=store,
                        events=events).to_dict()


def _tolls(conflicts: list[dict]) -> list[set[float]]:
    return [{v["value"] for v in c["values"]} for c in conflicts if c["slot"] == "dead"]


def test_two_strikes_dispute_their_own_tolls_never_each_other(embedder) -> None:
    """Idlib on 4 July (25 vs 40 dead) and Aleppo on 8 July (19 vs 12 dead), one story
    of two events: a toll dispute inside each strike, none across them."""
    articles = _articles(STRIKES)
    events = [Event(11, 1, [1, 2], places=["Idlib"]), Event(12, 1, [3, 4], places=["Aleppo"])]
    report = _report(articles, embedder, events)
    assert sorted(map(sorted, _tolls(report["contradictions"]))) == [[12, 19], [25, 40]]
    by_event = {e["id"]: e for e in report["events"]}
    assert [e["id"] for e in report["events"]] == [11, 12]  # time order
    assert _tolls(by_event[11]["contradictions"]) == [{25, 40}]
    assert _tolls(by_event[12]["contradictions"]) == [{19, 12}]
    for conflict in report["contradictions"]:  # every dispute cites one event's articles
        cited = {v["evidence"]["article_id"] for v in conflict["values"]}
        assert cited <= {1, 2} or cited <= {3, 4}, conflict
    between = [b for b in report["between_events"] if b["slot"] == "dead"]
    assert [e["event"] for e in between[0]["events"]] == [11, 12]
    # told as one event, the same articles do set one strike's toll against the other's
    merged = _report(articles, embedder, [Event(None, 1, [1, 2, 3, 4])])
    assert any(len(t) > 2 for t in _tolls(merged["contradictions"]))


def test_a_part_of_the_toll_is_not_the_toll(embedder) -> None:
    """"Thirteen civilians, among them seven children": seven is a part, not a toll of 7
    against the other sources' 13."""
    when = "2024-07-10T12:00"
    articles = _articles([
        ("Raid on Saraqib", "An air raid hit the town of Saraqib on Wednesday night. "
         "Thirteen civilians, among them seven children, were killed in the raid, "
         "rescuers said.", "levant-wire.example.com", "en", when),
        ("Raid sur Saraqeb", "Un raid aérien a frappé la ville de Saraqeb mercredi soir. "
         "13 civils, dont 7 enfants, ont été tués dans le raid, selon les secouristes.",
         "proche-orient.example.fr", "fr", when),
        ("Luftangriff auf Sarakib", "Ein Luftangriff traf am Mittwochabend die Stadt "
         "Sarakib. 13 Zivilisten wurden bei dem Angriff getötet, sagten Helfer.",
         "nahost-echo.example.de", "de", when),
    ])
    report = _report(articles, embedder)
    disputed = {v["value"] for c in report["contradictions"] for v in c["values"]}
    assert 7 not in disputed, report["contradictions"]


def test_a_hedged_toll_and_a_value_in_its_range_are_a_variation(embedder) -> None:
    """"At least 27" and "35" may both be right: listed as a spread, both values kept."""
    when = "2024-07-12T09:00"
    articles = _articles([
        ("Strike on Ariha", "A missile strike hit a bakery in Ariha on Friday morning. "
         "At least 27 people were killed in the strike on the bakery, medics said.",
         "levant-wire.example.com", "en", when),
        ("Frappe sur Ariha", "Une frappe de missile a touché une boulangerie d'Ariha "
         "vendredi matin. La frappe sur la boulangerie a fait 35 morts, selon des "
         "médecins.", "proche-orient.example.fr", "fr", when),
    ])
    report = _report(articles, embedder)
    assert not _tolls(report["contradictions"])
    spreads = [v for v in report["variations"] if v["slot"] == "dead"]
    assert spreads and spreads[0]["note"] == "spread of estimates"
    assert {v["value"] for v in spreads[0]["values"]} == {27, 35}


def test_an_article_joining_one_event_recompares_that_event_only(store, embedder) -> None:
    story_id = store.new_story("strikes")
    articles = _articles(STRIKES)
    for article in articles:
        article.id = store.add_article(article, None)
        store.set_story(article.id, story_id, None)
    ids = [a.id for a in articles]
    events = [Event(21, story_id, ids[:2]), Event(22, story_id, ids[2:3])]
    _report(articles[:3], embedder, events, store, story_id)
    first = {key: store.query(f"SELECT built_at, version FROM {EVENT_TABLE} "
                              "WHERE event_key = ?", (key,))[0]
             for key in (f"{story_id}:21", f"{story_id}:22")}
    time.sleep(0.01)
    events[1].article_ids.append(ids[3])
    report = _report(articles, embedder, events, store, story_id)
    after = {key: store.query(f"SELECT built_at, version FROM {EVENT_TABLE} "
                              "WHERE event_key = ?", (key,))[0] for key in first}
    assert tuple(after[f"{story_id}:21"]) == tuple(first[f"{story_id}:21"])  # reused
    assert after[f"{story_id}:22"]["version"] != first[f"{story_id}:22"]["version"]
    assert _tolls(report["contradictions"]) and len(report["events"]) == 2


def _event_keys(store) -> list[str]:
    return sorted(r["event_key"] for r in store.query(f"SELECT event_key FROM {EVENT_TABLE}"))


def test_event_comparisons_of_changed_or_merged_events_are_deleted(store, embedder) -> None:
    """One stored comparison per live event: when two events become one, or a story is
    merged into another, the rows of what no longer exists go."""
    story_id = store.new_story("strikes")
    articles = _articles(STRIKES)
    for article in articles:
        article.id = store.add_article(article, None)
        store.set_story(article.id, story_id, None)
    ids = [a.id for a in articles]
    three = [Event(31, story_id, ids[:2]), Event(32, story_id, ids[2:3]),
             Event(33, story_id, ids[3:])]
    _report(articles, embedder, three, store, story_id)
    assert _event_keys(store) == [f"{story_id}:31", f"{story_id}:32", f"{story_id}:33"]
    # events 32 and 33 merge: 33's row goes, 31's stays as it was
    two = [Event(31, story_id, ids[:2]), Event(32, story_id, ids[2:])]
    report = _report(articles, embedder, two, store, story_id)
    assert _event_keys(store) == [f"{story_id}:31", f"{story_id}:32"]
    assert len(report["events"]) == 2
    # a story of one event keeps no event rows (its story report is the comparison)
    _report(articles, embedder, [Event(31, story_id, ids)], store, story_id)
    assert _event_keys(store) == []
    # the absorbed story's rows go with the merge; the other story's stay
    _report(articles, embedder, two, store, story_id)
    other = store.new_story("other")
    store.put_document(EVENT_TABLE, f"{other}:40", "v", {"x": 1})
    store.merge_story(story_id, other)
    assert _event_keys(store) == [f"{other}:40"]


def test_the_web_never_waits_for_a_report_build(engine) -> None:
    """``report(wait=False)`` answers at once: None while the comparison is built in the
    background, the report once it is stored."""
    engine.ingest_articles(_articles(STRIKES[:2]))
    story_id = engine.stories()[0].id
    started = time.perf_counter()
    assert engine.report(story_id, wait=False) is None
    assert time.perf_counter() - started < 0.2
    assert engine.report_status(story_id) in ("building", "ready")
    engine._report_builds().request(story_id, lambda: None).result(timeout=120)
    deadline = time.monotonic() + 120
    while engine.report_status(story_id) != "ready" and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.perf_counter()
    ready = engine.report(story_id, wait=False)
    assert ready is not None and ready.story["article_count"] == 2
    assert time.perf_counter() - started < 0.2


def test_ingest_computes_the_vectors_a_report_needs(store, embedder, langid) -> None:
    """With ``RASHOMON_CLAIM_VECTORS=1``, sentence and name vectors are computed once at
    ingest and stored: a report built afterwards, with the in-process caches empty,
    embeds nothing new (by default the first report computes them:
    tests/test_pipeline_claims.py)."""
    from rashomon.compare import embedding
    from rashomon.config import Config
    from rashomon.extract import linking
    from rashomon.pipeline import Engine

    engine = Engine(store, embedder=embedder, langid=langid, config=Config(claim_vectors=True))
    engine.ingest_articles(_articles(STRIKES))
    for article in engine.store.iter_articles():
        texts = embedding.sentence_texts(article.maintext)
        stored = engine.store.get_embedding(article.id, embedding.sentence_kind(texts),
                                            engine.embedder.name)
        assert stored is not None and stored.size == len(texts) * engine.embedder.dim
    rows = engine.store.query("SELECT count(*) AS n FROM embeddings")[0]["n"]
    embedding._memory.clear()
    linking._name_cache.clear()
    for story in engine.stories():
        assert engine.report(story.id) is not None
    assert engine.store.query("SELECT count(*) AS n FROM embeddings")[0]["n"] == rows


def test_ingested_strikes_report_each_dispute_within_its_strike(engine) -> None:
    """Through the whole pipeline (stories, events, reports): however the clusterer
    groups the two strikes, each toll dispute cites one strike's articles, and both are
    found."""
    engine.ingest_articles(_articles(STRIKES))
    strike = {}
    for article in engine.store.iter_articles():
        strike[article.id] = "Idlib" if "Idl" in article.maintext else "Aleppo"
    found = []
    for story in engine.stories():
        report = engine.report(story.id)
        for conflict in report.contradictions:
            if conflict.slot == "dead":
                cited = {strike[v["evidence"].article_id] for v in conflict.values}
                assert len(cited) == 1, conflict
                found.append({v["value"] for v in conflict.values})
    assert sorted(map(sorted, found)) == [[12, 19], [25, 40]]
