"""Train the neural NER tagger shipped as ``src/rashomon/extract/models/nn-ner.npz``
(``make train-ner-nn``): one multilingual model over every language's training sentences,
trained with PyTorch (the ``train`` extra; build time only) and exported to numpy arrays that
``extract/tagger_nn.py`` runs without torch.

Architecture (see ``nn_model.py``): frozen multilingual-e5-small piece embeddings (first
piece, mean of pieces; CJK: longest vocabulary word beginning / ending at the character),
each through a learnt linear map to ``DIM``, plus learnt shape / script / gazetteer /
language vectors; ReLU; residual dilated convolutions (kernel 3, ``DILATIONS``); tag scores;
a linear-chain CRF trained by its log-likelihood (Adam, dropout, fixed seed).

The dev figures are computed with the numpy runtime on the exported (float16) weights, per
language and source kind as ``tools/train_ner.py`` reports the CRF, and compared with the
CRF's figures in ``models/dev_scores.json``. ``--ship`` lists the languages the runtime uses
the model for (chosen by those figures; see the model card).

Usage: nice -n 10 python tools/train_nn_ner.py --data ../shared/data/ner
       [--per-lang 8000] [--epochs 4] [--ship en,de]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
from train_ner import (  # noqa: E402
    group,
    kind,
    more_written_rows,
    prf,
    read,
    retokenize,
    spans,
    written_rows,
)

from rashomon.extract import nn_pieces, tagger_nn  # noqa: E402
from rashomon.extract.ner import CHAR_LANGUAGES, _script, _shape  # noqa: E402

LANGS = ["en", "de", "fr", "es", "it", "ru", "ar", "fa", "tr", "zh", "pl", "nl", "ja", "pt",
         "uk"]
TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
DIM = 128
DILATIONS = [1, 2, 4, 1]
SEED = 13
#: Shapes seen at least this often in the sampled training tokens get their own vector.
MIN_SHAPE = 20
#: Characters seen at least this often in the training tokens get their own vector in the
#: character convolution (the rest share "unknown").
MIN_CHAR = 5
#: Width of the character vectors of the character convolution (0: no convolution).
CHARS = 0
OUT = tagger_nn.MODEL
#: A per-language fine-tuning (``--init`` with ``--train-langs``) also trains on that
#: language's written news sentences (``tools/data``, ``train_ner.written_rows``), repeated
#: this many times, as its CRF does (``train_ner.WRITTEN``). Measured for French (model
#: card, "Written news sentences"): the pair's dev cased F1 0.7543 with the 8-epoch network
#: -> 0.7539 with this fine-tuning, held-out French entities 0.615 -> 0.661. German (839
#: sentences, model card "German, second part"): with the CRF trained on all 839, the
#: pair's dev cased F1 0.716 with the network fine-tuned without them -> 0.718 with, and one
#: held-out German name more ("Pariser Staatsanwaltschaft"; 0.856). Dutch (596, "Dutch,
#: second part"): with the CRF trained on all 596, the pair's dev cased F1 0.767 with the
#: 4-epoch network -> 0.770 with this fine-tuning (no held-out Dutch article). Languages not
#: listed fine-tune on the shared sentences alone, as before. Russian (304 sentences, model
#: card "Russian and Ukrainian: the CRF + network pair"): the pair's dev cased F1 0.8739
#: without them -> 0.8703 / 0.8682 with 1 / 3 repeats, within one training's noise (the same
#: fine-tuning on 404 fewer shared sentences: 0.8695); held-out entities ru 0.784 -> 0.784,
#: uk 0.880 -> 1.000 with either; 3 as for the others, the surer on the class they were
#: written for ("Жители <place>": the network read a sentence-initial plural noun and its
#: place as one person; a bare company name under the cut).
NN_WRITTEN = {"fr": 3, "de": 3, "nl": 3, "ru": 3}
SCORES = tagger_nn.MODELS / "nn_dev_scores.json"


def load(data: Path, split: str, per_lang: int, rng: random.Random | None,
         langs: list[str] = LANGS) -> list[tuple]:
    """(lang, tokens, tag ids, source) rows, at most ``per_lang`` per language (training)."""
    out = []
    for lang in langs:
        path = data / f"{split}.{lang}.jsonl.gz"
        if not path.exists():
            continue
        rows = read(path, False)
        if split == "train":
            rng.shuffle(rows)
            rows = rows[:per_lang]
        for row in rows:
            words, tags = retokenize(row, lang in CHAR_LANGUAGES)
            if words:
                out.append((lang, words, [TAGS.index(t) if t in TAGS else 0 for t in tags],
                            row["source"]))
    return out


def build_vocab(rows: list[tuple]) -> dict:
    shapes = Counter(_shape(w) for _, words, _, _ in rows for w in words)
    scripts = Counter(_script(w[0]) for _, words, _, _ in rows for w in words)
    chars = Counter(c for _, words, _, _ in rows for w in words for c in w)
    return {"shape": ["<unk>", *sorted(s for s, c in shapes.items() if c >= MIN_SHAPE)],
            "script": ["<unk>", *sorted(scripts)],
            "char": ["<pad>", "<unk>", *sorted(c for c, n in chars.items() if n >= MIN_CHAR)],
            "gz": ["", "gz=LOC", "gz=ORG", "gz=geo"],
            "lang": ["<unk>", *LANGS]}


def featurize(rows, vocab) -> tuple[list[dict], list[list[int]]]:
    """Each sentence's inputs (``tagger_nn.token_features``, with ``word``: ids of the
    distinct words) and the character ids of those words."""
    index = {k: {s: i for i, s in enumerate(v)} for k, v in vocab.items()}
    out = []
    words_seen: dict[str, int] = {}
    chars: list[list[int]] = []
    for lang, words, tags, _ in rows:
        f = tagger_nn.token_features(words, lang, index)
        f["lang"] = index["lang"].get(lang, 0)
        f["tags"] = tags
        ids = []
        for w in words:
            k = words_seen.get(w)
            if k is None:
                k = words_seen[w] = len(chars)
                chars.append(tagger_nn.char_ids(w, index["char"]))
            ids.append(k)
        f["word"] = ids
        out.append(f)
    return out, chars


def train(feats: list[dict], chars: list[list[int]], vocab: dict, epochs: int, log,
          init: dict | None = None, lr_peak: float = 2e-3, checkpoint=None,
          decay: float = 0.3) -> dict:
    """Train the network (from ``init``'s weights where given: a model file's arrays, a
    character convolution added with zero weights, so training starts from that model's
    tagging) and return its weights as numpy arrays; ``checkpoint(epoch, weights)``, where
    given, receives them after every epoch (a run cut short keeps its last epoch)."""
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    used = sorted({i for f in feats for k in ("first", "pieces", "cjk_b", "cjk_e")
                   for i in f[k] if i >= 0})
    remap = {i: k + 1 for k, i in enumerate(used)}  # 0: no piece
    table = np.zeros((len(used) + 1, 384), np.float32)
    p = nn_pieces.pieces()
    for s in range(0, len(used), 50_000):
        table[1 + s:1 + s + 50_000] = p.vectors(used[s:s + 50_000])
    emb = torch.from_numpy(table)
    log(f"{len(feats)} sentences, {len(used)} distinct pieces")

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.slots = nn.ModuleDict({s: nn.Linear(384, DIM, bias=False)
                                        for s in ("first", "mean", "cb", "ce")})
            self.b_in = nn.Parameter(torch.zeros(DIM))
            self.cats = nn.ModuleDict({k: nn.Embedding(len(vocab[k]), DIM)
                                       for k in ("shape", "script", "gz", "lang")})
            for e in self.cats.values():
                nn.init.normal_(e.weight, std=0.1)
            self.convs = nn.ModuleList(nn.Conv1d(DIM, DIM, 3, padding=d, dilation=d)
                                       for d in DILATIONS)
            self.out = nn.Linear(DIM, len(TAGS))
            self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))
            self.drop = nn.Dropout(0.25)
            self.pdrop = nn.Dropout(0.1)
            if CHARS:
                self.char_emb = nn.Embedding(len(vocab["char"]), CHARS, padding_idx=0)
                nn.init.normal_(self.char_emb.weight[1:], std=0.1)
                self.char_conv = nn.Conv1d(CHARS, DIM, 3, padding=1)

        def forward(self, b):
            B, T = b["mask"].shape
            x = self.b_in + sum(self.cats[k](b[k]) for k in ("shape", "script", "gz"))
            x = x + self.cats["lang"](b["lang"])[:, None, :]
            for slot in ("first", "cb", "ce"):
                x = x + self.slots[slot](self.pdrop(emb[b[slot]]))
            mean = torch.zeros(B * T, 384).index_add_(0, b["owner"], emb[b["pieces"]])
            mean = mean / b["counts"].clamp(min=1)[:, None]
            x = x + self.slots["mean"](self.pdrop(mean.view(B, T, 384)))
            if CHARS:  # the batch's distinct words once each, then placed at their tokens
                c = self.char_conv(self.char_emb(b["chars"]).transpose(1, 2))
                c = c.masked_fill(b["char_pad"][:, None, :], float("-inf")).amax(2)
                x = x + c[b["word"]]
            m = b["mask"][:, None, :].float()
            h = torch.relu(x).transpose(1, 2) * m
            for conv in self.convs:
                h = (h + self.drop(torch.relu(conv(h)))) * m
            return self.out(h.transpose(1, 2))

        def nll(self, em, tags, mask):
            lengths = mask.sum(1).long()
            gold = self.start[tags[:, 0]] + em.gather(2, tags[:, :, None])[:, :, 0].mul(
                mask).sum(1)
            gold = gold + (self.trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(1)
            gold = gold + self.end[tags.gather(1, (lengths - 1)[:, None])[:, 0]]
            alpha = self.start + em[:, 0]
            for t in range(1, em.shape[1]):
                nxt = torch.logsumexp(alpha[:, :, None] + self.trans, 1) + em[:, t]
                alpha = torch.where(mask[:, t, None] > 0, nxt, alpha)
            return (torch.logsumexp(alpha + self.end, 1) - gold).sum()

    def batch(chunk):
        B, T = len(chunk), max(len(f["tags"]) for f in chunk)
        out = {k: torch.zeros(B, T, dtype=torch.long)
               for k in ("first", "cb", "ce", "shape", "script", "gz", "tags", "word")}
        distinct = {w: k for k, w in enumerate(dict.fromkeys(
            w for f in chunk for w in f["word"]))}
        mask = torch.zeros(B, T)
        owner, pieces = [], []
        counts = torch.zeros(B * T)
        for i, f in enumerate(chunk):
            n = len(f["tags"])
            mask[i, :n] = 1
            for k, src in (("first", "first"), ("cb", "cjk_b"), ("ce", "cjk_e")):
                out[k][i, :n] = torch.tensor([remap.get(v, 0) for v in f[src]])
            for k in ("shape", "script", "gz", "tags"):
                out[k][i, :n] = torch.tensor(f[k])
            out["word"][i, :n] = torch.tensor([distinct[w] for w in f["word"]])
            owner += [i * T + o for o in f["owner"]]
            pieces += [remap[v] for v in f["pieces"]]
        counts.index_add_(0, torch.tensor(owner, dtype=torch.long), torch.ones(len(owner)))
        out.update(mask=mask, owner=torch.tensor(owner, dtype=torch.long),
                   pieces=torch.tensor(pieces, dtype=torch.long), counts=counts,
                   lang=torch.tensor([f["lang"] for f in chunk]))
        if CHARS:
            width = max(len(chars[w]) for w in distinct)
            grid = torch.zeros(len(distinct), width, dtype=torch.long)
            for w, k in distinct.items():
                grid[k, :len(chars[w])] = torch.tensor(chars[w])
            out.update(chars=grid, char_pad=grid == 0)
        return out

    net = Net()
    if init is not None:
        load_weights(net, init)
        log(f"started from {len(init)} arrays of the given model")
    opt = torch.optim.Adam(net.parameters(), lr=lr_peak)
    rng = random.Random(SEED)
    order = sorted(range(len(feats)), key=lambda i: len(feats[i]["tags"]))
    batches, cur, tokens = [], [], 0
    for i in order:  # similar lengths together, up to ~1,200 tokens per batch
        n = len(feats[i]["tags"])
        if cur and (tokens + n > 1200 or len(cur) >= 64):
            batches.append(cur)
            cur, tokens = [], 0
        cur.append(i)
        tokens += n
    batches.append(cur)
    total = epochs * len(batches)
    step = 0
    for epoch in range(epochs):
        rng.shuffle(batches)
        net.train()
        loss_sum, began = 0.0, time.process_time()
        for chunk in batches:
            # linear decay over the last ``decay`` of the steps (0: a constant rate)
            lr = lr_peak * min(1.0, (total - step) / (decay * total)) if decay else lr_peak
            for g in opt.param_groups:
                g["lr"] = lr
            b = batch([feats[i] for i in chunk])
            loss = net.nll(net(b), b["tags"], b["mask"]) / b["mask"].sum()
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            loss_sum += float(loss.detach())
            step += 1
        log(f"epoch {epoch + 1}: loss {loss_sum / len(batches):.4f} "
            f"({time.process_time() - began:.0f}s CPU)")
        if checkpoint is not None and epoch + 1 < epochs:
            net.eval()
            checkpoint(epoch + 1, export(net))
    net.eval()
    return export(net)


def export(net) -> dict:
    """The network's weights as numpy arrays (the layout ``tagger_nn.Model`` reads)."""
    w = {f"W_{s}": net.slots[s].weight.detach().numpy().T for s in net.slots}
    w["b_in"] = net.b_in.detach().numpy()
    for k in ("shape", "script", "gz", "lang"):
        w[f"E_{k}"] = net.cats[k].weight.detach().numpy()
    for k, conv in enumerate(net.convs):
        w[f"conv{k}"] = conv.weight.detach().numpy().transpose(2, 1, 0)  # [tap, in, out]
        w[f"conv{k}_b"] = conv.bias.detach().numpy()
    if CHARS:
        w["E_char"] = net.char_emb.weight.detach().numpy()
        w["char_conv"] = net.char_conv.weight.detach().numpy().transpose(2, 1, 0)
        w["char_conv_b"] = net.char_conv.bias.detach().numpy()
    w["out_W"] = net.out.weight.detach().numpy().T
    w["out_b"] = net.out.bias.detach().numpy()
    for k in ("trans", "start", "end"):
        w[k] = getattr(net, k).detach().numpy()
    return w


