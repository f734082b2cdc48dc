"""Cross-article grouping of quantities and dates in a 3-article it/fa/en story."""

from datetime import datetime

from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.extract.grouping import group_facts

IT = ("Domenica 17 settembre 2023 a Istanbul si sono incontrati in segreto diplomatici "
      "americani, europei e russi. Nella regione vivono circa 100mila residenti, mentre il "
      "blocco dura da più di 9 mesi. Al confine attendono 280 camion di aiuti.")
FA = ("روز یکشنبه ۲۶ شهریور ۱۴۰۲ دیپلمات‌های آمریکا، اروپا و روسیه در استانبول دیدار کردند. "
      "این منطقه ۱۲۰ هزار سکنه دارد.")
EN = ("Diplomats from the US, the EU and Russia met secretly in Istanbul on September 17, "
      "2023. The enclave has about 120,000 residents. Some 300 trucks wait at the border.")


def _story() -> tuple[list[Article], dict]:
    published = datetime(2023, 9, 20, 9, 0)
    articles = [
        Article(title="", id=i, maintext=text, language=lang, date_publish=published)
        for i, (text, lang) in enumerate([(IT, "it"), (FA, "fa"), (EN, "en")], start=1)
    ]
    return articles, {a.id: extract_facts(a) for a in articles}


def test_residents_counts_group_across_three_scripts() -> None:
    articles, facts = _story()
    groups = group_facts(articles, facts)
    residents = [g for g in groups if g["kind"] == "quantity" and g["key"] == "residents"]
    assert len(residents) == 1
    group = residents[0]
    assert group["articles"] == [1, 2, 3]
    assert group["values"] == [100000.0, 120000.0]
    members = {m["article_id"]: m for m in group["members"]}
    assert members[1]["hedge"] == "about"
    assert IT[members[1]["start"]:members[1]["end"]] == members[1]["text"]
    assert "۱۲۰" in members[2]["text"]


def test_different_counted_things_stay_apart() -> None:
    articles, facts = _story()
    quantities = {g["key"]: g for g in group_facts(articles, facts) if g["kind"] == "quantity"}
    assert quantities["trucks"]["values"] == [280.0, 300.0]
    assert quantities["trucks"]["articles"] == [1, 3]
    assert quantities["residents"]["values"] == [100000.0, 120000.0]
    assert "months" not in quantities  # "più di 9 mesi" has no counterpart elsewhere


def test_same_event_dates_group_across_calendars() -> None:
    articles, facts = _story()
    dates = [g for g in group_facts(articles, facts) if g["kind"] == "date"]
    meeting = [g for g in dates if g["key"] == "2023-09-17"]
    assert len(meeting) == 1
    assert meeting[0]["articles"] == [1, 2, 3]
    calendars = {m["calendar"] for m in meeting[0]["members"]}
    assert calendars == {"gregorian", "persian"}


def test_compatible_dates_join_only_when_a_sentence_shares_an_entity() -> None:
    published = datetime(2023, 9, 20)
    a = Article(title="", id=1, maintext="A Istanbul, il 17 settembre 2023, i colloqui.",
                language="it", date_publish=published)
    b = Article(title="", id=2, maintext="The talks in Istanbul took place in September 2023.",
                language="en", date_publish=published)
    c = Article(title="", id=3, maintext="Prices rose in September 2023 across Europe.",
                language="en", date_publish=published)
    facts = {x.id: extract_facts(x) for x in (a, b)}
    groups = [g for g in group_facts([a, b], facts) if g["kind"] == "date"]
    assert [g["values"] for g in groups] == [["2023-09", "2023-09-17"]]
    facts = {x.id: extract_facts(x) for x in (a, c)}
    assert [g for g in group_facts([a, c], facts) if g["kind"] == "date"] == []
