"""A quotation mark left open: speech running on into the next paragraph (which opens with
a mark again) and a text cut off inside a quote end at their paragraph's end; a stray
mark in the middle of a text, one glued to the word before it, one followed by a space or
one among other marks opens nothing. Sentences written for these tests (not evaluation
text); the PER/ORG mentions are given by hand."""

from __future__ import annotations

import pytest

from quote_mentions import written_mentions as _mentions
from rashomon.extract.quote_marks import close_of
from rashomon.extract.quotes import extract_quotes


def _quotes(text: str, names: dict[str, str], language: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, _mentions(text, names), language)]


@pytest.mark.parametrize("text, names, language, expected", [
    # a text cut off inside the quote: the quote runs to the end, the speaker before it
    ("La ministra Elena Ruiz habló en el pleno. Ruiz dijo: «Vamos a abrir tres hospitales "
     "nuevos en la provincia antes del verano",
     {"Elena Ruiz": "PER", "Ruiz": "PER"}, "es",
     [("Vamos a abrir tres hospitales nuevos en la provincia antes del verano", "Ruiz")]),
    # French sets a space after « (a mark that never closes)
    ("Le préfet Marc Olivier a pris la parole mardi. Il a déclaré : « Nous allons fermer "
     "la route du col jusqu’à la fin de la semaine",
     {"Marc Olivier": "PER"}, "fr",
     [(" Nous allons fermer la route du col jusqu’à la fin de la semaine", "Marc Olivier")]),
    ("Bürgermeister Jan Kohl äußerte sich am Abend. Kohl sagte: „Wir werden die Brücke im "
     "Frühjahr für drei Monate schließen müssen.\n\n",
     {"Jan Kohl": "PER", "Kohl": "PER"}, "de",
     [("Wir werden die Brücke im Frühjahr für drei Monate schließen müssen.", "Kohl")]),
    ('The harbour master, Tom Reyes, said on Friday: "Two of the cranes will stay closed '
     'until the inspectors have finished.',
     {"Tom Reyes": "PER"}, "en",
     [("Two of the cranes will stay closed until the inspectors have finished.",
       "Tom Reyes")]),
    # speech over two paragraphs: the first has no closing mark, the second opens again
    # (the attribution after the second does not reach back over the paragraph break)
    ("Coach Dana Wells was asked about the season. “We lost too many games at home this "
     "year and the fans noticed.\n“We will fix it before the spring,” Wells said.",
     {"Dana Wells": "PER", "Wells": "PER"}, "en",
     [("We lost too many games at home this year and the fans noticed.", None),
      ("We will fix it before the spring,", "Wells")]),
])
def test_left_open(text, names, language, expected):
    assert _quotes(text, names, language) == expected


@pytest.mark.parametrize("text, language", [
    # open in the middle of the text, the next paragraph is no speech: no quote
    ("Mayor Ann Ford said: “We will open two more shelters before the winter.\nThe council "
     "meets on Friday to vote on the budget.", "en"),
    # the German closing mark “ of a quote whose opener was lost is followed by a space
    ("Die Stadt prüft das noch, das ist für uns kein Problem.“ Dass die Brücke im Frühjahr "
     "schließt, steht fest", "de"),
    # glued to the word before it: a closing mark
    ("The minister said the plan was sound“ and the vote will be held on Thursday", "en"),
    # another mark between it and the paragraph's end: mis-paired, not left open
    ('Mayor Ann Ford said: “We will finish the road this year and the "new plan" stays as '
     'it is', "en"),
])
def test_not_left_open(text, language):
    assert extract_quotes(text, [], language) == []


def test_close_of():
    text = "He said: “We will go on.” Then “We stop here and now"
    assert close_of(text, text.index("“")) == (text.index("”"), True)
    assert close_of(text, text.rindex("“")) == (len(text), False)
    # a paragraph after it that does not open with a mark: not left open
    assert close_of(text + "\nNext day.", text.rindex("“")) is None


@pytest.mark.parametrize("text, names, language, expected", [
    # the opening mark went with the start of the text: the closing mark's sentence
    # before a speech verb is the quote
    ("der Saal war voll. Wir wollen mit allen Eltern noch vor den Ferien reden“, sagte "
     "Schulleiterin Katrin Vogt.", {"Katrin Vogt": "PER"}, "de",
     [("Wir wollen mit allen Eltern noch vor den Ferien reden", "Katrin Vogt")]),
    ("Drogę zamkniemy na dwa tygodnie i otworzymy ją przed wakacjami” – powiedział "
     "burmistrz Adam Rybak.", {"Adam Rybak": "PER"}, "pl",
     [("Drogę zamkniemy na dwa tygodnie i otworzymy ją przed wakacjami", "Adam Rybak")]),
    ("Köprünün onarımı yaz aylarında tamamlanacak” dedi.", {}, "tr",
     [("Köprünün onarımı yaz aylarında tamamlanacak", None)]),
    ("El puerto abrirá de nuevo el lunes por la mañana», afirmó la ministra Clara Soto.",
     {"Clara Soto": "PER"}, "es",
     [("El puerto abrirá de nuevo el lunes por la mañana", "Clara Soto")]),
])
def test_lost_opener(text, names, language, expected):
    assert _quotes(text, names, language) == expected


@pytest.mark.parametrize("text, language", [
    # no speech verb after the closing mark
    ("Wir wollen mit allen Eltern noch vor den Ferien reden“, und dann beginnt die Schule.",
     "de"),
    # a mark with a space before it opens nothing and closes nothing here
    ("Wir wollen mit allen Eltern noch vor den Ferien reden “, sagte sie.", "de"),
    # three words are no speech
    ("Alle sind da“, sagte sie.", "de"),
    # another mark in the sentence: mis-paired, left alone
    ("Die Schule «Am Park» will mit allen Eltern noch reden“, sagte sie.", "de"),
])
def test_no_lost_opener(text, language):
    assert extract_quotes(text, [], language) == []
