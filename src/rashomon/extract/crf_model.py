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

The package ships each model packed (``ner-<lang>.crf.npz``, ``load`` / ``write``): an
uncompressed numpy zip of five members, ``version`` (1), ``labels`` (their names, UTF-8,
one a line), ``attributes`` (the attribute names sorted, one a line, xz-compressed; an
attribute's row is its place in that order), ``active`` (which labels each attribute
weighs, one bit each, ``np.packbits`` by row, xz) and ``weights`` (those weights in row
order, float64 with their eight bytes stored plane by plane, so the exponent bytes
compress, xz), and ``transition`` (labels x labels, float64). The weights are the trained
float64 values bit for bit. A file that does not read raises ``ModelFileError`` (E404).

crfsuite's own file (``CRF1d`` format, version 100; what python-crfsuite trains, read by
``read_crfsuite`` when a model is packed) is a header of counts and offsets; the feature
chunk holds (type, source, destination, weight) records (type 0: an attribute's weight for
a label, type 1: a transition), and the label and attribute names are constant quark
databases (CQDB): a header, 256 hash tables, the records (id, key size, key with its NUL)
and a backward array of record offsets by id. ~85% of it is hash tables, offsets and
reference lists a tagger on these arrays never reads: the 14 shipped models took 69.2 MB
as crfsuite files and take 11.1 MB packed.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rashomon.extract.components import ExtractionError

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


class ModelFileError(ExtractionError):
    """A shipped model file that is missing or does not read (damaged, truncated, or of
    another format version): a damaged install, so a coded error naming the file and how
    to get a good one back, not a silent fall-back to the rule typer."""

    code = "E404"


#: Format version of the packed files (``load`` refuses any other).
VERSION = 1
_MEMBERS = ("version", "labels", "attributes", "active", "weights", "transition")


def load(path: Path) -> CrfModel:
    """The packed model at ``path`` (``write``) as arrays; ``ModelFileError`` if it does
    not read."""
    try:
        with np.load(path, allow_pickle=False) as packed:
            if sorted(packed.files) != sorted(_MEMBERS):
                raise ValueError(f"members {sorted(packed.files)}")
            parts = {name: packed[name] for name in _MEMBERS}
        return _unpack(parts)
    except (OSError, EOFError, ValueError, KeyError, UnicodeDecodeError, zipfile.BadZipFile,
            lzma.LZMAError, zlib.error) as exc:
        raise ModelFileError(
            f"the NER model file {path} does not read ({type(exc).__name__}: {exc})",
            hint="reinstall rashomon, or rebuild the model (make train-ner; a crfsuite "
                 "model: python tools/pack_crf.py MODEL.crfsuite)") from None


def _unpack(parts: dict) -> CrfModel:
    if parts["version"].tolist() != [VERSION]:
        raise ValueError(f"format version {parts['version'].tolist()}, not [{VERSION}]")
    labels = tuple(parts["labels"].tobytes().decode("utf-8").split("\n"))
    names = lzma.decompress(parts["attributes"].tobytes()).decode("utf-8").split("\n")
    width = len(labels)
    active = np.frombuffer(lzma.decompress(parts["active"].tobytes()), dtype=np.uint8)
    mask = np.unpackbits(active.reshape(len(names), -1), axis=1, count=width).astype(bool)
    planes = np.frombuffer(lzma.decompress(parts["weights"].tobytes()), dtype=np.uint8)
    count = int(mask.sum())
    if planes.size != 8 * count:
        raise ValueError(f"{planes.size} weight bytes for {count} weights")
    weights = planes.reshape(8, count).T.copy().view("<f8").ravel()
    transition = np.array(parts["transition"], dtype="<f8")
    attributes = {name: i for i, name in enumerate(names)}
    if transition.shape != (width, width) or len(attributes) != len(names):
        raise ValueError("inconsistent shapes or repeated attribute names")
    state = np.zeros((len(names), width))
    state[mask] = weights
    return CrfModel(labels, attributes, state, transition)


def write(model: CrfModel, path: Path) -> None:
    """``model`` packed into ``path`` (see the module's docstring); its rows renumbered in
    the sorted order of the attribute names (a row's number means nothing to the tagger:
    every lookup goes through ``attributes``)."""
    names = sorted(model.attributes)
    if any("\n" in name for name in (*names, *model.labels)):
        raise ValueError("a label or attribute name holds a line break")
    state = model.state[np.array([model.attributes[n] for n in names], dtype=np.intp)]
    mask = state != 0.0
    weights = np.ascontiguousarray(state[mask], dtype="<f8")
    planes = weights.view(np.uint8).reshape(-1, 8).T.copy()
    def blob(data: bytes, preset: int = 6) -> np.ndarray:
        return np.frombuffer(lzma.compress(data, preset=preset), np.uint8)

    parts = {"version": np.array([VERSION], dtype="<i4"),
             "labels": np.frombuffer("\n".join(model.labels).encode("utf-8"), np.uint8),
             "attributes": blob("\n".join(names).encode("utf-8"), 9),
             "active": blob(np.packbits(mask, axis=1).tobytes()),
             "weights": blob(planes.tobytes()),
             "transition": np.ascontiguousarray(model.transition, dtype="<f8")}
    with open(path, "wb") as handle:
        np.savez(handle, **parts)


