"""Short organisation names the article explains (extract/short_names.py): a short form
defined in brackets takes its long form's type everywhere in the article, and a name in
apposition to an organisation noun ("the union X", "la compagnia X") is an organisation.
Sentences written for these tests (invented bodies and firms)."""

from __future__ import annotations

import pytest

from rashomon.extract.entities import extract_mentions
from rashomon.extract.short_names import definitions, match


def _labels(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in extract_mentions(text, lang)]


def test_letters_match_word_starts_in_order() -> None:
    assert match("SAE", "el Servicio Andaluz de Empleo") == 3
    # a capitalised short form matches word starts only, skipping function words
    assert match("Smtt", "Syndicat mixte des transports du Tarn") == 0
    assert match("Smtt", "Syndicat des marins") is None
    # an all-capitals one may match inside a word
    assert match("NF", "Der Schweizerische Nationalfonds") == 19


def test_definitions_both_ways_and_not_across_a_sentence() -> None:
    text = "Le Syndicat mixte des transports du Tarn (Smtt) vote. KMI (Koninklijk " \
           "Meteorologisch Instituut) waarschuwt."
    found = [(text[s:e], text[ls:le]) for s, e, ls, le in definitions(text)]
    assert found == [("Smtt", "Syndicat mixte des transports du Tarn"),
                     ("KMI", "Koninklijk Meteorologisch Instituut")]
    assert definitions("Le Service ferme. Hier (LSH) il a plu.") == []


@pytest.mark.parametrize(("lang", "text", "short"), [
    ("fr", "Le Syndicat mixte des transports du Tarn (Smtt) a voté la gratuité des bus. "
           "Le Smtt financera la mesure par une taxe.", "Smtt"),
    ("es", "El Servicio Andaluz de Empleo (SAE) abrió una convocatoria. Según el SAE, hay "
           "300 plazas. SAE y ayuntamientos firmarán un convenio.", "SAE"),
    ("nl", "Het Koninklijk Meteorologisch Instituut (KMI) waarschuwt voor storm. Volgens "
           "KMI valt er veel regen.", "KMI"),
])
def test_a_defined_short_form_is_its_long_forms_type_everywhere(lang, text, short) -> None:
    found = _labels(text, lang)
    assert [label for name, label in found if name == short] == \
        ["ORG"] * text.count(short), found


def test_an_untyped_long_form_of_a_typed_short_form_is_an_organisation() -> None:
    found = _labels("Officers from the Northern Border Patrol Unit (NBPU) seized two trucks.",
                    "en")
    assert ("Northern Border Patrol Unit", "ORG") in found and ("NBPU", "ORG") in found


def test_a_party_in_brackets_after_a_person_is_not_that_person() -> None:
    found = _labels("Le maire Philippe Garnier (PS) a voté contre le budget.", "fr")
    assert ("PS", "PER") not in found


@pytest.mark.parametrize(("lang", "text", "names"), [
    ("en", "The budget airline Skyvora cancelled forty flights on Friday, and the union "
           "Ferrovia said its members would strike.", ["Skyvora", "Ferrovia"]),
    ("en", "Flights operated by the carriers Skyvora, Brightwing and Nordair were cancelled.",
     ["Skyvora", "Brightwing", "Nordair"]),
    ("es", "La aerolínea Volaria canceló veinte vuelos y el sindicato Sindaero convocó una "
           "huelga.", ["Volaria", "Sindaero"]),
    ("it", "La compagnia Volaria ha cancellato i voli per Bari e il sindacato Filtaria ha "
           "proclamato uno sciopero.", ["Volaria", "Filtaria"]),
    ("pt", "A companhia Volaria cancelou voos e o sindicato Sinavia convocou uma greve.",
     ["Volaria", "Sinavia"]),
    ("nl", "De luchtvaartmaatschappij Volaria schrapte vluchten en de vakbond Luchtwerk "
           "kondigde een staking aan.", ["Volaria", "Luchtwerk"]),
    ("ru", "Авиакомпания Волария отменила рейсы, а профсоюз Летпроф объявил забастовку.",
     ["Летпроф"]),
])
def test_a_name_after_an_organisation_noun_is_an_organisation(lang, text, names) -> None:
    found = _labels(text, lang)
    for name in names:
        assert (name, "ORG") in found, (name, found)


def test_apposition_stops_at_a_line_end_and_spares_a_full_name() -> None:
    found = _labels("The ferry was sold to a bank\nThree crew members stayed aboard.", "en")
    assert ("Three", "ORG") not in found
    found = _labels("Am Montag sprach der Vorsitzende der Partei Friedrich Albrecht in Kassel.",
                    "de")
    assert ("Friedrich Albrecht", "ORG") not in found
