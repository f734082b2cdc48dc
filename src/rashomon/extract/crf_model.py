"""A trained crfsuite model read into arrays, and its tagging computed on them.

A linear-chain CRF's tagging is a sum and two dynamic programmes: the score of label y at
token t is the sum of the weights (attribute, y) of the token's attributes; Viterbi finds
the best label sequence from those scores and the label-to-label transition weights; the
forward-backward pass gives each token's marginal probability of its label. crfsuite does
this per sentence behind a string interface (every feature string passed, hashed and looked
up, per token); here the sums are taken once per distinct word (``ner_states.py``: a word's
attributes always add the same vector) and the dynamic programmes run over all the
sentences of a text at once with numpy. The arithmetic is crfsuite's (``crf1d_context.c``:
the same max-plus recursion with the first maximum kept, the same scaled forward and
backward recursions), so the labels are the same and the marginals agree to the last
bits of a double; ``tests/test_extract_features.py`` checks both against python-crfsuite.

The model file (crfsuite's ``CRF1d`` format, version 100) is a header of counts and
offsets; the feature chunk holds (type, source, destination, weight) records (type 0: an
attribute's weight for a label, type 1: a transition), and the label and attribute names
are constant quark databases (CQDB): a header, 256 hash tables, the records (id, key
size, key with its NUL) and a backward array of record offsets by id. Anything
unexpected reads as None, and the caller falls back to python-crfsuite.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, counts, offsets
_CHUNK = struct.Struct("<4sII")  # chunk id, size, count
_CQDB = struct.Struct("<4sIIIII")  # magic, size, flag, byte order, bwd size, bwd offset
_RECORD = struct.Struct("<II")  # id, key size (with the NUL)
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


@dataclass(frozen=True, eq=False)
class CrfModel:
    """The weights of one model: ``state[attribute id]`` is the attribute's weight vector
    over ``labels``; ``transition[i, j]`` the weight of label j after label i."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray  # (attributes, labels) float64
    transition: np.ndarray  # (labels, labels) float64
    #: per-model tables of summed weight vectors (``ner_states``)
    tables: dict = field(default_factory=dict)

    def vector(self, strings) -> np.ndarray:
        """The summed weight vector of some feature strings (unknown ones weigh nothing)."""
        rows = [self.attributes[s] for s in strings if s in self.attributes]
        out = np.zeros(len(self.labels))
        for row in rows:  # one attribute after the other, as crfsuite adds them
            out += self.state[row]
        return out


def model_attributes(path: Path) -> frozenset[str] | None:
    """Every attribute name of the model at ``path``, or None if the file is not read."""
    model = read_model(path)
    return frozenset(model.attributes) if model is not None else None


def read_model(path: Path) -> CrfModel | None:
    """The model at ``path`` as arrays, or None if the file is not read."""
    try:
        return _model(path.read_bytes())
    except (OSError, struct.error, UnicodeDecodeError, ValueError, IndexError):
        return None


def _model(data: bytes) -> CrfModel | None:
    (magic, _size, kind, _version, _features, labels, attributes, off_features,
     off_labels, off_attrs, _off_labelrefs, _off_attrrefs) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        return None
    names = _quarks(data, off_labels, labels)
    attrs = _quarks(data, off_attrs, attributes)
    chunk, _chunk_size, count = _CHUNK.unpack_from(data, off_features)
    if names is None or attrs is None or chunk != b"FEAT":
        return None
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + _CHUNK.size)
    kinds = features["type"]
    if not np.isin(kinds, (0, 1)).all():
        return None
    state = np.zeros((attributes, labels))
    transition = np.zeros((labels, labels))
    own = features[kinds == 0]
    np.add.at(state, (own["src"].astype(np.intp), own["dst"].astype(np.intp)), own["weight"])
    moves = features[kinds == 1]
    np.add.at(transition, (moves["src"].astype(np.intp), moves["dst"].astype(np.intp)),
              moves["weight"])
    return CrfModel(tuple(names), {name: i for i, name in enumerate(attrs)}, state, transition)


def _quarks(data: bytes, offset: int, expected: int) -> list[str] | None:
    """The strings of the CQDB at ``offset``, by id."""
    magic, _size, _flag, _order, count, bwd = _CQDB.unpack_from(data, offset)
    if magic != b"CQDB" or count != expected:
        return None
    offsets = struct.unpack_from(f"<{count}I", data, offset + bwd)
    names = []
    for ident, at in enumerate(offsets):
        record = offset + at
        got, size = _RECORD.unpack_from(data, record)
        if at == 0 or got != ident or size < 1:
            return None
        start = record + _RECORD.size
        names.append(data[start:start + size - 1].decode("utf-8"))
    return names


class _Ragged:
    """Sequences of different lengths laid out time-major: the tokens at position t of
    every sequence at least t + 1 long are one slice ``[offset[t], offset[t] + count[t])``,
    sequences ordered longest first, so the sequences alive at t + 1 are a prefix of those
    alive at t. ``order[k]`` is the token (in text order) at time-major place k."""

    def __init__(self, lengths: np.ndarray):
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        rank = np.argsort(-lengths, kind="stable")
        self.lengths = lengths[rank]
        steps = int(self.lengths[0]) if len(lengths) else 0
        # count[t]: sequences longer than t
        self.count = np.searchsorted(-self.lengths, -np.arange(steps), side="left")
        self.offset = np.concatenate(([0], np.cumsum(self.count)[:-1])).astype(np.intp)
        total = int(self.count.sum())
        time = np.repeat(np.arange(steps), self.count)
        place = np.arange(total) - np.repeat(self.offset, self.count)
        self.order = starts[rank][place] + time
        # time-major place of each sequence's last token
        self.last = self.offset[self.lengths - 1] + np.arange(len(lengths))

    def at(self, t: int, alive: int | None = None) -> slice:
        start = int(self.offset[t])
        return slice(start, start + int(self.count[t] if alive is None else alive))


