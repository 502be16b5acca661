#!/usr/bin/python3
"""PyTorch-eager side of the delta4j encoder-style benchmark (see BENCHMARKS.md; bench/run.sh runs both sides).

The base model of the family the config's model_type names, in plain PyTorch (HF transformers is not needed):
- bert: a copy of HF's BertModel (here): post-LN encoder layers, erf GELU, attention as HF's eager
  BertSelfAttention, pooler, and HF's initialisation (normal(0, initializer_range) for linear and embedding weights,
  zero biases and padding row, LayerNorm 1/0); LoRA on query, value;
- gpt2: decode_bench.py's GPT2Model (causal mask); LoRA on c_attn;
- t5: t5_model.py's T5Model (encoder-decoder, decoder_input_ids as long as input_ids); LoRA on q, v;
- llama, qwen2: llama_bench.py's decoder (Qwen2Model / LlamaModel); LoRA on q_proj, v_proj.
LoRA targets are PEFT's defaults for the family, r 8, alpha 16, unmerged (forward-lora-merged: merged into the
weights, still attached, as PEFT's merge_adapter). Cases and output lines match
org.delta4j.examples.bench.EncoderBench:

    RESULT <label> <case> <median ms> <p10 ms> <p90 ms> <timed runs>

--check DIR loads the weights and inputs that `EncoderBench --export DIR` wrote, runs this model on them in eval
mode and compares every output with delta4j's, to show that both sides compute the same function.
"""
import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn

import decode_bench
import llama_bench
import t5_model
from bench_common import (LEARNING_RATE, LoraLinear, add_common_arguments, add_lora, blas_library, parse_with_config,
                          peak_rss_kb, read_safetensors, summarize, warm_up)

CASES = ("forward", "forward-lora", "forward-lora-merged", "train-full", "train-lora", "update-full", "fwdbwd-full")
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
        return {"last_hidden_state": sequence, "pooler_output": self.pooler(sequence)}


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


class GPT2Model(decode_bench.GPT2Model):
    """decode_bench's GPT2Model with HF's initialisation, called with named inputs, positions 0.., no cache."""

    def __init__(self, c):
        super().__init__(c)
        self.apply(lambda m: decode_bench.init_weights(m, c["initializer_range"]))

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        return {"last_hidden_state": super().forward(input_ids, positions, attention_mask, None)[0]}


class LlamaFamilyModel(llama_bench.Decoder):
    """llama_bench's decoder (Qwen2Model / LlamaModel) with HF's initialisation, called with named inputs."""

    def __init__(self, c):
        super().__init__(c, "cpu")
        self.apply(lambda m: decode_bench.init_weights(m, c.get("initializer_range", 0.02)))

    def forward(self, input_ids, attention_mask):
        return {"last_hidden_state": super().forward(input_ids, attention_mask)}


class T5Model(t5_model.T5Model):
    """t5_model's T5Model with normal(0, 0.02) weights, as the other families (HF scales T5's by width instead)."""

    def __init__(self, c):
        super().__init__(c)
        self.apply(lambda m: decode_bench.init_weights(m, 0.02))


@dataclass(frozen=True)
class Family:
    """A model family of the benchmark: its config defaults, its base model (named inputs in, named outputs out),
    PEFT's LoRA targets, and the names by which delta4j's state dict differs from the model's: parameters the model
    ties to another one (missing there) and buffers delta4j saves but the model computes (extra there)."""
    defaults: dict
    build: Callable
    lora: tuple
    tied: Callable = lambda name: False
    computed: Callable = lambda name: False
    decoder_inputs: bool = False


FAMILIES = {
    "bert": Family(DEFAULTS, BertModel, ("query", "value")),
    "gpt2": Family(decode_bench.DEFAULTS, GPT2Model, ("c_attn",),
                   computed=lambda n: n.endswith((".attn.bias", ".attn.masked_bias"))),
    "t5": Family(t5_model.DEFAULTS, T5Model, ("q", "v"), tied=lambda n: n == "shared.weight", decoder_inputs=True),
    "llama": Family({}, LlamaFamilyModel, ("q_proj", "v_proj")),
    "qwen2": Family({}, LlamaFamilyModel, ("q_proj", "v_proj")),
}


def family_of(c):
    if c.get("model_type") not in FAMILIES:
        sys.exit("model_type %r: the benchmark builds %s (set model_type to one of them)"
                 % (c.get("model_type"), list(FAMILIES)))
    return FAMILIES[c["model_type"]]


def read_config(path):
    """The config at `path` over its family's defaults (for bench/profile.py, which has its own command line)."""
    with open(path) as f:
        c = json.load(f)
    return {**family_of(c).defaults, **c}


def squared_output_loss(outputs):
    """mean(last_hidden_state^2), plus mean(pooler_output^2) for BERT: every weight gets a gradient, no labels."""
    loss = outputs["last_hidden_state"].square().mean()
    pooled = outputs.get("pooler_output")
    return loss if pooled is None else loss + pooled.square().mean()


