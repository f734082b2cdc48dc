"""Cross-article, cross-script linking and hostile input."""

import time

from rashomon.core import Article, ArticleFacts
from rashomon.core.facts import Mention
from rashomon.extract import extract_facts, link_entities
from rashomon.extract.linking import link_key

IT = ("Il 17 settembre 2023 a Istanbul si sono incontrati Louis Bono, inviato di Washington, "
      "e Toivo Klaar, rappresentante dell'Unione europea. Erano presenti delegati della "
      "Russia e dell'Armenia. Lo ha riferito Politico.")
FA = ('به گزارش پولیتیکو، "لوئیس بونو"، نماینده آمریکا و "تویوو کلار"، نماینده اتحادیه '
      "اروپا روز 17 سپتامبر 2023 در استانبول با نمایندگان روسیه دیدار کردند.")
RU = ("17 сентября 2023 года в Стамбуле представитель ЕС Тойво Клаар встретился с "
      "Луисом Боно. В переговорах участвовала Россия.")


def _story() -> tuple[list[Article], dict]:
    articles = [Article(title="t", maintext=text, language=lang, id=i)
                for i, (text, lang) in enumerate([(IT, "it"), (FA, "fa"), (RU, "ru")], 1)]
    return articles, {a.id: extract_facts(a) for a in articles}


def test_same_entity_across_scripts_is_one_entity() -> None:
    articles, facts = _story()
    entities = {e.canonical: e for e in link_entities(articles, facts)}
    istanbul = entities["Istanbul"]
    assert set(istanbul.surface_forms) == {"it", "fa", "ru"}
    assert "استانبول" in istanbul.surface_forms["fa"]
    bono = entities["Louis Bono"]
    assert bono.label == "PER" and "لوئیس بونو" in bono.surface_forms["fa"]
    klaar = entities["Toivo Klaar"]
    assert "تویوو کلار" in klaar.surface_forms["fa"] and "Тойво Клаар" in klaar.surface_forms["ru"]
    assert entities["European Union"].surface_forms["fa"] == ["اتحادیه اروپا"]
    assert {"it", "fa"} <= set(entities["Politico"].surface_forms)
    # different people stay apart
    assert not set(bono.surface_forms["fa"]) & set(klaar.surface_forms["fa"])
    ids = [e.id for e in entities.values()]
    assert len(ids) == len(set(ids))
    for fact in facts.values():
        assert all(m.entity_id for m in fact.mentions)


def test_link_key_matches_transliterations() -> None:
    assert link_key("Louis Bono") == link_key("لوئیس بونو")
    assert link_key("Toivo Klaar") == link_key("تویوو کلار")
    assert link_key("Louis Bono") != link_key("Toivo Klaar")


def test_facts_round_trip_through_the_store_format() -> None:
    from dataclasses import asdict

    from rashomon.core import ArticleFacts

    _articles, facts = _story()
    for fact in facts.values():
        assert ArticleFacts.from_dict(asdict(fact)) == fact


def test_hostile_text_is_fast_and_offsets_hold() -> None:
    mixed = ("\u200fاین \u200eNATO\u200f در 3 سپتامبر 2023، Москва 12 тысяч, 北京3万人, "
             "digits 120 ۱۲۰ ١٢٠ together; «» \"\" “ unclosed ")
    long_line = ("parola " * 4000) + "Istanbul " + ("x" * 20000)
    for text, lang in [(mixed, "fa"), (mixed, "en"), (long_line, "it"), ("", "zh"),
                       ("۱۲۰ هزار نفر و ١٢٠ ألف و 120 000", "ar")]:
        article = Article(title="", maintext=text, language=lang, id=1)
        # the language's models load on first use: time the hostile text, not the loading
        extract_facts(Article(title="", maintext="Istanbul 2023.", language=lang, id=3))
        started = time.perf_counter()
        facts = extract_facts(article)
        assert time.perf_counter() - started < 2.0
        for item in [*facts.mentions, *facts.dates, *facts.quantities, *facts.quotes]:
            assert text[item.start:item.end] == item.text
    facts = extract_facts(Article(title="", maintext=long_line, language="it", id=2))
    assert any(m.canonical == "Istanbul" for m in facts.mentions)


def _facts(article: Article, mentions: list[Mention]) -> ArticleFacts:
    return ArticleFacts(article.id, mentions, [], [], [])


