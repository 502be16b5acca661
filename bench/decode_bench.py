#!/usr/bin/python3
"""PyTorch-eager side of the delta4j decoding benchmark (see BENCHMARKS.md; bench/run.sh runs both sides).

A plain-PyTorch copy of HF's GPT2LMHeadModel in eval mode (HF transformers is not needed): Conv1D projections,
pre-LN blocks, gelu_new, attention as HF's eager GPT2Attention (scores divided by sqrt(head_dim), the causal table,
then the additive padding mask), final LayerNorm and an lm_head tied to wte. Decoding is a hand-written greedy loop
with a cache as HF's legacy past_key_values: per layer, torch.cat of the past keys/values and the new ones, every
step, under torch.no_grad(). Cases and output lines match org.delta4j.examples.bench.DecodeBench (whose extra
diagnostic `copy`, the logits' copy to Java, has no counterpart here):

    RESULT <label> <case>-b<batch> <median ms> <p10 ms> <p90 ms> <timed runs>

--check DIR loads the weights, prompt, tokens and logits that `DecodeBench --export DIR` wrote, decodes the same
prompt greedily with this loop and compares tokens and logits with delta4j's, to show that both sides compute the
same function; it also checks the cached loop against full forwards without a cache.
"""
import argparse
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

from bench_common import add_common_arguments, blas_library, parse_with_config, read_safetensors, summarize

CASES = ("decode", "recompute", "concat", "head")
SHORT_CALLS_PER_RUN = 20  # as DecodeBench: the concat and head cases take (sub)milliseconds
# HF GPT2Config's defaults (gpt2), for fields a config.json leaves out.
DEFAULTS = {"vocab_size": 50257, "n_positions": 1024, "n_embd": 768, "n_layer": 12, "n_head": 12, "n_inner": None,
            "resid_pdrop": 0.1, "embd_pdrop": 0.1, "attn_pdrop": 0.1, "layer_norm_epsilon": 1e-5,
            "initializer_range": 0.02}


class Conv1D(nn.Module):
    """HF's Conv1D: a linear layer whose weight is stored [in, out]."""

    def __init__(self, out_features, in_features):
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        self.bias = nn.Parameter(torch.zeros(out_features))

    def forward(self, x):
        shape = x.size()[:-1] + (self.out_features,)
        return torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight).view(shape)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, n = c["n_embd"], c["n_positions"]
        self.heads = c["n_head"]
        self.head_dim = h // self.heads
        self.c_attn = Conv1D(3 * h, h)
        self.c_proj = Conv1D(h, h)
        self.attn_dropout = nn.Dropout(c["attn_pdrop"])
        self.resid_dropout = nn.Dropout(c["resid_pdrop"])
        self.register_buffer("bias", torch.tril(torch.ones((n, n), dtype=torch.bool)).view(1, 1, n, n),
                             persistent=False)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x, mask, past):
        q, k, v = self.c_attn(x).split(self.heads * self.head_dim, dim=2)
        q, k, v = self.split(q), self.split(k), self.split(v)
        if past is not None:
            k = torch.cat((past[0], k), dim=-2)
            v = torch.cat((past[1], v), dim=-2)
        scores = torch.matmul(q, k.transpose(-1, -2))
        scores = scores / torch.full([], v.size(-1) ** 0.5, dtype=scores.dtype)
        queries, keys = q.size(-2), k.size(-2)
        causal = self.bias[:, :, keys - queries:keys, :keys]
        scores = torch.where(causal, scores, torch.full([], torch.finfo(scores.dtype).min, dtype=scores.dtype))
        probs = self.attn_dropout(F.softmax(scores + mask, dim=-1))
        ctx = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        out = self.resid_dropout(self.c_proj(ctx.view(ctx.shape[0], ctx.shape[1], -1)))
        return out, (k, v)


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["n_embd"]
        inner = c["n_inner"] or 4 * h
        self.c_fc = Conv1D(inner, h)
        self.c_proj = Conv1D(h, inner)
        self.dropout = nn.Dropout(c["resid_pdrop"])

    def forward(self, x):
        return self.dropout(self.c_proj(gelu_new(self.c_fc(x))))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, eps = c["n_embd"], c["layer_norm_epsilon"]
        self.ln_1 = nn.LayerNorm(h, eps=eps)
        self.attn = Attention(c)
        self.ln_2 = nn.LayerNorm(h, eps=eps)
        self.mlp = MLP(c)

    def forward(self, x, mask, past):
        a, present = self.attn(self.ln_1(x), mask, past)
        x = x + a
        return x + self.mlp(self.ln_2(x)), present


