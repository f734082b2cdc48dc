"""The one a speech verb addresses is not its speaker ("«…», reprocha al dirigente X",
"a déclaré au maire X", "powiedział do prezydenta X", "said to X"), and a German sentence in
the Konjunktiv I with no speech verb goes on reporting the speaker named before. Sentences
written for these tests (not evaluation text); the PER/ORG mentions are given by hand."""

from __future__ import annotations

import pytest

from quote_mentions import written_mentions as _mentions
from rashomon.extract.quote_names import sentence_subject
from rashomon.extract.quotes import extract_quotes


def _speakers(text: str, names: dict[str, str], language: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text, _mentions(text, names), language)]


@pytest.mark.parametrize("text, names, language, speaker", [
    # the name after the marker's role noun is the one spoken to: no one is left, and the
    # addressee is not made the speaker
    ("El portavoz Tomás Vidal criticó el acuerdo de la mañana. «No hay nada que celebrar "
     "en este pacto», reprocha al dirigente socialista Rubén Ferrer.",
     {"Tomás Vidal": "PER", "Rubén Ferrer": "PER"}, "es", None),
    ("La alcaldesa Nuria Salas habló ayer en el pleno del ayuntamiento. «Vamos a revisar "
     "todas las licencias del puerto», respondió a la concejala Marta Gil.",
     {"Nuria Salas": "PER", "Marta Gil": "PER"}, "es", None),
    # the subject before the marker still speaks
    ("«Vamos a revisar todas las licencias del puerto», dijo Nuria Salas al concejal Pedro "
     "Ruiz.", {"Nuria Salas": "PER", "Pedro Ruiz": "PER"}, "es", "Nuria Salas"),
    # a noun that is neither a role nor a kind of body ends the object: the name after it
    # is the subject again
    ("«La gente vio las linternas sobre el parque», dijo a la prensa Jorge Lenz, jefe de "
     "la policía local.", {"Jorge Lenz": "PER"}, "es", "Jorge Lenz"),
    ("« Nous allons ouvrir deux cents lits de plus cet hiver », a déclaré au maire Paul "
     "Sorel.", {"Paul Sorel": "PER"}, "fr", None),
    ("„Otworzymy jeszcze dwieście łóżek tej zimy” – powiedział do prezydenta miasta Jana "
     "Wolskiego.", {"Jana Wolskiego": "PER"}, "pl", None),
    # the role noun in the object is no subject either: the role before the marker is
    ("Burmistrz Adam Rybak odwiedził szpital w czwartek rano.\n– Otworzymy jeszcze "
     "dwieście łóżek tej zimy – powiedział burmistrz do ministra Piotra Lisa.",
     {"Adam Rybak": "PER", "Piotra Lisa": "PER"}, "pl", "Adam Rybak"),
    # English: the preposition, and a verb whose next words are the one spoken to
    ("Mayor Linda Bell opened the new station on Monday. \"We need more officers on the "
     "streets,\" the mayor said to Tom Harris.",
     {"Linda Bell": "PER", "Tom Harris": "PER"}, "en", "Linda Bell"),
    ("Mayor Linda Bell opened the new station on Monday. \"We need more officers on the "
     "streets,\" the mayor told Tom Harris.",
     {"Linda Bell": "PER", "Tom Harris": "PER"}, "en", "Linda Bell"),
    ("„Wir werden die Kontrollen bis Ostern fortsetzen“, sagte Anna Kern gegenüber dem "
     "Landrat Klaus Vogt.", {"Anna Kern": "PER", "Klaus Vogt": "PER"}, "de", "Anna Kern"),
])
def test_the_one_spoken_to_is_no_speaker(text, names, language, speaker) -> None:
    assert _speakers(text, names, language) == [speaker]


def test_a_konjunktiv_sentence_goes_on_with_the_speaker_named_before() -> None:
    text = ("Die Stadt habe mit dem Fest viele Gäste angezogen, teilte Bürgermeisterin Eva "
            "Roth am Montag mit. Sie habe der Altstadt «einen Abend, auf den viele Familien "
            "lange gewartet haben» geschenkt.")
    assert _speakers(text, {"Eva Roth": "PER"}, "de") == ["Eva Roth"]


def test_a_konjunktiv_sentence_after_another_name_is_no_ones() -> None:
    # another person named between the speech verb and the quote blocks the reading
    text = ("Die Stadt habe mit dem Fest viele Gäste angezogen, teilte Bürgermeisterin Eva "
            "Roth am Montag mit. Ihr Vorgänger Jonas Brandt habe der Altstadt «einen Abend, "
            "auf den viele Familien lange gewartet haben» geschenkt.")
    assert _speakers(text, {"Eva Roth": "PER", "Jonas Brandt": "PER"}, "de") == [None]


