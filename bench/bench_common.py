"""What the PyTorch sides of the delta4j benchmarks share: timing summaries, safetensors reading, the command line,
LoRA as loralib / OpenDelta compute it, and the training settings (as delta4j's in BenchTraining)."""
import json
import math
import struct
import time

import torch
import torch.nn.functional as F
from torch import nn

LEARNING_RATE = 1e-3
LORA_R, LORA_ALPHA = 8, 16


class LoraLinear(nn.Module):
    """loralib / OpenDelta LoRA around a frozen linear layer: base(x) + (x A^T B^T) * alpha / r; once merged (PEFT's
    merge_adapter), B A * alpha / r is in the base weight and the forward is the base layer's."""

    def __init__(self, base):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.empty(LORA_R, base.in_features).uniform_(-1, 1) / math.sqrt(base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, LORA_R))
        self.scaling = LORA_ALPHA / LORA_R
        self.merged = False

    def merge(self):
        with torch.no_grad():
            delta = self.lora_B @ self.lora_A * self.scaling
            # nn.Linear stores [out, in]; GPT-2's Conv1D [in, out].
            self.base.weight += delta if self.base.weight.shape == delta.shape else delta.T
        self.merged = True

    def forward(self, x):
        if self.merged:
            return self.base(x)
        return self.base(x) + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling


def add_lora(model, targets):
    """Freezes the model and wraps every submodule named in `targets` (PEFT's target_modules) in LoraLinear, unmerged;
    returns the LoRA parameters, the only ones that train."""
    for p in model.parameters():
        p.requires_grad_(False)
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if name in targets:
                setattr(module, name, LoraLinear(child))
    params = [p for n, p in model.named_parameters() if "lora_" in n]
    if not params:
        raise ValueError("no module named %s in the model, so LoRA attached nowhere" % sorted(targets))
    return params


def warm_up(runs, count, seconds):
    """Calls each of runs in turns, at least count times and for at least seconds (as delta4j's Timings does): a warm-up
    counted in calls alone would leave the JVM side still compiling, and both sides warm up alike."""
    end = time.perf_counter() + seconds
    i = 0
    while i < count or time.perf_counter() < end:
        for run in runs:
            run()
        i += 1


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


def peak_rss_kb():
    """The process's peak resident set size (VmHWM), in kB."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