class GPT2Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["n_embd"]
        self.wte = nn.Embedding(c["vocab_size"], h)
        self.wpe = nn.Embedding(c["n_positions"], h)
        self.drop = nn.Dropout(c["embd_pdrop"])
        self.h = nn.ModuleList(Block(c) for _ in range(c["n_layer"]))
        self.ln_f = nn.LayerNorm(h, eps=c["layer_norm_epsilon"])

    def forward(self, ids, position_ids, attention_mask, past):
        # HF's extended mask: 0 where attended, float32 min elsewhere, [batch, 1, 1, keys].
        mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        x = self.drop(self.wte(ids) + self.wpe(position_ids))
        presents = []
        for i, block in enumerate(self.h):
            x, present = block(x, mask, None if past is None else past[i])
            presents.append(present)
        return self.ln_f(x), presents


class GPT2LMHeadModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.transformer = GPT2Model(c)
        self.lm_head = nn.Linear(c["n_embd"], c["vocab_size"], bias=False)
        self.apply(lambda m: init_weights(m, c["initializer_range"]))
        # HF's GPT-2 init: c_proj weights scaled down by the depth.
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                p.data.normal_(0.0, c["initializer_range"] / math.sqrt(2 * c["n_layer"]))
        self.lm_head.weight = self.transformer.wte.weight

    def forward(self, ids, position_ids, attention_mask, past=None):
        hidden, presents = self.transformer(ids, position_ids, attention_mask, past)
        return self.lm_head(hidden), presents


def init_weights(m, std):
    if isinstance(m, (nn.Linear, Conv1D, nn.Embedding)):
        m.weight.data.normal_(0.0, std)
        if getattr(m, "bias", None) is not None:
            m.bias.data.zero_()
    elif isinstance(m, nn.LayerNorm):
        m.weight.data.fill_(1.0)
        m.bias.data.zero_()


def greedy(model, prompt, steps, timings=None, forced=None):
    """Greedy decoding with the cache: the prompt, then `steps` single-token passes, each feeding the last token
    chosen (or forced[:, i], to follow another decoder's choices). Returns the tokens [batch, steps + 1] and the
    logits behind them [steps + 1, batch, vocab]. `timings`, a dict, receives nanoseconds per phase."""
    batch, length = prompt.shape
    clock = time.perf_counter_ns
    with torch.no_grad():
        start = clock()
        mask = torch.ones(batch, length, dtype=torch.int64)
        logits, past = model(prompt, torch.arange(length).unsqueeze(0), mask)
        last = logits[:, -1, :]
        token = last.argmax(-1)
        prefill = clock() - start
        tokens, kept = [token], [last]
        step = argmax = 0
        start = clock()
        for s in range(steps):
            fed = token if forced is None else forced[:, s]
            t0 = clock()
            mask = torch.cat((mask, mask.new_ones(batch, 1)), dim=-1)
            logits, past = model(fed[:, None], torch.full((1, 1), length + s, dtype=torch.int64), mask, past)
            last = logits[:, -1, :]
            t1 = clock()
            token = last.argmax(-1)
            argmax += clock() - t1
            step += t1 - t0
            tokens.append(token)
            kept.append(last)
        if timings is not None:
            timings.update(prefill=prefill, steps=clock() - start, next=step, argmax=argmax)
    return torch.stack(tokens, dim=1), torch.stack(kept)


def run_decode(model, c, args, batch, label):
    prompt = make_tokens(c, batch, args.prompt, args.seed)
    runs = []
    for i in range(args.warmup + args.iters):
        timings = {}
        greedy(model, prompt, args.new, timings)
        if i >= args.warmup:
            runs.append(timings)
    steps = args.new
    for case, key, per in (("prefill", "prefill", 1), ("decode-cached", "steps", steps),
                           ("step-next", "next", steps), ("step-argmax", "argmax", steps)):
        result(label, "%s-b%d" % (case, batch), [r[key] / per for r in runs])


def run_recompute(model, c, args, batch, label):
    total = args.prompt + args.new
    ids = make_tokens(c, batch, total, args.seed)
    positions = torch.arange(total).unsqueeze(0)
    mask = torch.ones(batch, total, dtype=torch.int64)

    def once():
        with torch.no_grad():
            logits, _ = model(ids, positions, mask)
            logits[:, -1, :].argmax(-1)
    result(label, "recompute-%d-b%d" % (total, batch), timed(once, args.warmup, args.iters))


def run_concat(c, args, batch, label):
    """The last step's cache appends alone: per layer, keys and values of total - 1 positions and one new one."""
    total = args.prompt + args.new
    head_dim = c["n_embd"] // c["n_head"]
    cached = torch.randn(batch, c["n_head"], total - 1, head_dim)
    fresh = torch.randn(batch, c["n_head"], 1, head_dim)

    def once():
        for _ in range(2 * c["n_layer"]):
            torch.cat((cached, fresh), dim=-2)
    result(label, "kv-concat-%d-b%d" % (total, batch), timed(once, args.warmup, args.iters * SHORT_CALLS_PER_RUN))


