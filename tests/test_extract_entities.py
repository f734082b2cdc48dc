"""Entities in cased and uncased scripts, quotes, and the extract_facts interface."""

from datetime import datetime

import pytest

from rashomon.core import Article
from rashomon.extract import extract_facts
from rashomon.extract.entities import extract_mentions
from rashomon.extract.quotes import extract_quotes


def _by_text(text: str, lang: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.label, m.canonical) for m in extract_mentions(text, lang)}


def test_italian_names_places_and_organisations() -> None:
    text = ("Secondo fonti diplomatiche, la ministra Maria Rossetti ha incontrato a Zurigo "
            "il consigliere Jonas Berglund della Commissione europea e funzionari "
            "dell'Ucraina. Negoziati lunghi hanno preceduto il vertice.")
    found = _by_text(text, "it")
    assert found["Maria Rossetti"][0] == "PER"
    assert found["Jonas Berglund"][0] == "PER"
    assert found["Zurigo"] == ("LOC", "Zurich")
    assert "Negoziati" not in found and "Secondo" not in found


def test_english_sentence_start_and_demonyms() -> None:
    text = ("Talks were held in Zurich. Officials from the European Union met Pavel Orlov, "
            "a Russian envoy. Orlov said the meeting was useful.")
    found = _by_text(text, "en")
    assert found["Zurich"][1] == "Zurich"
    assert found["European Union"] == ("ORG", "European Union")
    assert found["Pavel Orlov"][0] == "PER"
    assert found["Orlov"][0] == "PER"
    assert "Talks" not in found and "Officials" not in found
    assert found.get("Russian", ("MISC",))[0] == "MISC"  # a demonym, as the gold types it


RU_TEXT = "Представитель ЕС Тойво Клаар прибыл в Стамбул, а Дмитрий Песков остался в России."


@pytest.mark.parametrize("natasha", ["0", "1"])
def test_russian_with_and_without_natasha(natasha: str, monkeypatch) -> None:
    monkeypatch.setenv("RASHOMON_NATASHA", natasha)
    text = RU_TEXT
    found = _by_text(text, "ru")
    assert found["Тойво Клаар"][0] == "PER"
    assert found["Дмитрий Песков"][0] == "PER"
    assert found["Стамбул"][1] == "Istanbul"
    assert found["России"][1] == "Russia"
    assert found["ЕС"][1] == "European Union"


def test_persian_gazetteer_quotes_and_role_cues() -> None:
    text = ('"سارا نیکو"، نماینده سازمان ملل در استانبول با ماریو کاستلو، سخنگوی '
            "اتحادیه اروپا دیدار کرد.")
    found = _by_text(text, "fa")
    assert found["سارا نیکو"][0] == "PER"
    assert found["ماریو کاستلو"][0] == "PER"
    assert found["استانبول"] == ("LOC", "Istanbul")
    assert found["اتحادیه اروپا"] == ("ORG", "European Union")
    assert found["سازمان ملل"][1] == "United Nations"


def test_arabic_prefixes_and_role_before_name() -> None:
    text = "التقى وزير الخارجية الروسي سيرغي لافروف في موسكو بممثلين عن الاتحاد الأوروبي."
    found = _by_text(text, "ar")
    assert found["سيرغي لافروف"][0] == "PER"
    assert found["موسكو"][1] == "Moscow"
    assert found["الاتحاد الأوروبي"][1] == "European Union"


def test_chinese_gazetteer_and_transliterated_names() -> None:
    text = "欧盟特使托伊沃·克拉尔在伊斯坦布尔会见了俄罗斯代表。发言人佩斯科夫表示会谈有益。"
    found = _by_text(text, "zh")
    assert found["托伊沃·克拉尔"][0] == "PER"
    assert found["伊斯坦布尔"][1] == "Istanbul"
    assert found["俄罗斯"][1] == "Russia"
    assert found["欧盟"][1] == "European Union"
    assert found["佩斯科夫"][0] == "PER"


def test_greek_gazetteer() -> None:
    found = _by_text("Η συνάντηση έγινε στην Κωνσταντινούπολη με τη Ρωσία.", "el")
    assert any(c == "Russia" for _, c in found.values())


def test_keys_are_script_independent() -> None:
    it = {m.text: m.key for m in extract_mentions("Il vertice di Istanbul.", "it")}
    fa = {m.text: m.key for m in extract_mentions("نشست استانبول برگزار شد.", "fa")}
    assert it["Istanbul"] == fa["استانبول"] != ""


