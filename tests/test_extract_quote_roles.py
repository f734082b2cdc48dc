"""Role-word speakers and text in quotation marks that is not speech: sentences written for
these tests (not evaluation text), with the mentions given by hand so that each case tests
the quote rules alone."""

from __future__ import annotations

import pytest

from quote_mentions import written_mentions as _mentions
from rashomon.extract.quotes import extract_quotes


def _quotes(text: str, names: dict[str, str], language: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, _mentions(text, names), language)]


@pytest.mark.parametrize("language, text, names, speaker", [
    ("de", "Thüringens Bildungsministerin Carola Brandt will die Prüfungen verschieben. "
           "„Wir brauchen für die Abschlussklassen mehr Zeit“, sagte die SPD-Politikerin "
           "am Montag.", {"Carola Brandt": "PER", "SPD": "ORG"}, "Carola Brandt"),
    ("en", "The ministry's spokesman, Tomas Lindqvist, said talks would resume. \"We expect "
           "a first draft of the agreement within two weeks,\" the spokesman told reporters.",
     {"Tomas Lindqvist": "PER"}, "Tomas Lindqvist"),
    ("es", "La portavoz del Gobierno regional, Marta Ibarra, compareció tras el consejo. "
           "\"No habrá cierre de aulas mientras los datos sigan bajando\", dijo la portavoz.",
     {"Marta Ibarra": "PER"}, "Marta Ibarra"),
    ("ru", "Представитель ведомства Олег Самарин рассказал о новых правилах. «Проверки "
           "начнутся уже с первого марта во всех регионах», — заявил представитель ведомства.",
     {"Олег Самарин": "PER"}, "Олег Самарин"),
    ("pl", "Minister rolnictwa Tadeusz Wrona spotkał się z hodowcami. \"Pomoc trafi do "
           "gospodarstw jeszcze przed żniwami\" - powiedział minister.",
     {"Tadeusz Wrona": "PER"}, "Tadeusz Wrona"),
])
def test_a_role_noun_speaker_is_the_person_introduced_with_that_role(
        language: str, text: str, names: dict[str, str], speaker: str) -> None:
    assert [s for _, s in _quotes(text, names, language)] == [speaker]


def test_the_nearest_person_introduced_with_the_role_speaks() -> None:
    text = ("Der frühere Sprecher Jens Albers hatte die Pläne verteidigt. Inzwischen spricht "
            "Sprecherin Nora Feld für das Amt. „Die Anträge werden ab Mai digital bearbeitet“, "
            "sagte die Sprecherin.")
    got = _quotes(text, {"Jens Albers": "PER", "Nora Feld": "PER"}, "de")
    assert [s for _, s in got] == ["Nora Feld"]


def test_a_role_with_no_introduced_person_gives_the_body_it_names_or_no_one() -> None:
    text = ("\"The plant will stay closed until the inspection is finished,\" a spokesman for "
            "Nordvik Energy said.")
    assert [s for _, s in _quotes(text, {"Nordvik Energy": "ORG"}, "en")] == ["Nordvik Energy"]
    # a name elsewhere in the sentence is not the unnamed spokesman's
    text = ("\"The plant will stay closed until the inspection is finished,\" the spokesman "
            "told Radio Holmen.")
    assert [s for _, s in _quotes(text, {"Radio Holmen": "ORG"}, "en")] == [None]


def test_a_person_named_at_the_verb_beats_a_role() -> None:
    text = ('"Die Zahlen sind besser als erwartet", sagte Behördenchef Uwe Kranich dem Sender.')
    assert [s for _, s in _quotes(text, {"Uwe Kranich": "PER"}, "de")] == ["Uwe Kranich"]


