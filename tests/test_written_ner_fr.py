"""French: the annotated sentences about institutions named after a place or a person
(tools/data/ner-written-institutions.fr.txt; measured with the French network's fine-tuning,
not yet read by any training, see the model card)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from written_ner import DATA, load

from rashomon.extract.ner import tokenize

INSTITUTIONS = DATA / "ner-written-institutions.fr.txt"


def test_the_sentences_read_as_the_runtime_cuts_them() -> None:
    rows = load("fr", INSTITUTIONS)
    assert len(rows) >= 400
    seen = {" ".join(row["tokens"]) for row in load("fr")}
    for row in rows:
        text = " ".join(row["tokens"])
        assert [text[s:e] for s, e in tokenize(text)] == row["tokens"]
        assert text not in seen, text  # no sentence twice, nor one of ner-written.fr.txt
        seen.add(text)
    orgs = [row for row in rows if any(t == "B-ORG" for t in row["tags"])]
    assert len(orgs) >= 0.9 * len(rows)  # the file's point: organisation names
    assert {t[2:] for row in rows for t in row["tags"] if t != "O"} >= {"PER", "ORG", "LOC"}


def test_the_bodies_and_cities_of_the_held_out_articles_are_left_out() -> None:
    """The held-out French articles are about bodies of Lyon and Marseille (a hospital group,
    a port, a shipping company, a cyber-security agency): none of their names, nor those
    cities, are written into these sentences, so that a held-out figure measured with them
    says what the model generalises to."""
    left_out = ("SNCF", "GDL", "HCL", "Hospices civils", "Lufthansa", "Deutsche Bahn", "Anssi",
                "ANSSI", "Villeurbann", "Rhône", "Asaluy", "Lyon", "Marseill", "Fos", "CMA",
                "CGM", "Cnil", "CNIL", "Herriot", "Stuttgart")
    for row in load("fr", INSTITUTIONS):
        text = " ".join(row["tokens"])
        assert not [name for name in left_out if name in text], text
