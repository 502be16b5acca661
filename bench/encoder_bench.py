#!/usr/bin/python3
"""PyTorch-eager side of the delta4j encoder benchmark (see BENCHMARKS.md; bench/run.sh runs both sides).

A plain-PyTorch copy of HF's BertModel (HF transformers is not needed): post-LN encoder layers, erf GELU,
LayerNorm eps from the config, attention as HF's eager BertSelfAttention, pooler, and HF's initialisation
(normal(0, initializer_range) for linear and embedding weights, zero biases and padding row, LayerNorm 1/0).
Cases and output lines match org.delta4j.examples.bench.EncoderBench:

    RESULT <label> <case> <median ms> <p10 ms> <p90 ms> <timed runs>

--check DIR loads the weights and inputs that `EncoderBench --export DIR` wrote, runs this model on them in eval
mode and compares with delta4j's outputs, to show that both sides compute the same function.
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

CASES = ("forward", "train-full", "train-lora", "update-full", "fwdbwd-full")
LEARNING_RATE = 1e-3
LORA_R, LORA_ALPHA = 8, 16
# HF BertConfig's defaults (bert-base-uncased), for fields a config.json leaves out.
DEFAULTS = {"vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
            "intermediate_size": 3072, "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": 512, "type_vocab_size": 2, "initializer_range": 0.02,
            "layer_norm_eps": 1e-12, "pad_token_id": 0}


class SelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.heads = c["num_attention_heads"]
        self.head_dim = h // self.heads
        self.query = nn.Linear(h, h)
        self.key = nn.Linear(h, h)
        self.value = nn.Linear(h, h)
        self.dropout = nn.Dropout(c["attention_probs_dropout_prob"])

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x, mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        probs = self.dropout(F.softmax(scores + mask, dim=-1))
        ctx = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        return ctx.view(ctx.shape[0], ctx.shape[1], -1)


class ResidualOutput(nn.Module):
    """HF's BertSelfOutput / BertOutput: dense, dropout, LayerNorm(x + residual)."""

    def __init__(self, c, inner):
        super().__init__()
        self.dense = nn.Linear(inner, c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, x, residual):
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = ResidualOutput(c, c["hidden_size"])

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, x):
        return F.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = ResidualOutput(c, c["intermediate_size"])

    def forward(self, x, mask):
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList(Layer(c) for _ in range(c["num_hidden_layers"]))

    def forward(self, x, mask):
        for layer in self.layer:
            x = layer(x, mask)
        return x


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.word_embeddings = nn.Embedding(c["vocab_size"], h, padding_idx=c["pad_token_id"])
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], h)
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], h)
        self.LayerNorm = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])
        self.register_buffer("position_ids", torch.arange(c["max_position_embeddings"]).unsqueeze(0))

    def forward(self, ids):
        positions = self.position_ids[:, :ids.shape[1]]
        types = torch.zeros_like(ids)
        x = self.word_embeddings(ids) + self.token_type_embeddings(types)
        x = x + self.position_embeddings(positions)
        return self.dropout(self.LayerNorm(x))


class Pooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])

    def forward(self, x):
        return torch.tanh(self.dense(x[:, 0]))


class BertModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)
        self.pooler = Pooler(c)
        self.apply(lambda m: init_weights(m, c["initializer_range"]))

    def forward(self, input_ids, attention_mask):
        # HF's extended mask: 0 where attended, float32 min elsewhere, [batch, 1, 1, keys].
        mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        sequence = self.encoder(self.embeddings(input_ids), mask)
        return sequence, self.pooler(sequence)


def init_weights(m, std):
    if isinstance(m, nn.Linear):
        m.weight.data.normal_(0.0, std)
        m.bias.data.zero_()
    elif isinstance(m, nn.Embedding):
        m.weight.data.normal_(0.0, std)
        if m.padding_idx is not None:
            m.weight.data[m.padding_idx].zero_()
    elif isinstance(m, nn.LayerNorm):
        m.weight.data.fill_(1.0)
        m.bias.data.zero_()


class LoraLinear(nn.Module):
    """loralib / OpenDelta LoRA around a frozen linear layer: base(x) + (x A^T B^T) * alpha / r."""

    def __init__(self, base):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.empty(LORA_R, base.in_features).uniform_(-1, 1) / math.sqrt(base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, LORA_R))
        self.scaling = LORA_ALPHA / LORA_R

    def forward(self, x):
        return self.base(x) + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling


def add_lora(model):
    for p in model.parameters():
        p.requires_grad_(False)
    for layer in model.encoder.layer:
        attn = layer.attention.self
        attn.query = LoraLinear(attn.query)
        attn.value = LoraLinear(attn.value)
    return [p for n, p in model.named_parameters() if "lora_" in n]


def squared_output_loss(outputs):
    sequence, pooled = outputs
    return sequence.square().mean() + pooled.square().mean()


def make_inputs(c, batch, length, seed):
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(1000, c["vocab_size"], (batch, length), generator=g)
    return ids, torch.ones(batch, length, dtype=torch.int64)


