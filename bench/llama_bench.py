#!/usr/bin/python3
"""PyTorch-eager side of the delta4j Llama-family benchmark (see BENCHMARKS.md; bench/run.sh runs both sides).

A plain-PyTorch copy of HF's Qwen2ForCausalLM / LlamaForCausalLM with HF's eager math (HF transformers is not
needed): RMSNorm in float32, rotate-half RoPE, grouped-query attention by repeating the key/value heads, SwiGLU MLP,
q/k/v biases for Qwen2 (or `attention_bias`), the head tied to the embedding when `tie_word_embeddings`. It loads the
HF folder that `LlamaBench --write` wrote (BF16 safetensors, converted to float32 one tensor at a time into a model
built without initialising its weights, so no second copy is ever held). Cases and output lines match
org.delta4j.examples.bench.LlamaBench:

    RESULT <label> <case> <median ms> <p10 ms> <p90 ms> <timed runs>
    PEAKRSS <label> <cases> <kB>

--check DIR runs the model on the input ids that `LlamaBench --model MODEL --export DIR` wrote, in eval mode, and
compares with delta4j's logits, to show that both sides compute the same function.
"""
import argparse
import json
import math
import struct
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

from bench_common import LEARNING_RATE, add_lora, blas_library, peak_rss_kb, read_safetensors, summarize, warm_up

CASES = ("load", "forward", "train-lora")
DTYPES = {"BF16": torch.bfloat16, "F16": torch.float16, "F32": torch.float32}


class RMSNorm(nn.Module):
    def __init__(self, size, eps, device):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size, device=device))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rotary(c, length):
    """HF's default RoPE: cos and sin, [length, head_dim], the frequencies repeated for both halves."""
    dim = c["hidden_size"] // c["num_attention_heads"]
    inv_freq = 1.0 / (c.get("rope_theta", 10000.0) ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    freqs = torch.arange(length, dtype=torch.float32)[:, None] * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


class Attention(nn.Module):
    def __init__(self, c, device):
        super().__init__()
        h = c["hidden_size"]
        self.heads = c["num_attention_heads"]
        self.kv_heads = c.get("num_key_value_heads", self.heads)
        self.head_dim = h // self.heads
        bias = c["model_type"] == "qwen2" or c.get("attention_bias", False)
        self.q_proj = nn.Linear(h, self.heads * self.head_dim, bias=bias, device=device)
        self.k_proj = nn.Linear(h, self.kv_heads * self.head_dim, bias=bias, device=device)
        self.v_proj = nn.Linear(h, self.kv_heads * self.head_dim, bias=bias, device=device)
        self.o_proj = nn.Linear(self.heads * self.head_dim, h, bias=c["model_type"] != "qwen2"
                                and c.get("attention_bias", False), device=device)
        self.dropout = c.get("attention_dropout", 0.0)

    def split(self, x, heads):
        b, t, _ = x.shape
        return x.view(b, t, heads, self.head_dim).transpose(1, 2)

    def forward(self, x, cos, sin, mask):
        q = self.split(self.q_proj(x), self.heads)
        k = self.split(self.k_proj(x), self.kv_heads)
        v = self.split(self.v_proj(x), self.kv_heads)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        groups = self.heads // self.kv_heads
        k, v = k.repeat_interleave(groups, dim=1), v.repeat_interleave(groups, dim=1)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim) + mask
        probs = F.dropout(F.softmax(scores, dim=-1, dtype=torch.float32), p=self.dropout, training=self.training)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(x.shape[0], x.shape[1], -1)
        return self.o_proj(out)


class MLP(nn.Module):
    def __init__(self, c, device):
        super().__init__()
        h, i = c["hidden_size"], c["intermediate_size"]
        self.gate_proj = nn.Linear(h, i, bias=False, device=device)
        self.up_proj = nn.Linear(h, i, bias=False, device=device)
        self.down_proj = nn.Linear(i, h, bias=False, device=device)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, c, device):
        super().__init__()
        eps = c.get("rms_norm_eps", 1e-6)
        self.input_layernorm = RMSNorm(c["hidden_size"], eps, device)
        self.self_attn = Attention(c, device)
        self.post_attention_layernorm = RMSNorm(c["hidden_size"], eps, device)
        self.mlp = MLP(c, device)

    def forward(self, x, cos, sin, mask):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask)
        return x + self.mlp(self.post_attention_layernorm(x))


class Decoder(nn.Module):
    def __init__(self, c, device):
        super().__init__()
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"], device=device)
        self.layers = nn.ModuleList(DecoderLayer(c, device) for _ in range(c["num_hidden_layers"]))
        self.norm = RMSNorm(c["hidden_size"], c.get("rms_norm_eps", 1e-6), device)
        self.c = c

    def forward(self, ids, attention_mask):
        t = ids.shape[1]
        cos, sin = rotary(self.c, t)
        # HF's eager mask: the dtype's minimum above the diagonal and at padded keys.
        allowed = torch.ones(t, t, dtype=torch.bool).tril()[None, None] & attention_mask.bool()[:, None, None, :]
        mask = torch.zeros(allowed.shape).masked_fill(~allowed, torch.finfo(torch.float32).min)
        x = self.embed_tokens(ids)
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
        return self.norm(x)


