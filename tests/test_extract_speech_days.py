"""Statement days (extract/speech_days.py): a day attached to a speech verb is when
something was said; a day before a postposed attribution ("..., officials said") is the
happening's own."""

from rashomon.cluster.signals import lead_weekday
from rashomon.core import Article
from rashomon.extract.speech_days import said_on, said_on_in_text


def _said(sentence: str, language: str, day: str) -> bool:
    at = sentence.index(day)
    return said_on(sentence, language, at, at + len(day))


def test_postposed_attribution_leaves_the_day_to_the_happening():
    assert not _said("Three miners were trapped in a flooded shaft on Tuesday, rescuers said.",
                     "en", "Tuesday")
    assert not _said("A ferry ran aground off the island late on Friday, the coast guard "
                     "said in a statement.", "en", "Friday")
    assert not _said("Dos camiones chocaron el jueves por la tarde en la autopista, "
                     "informaron los bomberos.", "es", "jueves")
    assert not _said("Un tren descarriló el domingo cerca de la estación, dijo la policía.",
                     "es", "domingo")
    assert not _said("Ein Lagerhaus in Bremen brannte am Montag ab, sagte ein Sprecher der "
                     "Feuerwehr.", "de", "Montag")


def test_statement_days_stay_statement_days():
    # the verb right after the day, a fronted day, a verb before it
    assert _said("The regional council said on Tuesday that the bridge would reopen.",
                 "en", "Tuesday")
    assert _said("On Tuesday, the regional council said the bridge would reopen in May.",
                 "en", "Tuesday")
    assert _said("The bridge will reopen in May, the council said on Tuesday.", "en",
                 "Tuesday")
    # a colon after the verb opens a quote: the day is the post's
    assert _said("In a post published on Friday morning, the mayor wrote: the road "
                 "stays closed.", "en", "Friday")
    # a long clause after the verb is what was said, not a postposed attribution
    assert _said("Speaking to reporters in the port on Friday, the minister said the two "
                 "crews had been rescued after a night at sea.", "en", "Friday")
    assert _said("Die Stadtverwaltung teilte am Montag mit, das Lagerhaus sei abgebrannt.",
                 "de", "Montag")


def test_spanish_informo_dates_a_statement():
    assert _said("El puente seguirá cerrado, según informó este jueves la alcaldía.", "es",
                 "jueves")
    assert _said("La alcaldía informó el jueves que el puente seguirá cerrado.", "es",
                 "jueves")
    text = ("Un incendio destruyó un almacén en el puerto. Según informó este miércoles "
            "la alcaldía, no hubo heridos.")
    at = text.index("miércoles")
    assert said_on_in_text(text, "es", at, at + len("miércoles"))


def test_informo_is_not_a_quote_verb():
    # it dates statements only: as a quote verb it gave quotes wrong speakers
    from rashomon.extract.lexicon import Lexicon

    lexicon = Lexicon("es")
    assert "informó" in lexicon.words("quotes", "report_verbs")
    assert "informó" not in lexicon.words("quotes", "speech_verbs")


def test_lead_weekday_keeps_the_day_before_a_postposed_attribution():
    gunfight = Article(title="Two guards killed at a border post",
                       maintext="Two guards were killed in an exchange of fire at a border "
                                "post on Wednesday, officials said. The post was closed.",
                       language="en")
    statement = Article(title="Border post to reopen",
                        maintext="The border post will reopen next week, officials said on "
                                 "Wednesday. It was closed after an exchange of fire.",
                        language="en")
    choque = Article(title="Choque en la autopista",
                     maintext="Dos autobuses chocaron el martes por la noche en la autopista "
                              "del norte, informaron las autoridades el miércoles.",
                     language="es")
    assert lead_weekday(gunfight) == 2
    assert lead_weekday(statement) is None
    assert lead_weekday(choque) == 1


def test_a_day_inside_what_the_verb_reports_is_the_events():
    # a complementizer between the verb and the day: the day is the reported event's
    assert not _said("La compañía eléctrica informó que este sábado el suministro quedará "
                     "cortado en tres barrios.", "es", "sábado")
    assert not _said("The utility announced that on Saturday power will be cut in three "
                     "districts.", "en", "Saturday")
    # the day right after the verb, before the complementizer, stays the statement's
    assert _said("La compañía eléctrica informó este viernes que el suministro quedará "
                 "cortado.", "es", "viernes")


def test_an_object_sense_of_a_speech_verb_dates_nothing():
    # "added" with an object is a goal or a point, not a statement
    assert not _said("The winger scored once and added two assists Saturday as the home "
                     "side won 4-1.", "en", "Saturday")
    assert _said("The coach added on Saturday that the winger would miss the next game.",
                 "en", "Saturday")


def test_german_attribution_with_a_long_subject():
    # verb before the day: no reported clause can start without a comma in German
    assert _said("Das sagte der Sprecher des Landesamtes für Umwelt und Naturschutz am "
                 "Montag in Kiel.", "de", "Montag")
    assert _said("Die Fähre fährt wieder, sagte eine Sprecherin der Reederei dem Radiosender "
                 "(Freitag).", "de", "Freitag")
    # the same words in English reach no further than before: "said" may open a
    # reported clause without "that"
    assert not _said("The spokesman said the ferry operated by the regional company sank on "
                     "Monday.", "en", "Monday")
    # a comma ends the clause: the day after it is not the verb's
    assert not _said("Er sagte, die Fähre sei am Montag gesunken.", "de", "Montag")


def test_inverted_postposed_attribution_with_a_long_subject():
    # the verb opens its clause: the subject may run long, and a colon after it ends it
    assert not _said("Ein Lagerhaus in Bremen brannte am Montag ab, teilte ein Sprecher der "
                     "Berufsfeuerwehr der Hansestadt Bremen im Norden mit.", "de", "Montag")
    assert not _said("Die Gespräche sollen erst am kommenden Mittwoch beginnen, sagte ein "
                     "Sprecher der Gewerkschaft der Lokführer der Zeitung: Wie lange, ist "
                     "offen.", "de", "Mittwoch")


def test_a_conjunction_before_the_verb_opens_a_clause_of_its_own():
    # the day is the first clause's, the verb after "y"/"and" opens another
    assert not _said("La vista del juicio será el próximo lunes y el tribunal anunció ayer "
                     "que no habrá público.", "es", "lunes")
    assert not _said("The ban on river cruises runs until Monday and officials warned "
                     "operators to expect checks.", "en", "Monday")
    # without the conjunction the verb after the day still dates a statement
    assert _said("On Monday officials warned operators to expect checks.", "en", "Monday")


def test_a_sentence_run_into_the_next_ends_the_clause():
    # "in Hamburg.Die" (no space after the period): the verb of the sentence before does
    # not reach the day of the next one
    assert not _said("Das sagte der Bürgermeister in Hamburg.Die Messe am Dienstag findet "
                     "statt.", "de", "Dienstag")
    assert _said("Das sagte der Bürgermeister in Hamburg am Dienstag.", "de", "Dienstag")