def test_quotes_with_speakers() -> None:
    text = ("«Non ci sono alternative al dialogo con tutte le parti», ha affermato Marco Ferri. "
            "Il portavoce ha definito “aperti” i canali.")
    mentions = extract_mentions(text, "it")
    quotes = extract_quotes(text, mentions)
    assert [(q.text, q.speaker, q.direct) for q in quotes] == [
        ("Non ci sono alternative al dialogo con tutte le parti", "Marco Ferri", True)]
    fa = "به گفته این دیپلمات، این نشست بر انتقال سوخت به منطقه تمرکز داشت."
    reported = extract_quotes(fa, extract_mentions(fa, "fa"))
    assert reported and not reported[0].direct and reported[0].speaker == "این دیپلمات"
    en = 'Anna Berg said: "We will keep every channel of communication open."'
    direct = extract_quotes(en, extract_mentions(en, "en"))
    assert direct[0].speaker == "Anna Berg"


def test_extract_facts_offsets_point_into_maintext() -> None:
    article = Article(
        title="Vertice a Ginevra",
        maintext="Il 17 settembre 2023 a Zurigo circa 100mila residenti attendevano Marco "
                 "Ferri, ha affermato la Croce Rossa.",
        language="it", date_publish=datetime(2023, 9, 18), id=7,
    )
    facts = extract_facts(article)
    assert facts.article_id == 7
    for item in [*facts.mentions, *facts.dates, *facts.quantities, *facts.quotes]:
        assert article.maintext[item.start:item.end] == item.text
    assert {d.value for d in facts.dates} == {"2023-09-17"}
    assert [q.value for q in facts.quantities] == [100_000]
    assert {m.canonical for m in facts.mentions} >= {"Zurich", "Red Cross"}


def test_geonames_cities_in_several_scripts() -> None:
    """Cities CLDR lacks (no time zone of their own) come from GeoNames, in any script."""
    turkish = _by_text("Deprem en çok Malatya ve Elazığ illerini etkiledi.", "tr")
    assert turkish["Malatya"] == ("LOC", "Malatya")
    assert turkish["Elazığ"][0] == "LOC"
    russian = _by_text("Жители Мариуполя рассказали о разрушениях.", "ru")
    assert ("LOC", "Mariupol") in russian.values()
    persian = _by_text("زلزله شهر ملطیه را لرزاند.", "fa")
    assert persian["ملطیه"] == ("LOC", "Malatya")
    chinese = _by_text("欧洲央行在法兰克福宣布降息。", "zh")
    assert chinese["法兰克福"][0] == "LOC"


def test_town_names_inside_person_names_and_arabic_words_are_not_places() -> None:
    """Small towns share names with people (Lautaro, Ribera) and Arabic words (كان)."""
    spanish = _by_text("La vicepresidenta Teresa Ribera habló con Lautaro Martínez.", "es")
    assert spanish.get("Teresa Ribera", ("PER",))[0] == "PER"
    assert "Ribera" not in spanish and "Teresa" not in spanish
    arabic = _by_text("وكان الوزير قد قال إن الاتفاق كان ممكنا يوم الخميس.", "ar")
    assert not any(label == "LOC" for label, _ in arabic.values())


def test_a_persian_compound_verb_after_a_place_noun_is_not_a_town() -> None:
    """After "شهر" (city) a small town's name is a place, but the word before a light
    verb ("منتقل شدند", were moved) is the verb's nominal part."""
    moved = _by_text("۱۲۰۰ نفر از ساکنان شبانه به مدارس شهر منتقل شدند.", "fa")
    assert "منتقل" not in moved


def test_apostrophe_case_suffixes_are_cut_from_names() -> None:
    """Turkish writes case endings after an apostrophe: the name is the part before it."""
    found = _by_text("Heyet yarın Ankara'ya gidecek, ardından Sivas'tan dönecek.", "tr")
    assert found["Ankara"][0] == "LOC" and "Sivas" in found
    assert "Ankara'ya" not in found


