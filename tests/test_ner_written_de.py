"""The German and Dutch written news sentences (tools/data/ner-written.{de,nl}.txt) and what
the German models trained with them tag in ordinary news text of our own (none of these
sentences is in the written file or in the evaluation articles)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from written_ner import load  # noqa: E402


def _held_out_names() -> set[tuple[str, ...]]:
    """The organisation and person names of the held-out articles' gold, every language,
    as token tuples."""
    from rashomon.extract.ner import tokenize

    gold = json.loads((ROOT / "bench" / "heldout" / "extraction.json").read_text("utf-8"))
    return {tuple(e["text"][s:t] for s, t in tokenize(e["text"]))
            for article in gold for e in article["entities"] if e["label"] in ("ORG", "PER")}


def test_no_held_out_organisation_or_person_is_written_into_the_german_or_dutch_file() -> None:
    """The held-out bench measures what the models generalise to, so none of its gold
    organisations and persons (any language) is a token sequence of a German or Dutch
    written sentence ("S-Bahn" is one token, so "Bahn" inside it does not count)."""
    names = _held_out_names()
    assert len(names) > 50
    for lang in ("de", "nl"):
        for row in load(lang):
            tokens = row["tokens"]
            for name in names:
                n = len(name)
                assert not any(tuple(tokens[k:k + n]) == name
                               for k in range(len(tokens) - n + 1)), (name, " ".join(tokens))


def test_the_german_written_file_is_large_enough_to_matter() -> None:
    rows = load("de")
    assert len(rows) >= 800
    labels = [t[2:] for row in rows for t in row["tags"] if t.startswith("B-")]
    assert labels.count("ORG") >= 400 and labels.count("PER") >= 150
    assert sum(all(t == "O" for t in row["tags"]) for row in rows) >= 100  # no name at all


def _found(text: str) -> dict[str, str]:
    from rashomon.extract.entities import extract_mentions

    return {m.text: m.label for m in extract_mentions(text, "de")}


def test_german_firms_named_like_people_or_with_a_legal_form_are_organisations() -> None:
    """Firms whose names read as a person's, or end in a legal form or "& Söhne": the
    models trained before the second part of the written sentences typed Hilti PER and left
    "Voigt & Söhne" O. None of these firms is in the written file."""
    found = _found("Der Werkzeughersteller Hilti verlegt seine Deutschlandzentrale nach Kaufering.")
    assert found.get("Hilti") == "ORG", found
    found = _found("Der Maschinenbauer Voigt & Söhne aus Plauen hat neue Aufträge erhalten.")
    assert found.get("Voigt & Söhne") == "ORG" and found.get("Plauen") == "LOC", found
    found = _found("Nach Angaben der Walter Reinhold AG sind keine Kunden betroffen.")
    assert found.get("Walter Reinhold AG") == "ORG", found


def test_german_authorities_and_public_companies_named_with_a_place_are_one_organisation() -> None:
    """A ministry's full name, and a body whose name ends in its place ("Stadtwerke
    Osnabrück", "Landesamt für Denkmalpflege Hessen"): before, the ministry was missed and
    only the place was tagged (LOC)."""
    found = _found("Das Bundesministerium für Ernährung und Landwirtschaft verschiebt die "
                   "Kennzeichnung.")
    assert found.get("Bundesministerium für Ernährung und Landwirtschaft") == "ORG", found
    found = _found("Die Stadtwerke Osnabrück erhöhen den Gaspreis.")
    assert found == {"Stadtwerke Osnabrück": "ORG"}, found
    found = _found("Das Landesamt für Denkmalpflege Hessen hat das Gebäude unter Schutz gestellt.")
    assert found == {"Landesamt für Denkmalpflege Hessen": "ORG"}, found
    found = _found("Die Universität Passau vergibt Stipendien an Studierende aus der Ukraine.")
    assert found.get("Universität Passau") == "ORG" and found.get("Ukraine") == "LOC", found


def test_german_capitalised_nouns_and_places_of_several_words() -> None:
    """Sentence-initial and compound nouns are not names; places of several words or with a
    hyphen are one place; a person after a title is the name alone."""
    for text in ("Gemüsebrühe und Kartoffelsalat gab es für alle Helfer.",
                 "Fahrradfahrer sollen auf der Brücke absteigen.",
                 "Nach Wolkenbrüchen stand die Unterführung unter Wasser.",
                 "Schornsteinfeger prüfen einmal im Jahr die Heizungsanlage."):
        assert _found(text) == {}, text
    assert _found("In Bad Kreuznach fiel am Morgen der Strom aus.") == {"Bad Kreuznach": "LOC"}
    assert _found("Die Feuerwehr rückte nach Mörfelden-Walldorf aus.") == {
        "Mörfelden-Walldorf": "LOC"}
    found = _found("Staatssekretärin Maren Ohlsen besuchte am Freitag die Grundschule in Aurich.")
    assert found == {"Maren Ohlsen": "PER", "Aurich": "LOC"}, found
