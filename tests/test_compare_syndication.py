"""A wire story, its reprint with a local paragraph appended, and three other accounts
(Russian, Chinese, Arabic), through the real extraction and e5 embedder: the reprint is no
second witness, but what it adds is reported under its outlet; one fact is one claim."""

from __future__ import annotations

from datetime import datetime

import pytest

from rashomon import extract
from rashomon.compare import build_report
from rashomon.core import Article, Story

WIRE = ("A passenger ferry ran aground off the Greek island of Naxos on 3 June 2025, the "
        "coast guard said. All 214 passengers were evacuated by lifeboats and no one was "
        "hurt. The ferry Aegean Star had left Piraeus in the morning for Santorini. The "
        "coast guard opened an inquiry into the captain's decisions.")
LOCAL = ("\nA couple from Leeds on board told the Yorkshire Courier they had waited two hours "
         "on deck before the lifeboats reached them.")
RU = ("Пассажирский паром сел на мель у греческого острова Наксос 3 июня 2025 года, сообщила "
      "береговая охрана. Все 214 пассажиров были эвакуированы на спасательных шлюпках, никто "
      "не пострадал. Береговая охрана начала расследование действий капитана.")
ZH = ("2025年6月3日，一艘客轮在希腊纳克索斯岛附近搁浅，海岸警卫队表示。"
      "船上214名乘客全部乘救生艇撤离，无人受伤。海岸警卫队已对船长的决定展开调查。")
AR = ("جنحت عبارة ركاب قبالة جزيرة ناكسوس اليونانية في 3 يونيو 2025، بحسب خفر السواحل. "
      "وتم إجلاء جميع الركاب البالغ عددهم 214 راكبا بقوارب النجاة ولم يصب أحد بأذى. "
      "وفتح خفر السواحل تحقيقا في قرارات القبطان.")


@pytest.fixture(scope="module")
def ferry(embedder) -> tuple[dict, dict[str, Article]]:
    published = datetime(2025, 6, 3, 18, 0)
    specs = {
        "wire": ("wire.example.com", "en", WIRE, None),
        "copy": ("yorkshire-courier.example.co.uk", "en", WIRE + LOCAL, 1),
        "ru": ("novosti.example.ru", "ru", RU, None),
        "zh": ("xinwen.example.cn", "zh", ZH, None),
        "ar": ("akhbar.example.ae", "ar", AR, None),
    }
    articles = {
        key: Article(title=key, maintext=text, id=i, source_domain=domain, language=lang,
                     date_publish=published, duplicate_of=copy_of)
        for i, (key, (domain, lang, text, copy_of)) in enumerate(specs.items(), start=1)
    }
    story = Story(id=3, title="Naxos ferry", articles=list(articles.values()))
    facts = {a.id: extract.extract_facts(a) for a in story.articles}
    entities = extract.link_entities(story.articles, facts)
    return build_report(story, facts, entities, embedder).to_dict(), articles


def test_reprint_is_not_a_second_witness(ferry):
    data, articles = ferry
    assert data["story"]["independent_count"] == 4
    copy_id = articles["copy"].id
    cited = [e for c in data["agreements"] for e in c["evidence"]]
    assert all(e["article_id"] != copy_id for e in cited)
    for claim in data["agreements"]:
        assert len(claim["sources"]) == len(set(claim["sources"]))


def test_what_the_reprint_adds_is_reported_under_its_outlet(ferry):
    data, articles = ferry
    added = data["only_in"]["yorkshire-courier.example.co.uk"]
    assert [e["sentence"] for c in added for e in c["evidence"]] == [LOCAL.strip()]
    evidence = added[0]["evidence"][0]
    assert evidence["article_id"] == articles["copy"].id
    assert articles["copy"].maintext[evidence["start"]:evidence["end"]] == LOCAL.strip()
    assert "yorkshire-courier.example.co.uk" not in data["story"]["sources"]


def test_one_fact_is_one_agreement(ferry):
    data, _ = ferry
    evacuated = [c for c in data["agreements"]
                 if any("214" in e["sentence"] for e in c["evidence"])]
    assert len(evacuated) == 1
    assert len(evacuated[0]["sources"]) == 4
    seen: set[tuple[int, int]] = set()
    for claim in data["agreements"]:
        for e in claim["evidence"]:
            assert (e["article_id"], e["start"]) not in seen
            seen.add((e["article_id"], e["start"]))
