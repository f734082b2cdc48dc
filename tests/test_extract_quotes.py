"""Quotes and their speakers: sentences written for these tests (not evaluation text), with
the PER/ORG mentions given by hand so that each case tests the attribution rules alone."""

from __future__ import annotations

import pytest

from quote_mentions import written_mentions as _mentions
from rashomon.extract.quotes import extract_quotes


def _speakers(text: str, names: dict[str, str], language: str) -> list[tuple[str, str | None]]:
    quotes = extract_quotes(text, _mentions(text, names), language)
    return [(q.text[:12], q.speaker) for q in quotes]


def test_a_quote_right_after_an_attributed_one_continues_its_speaker() -> None:
    text = ("“We will reopen the bridge by spring,” Marta Kowalczyk said. “The repairs cost "
            "less than we feared and the crews are ahead of schedule.”")
    got = _speakers(text, {"Marta Kowalczyk": "PER"}, "en")
    assert [s for _, s in got] == ["Marta Kowalczyk", "Marta Kowalczyk"]


def test_a_continued_quote_stops_at_another_name() -> None:
    text = ("“We will reopen the bridge by spring,” Marta Kowalczyk said. The city council of "
            "Lindholm disagreed. “Nobody has seen the final invoices for the repairs yet.”")
    got = _speakers(text, {"Marta Kowalczyk": "PER", "Lindholm": "ORG"}, "en")
    assert [s for _, s in got] == ["Marta Kowalczyk", None]


def test_a_quote_that_ends_its_sentence_takes_no_attribution_from_the_next_one() -> None:
    text = ("„Wir haben die Wahl klar verloren und müssen das ehrlich sagen.“ "
            "Landrat Jonas Weidmann erklärte am Abend seinen Rücktritt.")
    got = _speakers(text, {"Jonas Weidmann": "PER"}, "de")
    assert [s for _, s in got] == [None]


def test_a_bare_verb_after_the_quote_continues_the_speaker_before() -> None:
    text = ("«Vamos a construir tres escuelas nuevas este año», afirmó Lucía Barrientos. "
            "«El presupuesto ya está aprobado por el cabildo», apuntó.")
    got = _speakers(text, {"Lucía Barrientos": "PER"}, "es")
    assert [s for _, s in got] == ["Lucía Barrientos", "Lucía Barrientos"]


def test_a_verb_with_an_untagged_subject_does_not_continue_the_speaker() -> None:
    text = ("« Rien n'est encore décidé pour le calendrier », a déclaré Hélène Marchetti. "
            "« Les consultations des maires ont commencé ce matin », indique le quotidien.")
    got = _speakers(text, {"Hélène Marchetti": "PER"}, "fr")
    assert [s for _, s in got] == ["Hélène Marchetti", None]


def test_turkish_name_before_the_quote_and_verb_after_it() -> None:
    text = ('Belediye Başkanı Kemal Arıkan, "Yeni park alanları önümüzdeki ay halka '
            'açılacak ve herkes ücretsiz girebilecek" ifadelerini kullandı.')
    got = _speakers(text, {"Kemal Arıkan": "PER"}, "tr")
    assert [s for _, s in got] == ["Kemal Arıkan"]


def test_a_person_named_beside_the_verb_speaks_rather_than_the_body() -> None:
    text = ('"La temporada de conciertos empezará en marzo con todas las entradas vendidas", '
            'dijo el director de la Filarmónica de Sevilla, Tomás Ugarte.')
    got = _speakers(text, {"Filarmónica de Sevilla": "ORG", "Tomás Ugarte": "PER"}, "es")
    assert [s for _, s in got] == ["Tomás Ugarte"]


def test_arabic_verb_that_opens_the_next_quote_is_not_the_first_quotes() -> None:
    text = ('قال أحد السكان: "المياه انقطعت منذ ثلاثة أيام ولا أحد يجيب على اتصالاتنا"، '
            'وكتب سامي الخطيب: "نحتاج إلى حل سريع قبل موجة الحر القادمة في المدينة".')
    got = _speakers(text, {"سامي الخطيب": "PER"}, "ar")
    assert [s for _, s in got] == [None, "سامي الخطيب"]