def load_weights(net, w: dict) -> None:
    """Set ``net``'s parameters from exported arrays (the inverse of ``train``'s export);
    a character convolution the arrays lack starts at zero weights."""
    import torch

    def put(param, array):
        with torch.no_grad():
            param.copy_(torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32)))

    for s in net.slots:
        put(net.slots[s].weight, w[f"W_{s}"].T)
    put(net.b_in, w["b_in"])
    for k in ("shape", "script", "gz", "lang"):
        put(net.cats[k].weight, w[f"E_{k}"])
    for k, conv in enumerate(net.convs):
        put(conv.weight, w[f"conv{k}"].transpose(2, 1, 0))
        put(conv.bias, w[f"conv{k}_b"])
    put(net.out.weight, w["out_W"].T)
    put(net.out.bias, w["out_b"])
    for k in ("trans", "start", "end"):
        put(getattr(net, k), w[k])
    if hasattr(net, "char_conv"):
        if "E_char" in w:
            put(net.char_emb.weight, w["E_char"])
            put(net.char_conv.weight, w["char_conv"].transpose(2, 1, 0))
            put(net.char_conv.bias, w["char_conv_b"])
        else:
            with torch.no_grad():
                net.char_conv.weight.zero_()
                net.char_conv.bias.zero_()


