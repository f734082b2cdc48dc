"""Institutions named after a place come out as one ORG, with no inner place left
(``extract/institutions.py``). Sentences written for this test, in no evaluation set.

The expansion is switched per language in its data file (``[institutions] expand``, set by
the dev measurement); the rule itself is tested in every language that has the data, with
the switch forced on (``on``)."""

from __future__ import annotations

import pytest

from rashomon.core.facts import Mention
from rashomon.extract import institutions
from rashomon.extract.entities import extract_mentions

CASES = [
    ("fr", "Le parquet de Rennes a ouvert une enquête pour homicide involontaire.",
     "parquet de Rennes", "Rennes"),
    ("fr", "La mairie de Vénissieux a fermé la piscine municipale pour travaux.",
     "mairie de Vénissieux", "Vénissieux"),
    ("en", "The Oslo prosecutor's office said the suspect would be charged on Friday.",
     "Oslo prosecutor's office", "Oslo"),
    ("en", "Officials at the Ministry of Health of Peru confirmed two cases.",
     "Ministry of Health of Peru", "Peru"),
    ("en", "Surgeons at the Hospices Civils de Rouen postponed forty operations.",
     "Hospices Civils de Rouen", "Rouen"),
    ("it", "La procura di Bologna ha aperto un fascicolo sull'incidente.",
     "procura di Bologna", "Bologna"),
    ("pt", "A Prefeitura de Curitiba anunciou a reabertura das escolas.",
     "Prefeitura de Curitiba", "Curitiba"),
    ("ru", "Министерство здравоохранения Казахстана сообщило о новых правилах.",
     "Министерство здравоохранения Казахстана", "Казахстана"),
    ("ru", "Об этом сообщили в Департаменте по чрезвычайным ситуациям Карагандинской области.",
     "Департаменте по чрезвычайным ситуациям Карагандинской области",
     "Карагандинской области"),
    ("ru", "Представитель посольства Франции в Ташкенте отказался от комментариев.",
     "посольства Франции в Ташкенте", "Ташкенте"),
    ("uk", "Генеральна прокуратура Молдови відкрила провадження у справі.",
     "Генеральна прокуратура Молдови", "Молдови"),
    ("tr", "Bişkek Başkonsolosluğu vatandaşlara uyarıda bulundu.",
     "Bişkek Başkonsolosluğu", "Bişkek"),
    ("tr", "Açıklamayı Kırgızistan Başsavcılığı yaptı.",
     "Kırgızistan Başsavcılığı", "Kırgızistan"),
    ("pl", "Sąd Rejonowy w Gdańsku odroczył rozprawę do marca.",
     "Sąd Rejonowy w Gdańsku", "Gdańsku"),
    ("nl", "Het parket van Antwerpen heeft een onderzoek geopend.",
     "parket van Antwerpen", "Antwerpen"),
]


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setattr(institutions, "_data", institutions._prepared)


@pytest.mark.parametrize(("lang", "text", "name", "place"), CASES)
def test_institution_is_one_organisation(on, lang, text, name, place):
    found = {(m.text, m.label) for m in extract_mentions(text, lang)}
    assert (name, "ORG") in found, found
    assert not any(surface == place for surface, _ in found), found


def _place(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, "LOC", key=surface.lower(),
                   score=0.9)


def test_head_phrase_with_complement_and_linker(on):
    text = "Selon les Hospices civils de Nantes, trois blocs restent fermés."
    out = institutions.expand(text, [_place(text, "Nantes")], "fr")
    assert [(m.text, m.label) for m in out] == [("Hospices civils de Nantes", "ORG")]


def test_capitalised_adjective_opens_a_lower_case_head(on):
    text = "Вчера Генеральная прокуратура Киргизии возбудила дело."
    out = institutions.expand(text, [_place(text, "Киргизии")], "ru")
    assert [(m.text, m.label) for m in out] == [("Генеральная прокуратура Киргизии", "ORG")]


def test_turkish_case_suffix_stays_out(on):
    text = "Vatandaşlar Bişkek Başkonsolosluğu'na başvurdu."
    out = institutions.expand(text, [_place(text, "Bişkek")], "tr")
    assert [(m.text, m.label) for m in out] == [("Bişkek Başkonsolosluğu", "ORG")]


@pytest.mark.parametrize(("lang", "text", "place"), [
    # a clause between a head and a place: the place stays a place
    ("fr", "Le ministère a annoncé mardi la fermeture du site de Lyon.", "Lyon"),
    ("ru", "Министерство заявило в Москве о новых мерах.", "Москве"),
    ("ru", "Министерство сообщило Казахстану о решении.", "Казахстану"),
    # a lower-case head in a cased script only opens the names news writes so
    ("en", "The ministry of the interior in Peru said nothing.", "Peru"),
    ("de", "Das Amt in Berlin schweigt.", "Berlin"),
    # a Romance linker in an English text only inside a capitalised name
    ("en", "The hospital sent staff de Rouen later.", "Rouen"),
])
def test_no_institution(on, lang, text, place):
    out = institutions.expand(text, [_place(text, place)], lang)
    assert [(m.text, m.label) for m in out] == [(place, "LOC")]


def test_language_without_data_is_unchanged():
    text = "Το δημαρχείο της Αθήνας έκλεισε."
    mentions = [_place(text, "Αθήνας")]
    assert institutions.expand(text, mentions, "el") == mentions


def test_switched_per_language_by_its_data_file(monkeypatch):
    text = "Le parquet de Rennes a ouvert une enquête."
    mentions = [_place(text, "Rennes")]
    monkeypatch.setattr(institutions.Lexicon, "flag", lambda self, section, name: False)
    assert institutions.expand(text, mentions, "fr") == mentions
    monkeypatch.undo()
    monkeypatch.setattr(institutions.Lexicon, "flag", lambda self, section, name:
                        name == "expand" or name == "retype")
    assert [m.text for m in institutions.expand(text, mentions, "fr")] == ["parquet de Rennes"]
