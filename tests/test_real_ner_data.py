"""tools/real_ner.py: the drawing and checking tool of the fresh real-news entity labels
(evaluation only), on a small CSV written here (no ../shared needed): which texts are taken
(evaluation texts and every text joined to one through the pairs), which are offered, and
the checker of fresh rows."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import real_ner

FIELDS = ["pair_id", "lang1", "lang2", "Geography", "Entities", "Time", "Narrative",
          "Overall", "Style", "Tone", "text1", "text2"]

LONG = " More words follow here to make the text long enough." * 12
A = "Talks in Vienna. Maria Lopez met the Red Cross delegation." + LONG
B = "Vienna hosts talks. The delegation of the Red Cross arrived." + LONG
C = "The Red Cross said on Monday it would stay in Vienna." + LONG
D = "Acme Corp opened a plant in Leeds. John Smith, its chief, spoke." + LONG
E = "Leeds welcomes Acme Corp and its new plant near the river." + LONG
F = "Ankara'da Ahmet Yılmaz konuştu. Polis geldi." + LONG
G = "Madrid votes. Ana Ruiz leads the count in the capital city." + LONG
H = "Lisbon and Porto share a rail link, says CP in a statement." + LONG
J = "Oslo talks end. Kari Nordmann leaves the table after hours." + LONG
K = "Quotes: the mayor of Bergen said the road would open soon." + LONG


def row(pair, t1, t2, overall="3.0", lang1="en", lang2="en"):
    return {"pair_id": pair, "lang1": lang1, "lang2": lang2, "Geography": "1", "Entities": "1",
            "Time": "1", "Narrative": "1", "Overall": overall, "Style": "1", "Tone": "1",
            "text1": t1, "text2": t2}


@pytest.fixture
def world(tmp_path):
    rows = [
        row("1_2", A, B),                      # A: an evaluation text (bench/real)
        row("2_3", B.replace(" ", "  "), C),   # B again (other white space) -> C joined
        row("4_5", D, E),                      # free
        row("6_7", F, F + " Son.", lang1="tr", lang2="tr"),  # free, Turkish
        row("8_9", G, H, overall="1.0"),       # within the disputes sample's bound
        row("10_11", J, K),                    # J: a quote-labelled text (en t8)
    ]
    path = tmp_path / "data" / "semeval2022-task8-dev.csv"
    path.parent.mkdir()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    root = tmp_path / "repo"
    (root / "bench" / "real").mkdir(parents=True)
    (root / "tools").mkdir()
    (root / "bench" / "real" / "entities.jsonl").write_text(
        json.dumps({"pair_id": "1_2", "side": 1, "lang": "en", "cut": 20, "spans": []}) + "\n")
    (root / "bench" / "semeval_disputes.json").write_text(json.dumps(
        {"sample": {"overall_max": 1.5}, "disputes": [], "not_disputes": []}))
    (root / "tools" / "probe_real_dates_labels.txt").write_text("# none\n")
    # distinct English texts in file order: A B B' C D E G H J K -> J is t8 (B' differs from B)
    (root / "tools" / "probe_quotes_check_labels.txt").write_text("# q\nen t8 @0 N\n")
    return real_ner.Corpus(real_ner.read_rows(path)), root


def key(c, pair, side):
    return c.key[(pair, side)]


def test_forbidden_is_transitive_over_pairs_and_content(world):
    c, root = world
    bad = real_ner.forbidden(c, root)
    # A named by bench/real; B joined to it; C joined through B written with other spaces
    for name in [("1_2", 1), ("1_2", 2), ("2_3", 1), ("2_3", 2)]:
        assert key(c, *name) in bad
    # the disputes sample's row, and the quote-labelled text with its pair
    for name in [("8_9", 1), ("8_9", 2), ("10_11", 1), ("10_11", 2)]:
        assert key(c, *name) in bad
    for name in [("4_5", 1), ("4_5", 2), ("6_7", 1), ("6_7", 2)]:
        assert key(c, *name) not in bad
    assert key(c, "1_2", 2) == key(c, "2_3", 1)  # one text, two pairs, one key


def test_candidates_skip_forbidden_one_per_story_first(world):
    c, root = world
    en = real_ner.candidates("en", c, root)
    assert sorted(en) == [("4_5", 1), ("4_5", 2)]
    assert en == real_ner.candidates("en", c, root)  # deterministic
    assert sorted(real_ner.candidates("tr", c, root)) == [("6_7", 1), ("6_7", 2)]
    (root / "tools" / "probe_quotes_fresh_labels.txt").write_text("tr t1 @0 N\n")
    assert real_ner.candidates("tr", c, root) == []  # a quote sample took that story
    assert key(c, "6_7", 1) in real_ner.forbidden(c, root)


def test_a_new_evaluation_file_forbids_its_texts(world):
    c, root = world
    (root / "bench" / "real" / "compare.jsonl").write_text(json.dumps({"pair_id": "4_5"}) + "\n")
    assert key(c, "4_5", 2) in real_ner.forbidden(c, root)
    assert real_ner.candidates("en", c, root) == []


def spans_of(text, marks):
    out = []
    for label, surface in marks:
        start = text.index(surface)
        out.append([start, start + len(surface), label, surface])
    return out


def test_checker(world):
    c, root = world
    good = {"pair_id": "4_5", "side": 1, "lang": "en", "cut": 70, "half": "fresh",
            "spans": spans_of(D, [("ORG", "Acme Corp"), ("LOC", "Leeds"), ("PER", "John Smith")])}
    assert real_ner.check([good], c, root) == []
    moved = {**good, "spans": [[1, 10, "ORG", "Acme Corp"]]}
    assert any("not 'Acme Corp'" in p for p in real_ner.check([moved], c, root))
    outside = {**good, "cut": 30}
    assert any("outside the cut" in p for p in real_ner.check([outside], c, root))
    # C shares a story (through B) with a text of bench/real/entities.jsonl, read for fixes
    read = {"pair_id": "2_3", "side": 2, "lang": "en", "cut": 40, "half": "fresh",
            "spans": spans_of(C, [("ORG", "Red Cross")])}
    assert any("read for fixes" in p for p in real_ner.check([read], c, root))
    # a story another evaluation set holds (the disputes sample) may be labelled fresh
    other = {"pair_id": "8_9", "side": 1, "lang": "en", "cut": 40, "half": "fresh",
             "spans": spans_of(G, [("LOC", "Madrid"), ("PER", "Ana Ruiz")])}
    assert real_ner.check([other], c, root) == []
    assert any("twice" in p for p in real_ner.check([good, good], c, root))
    wrong = {**good, "spans": [[0, 9, "COMPANY", "Acme Corp"]]}
    assert any("label" in p for p in real_ner.check([wrong], c, root))
    misc = {**good, "spans": [[0, 9, "MISC", "Acme Corp"]]}  # not labelled in this set
    assert any("label" in p for p in real_ner.check([misc], c, root))
    assert any("fresh" in p for p in real_ner.check([{**good, "half": "tune"}], c, root))


def test_offsets_rows_are_fresh_and_checked(world, tmp_path):
    c, root = world
    labels = tmp_path / "labels.txt"
    labels.write_text("## 4_5 2\nLOC Leeds\nORG Acme Corp\n", encoding="utf-8")
    real_ner._offsets(labels, "en", c, root)
    rows = real_ner.load_labels("en", root / "bench" / "real" / "entities-fresh.en.jsonl")
    assert [(r["pair_id"], r["side"], r["half"]) for r in rows] == [("4_5", 2, "fresh")]
    assert [s[3] for s in rows[0]["spans"]] == ["Leeds", "Acme Corp"]
    assert rows[0]["cut"] == len(E.rstrip())  # a text under the cut's minimum is kept whole
    # the labelled text is an evaluation text now: a new draw skips its story
    assert real_ner.candidates("en", c, root) == []


def test_committed_fresh_labels_are_clean():
    """Every committed fresh labels file: surfaces at their offsets, no text of a story the
    entity tune/check halves hold (needs the shared CSV; skipped without it)."""
    if not real_ner.shared_csv().exists():
        pytest.skip("no shared SemEval CSV")
    c = real_ner.corpus()
    for lang in ("en", "ar", "tr", "es", "de", "fr", "pl"):
        assert real_ner.check(real_ner.load_labels(lang), c) == [], lang