def test_arabic_bare_added_continues_the_speaker() -> None:
    text = ('وقال نبيل حداد: "سنفتح المعبر أمام الشاحنات صباح الغد". '
            'وأضاف: "الإجراءات الجديدة ستختصر الانتظار إلى ساعتين فقط".')
    got = _speakers(text, {"نبيل حداد": "PER"}, "ar")
    assert [s for _, s in got] == ["نبيل حداد", "نبيل حداد"]


@pytest.mark.parametrize("language, text", [
    ("de", "Ersten Ermittlungen zufolge hatte der Fahrer die Ampel übersehen, sagte die Polizei."),
    ("tr", "Edinilen bilgiye göre kaza, sabah saatlerinde ilçe merkezinde meydana geldi."),
    ("de", "Die Zeugen werden laut der Polizei vernommen, ihre Angaben müssten geprüft werden."),
])
def test_postpositions_and_mid_sentence_cues_open_no_reported_speech(language: str,
                                                                     text: str) -> None:
    assert extract_quotes(text, [], language) == []


def test_according_to_opening_a_sentence_is_reported_speech() -> None:
    text = ("Der Stausee ist fast leer. Laut Gemeindeverwaltung Obertal, die Wasserrechnungen "
            "steigen im Herbst um ein Fünftel.")
    quotes = extract_quotes(text, _mentions(text, {"Gemeindeverwaltung Obertal": "ORG"}), "de")
    assert [(q.direct, q.speaker) for q in quotes] == [(False, "Gemeindeverwaltung Obertal")]


def test_an_unnamed_long_source_after_a_cue_is_not_a_speaker() -> None:
    text = ("Tak wynika z raportu. Według naukowców ludzie zarażają się od zwierząt na targach, "
            "co potwierdza wcześniejsze obserwacje z regionu.")
    assert extract_quotes(text, [], "pl") == []
    short = "Tak wynika z raportu. Według stacji, decyzja zapadnie dopiero w lipcu tego roku."
    assert [q.speaker for q in extract_quotes(short, [], "pl")] == ["stacji"]


def test_french_inverted_pronoun_verb_continues_the_speaker() -> None:
    text = ("« Nous rouvrirons la ligne de tramway en septembre », a déclaré Claire Dufresne. "
            "« Les travaux avancent plus vite que prévu », a-t-elle ajouté.")
    got = _speakers(text, {"Claire Dufresne": "PER"}, "fr")
    assert [s for _, s in got] == ["Claire Dufresne", "Claire Dufresne"]


def test_a_name_inside_the_reported_clause_is_not_the_speaker() -> None:
    text = ('El portavoz sindical sostuvo que la reforma de Inés Villalba "no protege a los '
            'trabajadores temporales de la industria".')
    got = _speakers(text, {"Inés Villalba": "PER"}, "es")
    assert [s for _, s in got] == [None]
    text = ('Der Sprecher sagte, dass Kanzlerin Ruth Lehnert "keine neuen Schulden für das '
            'kommende Jahr" plane.')
    assert [s for _, s in _speakers(text, {"Ruth Lehnert": "PER"}, "de")] == [None]


def test_a_name_and_a_colon_open_the_quote() -> None:
    text = 'Teresa Olmedo: "El puerto abrirá de nuevo la terminal de pasajeros en abril"'
    assert [s for _, s in _speakers(text, {"Teresa Olmedo": "PER"}, "es")] == ["Teresa Olmedo"]
    # a colon after something else than a name gives no speaker
    text = 'Zobacz także: "Nowe zasady parkowania w centrum miasta od przyszłego miesiąca"'
    assert [s for _, s in _speakers(text, {}, "pl")] == [None]
