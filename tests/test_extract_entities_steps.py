"""Dateline credits, kind nouns after a name, and the story's one reading of a surname."""

import numpy as np

from rashomon.core import Article, ArticleFacts
from rashomon.core.facts import Mention
from rashomon.extract import datelines, head_nouns
from rashomon.extract.entities import extract_mentions
from rashomon.extract.linking import link


def _labels(text: str, lang: str) -> dict[str, str]:
    return {m.text: m.label for m in extract_mentions(text, lang)}


def test_dateline_credits_are_organisations() -> None:
    text = "Lübeck (xnq) - Die Stadtwerke erhöhen die Preise. Ein Sprecher der xnq bestätigte."
    assert datelines.credits(text) == [(8, 11)]
    assert _labels(text, "de").get("xnq") == "ORG"
    joined = "Kiel (xnq/wmt) – Der Hafen bleibt geschlossen."
    assert [joined[s:e] for s, e in datelines.credits(joined)] == ["xnq", "wmt"]
    slash = "ТОМСК, 3 марта. /Сибирь-Пресс/. Мост через реку закрыт на ремонт."
    assert _labels(slash, "ru").get("Сибирь-Пресс") == "ORG"
    english = "SPRINGVALE, Ore., Jan. 4, 2021 /WireNow/ -- The county opened a shelter."
    assert [english[s:e] for s, e in datelines.credits(english)] == ["WireNow"]


def test_brackets_that_are_no_dateline_stay_alone() -> None:
    # a lower-case word before the bracket: no dateline; no dash after it: no report
    assert datelines.credits("the figures (rounded) - as usual - were late") == []
    assert datelines.credits("Lübeck (xnq) hat gemeldet, dass") == []


def test_step_switch_turns_the_credit_off() -> None:
    text = "Lübeck (xnq) - Die Stadtwerke erhöhen die Preise."
    datelines.ENABLED = False
    try:
        assert "xnq" not in _labels(text, "de")
    finally:
        datelines.ENABLED = True
    assert _labels(text, "de")["xnq"] == "ORG"


def test_kind_noun_after_a_name_types_it() -> None:
    labels = _labels("Economists at the Norvik institute cut their forecast on Tuesday.", "en")
    assert labels.get("Norvik") == "ORG"
    labels = _labels("Snow closed roads across the Tallvik range and the Brenmoor area.", "en")
    assert labels.get("Tallvik") == "LOC" and labels.get("Brenmoor") == "LOC"


def test_kind_noun_leaves_adjectives_possessives_and_common_words() -> None:
    text = ("The South Korean company and a Brooklyn-based company said Oregon's oldest "
            "newspaper will close after the Easter bank holiday. I will not resort to it.")
    labels = _labels(text, "en")
    assert labels.get("South Korean") != "ORG"
    assert "Brooklyn-based" not in labels and "Easter" not in labels and "I" not in labels
    assert labels.get("Oregon's") is None


def test_kind_noun_needs_the_language_data() -> None:
    # German puts the kind first and capitalises it: no [entities] heads, no change
    assert head_nouns._pattern("de")[0] is None


class _FlatEmbedder:
    """Name vectors that match nothing, so only the key and surname unions link."""

    name = "flat"

    def queries(self, names):
        return [np.eye(len(names), 8)[i] for i in range(len(names))]


def _mention(text: str, start: int, name: str, label: str, score: float) -> Mention:
    at = text.index(name, start)
    return Mention(at, at + len(name), name, label, score=score)


def test_story_vote_types_a_lone_surname_by_the_full_name() -> None:
    texts = ["Ilkka Varpunen scored twice.",
             "Il gol di Varpunen ha chiuso la partita.",
             "Ilkka Varpunen a marqué deux fois."]
    articles = [Article(title="t", maintext=t, language=lang, id=i)
                for i, (t, lang) in enumerate(zip(texts, ("en", "it", "fr"), strict=True), 1)]
    facts = {
        1: ArticleFacts(1, [_mention(texts[0], 0, "Ilkka Varpunen", "PER", 0.9)], [], [], []),
        2: ArticleFacts(2, [_mention(texts[1], 0, "Varpunen", "LOC", 0.95)], [], [], []),
        3: ArticleFacts(3, [_mention(texts[2], 0, "Ilkka Varpunen", "PER", 0.9)], [], [], []),
    }
    entities = link(articles, facts, embedder=_FlatEmbedder())
    person = next(e for e in entities if e.canonical == "Ilkka Varpunen")
    assert person.label == "PER" and "it" in person.surface_forms
    assert facts[2].mentions[0].label == "PER"