def test_an_indicative_sentence_is_not_reported_speech() -> None:
    text = ("Die Stadt habe mit dem Fest viele Gäste angezogen, teilte Bürgermeisterin Eva "
            "Roth am Montag mit. Das Fest hat der Altstadt «einen Abend, auf den viele "
            "Familien lange gewartet haben» geschenkt.")
    assert _speakers(text, {"Eva Roth": "PER"}, "de") == [None]


@pytest.mark.parametrize("text, names, language, speaker", [
    # a plural speech verb ("indicaron los responsables del ensayo X")
    ("«El fármaco reduce en un tercio las muertes de los pacientes graves», indicaron los "
     "responsables del estudio Horizonte.", {"Horizonte": "ORG"}, "es", "Horizonte"),
    # "gemäss X «…»": the source named before its words
    ("Der Föhn bleibe gemäss Wetterdienst Alpina «bis in die Nacht auf Sonntag sehr "
     "kräftig».", {"Wetterdienst Alpina": "ORG"}, "de", "Wetterdienst Alpina"),
    # a clergy role noun stands for the person introduced with it
    ("Pfarrer Lukas Weber hielt die Predigt zum Jahresende. \"Wir haben in diesem Jahr viel "
     "voneinander gelernt\", fasste der Pfarrer zusammen.", {"Lukas Weber": "PER"}, "de",
     "Lukas Weber"),
])
def test_more_frames_of_attribution(text, names, language, speaker) -> None:
    assert _speakers(text, names, language) == [speaker]


@pytest.mark.parametrize("text, names, speaker", [
    # the subject opens the sentence, a clause stands between it and the quote
    ("Maçın ardından konuşan Teknik Direktör Cem Aydın, takımın ikinci yarıda çok iyi "
     "oynadığını belirterek, “Bu galibiyeti taraftarlarımıza armağan ediyoruz” dedi.",
     {"Cem Aydın": "PER"}, "Cem Aydın"),
    # a name with a case suffix is no subject: the nominative one is
    ("Belediye Başkanı Ayla Demir, Ankara'ya giden yolların kardan kapandığını hatırlatarak, "
     "“Yolları bu hafta içinde yeniden ulaşıma açacağız” dedi.",
     {"Ayla Demir": "PER", "Ankara": "ORG"}, "Ayla Demir"),
    ("Ankara'ya giden yolların kardan kapandığını hatırlatan belediye yönetimi, bu sabah "
     "“Yolları bu hafta içinde yeniden ulaşıma açacağız” dedi.", {"Ankara": "ORG"}, None),
    ("Kulüp Başkanı Okan Yıldız'ın açıklamasını hatırlatan Selin Kaya, “Takımımız bu sezon "
     "şampiyon olacak” dedi.", {"Okan Yıldız": "PER", "Selin Kaya": "PER"}, "Selin Kaya"),
    # nor one before a postposition; with no other, no one
    ("Deneyimli teknik adam, Trabzonspor karşısında oyundan hiç kopmadıklarını söyleyerek, "
     "“Bu puan bizim için çok değerli” açıklamasını yaptı.", {"Trabzonspor": "ORG"}, None),
])
def test_a_subject_first_language_names_the_speaker_at_the_sentence_start(
        text, names, speaker) -> None:
    assert _speakers(text, names, "tr") == [speaker]


def test_only_a_subject_first_language_reads_the_sentence_start() -> None:
    text = "Paul Roth, nach dem Spiel, „Wir dürfen jetzt nicht nachlassen“ sagte."
    names = _mentions(text, {"Paul Roth": "PER"})
    assert sentence_subject(text, names, "tr") == names[0]
    assert sentence_subject(text, names, "de") is None


def test_a_name_in_a_quoted_title_before_is_no_speaker() -> None:
    text = ("The theme of this year's festival is “The Voice of Harbour Town,” which the "
            "committee says “celebrates the sailors who built the old port.”")
    # the body noun speaks, not the name in the title
    assert _speakers(text, {"Harbour Town": "ORG"}, "en") == ["committee"]



@pytest.mark.parametrize("text, names, language, speaker", [
    ("«Wir bauen die Brücke bis zum Sommer wieder auf»: Ministerin Lea Hartmann verspricht "
     "schnelle Hilfe\nNach dem Hochwasser ...", {"Lea Hartmann": "PER"}, "de", "Lea Hartmann"),
    ("“We will rebuild the bridge by summer”: Mayor Ruth Okafor pledges quick repairs\n...",
     {"Ruth Okafor": "PER"}, "en", "Ruth Okafor"),
    # a body after the colon is no such speaker (a title's publisher, a venue)
    ("«Wir bauen die Brücke bis zum Sommer wieder auf»: Stadtwerke Nord zeigen die Pläne\n...",
     {"Stadtwerke Nord": "ORG"}, "de", None),
])
def test_a_headline_quote_before_a_colon_and_a_person(text, names, language, speaker) -> None:
    assert _speakers(text, names, language) == [speaker]
