#!/usr/bin/env python3
"""Where one eval-mode forward pass goes, both sides: native calls and time in GEMMs, other ops and outside.

delta4j's side comes from ForwardProfile (a libtorch profiler trace of one pass, and the pass's wall time); PyTorch's
side is profiled here with torch.profiler on the same model (bench/encoder_bench.py). Both traces are summarised by
the same code: top-level native operations (those not nested in another), their count and time, the time in the
matrix products (addmm, mm, bmm, baddbmm), and the rest of the pass's wall time, spent outside libtorch (JNI and Java
for delta4j, Python for PyTorch). Prints a Markdown table.

    profile.py --config bench/bert-scaled.json --batch 8 --seq 64 --djl-trace T.json --djl-wall MS --djl-arrays N
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encoder_bench  # noqa: E402
from bench_common import warm_up  # noqa: E402

GEMMS = {"aten::addmm", "aten::mm", "aten::bmm", "aten::baddbmm"}


def native_ops(trace_path):
    """The trace's aten:: operations as (name, start, duration, input shapes), times in microseconds, by start."""
    with open(trace_path) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = [(e["name"], float(e["ts"]), float(e["dur"]), e.get("shape") or e.get("args", {}).get("Input Dims"))
           for e in events if e.get("ph") == "X" and str(e.get("name", "")).startswith("aten::")]
    return sorted(ops, key=lambda o: (o[1], -o[2]))


def gemm_flops(name, shapes):
    """Multiply-adds times two of one matrix product, from its input shapes (addmm: bias first)."""
    a, b = (shapes[1], shapes[2]) if name in ("aten::addmm", "aten::baddbmm") else (shapes[0], shapes[1])
    batch = a[0] if len(a) == 3 else 1
    return 2.0 * batch * a[-2] * a[-1] * b[-1]


def top_level(ops):
    """The operations not nested in another one (what the caller asked libtorch for)."""
    out, end = [], float("-inf")
    for op in ops:
        if op[1] >= end:
            out.append(op)
            end = op[1] + op[2]
    return out


def summary(trace_path, wall_ms, peak_gflops):
    ops = native_ops(trace_path)
    top = top_level(ops)
    native_ms = sum(o[2] for o in top) / 1000
    gemms = [o for o in ops if o[0] in GEMMS]
    gemm_ms = sum(o[2] for o in gemms) / 1000
    gflops = sum(gemm_flops(o[0], o[3]) for o in gemms) / (gemm_ms * 1e6) if gemm_ms else 0.0
    counts = {}
    for o in top:
        counts[o[0]] = counts.get(o[0], 0) + 1
    span_ms = (top[-1][1] + top[-1][2] - top[0][1]) / 1000 if top else 0.0
    return {"calls": len(top), "all_ops": len(ops), "native_ms": native_ms, "gemm_ms": gemm_ms,
            "span_ms": span_ms, "wall_ms": wall_ms, "counts": counts,
            "gflops": gflops, "peak_gflops": peak_gflops}


def torch_gemm_gflops():
    """What this PyTorch reaches on one 1024 x 1024 x 1024 matrix product, GFLOP/s, median of 5."""
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    nanos = []
    for i in range(7):
        start = time.perf_counter_ns()
        torch.mm(a, b)
        if i >= 2:
            nanos.append(time.perf_counter_ns() - start)
    return 2.0 * 1024 ** 3 / statistics.median(nanos)