def _at(text: str, name: str, label: str, score: float = 1.0) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, label, score=score)


def test_a_surname_alone_is_found_from_a_full_name_in_another_script() -> None:
    fa_text = "ولادیمیر پوتین، رئیس جمهور روسیه، روز دوشنبه در مسکو با خبرنگاران گفتگو کرد."
    it_text = ("Igor Khovaev è il rappresentante speciale di Putin per la normalizzazione "
               "delle relazioni; la patina diplomatica non regge.")
    fa = Article(title="", maintext=fa_text, language="fa", id=1)
    it = Article(title="", maintext=it_text, language="it", id=2)
    # the Italian tagger's output without "Putin": linking has to find it
    facts = {1: _facts(fa, [_at(fa_text, "ولادیمیر پوتین", "PER")]),
             2: _facts(it, [_at(it_text, "Igor Khovaev", "PER")])}
    entities = link_entities([fa, it], facts)
    putin = next(e for e in entities if "fa" in e.surface_forms
                 and "ولادیمیر پوتین" in e.surface_forms["fa"])
    assert putin.label == "PER" and putin.surface_forms.get("it") == ["Putin"]
    # "patina" has Putin's consonants ("ptn") but is a lower-case word, not a name
    assert not any("patina" in o.text for e in entities for o in e.occurrences)


def test_a_confident_name_is_found_in_the_same_script_and_a_guess_is_not() -> None:
    a_text = "Chancellor Olaf Scholz met union leaders in Berlin. Tutti, a local band, played."
    b_text = "Scholz said on Monday that Berlin would pay. Tutti gli organi saranno sciolti."
    a = Article(title="", maintext=a_text, language="en", id=1)
    b = Article(title="", maintext=b_text, language="en", id=2)
    facts = {1: _facts(a, [_at(a_text, "Olaf Scholz", "PER", 0.97),
                           _at(a_text, "Berlin", "LOC", 0.95),
                           _at(a_text, "Tutti", "PER", 0.56)]),
             2: _facts(b, [])}
    entities = {e.canonical: e for e in link_entities([a, b], facts)}
    in_b = {o.text for e in entities.values() for o in e.occurrences if o.article_id == 2}
    assert {"Scholz", "Berlin"} <= in_b  # the surname alone and the exact confident name
    assert "Tutti" not in in_b  # a 0.56 guess of one article does not spread
    assert entities["Olaf Scholz"].surface_forms["en"] == ["Olaf Scholz", "Scholz"]


def test_a_name_keeps_its_gazetteer_referent_after_the_label_vote() -> None:
    """The model reads "Baku ha respinto" as a body (ORG); the article's other two "Baku"
    are the city. After the one-sense vote all three are the city Baku, one entity, not a
    named place and a nameless namesake side by side."""
    text = ("Il vertice si terrà a Baku il mese prossimo. Baku ha respinto le accuse del "
            "governo armeno. Migliaia di profughi sono arrivati a Baku in autobus.")
    article = Article(title="t", maintext=text, language="it", id=1)
    facts = {1: extract_facts(article)}
    bakus = [m for m in facts[1].mentions if m.text == "Baku"]
    assert len(bakus) == 3
    assert {(m.label, m.canonical) for m in bakus} == {("LOC", "Baku")}
    entities = [e for e in link_entities([article], facts) if e.canonical == "Baku"]
    assert len(entities) == 1 and len(entities[0].occurrences) == 3


def test_a_form_named_in_one_article_links_its_nameless_twin_in_another() -> None:
    """Linking, given facts as a store may hold them: the same form with the same label is
    one entity across the story's articles even where only one carries the gazetteer name."""
    texts = ["Colloqui a Baku tra le delegazioni.", "Baku ha respinto le accuse."]
    articles = [Article(title="t", maintext=t, language="it", id=i)
                for i, t in enumerate(texts, 1)]
    facts = {
        1: ArticleFacts(mentions=[Mention(10, 14, "Baku", "LOC", key="bk", score=0.95,
                                          canonical="Baku")]),
        2: ArticleFacts(mentions=[Mention(0, 4, "Baku", "LOC", key="bk", score=0.8)]),
    }
    entities = link_entities(articles, facts)
    assert [(e.canonical, len(e.occurrences)) for e in entities] == [("Baku", 2)]
