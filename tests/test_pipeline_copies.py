"""Near-copy direction: the original of a group of wire reprints is the one PUBLISHED
first, whatever order the articles arrive in; copies never count as independent sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.pipeline import Engine

WIRE = (
    "Representantes de Estados Unidos, la Unión Europea y Rusia mantuvieron el domingo "
    "17 de septiembre una reunión a puerta cerrada en Estambul, según informaron dos "
    "fuentes diplomáticas a esta agencia. Las conversaciones, que se prolongaron durante "
    "unas cuatro horas, abordaron la situación humanitaria en el Cáucaso Sur y el "
    "intercambio de prisioneros. El Ministerio de Asuntos Exteriores de Turquía no "
    "confirmó el encuentro, celebrado en un hotel del barrio de Beşiktaş. Según una de "
    "las fuentes, las delegaciones acordaron volver a reunirse antes de finales de año."
)
LOCAL = (
    " En Sevilla, la comunidad armenia convocó una concentración frente al ayuntamiento "
    "para pedir corredores humanitarios."
)


def _record(domain: str, title: str, body: str, published: str | None) -> dict:
    return {"url": f"https://{domain}/internacional/reunion-estambul", "source_domain": domain,
            "title": title, "maintext": body, "date_publish": published, "language": "es"}


AGENCY = _record("agencia-iberica.example.es", "Reunión secreta en Estambul entre EEUU, UE y "
                 "Rusia", WIRE, "2023-09-17T08:05:00+00:00")
REPRINT_A = _record("diario-del-sur.example.es", "EEUU, la UE y Rusia se reúnen en secreto en "
                    "Estambul", WIRE + LOCAL, "2023-09-17T11:30:00+02:00")
REPRINT_B = _record("la-voz-del-valle.example.es", "Cumbre discreta en Estambul",
                    WIRE, "2023-09-17T19:45:00+00:00")


def _ingest(engine: Engine, tmp_path: Path, *records: dict) -> list:
    path = tmp_path / f"batch-{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                    encoding="utf-8")
    return engine.ingest([str(path)])


def _by_domain(engine: Engine, story_id: int) -> dict[str, object]:
    return {a.source_domain: a for a in engine.story(story_id).articles}


def test_earliest_published_reprint_becomes_the_original(engine, tmp_path):
    # arrival order: the latest reprint, then the agency's original, then the other reprint
    results = _ingest(engine, tmp_path, REPRINT_B, AGENCY, REPRINT_A)
    assert [r.status for r in results] == ["new"] * 3
    assert len({r.story_id for r in results}) == 1
    articles = _by_domain(engine, results[0].story_id)
    agency = articles["agencia-iberica.example.es"]
    assert agency.duplicate_of is None
    assert articles["la-voz-del-valle.example.es"].duplicate_of == agency.id
    assert articles["diario-del-sur.example.es"].duplicate_of == agency.id
    # the results returned for the batch agree with the store (the first was re-pointed)
    assert [r.duplicate_of for r in results] == [agency.id, None, agency.id]
    story = engine.story(results[0].story_id)
    assert story.article_count == 3
    assert story.independent_count == 1


def test_an_earlier_copy_arriving_in_a_later_session_takes_over(store, embedder, langid,
                                                                tmp_path):
    first = Engine(store, embedder=embedder, langid=langid)
    early = _ingest(first, tmp_path, REPRINT_A, REPRINT_B)
    assert early[1].duplicate_of == early[0].article_id
    # a new Engine rebuilds the copy groups from the store, then the agency text arrives
    second = Engine(store, embedder=embedder, langid=langid)
    [agency] = _ingest(second, tmp_path, AGENCY)
    assert agency.duplicate_of is None
    articles = _by_domain(second, agency.story_id)
    assert {a.duplicate_of for d, a in articles.items() if d != AGENCY["source_domain"]} == {
        agency.article_id}
    assert second.story(agency.story_id).independent_count == 1


def test_unknown_publish_times_fall_back_to_arrival_order(engine, tmp_path):
    undated = [_record(r["source_domain"], r["title"], r["maintext"], None)
               for r in (REPRINT_B, AGENCY)]
    results = _ingest(engine, tmp_path, *undated)
    assert results[0].duplicate_of is None
    assert results[1].duplicate_of == results[0].article_id
    # a dated copy cannot be compared with an undated original: arrival order still rules
    [late] = _ingest(engine, tmp_path, REPRINT_A)
    assert late.duplicate_of == results[0].article_id


def test_an_independent_report_is_not_a_copy(engine, tmp_path):
    own = _record(
        "gazeta-bosfora.example.ru", "Закрытая встреча в Стамбуле",
        "Представители США, Евросоюза и России провели в воскресенье, 17 сентября, закрытую "
        "встречу в Стамбуле, сообщили два дипломатических источника. Переговоры длились "
        "около четырёх часов и касались гуманитарной ситуации на Южном Кавказе.",
        "2023-09-17T06:00:00+00:00")
    own["language"] = "ru"
    results = _ingest(engine, tmp_path, AGENCY, own, REPRINT_B)
    assert results[1].duplicate_of is None  # published first, but not a copy of anything
    assert results[2].duplicate_of == results[0].article_id


def test_two_versions_of_one_url_in_one_batch_leave_one_article(engine, tmp_path):
    corrected = dict(AGENCY, maintext=AGENCY["maintext"].replace("cuatro horas", "cinco horas"))
    other = dict(REPRINT_B)
    results = _ingest(engine, tmp_path, AGENCY, other, corrected)
    assert [r.status for r in results] == ["new", "new", "updated"]
    assert results[2].article_id == results[0].article_id
    assert engine.store.count_articles() == 2
    story = engine.story(results[2].story_id)
    assert story.article_count == 2 and story.independent_count == 1
    assert "cinco horas" in engine.article(results[0].article_id).maintext


def test_when_the_original_changes_the_earliest_remaining_copy_takes_over(engine, tmp_path):
    first = _ingest(engine, tmp_path, REPRINT_B, AGENCY, REPRINT_A)
    reprint_b, agency, reprint_a = (r.article_id for r in first)
    rewritten = dict(AGENCY, title="Sismo en Granada", maintext=(
        "Un terremoto de magnitud 4,1 sacudió la provincia de Granada en la madrugada del "
        "lunes, según el Instituto Geográfico Nacional. No se registraron daños personales, "
        "aunque varios vecinos de Santa Fe salieron a la calle por precaución."))
    [changed] = _ingest(engine, tmp_path, rewritten)
    assert changed.status == "updated" and changed.article_id == agency
    assert changed.duplicate_of is None
    assert engine.article(reprint_a).duplicate_of is None  # published 09:30 UTC
    assert engine.article(reprint_b).duplicate_of == reprint_a  # published 19:45 UTC


def test_articles_stored_by_an_interrupted_run_are_placed_on_the_next(
    store, embedder, langid, monkeypatch
):
    import rashomon.pipeline.engine as pipeline
    from rashomon.core import Article
    from rashomon.ingest import ReadItem

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    records = [AGENCY, REPRINT_A, REPRINT_B]

    def items(stop_after: int | None):
        for n, r in enumerate(records):
            if n == stop_after:
                raise KeyboardInterrupt  # the user pressed Ctrl-C while reading
            article = Article(title=r["title"], maintext=r["maintext"], url=r["url"],
                              source_domain=r["source_domain"], language="es")
            yield ReadItem(r["url"], article=article)

    with pytest.raises(KeyboardInterrupt):
        Engine(store, embedder=embedder, langid=langid).ingest_items(items(2))
    assert store.count_articles() == 1  # stored, never placed in a story
    assert [a.story_id for a in store.iter_articles()] == [None]
    again = Engine(store, embedder=embedder, langid=langid).ingest_items(items(None))
    assert [r.status for r in again] == ["new", "new", "new"]
    assert all(a.story_id is not None for a in store.iter_articles())
    assert {r.story_id for r in again} == {again[0].story_id}
    assert again[0].duplicate_of is None and again[1].duplicate_of == again[0].article_id