@pytest.mark.parametrize("language, text, names", [
    # a name in quotation marks
    ("de", 'Das sagte der Landrat der "Ostseezeitung" am Dienstag.', {"Ostseezeitung": "ORG"}),
    # a title after a title noun
    ("de", "Ihr neuer Roman „Die Stille nach dem Sturm“ erscheint im Herbst.", {}),
    ("es", 'La plataforma estrena el jueves la serie "Los años del río" en toda Europa.', {}),
    ("en", 'The band will open the concert with the song "Northern Lights Over Us" tonight.',
     {}),
    # a title written in title case
    ("en", 'Fans queued for hours to see "The Last Winter Of Harbor Street" at the festival.',
     {}),
    # a slogan named after the marks
    ("tr", 'Belediye, "Suyunu boşa harcama" sloganıyla yeni bir kampanya başlattı.', {}),
    # scare quotes with no speech verb in their sentence
    ("fr", "Les élus dénoncent une « réforme fantôme » qui ne change rien pour les communes.",
     {}),
    ("en", 'Analysts called the merger a "perfect storm" for smaller shipping firms.', {}),
])
def test_names_titles_and_scare_quotes_are_not_speech(language: str, text: str,
                                                      names: dict[str, str]) -> None:
    assert _quotes(text, names, language) == []


def test_a_short_quote_with_a_speech_verb_stays() -> None:
    text = 'Der Minister sagte, die Lage sei "äußerst angespannt" und bleibe es noch Wochen.'
    assert [q for q, _ in _quotes(text, {}, "de")] == ["äußerst angespannt"]


def test_a_name_in_quotation_marks_still_carries_its_speaker_to_the_next_quote() -> None:
    text = ('"Wir brauchen jetzt klare Regeln für alle Betriebe", sagte Ilse Haring der '
            '"Ostseezeitung". "Sonst verlieren wir den ganzen Sommer."')
    got = _quotes(text, {"Ilse Haring": "PER", "Ostseezeitung": "ORG"}, "de")
    assert [s for _, s in got] == ["Ilse Haring", "Ilse Haring"]


@pytest.mark.parametrize("language, text, names, expected", [
    ("pl", "Rada miasta przyjęła budżet.\n– Nie zgadzamy się na podwyżkę opłat za śmieci "
           "– powiedział radny Piotr Zawada.",
     {"Piotr Zawada": "PER"}, [("Nie zgadzamy się na podwyżkę opłat za śmieci", "Piotr Zawada")]),
    ("ru", "Губернатор Алексей Кудрин провёл совещание.\n– Мы не согласны с этим решением, "
           "– заявил губернатор. – Будем обжаловать его в суде.",
     {"Алексей Кудрин": "PER"}, [("Мы не согласны с этим решением", "Алексей Кудрин"),
                                 ("Будем обжаловать его в суде.", "Алексей Кудрин")]),
    ("uk", "– Ремонт мосту завершимо до кінця літа – сказав мер Остап Гнатюк.",
     {"Остап Гнатюк": "PER"}, [("Ремонт мосту завершимо до кінця літа", "Остап Гнатюк")]),
])
def test_dash_opened_speech_with_a_speech_verb_after_it(language: str, text: str,
                                                        names: dict[str, str],
                                                        expected: list) -> None:
    assert _quotes(text, names, language) == expected


def test_dashes_that_open_no_speech() -> None:
    # a list item: no speech verb after the second dash
    text = "Program spotkania:\n– otwarcie wystawy o godzinie 17 – sala główna ratusza\n"
    assert extract_quotes(text, [], "pl") == []
    # a dash after a closing quotation mark opens the attribution, not speech
    text = ('"Pociągi pojadą zgodnie z rozkładem" - poinformował przewoźnik. - Zmiany w '
            'rozkładzie obejmą tylko linie nocne - dodał rzecznik spółki.')
    assert [q.text for q in extract_quotes(text, [], "pl")] == [
        "Pociągi pojadą zgodnie z rozkładem", "Zmiany w rozkładzie obejmą tylko linie nocne"]


@pytest.mark.parametrize("language, text, speaker", [
    ("en", '"The harbour will reopen on Friday," said Okonkwo. "Ferries run as usual."',
     "Okonkwo"),
    ("pl", '"Dalsze czynności trwają od rana" - przekazał Zalewski. Policja nie podała szczegółów.',
     "Zalewski"),
    # the one spoken to, a day, an acronym: no speaker
    ("en", '"The harbour will reopen on Friday," Ms Ode told Harbour Radio.', None),
    ("en", '"The harbour will reopen on Friday," said Monday the port authority.', None),
    ("pl", '"Dalsze czynności trwają od rana" - powiedział PAP rzecznik policji.', None),
])
def test_an_untagged_name_right_after_the_speech_verb_speaks(language: str, text: str,
                                                             speaker: str | None) -> None:
    assert _quotes(text, {}, language)[0][1] == speaker
