"""Story-wide slots: a toll is compared across the whole story, even when the sentences
that state it say different other things and are not aligned with each other."""

from __future__ import annotations

from datetime import datetime

from rashomon import extract
from rashomon.compare import build_report
from rashomon.core import Article, Story

EN = (
    "A gas explosion tore through the covered market of Konya on Monday morning. "
    "The market, built in the 1960s and home to 300 stalls, was packed with shoppers when "
    "the blast, which killed 14 people, brought down most of its roof. "
    "Firefighters worked for six hours to put out the flames."
)
RU = (
    "В понедельник утром на крытом рынке турецкого города Конья произошёл взрыв газа. "
    "Среди 11 погибших — двое детей, сообщил министр здравоохранения, навестивший раненых. "
    "Пожарные тушили огонь около шести часов."
)
AR = (
    "هز انفجار غاز سوقا مسقوفة في مدينة قونية التركية صباح الاثنين. "
    "وقال رئيس البلدية للصحفيين إن التعويضات ستصرف لأسر 14 قتيلا خلال أسبوع. "
    "واستمرت عمليات الإطفاء نحو ست ساعات."
)


def _report(texts: list[tuple[str, str, str, str]], when: datetime, embedder) -> dict:
    """The report of a story of (title, text, outlet, language) articles published at
    ``when``, with real extraction and the real embedder."""
    story = Story(id=1, title="test story", articles=[
        Article(title=t, maintext=x, id=i, source_domain=d, language=lang, date_publish=when)
        for i, (t, x, d, lang) in enumerate(texts, start=1)])
    facts = {a.id: extract.extract_facts(a) for a in story.articles}
    return build_report(story, facts, extract.link_entities(story.articles, facts),
                        embedder).to_dict()


def test_a_toll_stated_in_unaligned_sentences_is_still_one_slot(embedder) -> None:
    report = _report([
        ("Gas blast kills 14 in Konya market", EN, "anatolia-wire.example.com", "en"),
        ("Взрыв газа на рынке в Конье", RU, "vesti-yuga.example.ru", "ru"),
        ("انفجار غاز في سوق قونية", AR, "akhbar-alyawm.example.com", "ar"),
    ], datetime.fromisoformat("2025-11-03T12:00:00+00:00"), embedder)
    tolls = [c for c in report["contradictions"] if c["slot"] == "dead"]
    assert len(tolls) == 1, report["contradictions"]
    values = {v["source"]: v["value"] for v in tolls[0]["values"]}
    assert values == {"anatolia-wire.example.com": 14, "vesti-yuga.example.ru": 11,
                      "akhbar-alyawm.example.com": 14}
    for value in tolls[0]["values"]:  # every value cites its own sentence
        sentence = value["evidence"]["sentence"]
        assert str(int(value["value"])) in sentence


def test_a_count_ten_times_everyone_elses_is_flagged_not_disputed(embedder) -> None:
    """"140 bin konteyner" where two other sources say about 11,000: a slipped digit."""
    when = datetime.fromisoformat("2024-03-18T16:00:00+00:00")
    texts = [
        ("Ship refloated in Suez", "The 334-metre ship, which carries about 11,000 "
         "containers, was refloated after five hours.", "maritime.example.com", "en"),
        ("Контейнеровоз снят с мели", "Судно длиной 334 метра, перевозившее около 11 тысяч "
         "контейнеров, сняли с мели через пять часов.", "morskoy.example.ru", "ru"),
        ("Süveyş'te gemi kurtarıldı", "334 metre uzunluğundaki gemide yaklaşık 140 bin "
         "konteyner bulunuyordu; gemi beş saat sonra yüzdürüldü.", "denizhaber.example.tr",
         "tr"),
    ]
    report = _report(texts, when, embedder)
    flagged = [i for i in report["implausible"] if "140" in i["value"]]
    assert flagged and flagged[0]["evidence"]["article_id"] == 3
    disputed = [v["value"] for c in report["contradictions"] for v in c["values"]]
    assert 140000 not in disputed


def test_a_weekday_in_a_dated_article_can_contradict_a_written_date(embedder) -> None:
    """"On Saturday" in articles published on Saturday 14 September is the 14th; the
    Polish report's "w piątek 13 września" dates the same exchange a day earlier."""
    when = datetime.fromisoformat("2024-09-14T18:00:00+00:00")
    texts = [
        ("Russia and Ukraine swap 103 prisoners", "Russia and Ukraine exchanged 103 "
         "prisoners of war each on Saturday, with mediation by the United Arab Emirates. "
         "Among the freed Ukrainians were 82 soldiers and sergeants and 21 officers. "
         "President Volodymyr Zelensky thanked the Emirates for their help.",
         "meridian.example.com", "en"),
        ("Обмен пленными 103 на 103", "Россия и Украина в субботу провели обмен "
         "военнопленными по формуле 103 на 103 при посредничестве ОАЭ. "
         "Российские военные будут доставлены в Москву для лечения и реабилитации. "
         "Министерство обороны поблагодарило Объединённые Арабские Эмираты.",
         "baltkurier.example.ru", "ru"),
        ("Wymiana jeńców 103 na 103", "Rosja i Ukraina przeprowadziły w piątek 13 września "
         "wymianę jeńców wojennych 103 na 103 za pośrednictwem Zjednoczonych Emiratów "
         "Arabskich. Prezydent Wołodymyr Zełenski podziękował Emiratom za pomoc. "
         "Była to kolejna wymiana w tym roku.", "kurier.example.pl", "pl"),
    ]
    report = _report(texts, when, embedder)
    dated = [c for c in report["contradictions"] if c["kind"] == "date"]
    assert dated, report["contradictions"]
    values = {v["source"]: v["value"] for v in dated[0]["values"]}
    assert values["kurier.example.pl"] == "2024-09-13"
    assert "2024-09-14" in values.values()