class CausalLM(nn.Module):
    def __init__(self, c, device="cpu"):
        super().__init__()
        if c["model_type"] not in ("qwen2", "llama"):
            sys.exit("model_type %r: this benchmark implements qwen2 and llama" % c["model_type"])
        self.model = Decoder(c, device)
        self.lm_head = nn.Linear(c["hidden_size"], c["vocab_size"], bias=False, device=device)
        if c.get("tie_word_embeddings", False):
            self.lm_head.weight = self.model.embed_tokens.weight

    def forward(self, ids, attention_mask):
        return self.lm_head(self.model(ids, attention_mask))


def read_config(folder):
    with open(folder + "/config.json") as f:
        return json.load(f)


def load(folder):
    """Builds the model without initialising it (meta, then uninitialised memory) and fills it tensor by tensor."""
    c = read_config(folder)
    model = CausalLM(c, device="meta").to_empty(device="cpu")
    if c.get("tie_word_embeddings", False):
        model.lm_head.weight = model.model.embed_tokens.weight
    params = model.state_dict(keep_vars=True)  # every path, a tied weight under each of its paths
    tied = {"lm_head.weight"} if c.get("tie_word_embeddings", False) else set()
    with open(folder + "/model.safetensors", "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        header.pop("__metadata__", None)
        if set(header) - set(params) or set(params) - set(header) - tied:
            sys.exit("state dict mismatch: missing %s, unexpected %s"
                     % (sorted(set(params) - set(header)), sorted(set(header) - set(params))))
        with torch.no_grad():
            for name, info in header.items():
                start, end = info["data_offsets"]
                f.seek(8 + size + start)
                raw = torch.frombuffer(bytearray(f.read(end - start)), dtype=DTYPES[info["dtype"]])
                params[name].copy_(raw.reshape(info["shape"]))
    return model, c


def make_inputs(c, batch, length, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, c["vocab_size"], (batch, length), generator=g), torch.ones(batch, length, dtype=torch.int64)


def causal_lm_loss(logits, ids):
    return F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))


def make_case(name, args):
    """The case's run function and what it holds (freed before the next case is built)."""
    if name == "load":
        held = {}

        def run():
            held.clear()
            held["model"] = load(args.model)
        return run, held
    model, c = load(args.model)
    ids, mask = make_inputs(c, args.batch, args.seq, args.seed)
    if name == "forward":
        model.eval()

        def forward():
            with torch.no_grad():
                model(ids, mask)
        return forward, model
    params = add_lora(model, ("q_proj", "v_proj"))
    model.train()
    opt = torch.optim.AdamW(params, lr=LEARNING_RATE, foreach=False)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = causal_lm_loss(model(ids, mask), ids)
        loss.backward()
        opt.step()
        if not math.isfinite(loss.item()):
            raise RuntimeError("the training loss is %s" % loss.item())
    return step, model


def check(folder, directory):
    model, _ = load(folder)
    model.eval()
    io = read_safetensors(directory + "/io.safetensors")
    ids = io["input_ids"]
    with torch.no_grad():
        logits = model(ids, torch.ones_like(ids))
    diff = (logits - io["logits"]).abs().max().item()
    ok = diff < 1e-4
    print("CHECK %s max|diff| logits %.2e (%s, %d x %d tokens)"
          % ("OK" if ok else "FAILED", diff, folder, ids.shape[0], ids.shape[1]))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", required=True, help="the HF folder LlamaBench --write wrote")
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--cases", default=",".join(CASES))
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--warmup-seconds", type=float, default=0.0,
                   help="untimed seconds of each case before timing, at least (as LlamaBench)")
    p.add_argument("--iters", type=int, default=3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--label", default="torch")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--check", metavar="DIR")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    if args.check:
        return check(args.model, args.check)
    c = read_config(args.model)
    print("# PyTorch %s, %d threads, BLAS %s, %s: %d layers, hidden %d, %d heads (%d key/value), ffn %d, vocab %d;"
          " batch %d x seq %d; warmup %d, timed %d"
          % (torch.__version__, torch.get_num_threads(), blas_library(), c["architectures"][0],
             c["num_hidden_layers"], c["hidden_size"], c["num_attention_heads"], c.get("num_key_value_heads", 0),
             c["intermediate_size"], c["vocab_size"], args.batch, args.seq, args.warmup, args.iters))
    for name in args.cases.split(","):
        if name not in CASES:
            sys.exit("unknown case %r; the cases are %s" % (name, CASES))
        run, held = make_case(name, args)
        warm_up([run], args.warmup, args.warmup_seconds)
        nanos = []
        for _ in range(args.iters):
            start = time.perf_counter_ns()
            run()
            nanos.append(time.perf_counter_ns() - start)
        print("RESULT %s %s %.3f %.3f %.3f %d" % ((args.label, name) + summarize(nanos)), flush=True)
        del run, held
    print("PEAKRSS %s %s %d" % (args.label, args.cases, peak_rss_kb()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