def tag(model: CrfModel, state: np.ndarray, lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Viterbi label ids of every token of the sequences of ``lengths`` (their rows of
    ``state``, in order) and each token's marginal probability of its label."""
    if not lengths:
        return np.zeros(0, dtype=np.intp), np.zeros(0)
    ragged = _Ragged(np.asarray(lengths, dtype=np.intp))
    scores = state[ragged.order]
    labels = _viterbi(ragged, scores, model.transition)
    full = _marginals(ragged, scores, model.transition)
    marginals = full[np.arange(len(labels)), labels]
    out_labels = np.empty_like(labels)
    out_labels[ragged.order] = labels
    out_marginals = np.empty_like(marginals)
    out_marginals[ragged.order] = marginals
    return out_labels, out_marginals


def _viterbi(ragged: _Ragged, scores: np.ndarray, transition: np.ndarray) -> np.ndarray:
    """crfsuite's ``crf1dc_viterbi`` for every sequence at once (time-major)."""
    best = np.empty_like(scores)
    back = np.empty(scores.shape, dtype=np.intp)
    first = ragged.at(0)
    best[first] = scores[first]
    for t in range(1, len(ragged.count)):
        now, before = ragged.at(t), ragged.at(t - 1, ragged.count[t])
        paths = best[before][:, :, None] + transition[None, :, :]
        came = paths.argmax(axis=1)  # the first maximum, as crfsuite's strict "<"
        back[now] = came
        best[now] = np.take_along_axis(paths, came[:, None, :], axis=1)[:, 0, :] + scores[now]
    labels = np.empty(len(scores), dtype=np.intp)
    labels[ragged.last] = best[ragged.last].argmax(axis=1)
    for t in range(len(ragged.count) - 2, -1, -1):
        alive = int(ragged.count[t + 1])
        if alive:
            nxt = ragged.at(t + 1)
            labels[ragged.at(t, alive)] = back[nxt][np.arange(alive), labels[nxt]]
    return labels


def marginals(model: CrfModel, state: np.ndarray, lengths: list[int]) -> np.ndarray:
    """Every token's marginal probability of every label (tokens x ``model.labels``, text
    order) of the sequences of ``lengths`` (their rows of ``state``): crfsuite's
    ``crf1dc_marginal_point`` for all labels and tokens at once (the CRF + network pair of
    ``tagger_nn`` averages these; python-crfsuite would take a call per label and token)."""
    if not lengths:
        return np.zeros((0, len(model.labels)))
    ragged = _Ragged(np.asarray(lengths, dtype=np.intp))
    full = _marginals(ragged, state[ragged.order], model.transition)
    out = np.empty_like(full)
    out[ragged.order] = full
    return out


def _marginals(ragged: _Ragged, scores: np.ndarray, transition: np.ndarray) -> np.ndarray:
    """crfsuite's scaled forward-backward (``crf1dc_alpha_score``, ``crf1dc_beta_score``)
    and ``crf1dc_marginal_point`` of every label of every token (time-major)."""
    exp_state, exp_trans = np.exp(scores), np.exp(transition)
    alpha = np.empty_like(scores)
    scale = np.empty(len(scores))
    for t in range(len(ragged.count)):
        now = ragged.at(t)
        if t == 0:
            cur = exp_state[now].copy()
        else:
            cur = (alpha[ragged.at(t - 1, ragged.count[t])] @ exp_trans) * exp_state[now]
        total = cur.sum(axis=1)
        factor = np.where(total != 0.0, 1.0 / np.where(total != 0.0, total, 1.0), 1.0)
        scale[now] = factor
        alpha[now] = cur * factor[:, None]
    beta = np.empty_like(scores)
    beta[ragged.last] = scale[ragged.last][:, None]
    for t in range(len(ragged.count) - 2, -1, -1):
        alive = int(ragged.count[t + 1])
        if alive:
            nxt, now = ragged.at(t + 1), ragged.at(t, alive)
            beta[now] = ((beta[nxt] * exp_state[nxt]) @ exp_trans.T) * scale[now][:, None]
    return alpha * beta / scale[:, None]


def iob_spans(model: CrfModel, labels: np.ndarray, marginals: np.ndarray,
              lengths: list[int]) -> list[tuple[int, int, str, float]]:
    """The names of IOB2 label ids (``ner.decode``: a "B-" or a stray "I-" opens a span)
    over sentences ``lengths`` long, as (first token, last token + 1, type, the least
    marginal of its tokens), token numbers counted through all the sentences."""
    names = model.labels
    outside = np.array([n == "O" for n in names])
    begins = np.array([n.startswith("B-") for n in names])
    types = sorted({n[2:] for n in names if n != "O"})
    kind = np.array([types.index(n[2:]) if n != "O" else -1 for n in names])
    total = len(labels)
    first = np.zeros(total, dtype=bool)
    first[np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp)] = True
    ty = kind[labels]
    before = np.concatenate(([-1], ty[:-1]))
    opens = ~outside[labels] & (begins[labels] | first | (ty != before))
    starts = np.nonzero(opens)[0]
    if not len(starts):
        return []
    breaks = np.nonzero(opens | outside[labels] | first)[0]
    following = np.searchsorted(breaks, starts, side="right")
    ends = np.append(breaks, total)[following]
    least = np.minimum.reduceat(np.append(marginals, 0.0),
                                np.stack([starts, ends], axis=1).ravel())[::2]
    return [(s, e, types[k], m) for s, e, k, m in
            zip(starts.tolist(), ends.tolist(), ty[starts].tolist(), least.tolist(), strict=True)]
