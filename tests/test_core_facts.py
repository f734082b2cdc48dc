"""The stored form of facts and entities: the same as ``dataclasses.asdict`` and back."""

from __future__ import annotations

from dataclasses import asdict

from rashomon.core import Article, ArticleFacts, Entity
from rashomon.core.facts import EntityOccurrence
from rashomon.extract import extract_facts

TEXT = ("Il sindaco Louis Bono ha detto: «Circa 100.000 residenti sono stati evacuati». "
        "Secondo la Protezione civile, il 17 settembre 2023 a Derna sono morte 3.800 persone.")


def test_facts_round_trip_equals_asdict():
    facts = extract_facts(Article(title="Derna", maintext=TEXT, language="it"))
    assert facts.mentions and facts.quantities and facts.dates
    body = facts.to_dict()
    assert body == asdict(facts)
    assert ArticleFacts.from_dict(body) == facts
    body["mentions"][0]["text"] = "changed"  # a copy: the facts are not touched
    assert facts.mentions[0].text != "changed"


def test_entity_round_trip_equals_asdict():
    entity = Entity(id="e1", canonical="Louis Bono", label="PER",
                    surface_forms={"it": ["Louis Bono"], "fa": ["لوئیس بونو"]},
                    occurrences=[EntityOccurrence(1, 11, 21, "Louis Bono", "it"),
                                 EntityOccurrence(2, 0, 10, "لوئیس بونو", "fa")])
    body = entity.to_dict()
    assert body == asdict(entity) and list(body) == list(asdict(entity))
    assert Entity.from_dict(body) == entity
    body["surface_forms"]["it"].append("Bono")
    assert entity.surface_forms["it"] == ["Louis Bono"]