def pack(source: Path, target: Path) -> CrfModel:
    """Pack the crfsuite model file ``source`` into ``target`` and check that the packed
    file reads back to the same weights, bit for bit; the model as arrays."""
    model = read_crfsuite(source)
    if model is None:
        raise ValueError(f"{source} is not a crfsuite CRF1d model file")
    write(model, target)
    if not same_weights(model, load(target)):
        raise ValueError(f"{target}: the packed weights differ from {source}'s")
    return model


def same_weights(a: CrfModel, b: CrfModel) -> bool:
    """Whether two models hold the same labels, attributes and weights, bit for bit (rows
    may be numbered differently)."""
    if a.labels != b.labels or a.attributes.keys() != b.attributes.keys():
        return False
    names = list(a.attributes)
    rows_a = a.state[[a.attributes[n] for n in names]]
    rows_b = b.state[[b.attributes[n] for n in names]]
    return (rows_a.view(np.uint64) == rows_b.view(np.uint64)).all() and \
        (a.transition.view(np.uint64) == b.transition.view(np.uint64)).all()


def read_crfsuite(path: Path) -> CrfModel | None:
    """The crfsuite model file at ``path`` as arrays, or None if the file is not read."""
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
        # the slices of every step, made once: ``now[t]`` all tokens at t, ``kept[t]`` those
        # at t whose sequence goes on to t + 1 (a prefix), ``alive[t]`` their number
        starts, counts = self.offset.tolist(), self.count.tolist()
        self.alive = [*counts[1:], 0]
        self.now = [slice(a, a + c) for a, c in zip(starts, counts, strict=True)]
        self.kept = [slice(a, a + c) for a, c in zip(starts, self.alive, strict=True)]


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
    """crfsuite's ``crf1dc_viterbi`` for every sequence at once (time-major). Each step is
    a few numpy calls on the sequences alive at it (``best``: their scores so far), so a
    short text costs little more than its steps' calls."""
    now, alive, count = ragged.now, ragged.alive, ragged.count.tolist()
    back = np.empty(scores.shape, dtype=np.intp)
    final = np.empty((len(ragged.lengths), scores.shape[1]))  # best at each last token
    best = scores[now[0]] if now else scores
    for t in range(len(now)):
        if t:
            paths = best[:alive[t - 1], :, None] + transition
            back[now[t]] = paths.argmax(axis=1)  # the first maximum, as crfsuite's "<"
            best = np.maximum.reduce(paths, axis=1) + scores[now[t]]  # the value there
        if alive[t] < count[t]:  # sequences ending at t
            final[alive[t]:count[t]] = best[alive[t]:]
    labels = np.empty(len(scores), dtype=np.intp)
    labels[ragged.last] = final.argmax(axis=1)
    rows = np.arange(count[0] if count else 0)
    for t in range(len(now) - 2, -1, -1):
        if alive[t]:
            nxt = now[t + 1]
            labels[ragged.kept[t]] = back[nxt][rows[:alive[t]], labels[nxt]]
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
    now, kept, alive = ragged.now, ragged.kept, ragged.alive
    alpha = np.empty_like(scores)
    scale = np.empty(len(scores))
    for t in range(len(now)):
        cur = exp_state[now[t]] if t == 0 else \
            (alpha[kept[t - 1]] @ exp_trans) * exp_state[now[t]]
        total = np.add.reduce(cur, axis=1)
        if np.minimum.reduce(total) > 0.0:  # sums of exponentials: none is 0
            factor = 1.0 / total
        else:  # crfsuite's scale: 1 / sum, or 1 where the sum is 0
            factor = np.where(total != 0.0, 1.0 / np.where(total != 0.0, total, 1.0), 1.0)
        scale[now[t]] = factor
        alpha[now[t]] = cur * factor[:, None]
    beta = np.empty_like(scores)
    beta[ragged.last] = scale[ragged.last][:, None]
    for t in range(len(now) - 2, -1, -1):
        if alive[t]:
            nxt, here = now[t + 1], kept[t]
            beta[here] = ((beta[nxt] * exp_state[nxt]) @ exp_trans.T) * scale[here, None]
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
