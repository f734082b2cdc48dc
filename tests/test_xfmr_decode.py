"""The decoding and scoring of tools/train_xfmr_ner.py (the fine-tuned transformer's ceiling
measurement): the Viterbi keeps IOB2 valid, and the scores are bench_ner's typed exact-span
figures. No torch, no shared data."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from train_xfmr_ner import TAGS, allowed, score, viterbi  # noqa: E402


def _logp(rows: list[dict[str, float]]) -> np.ndarray:
    """Per-word log-probabilities with the given tags' probabilities, the rest spread."""
    out = np.full((len(rows), len(TAGS)), 0.01)
    for i, row in enumerate(rows):
        for tag, p in row.items():
            out[i, TAGS.index(tag)] = p
    return np.log(out / out.sum(1, keepdims=True))


def test_viterbi_keeps_a_valid_argmax():
    logp = _logp([{"B-PER": 0.9}, {"I-PER": 0.9}, {"O": 0.9}, {"B-LOC": 0.9}])
    assert viterbi(logp, allowed()) == ["B-PER", "I-PER", "O", "B-LOC"]


def test_viterbi_never_opens_a_name_with_i():
    # argmax per word would be O, I-ORG, I-ORG: an I- after O is not IOB2
    logp = _logp([{"O": 0.9}, {"I-ORG": 0.6, "B-ORG": 0.3}, {"I-ORG": 0.9}])
    assert viterbi(logp, allowed()) == ["O", "B-ORG", "I-ORG"]
    # nor continues another type's name
    logp = _logp([{"B-PER": 0.9}, {"I-LOC": 0.5, "I-PER": 0.4}])
    assert viterbi(logp, allowed()) == ["B-PER", "I-PER"]
    logp = _logp([{"I-LOC": 0.9}])
    assert viterbi(logp, allowed())[0] != "I-LOC"


def test_score_is_typed_exact_span_per_source_kind():
    tags = [TAGS.index(t) for t in ("B-PER", "I-PER", "O", "B-LOC", "B-MISC")]
    rows = [("de", ["w"] * 5, tags, "EuropeanaNewspapers/ner-corpora:enp_DE.lft.bio/x")]
    right = score(rows, [["B-PER", "I-PER", "O", "B-LOC", "O"]])  # MISC is not scored
    assert right["cased"]["f1"] == 1.0 and right["source:ner-corpora"]["gold"] == 2
    cut = score(rows, [["B-PER", "O", "O", "B-ORG", "O"]])  # a cut name, a wrong type
    assert cut["cased"]["f1"] == 0.0 and cut["all"]["gold"] == 2