def make_inputs(c, batch, length, seed):
    """Random token ids above the low ids (where BERT's special tokens live), an all-ones mask, and for T5 random
    decoder_input_ids of the same shape."""
    g = torch.Generator().manual_seed(seed)
    low = min(1000, c["vocab_size"] // 2)
    inputs = {"input_ids": torch.randint(low, c["vocab_size"], (batch, length), generator=g),
              "attention_mask": torch.ones(batch, length, dtype=torch.int64)}
    if family_of(c).decoder_inputs:
        inputs["decoder_input_ids"] = torch.randint(low, c["vocab_size"], (batch, length), generator=g)
    return inputs


def make_case(name, c, args):
    torch.manual_seed(args.seed)
    family = family_of(c)
    model = family.build(c)
    inputs = make_inputs(c, args.batch, args.seq, args.seed)
    if name.startswith("forward"):
        if name != "forward":
            add_lora(model, family.lora)
        if name == "forward-lora-merged":
            for m in model.modules():
                if isinstance(m, LoraLinear):
                    m.merge()
        model.eval()

        def run():
            with torch.no_grad():
                model(**inputs)
        return run
    params = add_lora(model, family.lora) if name == "train-lora" else list(model.parameters())
    model.train()
    # As delta4j's AdamW: PyTorch's defaults (weight decay 0.01), the single-tensor path.
    opt = torch.optim.AdamW(params, lr=LEARNING_RATE, foreach=False)

    if name == "fwdbwd-full":
        # Diagnostic: train-full without the optimiser update; gradients accumulate, as in delta4j.
        def forward_backward():
            squared_output_loss(model(**inputs)).backward()
        return forward_backward

    if name == "update-full":
        # The update alone, on gradients from one backward pass, as delta4j's update-full.
        squared_output_loss(model(**inputs)).backward()
        return opt.step

    def step():
        opt.zero_grad(set_to_none=True)
        loss = squared_output_loss(model(**inputs))
        loss.backward()
        opt.step()
        if not math.isfinite(loss.item()):
            raise RuntimeError("the training loss is %s" % loss.item())
    return step


def check(c, directory):
    family = family_of(c)
    model = family.build(c).eval()
    weights = {k: v for k, v in read_safetensors(directory + "/model.safetensors").items() if not family.computed(k)}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    missing = [k for k in missing if not family.tied(k)]
    if missing or unexpected:
        sys.exit("state dict mismatch: missing %s, unexpected %s" % (missing, unexpected))
    io = read_safetensors(directory + "/io.safetensors")
    inputs = {k: io.pop(k) for k in make_inputs(c, 1, 1, 0)}
    with torch.no_grad():
        outputs = model(**inputs)
    if set(outputs) != set(io):
        sys.exit("outputs differ: delta4j's %s, this model's %s" % (sorted(io), sorted(outputs)))
    diffs = {k: (outputs[k] - io[k]).abs().max().item() for k in sorted(io)}
    ok = all(d < 1e-4 for d in diffs.values())
    print("CHECK %s %s: max|diff| %s (%d tensors loaded)"
          % ("OK" if ok else "FAILED", c["model_type"], ", ".join("%s %.2e" % kv for kv in diffs.items()),
             len(weights)))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", required=True)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=64)
    add_common_arguments(p, CASES, warmup=3, iters=10)
    p.add_argument("--warmup-seconds", type=float, default=0.0,
                   help="untimed seconds of each case before timing, at least (as EncoderBench)")
    p.add_argument("--inference-iters", type=int, default=None,
                   help="timed runs of each forward case, which run in turns (default: --iters)")
    args, c = parse_with_config(p, {})
    inference_iters = args.inference_iters or args.iters
    c = {**family_of(c).defaults, **c}
    if args.check:
        return check(c, args.check)
    print("# PyTorch %s, %d threads, BLAS %s, %s (%s), vocab %d; batch %d x seq %d; warmup %d, timed %d (inference %d)"
          % (torch.__version__, torch.get_num_threads(), blas_library(), c["model_type"], args.config,
             c["vocab_size"], args.batch, args.seq, args.warmup, args.iters, inference_iters))
    names = args.cases.split(",")
    for name in names:
        if name not in CASES:
            sys.exit("unknown case %r; the cases are %s" % (name, CASES))
    # As EncoderBench: the inference cases in turns (their ratios to each other count), then the training cases.
    inference = [n for n in names if n.startswith("forward")]
    for group in [inference] + [[n] for n in names if n not in inference]:
        runs = [make_case(name, c, args) for name in group]
        warm_up(runs, args.warmup, args.warmup_seconds)
        nanos = [[] for _ in group]
        for _ in range(inference_iters if group is inference else args.iters):
            for run, times in zip(runs, nanos):
                start = time.perf_counter_ns()
                run()
                times.append(time.perf_counter_ns() - start)
        for name, times in zip(group, nanos):
            print("RESULT %s %s %.3f %.3f %.3f %d" % ((args.label, name) + summarize(times)), flush=True)
    print("PEAKRSS %s %s %d" % (args.label, args.cases, peak_rss_kb()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