def test_adjectives_and_compound_heads_make_organisations() -> None:
    """Runs with an adjective or an institution noun are bodies, not people."""
    german = _by_text("Nach Angaben der Europäischen Zentralbank stieg die Quote, so das "
                      "Statistikamt Destatis.", "de")
    assert german["Europäischen Zentralbank"][0] == "ORG"
    greek = _by_text("Στο σημείο επιχείρησε η Πυροσβεστική Υπηρεσία με δέκα οχήματα.", "el")
    assert greek["Πυροσβεστική Υπηρεσία"][0] == "ORG"
    spanish = _by_text("El ministro habló con Carlos Gutiérrez sobre la Guardia Civil.", "es")
    assert spanish["Carlos Gutiérrez"][0] == "PER"


def test_greek_genitive_place_names() -> None:
    found = _by_text("Οι κάτοικοι της Χαλκίδας απομακρύνθηκαν από τις εστίες.", "el")
    assert found["Χαλκίδας"][0] == "LOC"


def test_chinese_han_names_after_roles_and_organisations() -> None:
    """Han names after role words and in 、-lists; a company name with its 公司."""
    text = ("本报记者李明远报道：航天员张海、周立新、何军组成新乘组，张海担任指令长。"
            "欧洲央行行长拉加德表示，德国西门子公司和Siemens公司均已回应，两家公司表示支持。")
    found = _by_text(text, "zh")
    for name in ("张海", "周立新", "拉加德"):
        assert found[name][0] == "PER", name
    assert "何军组" not in found
    assert found["西门子公司"][0] == "ORG"
    assert "两家公司" not in found


def test_continents_and_euro_area_from_cldr() -> None:
    chinese = _by_text("欧元区通胀回落，欧洲经济仍然疲弱。", "zh")
    assert chinese["欧元区"][0] == "LOC" and chinese["欧洲"][0] == "LOC"
    russian = _by_text("Инфляция в Европе замедлилась, сообщает агентство.", "ru")
    assert "Европе" in russian or any(c == "Europe" for _, c in russian.values())


def test_german_articles_split_runs_and_acronyms_stand_alone() -> None:
    found = _by_text("Das sagte ein Mitglied des EZB-Rats am Rande der Sitzung, wie WDN "
                     "meldete.", "de")
    assert not any(text.startswith("Mitglied") for text in found)
    assert found["WDN"][0] == "ORG"


def test_quoted_arabic_phrases_are_not_people_without_a_role() -> None:
    text = ('وعبرت السفينة "نجمة الشمال" القناة، ووصف الوزير المحادثات بأنها "صعبة لكنها '
            'مفيدة"، فيما قال "سامي حداد"، المتحدث باسم الهيئة، إن الملاحة عادت.')
    found = _by_text(text, "ar")
    assert "صعبة لكنها مفيدة" not in found or found["صعبة لكنها مفيدة"][0] != "PER"


def test_places_after_locatives_are_places_everywhere() -> None:
    """A village unknown to any gazetteer is a place once it follows a locative; later
    bare mentions inherit the label (Greek: the rule typer)."""
    greek = _by_text("Η φωτιά έφτασε στην ορεινή Καστριώτισσα. Οι κάτοικοι της "
                     "Καστριώτισσα απομακρύνθηκαν, όπως και η Λιβαδούλα.", "el")
    assert greek["Καστριώτισσα"][0] == "LOC"


@pytest.mark.parametrize("language, text, name", [
    ("nl", "De boeren in Brabant protesteren. Voorzitter Henk Verhoeven van de coöperatie "
           "noemt het plan onhaalbaar.", "Henk Verhoeven"),
    ("uk", "Президент Володимир Зеленський у вівторок зустрівся в Києві з представником ЄС.",
     "Володимир Зеленський"),
])
def test_a_title_opening_a_person_span_is_left_out(language, text, name):
    """The NER corpora leave titles out of PER spans, and the bare name is what links
    across articles ("Voorzitter Henk Verhoeven" -> "Henk Verhoeven")."""
    people = {m.text for m in extract_mentions(text, language) if m.label == "PER"}
    assert name in people
    assert not any(p.endswith(name) and p != name for p in people)


def test_a_common_word_opening_a_sentence_is_not_a_small_place() -> None:
    """GeoNames' alternate names of small places include common words ("Poco", "Cela");
    capitalised only because they open a sentence, they are not names."""
    assert extract_mentions("Poco dopo la polizia è arrivata sul posto.", "it") == []
    found = {(m.text, m.canonical) for m in extract_mentions(
        "Cela dit, Paris reste prudente. Rien ne bouge à Marioupol.", "fr")}
    assert found == {("Paris", "Paris"), ("Marioupol", "Mariupol")}