def save(w: dict, vocab: dict, languages: list[str], ensemble: list[str],
         path: Path = OUT) -> None:
    tagger_nn.save(path, w, {"tags": TAGS, "dilations": DILATIONS, "vocab": vocab,
                             "languages": sorted({*languages, *ensemble}),
                             "ensemble": sorted(ensemble), "dim": DIM})


def reship(path: Path, languages: list[str], ensemble: list[str]) -> None:
    """Rewrite the languages a trained model file serves, and those among them it serves
    together with their CRF (the weights stay as they are)."""
    with np.load(path) as z:
        w = {k: z[k] for k in z.files if k != "meta"}
        meta = json.loads(bytes(z["meta"]).decode("utf-8"))
    meta["languages"] = sorted({*languages, *ensemble})
    meta["ensemble"] = sorted(ensemble)
    tagger_nn.save(path, w, meta)
    scores = SCORES if path == OUT else path.with_suffix(".json")
    if scores.exists():
        figures = json.loads(scores.read_text())
        figures.setdefault("_train", {}).update(shipped=meta["languages"], ensemble=ensemble)
        scores.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")


def evaluate(model: tagger_nn.Model, rows: list[tuple]) -> dict:
    """Typed exact-span P/R/F1 per language: per source kind, all, per source (with the
    CRF beside the network for the model's ``ensemble`` languages, as at run time)."""
    by_lang: dict = defaultdict(list)
    for row in rows:
        by_lang[row[0]].append(row)
    out = {}
    for lang, lang_rows in by_lang.items():
        counts: dict = defaultdict(lambda: [0, 0, 0])
        tagger = tagger_nn.NnTagger(lang, weights=model)
        for s in range(0, len(lang_rows), 200):
            part = lang_rows[s:s + 200]
            count_spans(counts, part, tagger.tag([words for _, words, _, _ in part]))
        out[lang] = {k: prf(*v) for k, v in counts.items()}
    return out