def run_head(model, c, args, batch, label):
    """The lm_head alone on one position per row: the part of a step that does not depend on the layers."""
    hidden = torch.randn(batch, 1, c["n_embd"])

    def once():
        with torch.no_grad():
            model.lm_head(hidden)
    result(label, "lm-head-b%d" % batch, timed(once, args.warmup, args.iters * SHORT_CALLS_PER_RUN))


def timed(work, warmup, count):
    for _ in range(warmup):
        work()
    nanos = []
    for _ in range(count):
        start = time.perf_counter_ns()
        work()
        nanos.append(time.perf_counter_ns() - start)
    return nanos


def result(label, case, nanos):
    print("RESULT %s %s %.3f %.3f %.3f %d" % ((label, case) + summarize(nanos)), flush=True)


def make_tokens(c, batch, length, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, c["vocab_size"], (batch, length), generator=g)


def check(c, directory):
    model = GPT2LMHeadModel(c).eval()
    weights = read_safetensors(directory + "/model.safetensors")
    # HF's state dict holds the causal table as attn.bias; this model makes its own, and lm_head is wte.
    weights = {k: v for k, v in weights.items() if not k.endswith((".attn.bias", ".attn.masked_bias"))}
    if "lm_head.weight" in weights and not torch.equal(weights["lm_head.weight"], weights["transformer.wte.weight"]):
        sys.exit("lm_head.weight differs from transformer.wte.weight, but this model ties them")
    missing, unexpected = model.load_state_dict(weights, strict=False)
    missing = [k for k in missing if k != "lm_head.weight"]
    if missing or unexpected:
        sys.exit("state dict mismatch: missing %s, unexpected %s" % (missing, unexpected))
    io = read_safetensors(directory + "/io.safetensors")
    prompt, theirs, their_logits = io["input_ids"], io["tokens"], io["logits"]
    steps = theirs.shape[1] - 1
    tokens, logits = greedy(model, prompt, steps)
    # Fed delta4j's tokens, so that one near-tie cannot derail the logits comparison.
    _, forced_logits = greedy(model, prompt, steps, forced=theirs)
    d_logits = (forced_logits - their_logits).abs().max().item()
    same_tokens = torch.equal(tokens, theirs)
    # The cached loop against full forwards without a cache, over the prompt and the tokens fed.
    full = torch.cat((prompt, theirs[:, :-1]), dim=1)
    with torch.no_grad():
        recomputed, _ = model(full, torch.arange(full.shape[1]).unsqueeze(0), torch.ones_like(full))
    d_cache = (recomputed[:, prompt.shape[1] - 1:, :].transpose(0, 1) - forced_logits).abs().max().item()
    ok = same_tokens and d_logits < 1e-4 and d_cache < 1e-4
    print("CHECK %s greedy tokens %s (%d rows x %d), max|diff| logits %.2e over %d steps, cached vs recomputed %.2e"
          " (%d tensors loaded)" % ("OK" if ok else "FAILED", "equal" if same_tokens else "DIFFER", tokens.shape[0],
                                    tokens.shape[1], d_logits, steps + 1, d_cache, len(weights)))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", required=True)
    p.add_argument("--batch", default="1,8", help="batch sizes, comma-separated")
    p.add_argument("--prompt", type=int, default=128)
    p.add_argument("--new", type=int, default=64)
    add_common_arguments(p, CASES, warmup=1, iters=3)
    args, c = parse_with_config(p, DEFAULTS)
    if args.check:
        return check(c, args.check)
    batches = [int(b) for b in args.batch.split(",")]
    cases = args.cases.split(",")
    for name in cases:
        if name not in CASES:
            sys.exit("unknown case %r; the cases are %s" % (name, CASES))
    print("# PyTorch %s, %d threads, BLAS %s, %d layers, n_embd %d, %d heads, vocab %d; batches %s, prompt %d,"
          " new %d; warmup %d, timed %d" % (torch.__version__, torch.get_num_threads(), blas_library(), c["n_layer"],
                                            c["n_embd"], c["n_head"], c["vocab_size"], batches, args.prompt,
                                            args.new, args.warmup, args.iters))
    torch.manual_seed(args.seed)
    model = GPT2LMHeadModel(c).eval()
    for batch in batches:
        for name in cases:
            if name == "decode":
                run_decode(model, c, args, batch, args.label)
            elif name == "recompute":
                run_recompute(model, c, args, batch, args.label)
            elif name == "concat":
                run_concat(c, args, batch, args.label)
            else:
                run_head(model, c, args, batch, args.label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
