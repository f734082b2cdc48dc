"""Scale-out on Dask: the per-article work runs on real Dask worker processes and the
stories come out exactly as from the in-process path."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import rashomon.pipeline.engine as pipeline
from rashomon.cli import main
from rashomon.errors import MissingExtra
from rashomon.pipeline import Engine, LocalRunner
from rashomon.store import SQLiteStore

pytest.importorskip("distributed")

ISTANBUL_ES = (
    "Representantes de Estados Unidos, la Unión Europea y Rusia mantuvieron el domingo 17 de "
    "septiembre una reunión a puerta cerrada en Estambul, según dos fuentes diplomáticas. "
    "Las conversaciones duraron unas cuatro horas y trataron la situación humanitaria en el "
    "Cáucaso Sur. El Ministerio de Exteriores turco no confirmó el encuentro."
)
ARTICLES = [
    ("agencia.example.es", "es", "Reunión secreta en Estambul", ISTANBUL_ES,
     "2023-09-17T09:00:00+00:00"),
    ("gazeta.example.ru", "ru", "Закрытая встреча в Стамбуле",
     "Представители США, Евросоюза и России провели в воскресенье, 17 сентября, закрытую "
     "встречу в Стамбуле, сообщили два дипломатических источника. Переговоры длились около "
     "четырёх часов и касались гуманитарной ситуации на Южном Кавказе.",
     "2023-09-17T12:00:00+00:00"),
    ("khabar.example.ir", "fa", "نشست محرمانه در استانبول",
     "نمایندگان آمریکا، اتحادیه اروپا و روسیه روز یکشنبه ۱۷ سپتامبر در استانبول دیدار "
     "محرمانه‌ای داشتند. به گفته دو منبع دیپلماتیک، این گفتگوها حدود چهار ساعت طول کشید و "
     "درباره وضعیت انسانی در قفقاز جنوبی بود.", "2023-09-17T15:00:00+00:00"),
    ("diario.example.es", "es", "EEUU, la UE y Rusia, reunidos en Estambul",
     ISTANBUL_ES + " En Sevilla, la comunidad armenia se concentró ante el ayuntamiento.",
     "2023-09-17T08:00:00+00:00"),
    ("shimbun.example.jp", "ja", "石川県で震度6強の地震",
     "9月20日午前、石川県能登地方を震源とする地震があり、輪島市で震度6強を観測した。気象庁に"
     "よると地震の規模はマグニチュード6.1と推定される。津波の心配はないという。",
     "2023-09-20T02:00:00+00:00"),
    ("xinwen.example.cn", "zh", "日本石川县发生6.1级地震",
     "9月20日上午，日本石川县能登地区发生6.1级地震，轮岛市观测到6强震度。日本气象厅表示，"
     "此次地震不会引发海啸。", "2023-09-20T04:00:00+00:00"),
    ("akhbar.example.eg", "ar", "زلزال بقوة 6.1 درجات يضرب وسط اليابان",
     "ضرب زلزال بقوة 6.1 درجات محافظة إيشيكاوا في وسط اليابان صباح الأربعاء 20 سبتمبر، "
     "وقالت وكالة الأرصاد الجوية اليابانية إنه لا يوجد خطر حدوث تسونامي.",
     "2023-09-20T06:00:00+00:00"),
    ("zeitung.example.de", "de", "EZB erhöht den Leitzins auf 4,5 Prozent",
     "Die Europäische Zentralbank hat am Donnerstag, 14. September, den Leitzins um 0,25 "
     "Prozentpunkte auf 4,5 Prozent angehoben. Es ist die zehnte Erhöhung in Folge; "
     "EZB-Präsidentin Christine Lagarde deutete eine Pause an.", "2023-09-14T13:00:00+00:00"),
    ("journal.example.fr", "fr", "La BCE relève ses taux à 4,5 %",
     "La Banque centrale européenne a relevé jeudi 14 septembre son principal taux directeur "
     "de 0,25 point, à 4,5 %. C'est la dixième hausse consécutive, et Christine Lagarde a "
     "laissé entendre une pause.", "2023-09-14T14:00:00+00:00"),
]


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    rows = [{"url": f"https://{d}/n/{i}", "source_domain": d, "title": t, "maintext": body,
             "date_publish": when} for i, (d, _, t, body, when) in enumerate(ARTICLES)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def _grouping(store: SQLiteStore) -> list[tuple]:
    """Every article with its story and original, by URL (ids must agree too)."""
    return [(a.id, a.url, a.language, a.story_id, a.duplicate_of) for a in store.iter_articles()]


@pytest.mark.parametrize("cascade", ["0", "1"])
def test_dask_workers_give_the_same_stories_as_the_plain_path(
    tmp_path, embedder, langid, monkeypatch, cascade, capfd
):
    """Also with the placement cascade on: workers embed every lead, the driver decides
    as the in-process run does (which embeds only the undecided leads)."""
    from rashomon.config import Config

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # several batches, spread over workers
    monkeypatch.setenv("RASHOMON_CASCADE", cascade)
    data = _write(tmp_path)
    plain = SQLiteStore(tmp_path / "plain.db")
    engine = Engine(plain, embedder=embedder, langid=langid, config=Config())
    engine.ingest([str(data)])
    assert (engine.vectors["cascade"] >= 1) == (cascade == "1")  # a decided article
    expected = _grouping(plain)
    assert [lang for _, _, lang, _, _ in expected] == [a[1] for a in ARTICLES]
    assert len({story for *_, story, _ in expected}) >= 3
    reprint = expected[3]
    assert reprint[4] is None and expected[0][4] == reprint[0]  # earlier-published reprint

    db = tmp_path / "dask.db"
    capfd.readouterr()
    assert main(["ingest", str(data), "--workers", "2", "--db", str(db)]) == 0
    # the scheduler's and nannies' INFO lines (30 of them) and the dashboard's port warning
    # were printed to a plain `rashomon ingest --workers 2`
    assert "distributed" not in capfd.readouterr().err
    scaled = SQLiteStore(db)
    assert _grouping(scaled) == expected
    assert scaled.count_stories() == plain.count_stories()
    # the workers embedded leads only: the story's first report computes the comparison's
    # vectors, stores them, and reads as the in-process run's report
    from rashomon.compare import embedding
    from rashomon.extract import linking

    story_id = expected[0][3]
    embedding._memory.clear()
    linking._name_cache.clear()
    reader = Engine(scaled, embedder=embedder, langid=langid, config=Config())
    report = reader.report(story_id).to_dict()
    for article in reader.story(story_id).articles:
        assert embedding.has_vectors(scaled, article, reader.facts(article.id), embedder.name,
                                     article.duplicate_of is None)
    embedding._memory.clear()
    linking._name_cache.clear()
    assert report == engine.report(story_id).to_dict() and report["agreements"]


def test_one_worker_stays_in_process():
    from rashomon.scale import runner_for

    assert isinstance(runner_for(1, None), LocalRunner)


def test_missing_extra_names_it(monkeypatch):
    from rashomon.scale import DaskRunner

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(MissingExtra) as err:
        DaskRunner(workers=2)
    assert "rashomon[scale]" in str(err.value) and err.value.code.startswith("E9")
