"""The neural NER network's weights and numpy forward pass (no torch at run time).

One model file (``models/nn-ner*.npz``) is trained at build time with PyTorch by
``tools/train_nn_ner.py`` (``make train-ner-nn``); ``tagger_nn`` serves it (which file
serves which language, the pairing with the CRF, the budget per article).

Per token (a word, or a character in Chinese and Japanese, cut by ``ner.tokenize``):
the static input embeddings of multilingual-e5-small's subword pieces (``nn_pieces``: the
word's first piece and the mean of its pieces, and for CJK characters the longest vocabulary
word that begins / ends at the character), each through its own linear map, plus learnt
vectors for the word's shape, script, gazetteer flag and the language; then dilated
1-D convolutions (kernel 3) with residual connections, per-token tag scores over IOB2
PER/ORG/LOC/MISC, and a linear-chain CRF (transition matrix; Viterbi for the tags,
forward-backward for the confidence of each span, as the CRF tagger's marginals).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from rashomon.extract import nn_pieces
from rashomon.extract.ner import CHAR_LANGUAGES, _gazetteer_feature, _script, _shape
from rashomon.extract.ner_states import add_rows

MODELS = Path(__file__).resolve().parent / "models"
MODEL = MODELS / "nn-ner.npz"
#: Distinct words whose input vector is remembered per language; past it the table starts
#: afresh (a 2 MB news article has about 40,000 distinct words; 128 floats each).
_WORD_LIMIT = 100_000


#: Characters of a word the character convolution reads: all of a word up to this long,
#: else its first and last half of it (prefixes and case endings both kept).
CHAR_SPAN = 16


def char_ids(word: str, index: dict) -> list[int]:
    """The character-vocabulary ids of ``word`` for the character convolution (0 is the
    padding, 1 an unknown character), the same in training and tagging."""
    if len(word) > CHAR_SPAN:
        half = CHAR_SPAN // 2
        word = word[:half] + word[-half:]
    return [index.get(c, 1) for c in word]


def token_features(tokens: list[str], language: str, vocab: dict, context: bool = True) -> dict:
    """Integer inputs of a token sequence, as training and tagging compute them:
    ``first``/``pieces`` (e5 piece ids; ``owner`` maps each piece to its token),
    ``cjk_b``/``cjk_e`` (-1: none; Chinese and Japanese, only with ``context``: they depend on
    the neighbouring characters), ``shape``/``script``/``gz`` (vocabulary ids, 0 unknown;
    no gazetteer flag for characters)."""
    p = nn_pieces.pieces()
    first, flat, owner = [], [], []
    for i, w in enumerate(tokens):
        ids = p.segment(w)
        first.append(ids[0] if ids else -1)
        flat += ids
        owner += [i] * len(ids)
    char_level = language in CHAR_LANGUAGES
    if char_level and context:
        cjk_b, cjk_e = p.cjk_runs(tokens)
    else:
        cjk_b = cjk_e = [-1] * len(tokens)
    shapes, scripts, gzs = vocab["shape"], vocab["script"], vocab["gz"]
    gz = [0] * len(tokens) if char_level else \
        [gzs.get(_gazetteer_feature(w, language) or "", 0) if w[0].isalpha() else 0
         for w in tokens]
    return {"first": first, "pieces": flat, "owner": owner, "cjk_b": cjk_b, "cjk_e": cjk_e,
            "shape": [shapes.get(_shape(w), 0) for w in tokens],
            "script": [scripts.get(_script(w[0]), 0) for w in tokens], "gz": gz}


class Model:
    """The exported weights and the numpy forward pass."""

    def __init__(self, path: Path = MODEL):
        self.path = path
        with np.load(path) as z:
            w = {k: z[k].astype(np.float32) for k in z.files if k != "meta"}
            self.meta = json.loads(bytes(z["meta"]).decode("utf-8"))
        self.w = w
        self.vocab = {k: {s: i for i, s in enumerate(v)} for k, v in self.meta["vocab"].items()}
        self.tags = self.meta["tags"]
        self.dilations = self.meta["dilations"]
        self.languages = set(self.meta["languages"])
        self.conv = [(np.ascontiguousarray(np.concatenate([w[f"conv{k}"][t] for t in range(3)],
                                                          axis=1)), w[f"conv{k}_b"])
                     for k in range(len(self.dilations))]
        self.exp_trans = np.exp(w["trans"])
        self.ensemble = set(self.meta.get("ensemble", ()))
        inside = [t[2:] if t.startswith("I-") else None for t in self.tags]
        barred = np.float32(-1e4)
        self.iob = (np.array([[barred if inside[j] and inside[j] != t[2:] else 0
                               for j in range(len(self.tags))] for t in self.tags], np.float32),
                    np.array([barred if x else 0 for x in inside], np.float32),
                    np.zeros(len(self.tags), np.float32))
        self._piece_cache: dict[str, dict[int, np.ndarray]] = {s: {} for s in
                                                                ("first", "mean", "cb", "ce")}
        self._words: dict[tuple[str, str], np.ndarray] = {}
        #: the character convolution (absent from models trained without it)
        self.chars = "E_char" in w
        if self.chars:
            taps = w["char_conv"]  # [tap, in, out]
            self.char_conv = np.ascontiguousarray(np.concatenate(list(taps), axis=1))

    def char_vectors(self, words: list[str]) -> np.ndarray:
        """[len(words), D]: each word's characters embedded, a kernel-3 convolution over
        them (zero padding) and the maximum over the positions, in blocks of words."""
        index = self.vocab["char"]
        d_model = self.w["b_in"].shape[0]
        out = np.empty((len(words), d_model), np.float32)
        for s in range(0, len(words), 2048):
            ids = [char_ids(w, index) for w in words[s:s + 2048]]
            width = max(len(i) for i in ids)
            grid = np.zeros((len(ids), width + 2), np.intp)  # a padding column each side
            for k, row in enumerate(ids):
                grid[k, 1:len(row) + 1] = row
            e = self.w["E_char"][grid]  # [n, L + 2, C]
            taps = e @ self.char_conv  # [n, L + 2, 3D]
            y = (taps[:, :-2, :d_model] + taps[:, 1:-1, d_model:2 * d_model]
                 + taps[:, 2:, 2 * d_model:] + self.w["char_conv_b"])
            lengths = np.array([len(i) for i in ids])
            y[np.arange(width)[None, :] >= lengths[:, None]] = -np.inf
            out[s:s + len(ids)] = y.max(axis=1)
        return out

    def _projected(self, slot: str, ids: list[int]) -> np.ndarray:
        """[len(ids), D]: the pieces' embeddings through the slot's linear map (cached)."""
        cache_ = self._piece_cache[slot]
        missing = sorted({i for i in ids if i not in cache_})
        if missing:
            rows = nn_pieces.pieces().vectors(missing) @ self.w["W_" + slot]
            cache_.update(zip(missing, rows, strict=True))
        return np.stack([cache_[i] for i in ids])

    def inputs(self, sentences: list[list[str]], language: str) -> np.ndarray:
        """[T, D] pre-activation input of every token of the sentences, one after the other
        (word parts cached per word; CJK words in a character's context added per sentence)."""
        rows, index = self._distinct_inputs(sentences, language)
        x = rows[index]
        if language in CHAR_LANGUAGES:
            x += self._context_inputs(sentences)
        return x

    def _distinct_inputs(self, sentences: list[list[str]],
                         language: str) -> tuple[np.ndarray, np.ndarray]:
        """[W, D] the context-free input of each distinct token of the sentences (cached
        per word) and [T] each token's row in it."""
        words = self._words
        if len(words) >= _WORD_LIMIT:
            words.clear()
        tokens = [t for tokens in sentences for t in tokens]
        distinct = dict.fromkeys(tokens)
        todo = [w for w in distinct if (language, w) not in words]
        if todo:
            f = token_features(todo, language, self.vocab, context=False)
            w = self.w
            x = (w["E_shape"][f["shape"]] + w["E_script"][f["script"]] + w["E_gz"][f["gz"]]
                 + w["b_in"] + w["E_lang"][self.vocab["lang"].get(language, 0)])
            first = np.array(f["first"])
            has = first >= 0
            if has.any():
                x[has] += self._projected("first", first[has].tolist())
            if f["pieces"]:
                mean = np.zeros_like(x)
                add_rows(mean, f["owner"], self._projected("mean", f["pieces"]))
                counts = np.bincount(f["owner"], minlength=len(todo))[:, None]
                x += mean / np.maximum(counts, 1)
            if self.chars:
                x += self.char_vectors(todo)
            for word, row in zip(todo, x, strict=True):
                words[(language, word)] = row
        at = {w: k for k, w in enumerate(distinct)}
        return (np.stack([words[(language, w)] for w in distinct]),
                np.array([at[t] for t in tokens], np.intp))

    def _context_inputs(self, sentences: list[list[str]]) -> np.ndarray:
        """[T, D] the CJK part of each character's input: the vocabulary words that begin and
        end at it, which depend on its neighbours."""
        p = nn_pieces.pieces()
        begins, ends = [], []
        for sentence in sentences:
            b, e = p.cjk_runs(sentence)
            begins += b
            ends += e
        x = np.zeros((len(begins), self.w["b_in"].shape[0]), np.float32)
        for slot, ids in (("cb", begins), ("ce", ends)):
            ids = np.array(ids)
            has = ids >= 0
            if has.any():
                x[has] += self._projected(slot, ids[has].tolist())
        return x

    def emissions(self, sentences: list[list[str]], language: str) -> list[np.ndarray]:
        """Per sentence [T, n_tags] tag scores. The sentences' tokens are stacked one after
        the other; a convolution tap that would reach past a sentence's first or last token
        is masked out, which is each sentence's own zero padding (no padding rows: they
        cost the products of real ones)."""
        if not sentences:
            return []
        lengths = np.array([len(t) for t in sentences])
        pos = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        after = np.repeat(lengths, lengths) - 1 - pos  # tokens after each in its sentence
        # per dilation: may token t read t - d (its sentence's), may it read t + d
        masks = {d: ((pos[d:] >= d)[:, None].astype(np.float32),
                     (after[:-d] >= d)[:, None].astype(np.float32))
                 for d in set(self.dilations)}
        d_model = self.w["b_in"].shape[0]
        first = None
        if language in CHAR_LANGUAGES:
            h = np.maximum(self.inputs(sentences, language), 0)
        else:  # context-free inputs: the first layer's products once per distinct word
            distinct, index = self._distinct_inputs(sentences, language)
            distinct = np.maximum(distinct, 0)
            h = distinct[index]
            first = (distinct @ self.conv[0][0])[index]
        for layer, ((weights, bias), d) in enumerate(zip(self.conv, self.dilations,
                                                         strict=True)):
            # [T, 3D]: x[t-d], x[t], x[t+d] contributions
            taps = first if layer == 0 and first is not None else h @ weights
            y = taps[:, d_model:2 * d_model] + bias
            before, later = masks[d]
            y[d:] += taps[:-d, :d_model] * before
            y[:-d] += taps[d:, 2 * d_model:] * later
            np.maximum(y, 0, out=y)
            h += y
        out = h @ self.w["out_W"] + self.w["out_b"]
        return np.split(out, np.cumsum(lengths)[:-1])

    def viterbi(self, emissions: list[np.ndarray], iob: bool = False) -> list[list[int]]:
        """Best tag sequence of each sentence's scores [T, n_tags], all sentences at once
        (one numpy step per position, over the sentences still running); with ``iob`` the
        model's CRF scores give way to the IOB2 rule alone (no I-X but after B-X / I-X)."""
        if not emissions:
            return []
        e, lengths, order = _stacked(emissions)
        trans, start, end = self.iob if iob else (self.w["trans"], self.w["start"],
                                                  self.w["end"])
        score = start + e[:, 0]
        back = []
        running = _running(lengths, e.shape[1])
        for t in range(1, e.shape[1]):
            n = running[t]
            s = score[:n, :, None] + trans
            back.append(s.argmax(1))
            score[:n] = s.max(1) + e[:n, t]
        cur = (score + end).argmax(1)
        path = np.zeros(e.shape[:2], np.int64)
        path[np.arange(len(lengths)), lengths - 1] = cur
        for t in range(e.shape[1] - 1, 0, -1):
            n = running[t]
            cur[:n] = back[t - 1][np.arange(n), cur[:n]]
            path[:n, t - 1] = cur[:n]
        out: list[list[int]] = [[] for _ in emissions]
        for row, k in enumerate(order):
            out[k] = path[row, :lengths[row]].tolist()
        return out

    def marginals(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """[T, n_tags] posterior probability of each tag at each position, per sentence
        (forward-backward, rescaled at every step)."""
        if not emissions:
            return []
        e, lengths, order = _stacked(emissions)
        pe = np.exp(e - e.max(axis=2, keepdims=True))
        rows, width = e.shape[:2]
        alpha = np.zeros_like(pe)
        beta = np.zeros_like(pe)
        a = np.exp(self.w["start"]) * pe[:, 0]
        alpha[:, 0] = a / a.sum(1, keepdims=True)
        running = _running(lengths, width)
        for t in range(1, width):
            n = running[t]
            a = (alpha[:n, t - 1] @ self.exp_trans) * pe[:n, t]
            alpha[:n, t] = a / a.sum(1, keepdims=True)
        end = np.exp(self.w["end"])
        end = end / end.sum()
        beta[np.arange(rows), lengths - 1] = end
        for t in range(width - 2, -1, -1):
            n = running[t + 1]
            b = (beta[:n, t + 1] * pe[:n, t + 1]) @ self.exp_trans.T
            beta[:n, t] = b / b.sum(1, keepdims=True)
        m = alpha * beta
        m /= np.maximum(m.sum(2, keepdims=True), 1e-30)
        out: list[np.ndarray] = [np.empty(0)] * len(emissions)
        for row, k in enumerate(order):
            out[k] = m[row, :lengths[row]]
        return out

    def tag(self, sentences: list[list[str]], language: str) -> list[list[str]]:
        """IOB2 tags of each sentence."""
        paths = self.viterbi(self.emissions(sentences, language)) if sentences else []
        return [[self.tags[k] for k in path] for path in paths]


def _running(lengths: np.ndarray, width: int) -> list[int]:
    """How many sentences (``lengths``, longest first) are longer than t, for every t below
    ``width``: the rows still running at each step of ``viterbi`` and ``marginals``, counted
    once, not at every step. The two took 0.95 ms per text counting at every step, 0.79 ms
    so (their 490 calls on the first 300 distinct SemEval texts, 2-core Xeon VM)."""
    return np.count_nonzero(lengths[:, None] > np.arange(width), axis=0).tolist()


def _stacked(emissions: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Sentences' scores padded into [n, T, tags], longest first (the sentences still
    running at a position are a prefix), their lengths and original indices."""
    order = sorted(range(len(emissions)), key=lambda k: -len(emissions[k]))
    lengths = np.array([len(emissions[k]) for k in order])
    e = np.zeros((len(order), lengths[0], emissions[0].shape[1]), np.float32)
    for row, k in enumerate(order):
        e[row, :lengths[row]] = emissions[k]
    return e, lengths, order


def save(path: Path, weights: dict, meta: dict) -> None:
    """Write a model file: the arrays as float16 and ``meta`` (tags, dilations, vocabularies,
    languages) as JSON bytes; the one home of the format ``Model`` reads."""
    arrays = {k: np.asarray(v).astype(np.float16) for k, v in weights.items()}
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)
