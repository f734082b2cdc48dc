"""Statement days and the clause a day stands in: a speech verb dates a statement only
when no clause of its own starts between it and the day (a finite auxiliary: "said he
was arrested on Monday"), when the day does not open a reported clause ("says the board
on Friday will vote"), and not across a dash that sets off a postposed attribution
("... 3 czerwca - powiedział")."""

import pytest

from rashomon.extract.speech_days import said_on


def _said(sentence: str, language: str, day: str) -> bool:
    at = sentence.index(day)
    return said_on(sentence, language, at, at + len(day))


@pytest.mark.parametrize(
    ("sentence", "language", "day"),
    [
        ("The mayor says the council on Friday will vote on the new bus lanes.", "en",
         "Friday"),
        ("The family said he was detained on Sunday near the border crossing.", "en",
         "Sunday"),
        ("Der Sprecher sagte, der Zug wurde am Dienstag umgeleitet.", "de", "Dienstag"),
        ("Die Sprecherin sagte Meyer Viele Gäste wurden am Samstag bis zum 4. Juli "
         "erwartet.", "de", "4. Juli"),
        ("Szkoły otworzymy ponownie 3 czerwca - powiedział wojewoda na konferencji.", "pl",
         "3 czerwca"),
        ("Zakończymy remont mostu do 15 lipca – zapowiedział burmistrz.", "pl", "15 lipca"),
        ("Nous rouvrirons le pont le 2 juin — a déclaré le maire.", "fr", "2 juin"),
    ],
)
def test_day_of_the_reported_happening(sentence, language, day) -> None:
    assert not _said(sentence, language, day)


@pytest.mark.parametrize(
    ("sentence", "language", "day"),
    [
        ("The mayor said on Friday the council will vote on the new bus lanes.", "en",
         "Friday"),
        ("The ministry said Tuesday that the road would reopen.", "en", "Tuesday"),
        ("Burmistrz powiedział w piątek, że most zostanie otwarty.", "pl", "piątek"),
        ("Der Bürgermeister sagte am Mittwoch im Stadtrat, die Brücke sei sicher.", "de",
         "Mittwoch"),
        ("Most zostanie otwarty - poinformował w piątek burmistrz.", "pl", "piątek"),
    ],
)
def test_day_of_the_statement(sentence, language, day) -> None:
    assert _said(sentence, language, day)