def count_spans(counts: dict, rows: list[tuple], tagged: list[list[str]]) -> None:
    """Add each row's typed exact-span hits, false and missed names (``counts[key]``: tp,
    fp, fn) under its source kind, "all" and its source: bench_ner's figures."""
    for (_, _, tags, source), pred in zip(rows, tagged, strict=True):
        gold, got = spans([TAGS[t] for t in tags]), spans(pred)
        for key in (kind(source), "all", "source:" + group(source)):
            c = counts[key]
            c[0] += len(gold & got)
            c[1] += len(got - gold)
            c[2] += len(gold - got)


def main() -> None:
    global CHARS, DIM, DILATIONS, SEED
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=SEED,
                        help="seed of the sentence order, batches, dropout and new weights "
                             "(another seed measures how far one training moves the figures)")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    parser.add_argument("--per-lang", type=int, default=20_000)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--init", default="",
                        help="continue from this model file's weights and vocabularies")
    parser.add_argument("--lr", type=float, default=2e-3, help="peak learning rate")
    parser.add_argument("--decay", type=float, default=0.3,
                        help="share of the steps over which the rate falls linearly to 0 "
                             "(0: a constant rate, e.g. a base to be fine-tuned per language)")
    parser.add_argument("--chars", type=int, default=CHARS,
                        help="width of the character vectors (0: no character convolution)")
    parser.add_argument("--dim", type=int, default=DIM, help="channels of the network")
    parser.add_argument("--dilations", default=",".join(map(str, DILATIONS)),
                        help="dilation of each residual convolution, comma-separated")
    parser.add_argument("--checkpoints", action="store_true",
                        help="also write the weights after every epoch (<out>.epochN.npz)")
    parser.add_argument("--dev-per-lang", type=int, default=0,
                        help="score on the first N dev sentences of each language (0: all)")
    parser.add_argument("--langs", default="", help="dev languages scored (default: all)")
    parser.add_argument("--train-langs", default="",
                        help="train on these languages' sentences only (default: all; with "
                             "--init: a per-language fine-tuning of a trained model)")
    parser.add_argument("--ship", default="", help="languages the runtime uses the model for")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--ensemble", default="",
                        help="languages served by the network and the CRF together")
    parser.add_argument("--reship", action="store_true",
                        help="only rewrite the served languages of the model at --out")
    args = parser.parse_args()
    if args.reship:
        reship(Path(args.out), [x for x in args.ship.split(",") if x],
               [x for x in args.ensemble.split(",") if x])
        return
    data = Path(args.data)
    if not (data / "train.en.jsonl.gz").exists():
        sys.exit(f"train-ner-nn: no training data in {data}")
    began, cpu = time.time(), time.process_time()

    def log(msg: str) -> None:
        print(f"[{time.time() - began:6.0f}s wall {time.process_time() - cpu:6.0f}s CPU] {msg}",
              flush=True)

    CHARS, DIM, SEED = args.chars, args.dim, args.seed
    DILATIONS = [int(x) for x in args.dilations.split(",")]
    rng = random.Random(SEED)
    rows = load(data, "train", args.per_lang, rng,
                [x for x in args.train_langs.split(",") if x] or LANGS)
    if args.init:  # a fine-tuning: the languages' written sentences (NN_WRITTEN) as well
        for lang in [x for x in args.train_langs.split(",") if x]:
            own = written_rows(lang) + more_written_rows(lang, 1)
            for row in own * NN_WRITTEN.get(lang, 0):
                rows.append((lang, row["tokens"],
                             [TAGS.index(t) if t in TAGS else 0 for t in row["tags"]],
                             row["source"]))
    vocab = build_vocab(rows)
    init = None
    if args.init:  # the given model's vocabularies (its rows of E_shape etc.), new characters
        with np.load(args.init) as z:
            init = {k: z[k].astype(np.float32) for k in z.files if k != "meta"}
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
        before = meta["vocab"]
        vocab = {**before, "char": before.get("char", vocab["char"])}
        # the given model's width and depth (e.g. a 64-channel network's fine-tuning)
        DIM, DILATIONS = init["b_in"].shape[0], meta["dilations"]
    feats, chars = featurize(rows, vocab)
    log(f"featurized {len(rows)} training sentences")
    ship = [x for x in args.ship.split(",") if x]
    out = Path(args.out)
    ensemble = [x for x in args.ensemble.split(",") if x]

    def checkpoint(epoch: int, weights: dict) -> None:
        save(weights, vocab, ship, ensemble, out.with_name(f"{out.stem}.epoch{epoch}.npz"))

    w = train(feats, chars, vocab, args.epochs, log, init, args.lr,
              checkpoint if args.checkpoints else None, args.decay)
    save(w, vocab, ship, ensemble, out)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
    model = tagger_nn.Model(out)
    model.ensemble = set()  # the network alone first, then with the CRF where it serves so
    dev = load(data, "dev", 0, rng, [x for x in args.langs.split(",") if x] or LANGS)
    if args.dev_per_lang:  # every k-th row of each language (its sources in proportion)
        by_lang: dict = defaultdict(list)
        for r in dev:
            by_lang[r[0]].append(r)
        dev = [r for part in by_lang.values()
               for r in part[::max(1, -(-len(part) // args.dev_per_lang))]]
    scores = evaluate(model, dev)
    model.ensemble = set(ensemble)
    for lang, result in evaluate(model, [r for r in dev if r[0] in ensemble]).items():
        scores[lang]["ensemble"] = result
    crf = json.loads((tagger_nn.MODELS / "dev_scores.json").read_text())
    for lang, result in scores.items():
        before = crf.get(lang, {}).get("cased", {}).get("f1")
        result["crf_cased_f1"] = before
        log(f"{lang}: cased {result.get('cased', {}).get('f1')} (CRF {before}) "
            f"all {result['all']['f1']} (CRF {crf.get(lang, {}).get('all', {}).get('f1')})")
    scores["_train"] = {"sentences": len(rows), "per_lang": args.per_lang,
                        "epochs": args.epochs, "dim": DIM, "dilations": DILATIONS,
                        "chars": CHARS, "dev_per_lang": args.dev_per_lang,
                        "train_langs": args.train_langs or None,
                        "init": Path(args.init).name if args.init else None, "lr": args.lr,
                        "decay": args.decay,
                        "seconds": round(time.time() - began),
                        "cpu_seconds": round(time.process_time() - cpu),
                        "size_mb": round(out.stat().st_size / 1e6, 2), "shipped": ship}
    path = SCORES if out == OUT else out.with_suffix(".json")
    path.write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