def torch_side(c, batch, seq, warmup, warmup_seconds, iters):
    torch.manual_seed(42)
    model = encoder_bench.family_of(c).build(c).eval()
    inputs = encoder_bench.make_inputs(c, batch, seq, 42)
    with torch.no_grad():
        warm_up([lambda: model(**inputs)], warmup, warmup_seconds)
        nanos = []
        for _ in range(iters):
            start = time.perf_counter_ns()
            model(**inputs)
            nanos.append(time.perf_counter_ns() - start)
        path = os.path.join(tempfile.mkdtemp(), "torch-trace.json")
        for _ in range(2):  # the first profiled pass pays the profiler's start-up
            with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True) as p:
                model(**inputs)
        # Written here in the format of libtorch's own trace, which ForwardProfile gets: Debian's torch exports no
        # input shapes in its Chrome trace.
        with open(path, "w") as f:
            json.dump([{"name": e.name, "ph": "X", "ts": e.time_range.start, "dur": e.time_range.elapsed_us(),
                        "shape": e.input_shapes} for e in p.events()], f)
    return path, statistics.median(nanos) / 1e6


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--config", required=True)
    a.add_argument("--batch", type=int, default=8)
    a.add_argument("--seq", type=int, default=64)
    a.add_argument("--warmup", type=int, default=5)
    a.add_argument("--warmup-seconds", type=float, default=0.0,
                   help="untimed seconds before timing, at least (as ForwardProfile)")
    a.add_argument("--iters", type=int, default=20)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--djl-trace", required=True)
    a.add_argument("--djl-wall", type=float, required=True, help="delta4j's median forward, ms")
    a.add_argument("--djl-arrays", type=int, required=True, help="arrays one delta4j forward leaves in its manager")
    a.add_argument("--djl-gemm-gflops", type=float, required=True, help="delta4j's libtorch on a 1024^3 GEMM")
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    c = encoder_bench.read_config(args.config)
    trace, torch_wall = torch_side(c, args.batch, args.seq, args.warmup, args.warmup_seconds, args.iters)
    sides = {"delta4j": summary(args.djl_trace, args.djl_wall, args.djl_gemm_gflops),
             "PyTorch": summary(trace, torch_wall, torch_gemm_gflops())}
    name = os.path.basename(args.config)
    print("\n%s, batch %d x seq %d, one eval forward (profiled pass; wall: median of %d unprofiled)\n"
          % (name, args.batch, args.seq, args.iters))
    print("| | delta4j | PyTorch |\n|---|---|---|")
    rows = [("forward wall, ms (unprofiled median)", lambda s: "%.1f" % s["wall_ms"]),
            ("native calls (top-level aten ops)", lambda s: "%d" % s["calls"]),
            ("aten ops, nested included", lambda s: "%d" % s["all_ops"]),
            ("time in GEMMs, ms (profiled)", lambda s: "%.1f" % s["gemm_ms"]),
            ("time in other native ops, ms (profiled)", lambda s: "%.1f" % (s["native_ms"] - s["gemm_ms"])),
            ("outside libtorch in the profiled span, ms (JNI+Java / Python)",
             lambda s: "%.1f" % (s["span_ms"] - s["native_ms"])),
            ("GEMM share of the unprofiled wall", lambda s: "%.0f%%" % (100 * min(1, s["gemm_ms"] / s["wall_ms"]))),
            ("GEMM rate in the forward, GFLOP/s", lambda s: "%.1f" % s["gflops"]),
            ("GEMM limit: same library, 1024^3 mm, GFLOP/s", lambda s: "%.1f" % s["peak_gflops"]),
            ("fraction of the GEMM limit reached", lambda s: "%.0f%%" % (100 * s["gflops"] / s["peak_gflops"]))]
    for label, f in rows:
        print("| %s | %s | %s |" % (label, f(sides["delta4j"]), f(sides["PyTorch"])))
    print("| arrays left in the pass's manager at its end | %d | |" % args.djl_arrays)
    print("\nTop-level native calls by operation (delta4j / PyTorch):\n")
    names = sorted(set(sides["delta4j"]["counts"]) | set(sides["PyTorch"]["counts"]),
                   key=lambda n: -(sides["delta4j"]["counts"].get(n, 0) + sides["PyTorch"]["counts"].get(n, 0)))
    print("| op | delta4j | PyTorch |\n|---|---|---|")
    for n in names:
        print("| `%s` | %d | %d |" % (n, sides["delta4j"]["counts"].get(n, 0), sides["PyTorch"]["counts"].get(n, 0)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