def make_case(name, c, args):
    torch.manual_seed(args.seed)
    model = BertModel(c)
    ids, mask = make_inputs(c, args.batch, args.seq, args.seed)
    if name == "forward":
        model.eval()

        def run():
            with torch.no_grad():
                model(ids, mask)
        return run
    params = add_lora(model) if name == "train-lora" else list(model.parameters())
    model.train()
    # As delta4j's AdamW: PyTorch's defaults (weight decay 0.01), the single-tensor path.
    opt = torch.optim.AdamW(params, lr=LEARNING_RATE, foreach=False)

    if name == "fwdbwd-full":
        # Diagnostic: train-full without the optimiser update; gradients accumulate, as in delta4j.
        def forward_backward():
            squared_output_loss(model(ids, mask)).backward()
        return forward_backward

    if name == "update-full":
        # The update alone, on gradients from one backward pass, as delta4j's update-full.
        squared_output_loss(model(ids, mask)).backward()
        return opt.step

    def step():
        opt.zero_grad(set_to_none=True)
        loss = squared_output_loss(model(ids, mask))
        loss.backward()
        opt.step()
        if not math.isfinite(loss.item()):
            raise RuntimeError("the training loss is %s" % loss.item())
    return step


def summarize(nanos):
    ms = sorted(n / 1e6 for n in nanos)
    n = len(ms)
    median = ms[n // 2] if n % 2 else (ms[n // 2 - 1] + ms[n // 2]) / 2

    def rank(q):
        return ms[max(0, min(n - 1, math.ceil(q * n) - 1))]
    return median, rank(0.1), rank(0.9), n


def blas_library():
    """The BLAS shared library torch's matrix products load (reference BLAS makes them ~20x slower)."""
    torch.randn(64, 64) @ torch.randn(64, 64)
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.split()[-1]}
    except OSError:
        return "unknown"
    return ",".join(sorted(libs)) or "none loaded"


def read_safetensors(path):
    dtypes = {"F32": torch.float32, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name != "__metadata__":
            start, end = info["data_offsets"]
            out[name] = torch.frombuffer(bytearray(data[start:end]), dtype=dtypes[info["dtype"]]).reshape(info["shape"])
    return out


def check(c, directory):
    model = BertModel(c).eval()
    weights = read_safetensors(directory + "/model.safetensors")
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if missing or unexpected:
        sys.exit("state dict mismatch: missing %s, unexpected %s" % (missing, unexpected))
    io = read_safetensors(directory + "/io.safetensors")
    with torch.no_grad():
        sequence, pooled = model(io["input_ids"], io["attention_mask"])
    d_seq = (sequence - io["last_hidden_state"]).abs().max().item()
    d_pool = (pooled - io["pooler_output"]).abs().max().item()
    ok = d_seq < 1e-4 and d_pool < 1e-4
    print("CHECK %s max|diff| last_hidden_state %.2e pooler_output %.2e (%d tensors loaded)"
          % ("OK" if ok else "FAILED", d_seq, d_pool, len(weights)))
    return 0 if ok else 1


def add_common_arguments(p, cases, warmup, iters):
    """The options every benchmark here takes after its own shape options."""
    p.add_argument("--cases", default=",".join(cases))
    p.add_argument("--warmup", type=int, default=warmup)
    p.add_argument("--iters", type=int, default=iters)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--label", default="torch")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--check", metavar="DIR")


def parse_with_config(p, defaults):
    """Parses the arguments, sets torch's threads, and reads --config's JSON over the defaults."""
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    with open(args.config) as f:
        return args, {**defaults, **json.load(f)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", required=True)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=64)
    add_common_arguments(p, CASES, warmup=3, iters=10)
    args, c = parse_with_config(p, DEFAULTS)
    if args.check:
        return check(c, args.check)
    print("# PyTorch %s, %d threads, BLAS %s, %d layers, hidden %d, %d heads, ffn %d, vocab %d; batch %d x seq %d;"
          " warmup %d, timed %d" % (torch.__version__, torch.get_num_threads(), blas_library(), c["num_hidden_layers"],
                                    c["hidden_size"], c["num_attention_heads"], c["intermediate_size"],
                                    c["vocab_size"], args.batch, args.seq, args.warmup, args.iters))
    for name in args.cases.split(","):
        if name not in CASES:
            sys.exit("unknown case %r; the cases are %s" % (name, CASES))
        run = make_case(name, c, args)
        for _ in range(args.warmup):
            run()
        nanos = []
        for _ in range(args.iters):
            start = time.perf_counter_ns()
            run()
            nanos.append(time.perf_counter_ns() - start)
        print("RESULT %s %s %.3f %.3f %.3f %d" % ((args.label, name) + summarize(nanos)), flush=True)
    print("PEAKRSS %s %s %d" % (args.label, args.cases, peak_rss_kb()), flush=True)
    return 0


def peak_rss_kb():
    """The process's peak resident set size (VmHWM), in kB."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


if __name__ == "__main__":
    sys.exit(main())
