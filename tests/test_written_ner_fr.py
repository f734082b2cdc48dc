"""French: the annotated sentences about institutions named after a place or a person
(tools/data/ner-written-institutions.fr.txt, read by the French CRF and network) and about
media and communes (tools/data/ner-written-media.fr.txt: measured, read by no training; see
the model card, "Dutch and French: error analysis")."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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


MEDIA = DATA / "ner-written-media.fr.txt"


def test_the_media_and_communes_sentences_read_as_the_runtime_cuts_them() -> None:
    rows = load("fr", MEDIA)
    assert len(rows) >= 170
    seen = {" ".join(row["tokens"]) for row in load("fr") + load("fr", INSTITUTIONS)}
    for row in rows:
        text = " ".join(row["tokens"])
        assert [text[s:e] for s, e in tokenize(text)] == row["tokens"]
        assert text not in seen, text  # no sentence twice, nor one of the other French files
        seen.add(text)
    labels = [t[2:] for row in rows for t in row["tags"] if t.startswith("B-")]
    assert labels.count("ORG") >= 80 and labels.count("LOC") >= 80 and labels.count("PER") >= 15


def test_the_media_sentences_leave_out_the_held_out_names() -> None:
    """None of the held-out gold organisations and persons (any language), nor the bodies and
    cities of the held-out French articles, is written into the media and communes sentences."""
    import json

    from rashomon.extract.ner import tokenize as cut

    root = Path(__file__).resolve().parent.parent
    gold = json.loads((root / "bench" / "heldout" / "extraction.json").read_text("utf-8"))
    names = {tuple(e["text"][s:t] for s, t in cut(e["text"]))
             for article in gold for e in article["entities"] if e["label"] in ("ORG", "PER")}
    assert len(names) > 50
    left_out = ("SNCF", "GDL", "HCL", "Lufthansa", "Anssi", "Lyon", "Marseill", "Villeurbann",
                "Cnil", "Herriot")
    for row in load("fr", MEDIA):
        tokens, text = row["tokens"], " ".join(row["tokens"])
        assert not [name for name in left_out if name in text], text
        for name in names:
            n = len(name)
            assert not any(tuple(tokens[k:k + n]) == name
                           for k in range(len(tokens) - n + 1)), (name, text)


def test_the_media_sentences_name_nothing_the_french_dev_split_names() -> None:
    """The file was written for error classes read on the French dev split; so that its
    dev figure measures the class and not the names, no name marked in it is a name of that
    split (token for token)."""
    import gzip
    import json
    import os

    from rashomon.extract.ner import decode

    shared = Path(os.environ.get("RASHOMON_SHARED",
                                 Path(__file__).resolve().parent.parent.parent / "shared"))
    dev = shared / "data" / "ner" / "dev.fr.jsonl.gz"
    if not dev.exists():
        pytest.skip("no NER dev data")
    names = set()
    with gzip.open(dev, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            names |= {tuple(row["tokens"][a:b]) for a, b, _ in decode(row["tags"])}
    assert len(names) > 500
    for row in load("fr", MEDIA):
        for a, b, _ in decode(row["tags"]):
            assert tuple(row["tokens"][a:b]) not in names, " ".join(row["tokens"])