def test_same_short_name_in_two_articles_is_one_entity() -> None:
    texts = ["Goals by Doe and Ito sealed it.", "Doe ha segnato."]
    articles = [Article(title="t", maintext=t, language=lang, id=i)
                for i, (t, lang) in enumerate(zip(texts, ("en", "it"), strict=True), 1)]
    facts = {1: ArticleFacts(1, [_mention(texts[0], 0, "Doe", "PER", 0.9),
                                 _mention(texts[0], 0, "Ito", "PER", 0.9)], [], [], []),
             2: ArticleFacts(2, [_mention(texts[1], 0, "Doe", "LOC", 0.6)], [], [], [])}
    entities = link(articles, facts, embedder=_FlatEmbedder())
    doe = [e for e in entities if e.canonical == "Doe"]
    assert len(doe) == 1 and doe[0].label == "PER"
    assert len([e for e in entities if e.canonical == "Ito"]) == 1


def test_a_known_name_ending_in_a_lower_case_word_is_a_common_phrase() -> None:
    text = "El paso por la carretera quedó cortado. La vista del tribunal fue aplazada."
    labels = _labels(text, "es")
    assert "El paso" not in labels and "La vista" not in labels
    assert _labels("Viajó a El Paso el lunes.", "es").get("El Paso") == "LOC"


def test_one_word_name_after_an_organisation_noun_and_a_comma() -> None:
    text = "The country's cybersecurity agency, Velkar, sent 15 specialists on Monday."
    assert _labels(text, "en").get("Velkar") == "ORG"
    # a person's full name after "the company," is the company's officer, not the company
    text = "The chief executive of the company, Jorin Maddox, said sales fell."
    assert _labels(text, "en").get("Jorin Maddox") != "ORG"


def _script_towns(text: str, places: list[str], lang: str = "ar") -> dict[str, str | None]:
    from rashomon.extract import lookup, script_places

    given = [lookup._mention(text, text.index(p), text.index(p) + len(p), "LOC", None, 0.9)
             for p in places]
    return {m.text: m.canonical for m in script_places.added(text, given, lang)
            if m.text not in places}


def test_arabic_script_towns_named_by_their_context() -> None:
    # a GeoNames town under the script's 300,000 floor: joined by "و" to a named place
    assert _script_towns("قصفت الطائرات حمص ومنبج صباح اليوم.", ["حمص"]) == {
        "منبج": "Manbij"}
    assert _script_towns("قصفت الطائرات حمص و منبج صباح اليوم.", ["حمص"]) == {
        "منبج": "Manbij"}
    assert _script_towns("قصفت الطائرات منبج وحمص صباح اليوم.", ["حمص"]) == {
        "منبج": "Manbij"}
    # or after a place noun of the language, a clitic on the noun allowed
    assert _script_towns("دخلت القوات بمدينة منبج بعد الظهر.", []) == {"منبج": "Manbij"}
    assert _script_towns("سیل در شهرستان ملایر خسارت زد.", [], "fa") == {"ملایر": "Malāyer"}


def test_arabic_script_towns_need_their_context() -> None:
    # no context, a comma only (Arabic joins clauses with it), a place noun that is a
    # town's name itself: nothing added
    assert _script_towns("دخلت القوات منبج بعد الظهر.", []) == {}
    assert _script_towns("قصفت الطائرات حمص، منبج صباح اليوم.", ["حمص"]) == {}
    assert _script_towns("أكملت بلدية مدينة حمص العمل.", ["حمص"]) == {}
    # a function word that is a town's name ("كان" = Caen), a clitic other than the
    # joining "و", a relative adjective after a place noun
    assert _script_towns("وصل إلى حمص و كان الطقس حارا.", ["حمص"]) == {}
    assert _script_towns("التبادل بين حمص و بلاد الشام قديم.", ["حمص"]) == {}
    assert _script_towns("قال معهد في العاصمة السويدية إن العمل انتهى.", []) == {}
    from rashomon.extract import script_places

    script_places.ENABLED = False
    try:
        assert _script_towns("قصفت الطائرات حمص ومنبج صباح اليوم.", ["حمص"]) == {}
    finally:
        script_places.ENABLED = True


def test_sentence_opening_adjectives_are_no_places() -> None:
    from rashomon.extract import demonyms

    text = "Niemieckie władze zapowiedziały kontrole. Francuski minister przyjechał do Polski."
    assert "Niemieckie" not in _labels(text, "pl")
    assert "Francuski" not in _labels(text, "pl")
    # a region named by an adjective in a list, and the country itself, stay as they were
    listed = "Zakażenia w regionach: Mazowieckie (12), Opolskie (3). Polska zgłosiła 15."
    assert _labels(listed, "pl").get("Polska") == "LOC"
    kept = _labels(listed, "pl")
    demonyms.ENABLED = False
    try:
        assert _labels(text, "pl").get("Francuski") == "LOC"  # the tagger's WikiANN habit
        assert _labels(listed, "pl") == kept
    finally:
        demonyms.ENABLED = True


def test_a_name_ending_with_a_capitalised_kind_noun_is_a_body() -> None:
    from rashomon.extract import institutions

    text = "He was carried to the Riverside County Hospital, where he died."
    assert _labels(text, "en").get("Riverside County Hospital") == "ORG"
    institutions.KIND_FINAL = False
    try:  # the tagger reads it as a place (the county)
        assert _labels(text, "en").get("Riverside County Hospital") == "LOC"
    finally:
        institutions.KIND_FINAL = True
