"""Speakers no speech verb names: a pronoun or a bare speech verb standing for the one
person named before, verbs of attribution beyond "said", and concessive conjunctions that
keep a day out of a statement. Sentences written for these tests (not evaluation text);
the PER/ORG mentions are given by hand."""

from __future__ import annotations

import re

import pytest

from quote_mentions import written_mentions as _mentions
from rashomon.extract.quotes import extract_quotes
from rashomon.extract.speech_days import said_on


def _speakers(text: str, names: dict[str, str], language: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text, _mentions(text, names), language)]


@pytest.mark.parametrize("text, names, language, speaker", [
    # a pronoun after a sentence whose verb is no speech verb: the one person named
    ("Mayor Ilse Varga, whose budget was cut twice, toured the flooded quarter on foot. "
     "“We will rebuild every street that the river took from us,” she said.",
     {"Ilse Varga": "PER"}, "en", "Ilse Varga"),
    ("Der Gewerkschaftschef Anton Brenner hat den Tarifabschluss als «historisch» gelobt. "
     "«Die Beschäftigten bekommen endlich, was ihnen lange zugesagt war», sagte er in Kassel.",
     {"Anton Brenner": "PER"}, "de", "Anton Brenner"),
    # a bare speech verb in the paragraph of one named person, no quote before
    ("La ingeniera Paula Ortega visitó la obra del puente el martes por la mañana. "
     "«Los pilares ya resisten el doble de la carga prevista en el proyecto», apuntó.",
     {"Paula Ortega": "PER"}, "es", "Paula Ortega"),
])
def test_a_pronoun_or_bare_verb_stands_for_the_one_person_named(text, names, language,
                                                                speaker) -> None:
    assert _speakers(text, names, language) == [speaker]


def test_two_persons_named_leave_the_pronoun_unresolved() -> None:
    text = ("Coach Rui Alves praised striker Tomas Lind after the final whistle. "
            "“We were patient and the goals came in the second half,” he said.")
    assert _speakers(text, {"Rui Alves": "PER", "Tomas Lind": "PER"}, "en") == [None]


def test_a_quote_with_no_speech_verb_is_nobody_s() -> None:
    # "hieß es": no speech verb, so not the person the quote is about
    text = ("Die Polizei fand den gesuchten Karel Dvorak in einer Wohnung am Stadtrand, "
            "«der seit elf Jahren unter falschem Namen gelebt hatte», hieß es.")
    assert _speakers(text, {"Karel Dvorak": "PER"}, "de") == [None]


@pytest.mark.parametrize("text, names, language, speaker", [
    ("Die Ministerin Greta Holm äußerte sich auch zur Schuldenbremse: «Wir halten an "
     "der Regel fest, auch wenn es im Haushalt eng wird.»", {"Greta Holm": "PER"}, "de",
     "Greta Holm"),
    ("La diputada Nuria Pons reconoció este martes que hubo errores: «Debemos revisar "
     "cada contrato firmado durante el último año».", {"Nuria Pons": "PER"}, "es",
     "Nuria Pons"),
    ("« Les familles attendent des réponses depuis des mois », assure la directrice "
     "Hélène Marchal.", {"Hélène Marchal": "PER"}, "fr", "Hélène Marchal"),
])
def test_more_verbs_of_attribution(text, names, language, speaker) -> None:
    assert _speakers(text, names, language) == [speaker]


@pytest.mark.parametrize("sentence, language, day, statement", [
    ("A ranger found the broken fence on Jan. 4, though officials said it may have been "
     "damaged weeks earlier.", "en", "Jan. 4", False),
    ("The agency said on Friday that the line would reopen.", "en", "Friday", True),
    ("Los técnicos cerraron el pozo el jueves aunque la empresa dijo que no hubo fuga.",
     "es", "jueves", False),
    ("Die Feuerwehr löschte den Brand am Montag obwohl sie sagte, es gebe keine Gefahr.",
     "de", "Montag", False),
])
def test_a_concessive_conjunction_keeps_the_day_out_of_the_statement(sentence, language,
                                                                     day, statement) -> None:
    at = sentence.index(day)
    assert said_on(sentence, language, at, at + len(day)) is statement


