"""What the Dutch models trained with the second part of the written news sentences
(tools/data/ner-written.nl.txt) tag in ordinary Dutch news text of our own: none of these
sentences, and none of the people and firms named here, is in the written file or in the
evaluation articles (the Red Cross and the Salvation Army are, as a check that bodies
already learnt stay whole)."""

from __future__ import annotations

from rashomon.extract.entities import extract_mentions


def _found(text: str) -> dict[str, str]:
    return {m.text: m.label for m in extract_mentions(text, "nl")}


def test_dutch_surnames_with_a_particle_or_after_a_title_are_people() -> None:
    """A surname with a capitalised particle ("Van Rossum") or alone after a title: with the
    models served before, "Rossum" alone was a place, "Keijzer" and "Jansen-Kok" were missed."""
    found = _found("Wethouder Van Rossum opende de nieuwe bibliotheek in Zaandam.")
    assert found == {"Van Rossum": "PER", "Zaandam": "LOC"}, found
    found = _found("Minister Keijzer van Volkshuisvesting wil sneller bouwen.")
    assert found == {"Keijzer": "PER"}, found
    found = _found("Mevrouw Jansen-Kok woont al vijftig jaar in Dordrecht.")
    assert found == {"Jansen-Kok": "PER", "Dordrecht": "LOC"}, found
    found = _found("Volgens Van der Laan is het plan te duur.")
    assert found == {"Van der Laan": "PER"}, found


def test_dutch_firms_named_after_a_family_and_institutions_of_several_words() -> None:
    """A family firm whose name starts with a surname (missed before), and institutions named
    with "van" or a lower-case word inside."""
    found = _found("Het familiebedrijf Van Leeuwen Buizen uit Zwijndrecht neemt een "
                   "concurrent over.")
    assert found == {"Van Leeuwen Buizen": "ORG", "Zwijndrecht": "LOC"}, found
    found = _found("De Koninklijke Vereniging van Archivarissen waarschuwt voor verlies van "
                   "documenten.")
    assert found == {"Koninklijke Vereniging van Archivarissen": "ORG"}, found
    found = _found("Het Rode Kruis en het Leger des Heils helpen de bewoners.")
    assert found == {"Rode Kruis": "ORG", "Leger des Heils": "ORG"}, found
    assert _found("Dinsdag vergadert de raad over de begroting.") == {}