@pytest.mark.parametrize("text, names, language, speakers", [
    # the pronoun next to the verb is its subject; the agency after it is spoken to, and
    # names no one new for the quote after
    ("Die Sängerin Lea Sommer ist zurück auf der Bühne. «Ich habe die Pause gebraucht», "
     "sagte sie in Bremen der Nachrichtenagentur Nordpress. «Jetzt freue ich mich auf "
     "jedes Konzert.»", {"Lea Sommer": "PER", "Nordpress": "ORG"}, "de",
     ["Lea Sommer", "Lea Sommer"]),
    ("Harbour master Colm Doyle inspected the damaged pier on Sunday. “The storm moved "
     "every boat in the marina,” he told Coastline Radio.",
     {"Colm Doyle": "PER", "Coastline Radio": "ORG"}, "en", ["Colm Doyle"]),
    # a name before the verb stays its subject even with a pronoun after it
    ("“The vote will be close,” Dana Whitfield said he expected, before the count began.",
     {"Dana Whitfield": "PER"}, "en", ["Dana Whitfield"]),
])
def test_a_pronoun_subject_keeps_the_named_addressee_out(text, names, language,
                                                          speakers) -> None:
    assert _speakers(text, names, language) == speakers


@pytest.mark.parametrize("text, language, speaker", [
    # an untagged name behind an article or a kind noun after the verb
    ("« Le chantier du tramway prendra encore deux ans », indique le quotidien Ouest-Matin.",
     "fr", "Ouest-Matin"),
    ("« Nous demandons des places d'accueil en plus », assure le collectif Abri42.", "fr",
     "Abri42"),
    ("« La décision sera connue lundi », précise le CNRT.", "fr", "CNRT"),
    ("«Las obras terminarán antes del verano», dijo la directora Inés Calvo.", "es",
     "Inés Calvo"),
])
def test_an_untagged_name_behind_an_article_or_kind_noun(text, language, speaker) -> None:
    assert _speakers(text, {}, language) == [speaker]


@pytest.mark.parametrize("text, language", [
    # a place after a preposition is no speaker; nor a weekday
    ("« Le chantier du tramway prendra encore deux ans », a dit la maire à Nantes.", "fr"),
    ("«Las obras terminarán antes del verano», dijo el alcalde el Lunes.", "es"),
])
def test_no_untagged_speaker_behind_other_words(text, language) -> None:
    assert _speakers(text, {}, language) == [None]


def test_an_acronym_after_a_role_noun_is_its_body_not_a_speaker() -> None:
    text = "\"Budżet musi być gotowy do marca\" - odparł szef GUS."
    assert _speakers(text, {}, "pl") == [None]


@pytest.mark.parametrize("text, names, language, speaker", [
    # a kind noun: the body named before with that noun in its name
    ("Der Tierpark Waldau hat am Morgen zwei neue Gehege eröffnet. «Die Luchse haben sich "
     "schnell eingewöhnt», schrieb der Tierpark auf seiner Seite.",
     {"Tierpark Waldau": "ORG"}, "de", "Tierpark Waldau"),
    # with none named, the noun itself
    ("«Die Straße bleibt bis Freitag gesperrt», sagte die Polizei am Abend.", {}, "de",
     "Polizei"),
    # a generic word: the body a speech verb had as its subject before, not the body
    # named last
    ("The Harbour Authority said on Monday that the dredging would resume. It criticised "
     "the Fishers League for delays. “Work will go on through the winter,” the statement "
     "added.", {"Harbour Authority": "ORG", "Fishers League": "ORG"}, "en",
     "Harbour Authority"),
    ("La empresa Aguas del Norte cortó el suministro en tres barrios. «El servicio volverá "
     "mañana a primera hora», indicó la compañía.", {"Aguas del Norte": "ORG"}, "es",
     "Aguas del Norte"),
])
def test_a_body_speaks_by_its_kind_noun(text, names, language, speaker) -> None:
    assert _speakers(text, names, language) == [speaker]


def test_a_kind_noun_in_an_adjunct_is_no_subject() -> None:
    text = ("A spokesman confirmed the news in a statement and added that “the patient is "
            "resting and in good spirits tonight.”")
    assert _speakers(text, {"Northgate Clinic": "ORG"}, "en") == [None]


def test_a_megabyte_of_quotes_stays_linear() -> None:
    """A 1 MB text of nothing but short quotes, each attributed by a pronoun, a generic
    body word, a kind noun or a bare verb (the speaker searches that reach back), many
    bodies named: quote time grows linearly (it was quadratic while each pronoun quote
    read every quote before it) and stays bounded."""
    import time

    from rashomon.core.facts import Mention
    from rashomon.extract.quotes import quotes_and_persons

    def build(size: int) -> tuple[str, list[Mention]]:
        parts, i, length = [], 0, 0
        while length < size:
            parts.append(
                f"The Port Board {i} said on Monday that work would resume. Mayor Ilse Varga{i} "
                f"toured the pier. “We will rebuild every street,” she said. “The plan is "
                f"clear,” the statement added. “The line stays shut,” said the ministry. "
                f"“Work goes on,” the company said. “Still closed,” added. ")
            length += len(parts[-1]) + 1
            i += 1
        text = "\n".join(parts)
        mentions = [Mention(m.start(), m.end(), m.group(), "PER" if "Varga" in m.group() else
                            "ORG", score=0.95)
                    for m in re.finditer(r"Port Board \d+|Ilse Varga\d+", text)]
        return text, mentions

    def cpu(size: int) -> float:
        text, mentions = build(size)
        started = time.process_time()
        quotes, _ = quotes_and_persons(text, mentions, "en")
        assert len(quotes) > size // 80
        return time.process_time() - started

    small, large = cpu(250_000), cpu(1_000_000)
    # 2.9 s for the megabyte on the 2-core EPYC at load 12 (4x the text, 4.0x the time); quadratic
    # would be 16x
    assert large < 8 * small
    assert large < 30


@pytest.mark.parametrize("text, names, language, speakers", [
    # a paragraph ending in a colon introduces the quote that opens the next one
    ("Yasemin Aktaş, yeni projeyi anlatırken şöyle dedi:\n\n“Köprünün onarımı yaz sonuna "
     "kadar bitecek ve trafik yeniden açılacak.”", {"Yasemin Aktaş": "PER"}, "tr",
     ["Yasemin Aktaş"]),
    # a bare verb goes on from the last quote across a paragraph break
    ("وقال سامي خليل: «سنبدأ التدريبات الأسبوع المقبل بعد الفحوص الطبية».\n\n"
     "وعن موعد المباراة قال: «لم يتحدد الموعد النهائي حتى الآن».", {"سامي خليل": "PER"}, "ar",
     ["سامي خليل", "سامي خليل"]),
])
def test_attribution_across_a_paragraph_break(text, names, language, speakers) -> None:
    assert _speakers(text, names, language) == speakers


def test_a_quote_with_no_verb_after_a_paragraph_break_is_not_continued() -> None:
    text = ("“We open the new ward in May,” Dr Lena Holt said.\n\n"
            "“Visitors are welcome on weekdays between noon and six in the evening.”")
    assert _speakers(text, {"Lena Holt": "PER"}, "en") == ["Lena Holt", None]


def test_a_title_abbreviation_ends_no_sentence_of_the_attribution() -> None:
    text = "“The bridge reopens on Friday,” Gov. Alma Reyes said."
    assert _speakers(text, {"Alma Reyes": "PER"}, "en") == ["Alma Reyes"]
