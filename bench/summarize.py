#!/usr/bin/python3
"""Summarises bench/run.sh's raw results as a Markdown table with delta4j / PyTorch ratios.

Input lines: <round> <config> <variant> <case> <median ms> <p10 ms> <p90 ms> <timed runs>. One table per config
(shape), and one for a config's decoding cases (names ending in -b<batch>); each cell is the median over rounds of
the per-run medians, with the range over rounds in brackets. Every ratio is paired by round: the two sides' medians of
the same round are divided, and the table gives the median of those per-round ratios with their range, so that a
machine that slows down or speeds up between rounds (a shared virtual machine does) moves both sides of a ratio. Configs with forward and forward-lora (or
forward-lora-merged) add a table of what LoRA costs in inference, per side: forward-lora / forward (the goal: at most
1.03x). An optional second file holds `PEAKRSS <variant> <case> <kB>` lines (one process per case): a table of peak
RSS, LoRA against full. An optional third file holds the Llama-family memory runs' `PEAKRSS <variant> <case> <kB>` and
`HEAP <variant> <case> <MiB>` lines (delta4j's Java heap with the model loaded): a table of both per case and side.
Decoding results (cases `decode-cached-b<batch>` and `recompute-<length>-b<batch>`) add a table of how much faster
cached decoding is per token than recomputing the whole sequence, per side.
An optional fourth file holds the serving benchmark's `RESULT djl <case> <ms per request> ...` and
`CPU djl <case> <cores busy> <threads busy>` lines: a table of requests per second per case.
"""
import re
import statistics
import sys
from collections import defaultdict


def main(path):
    runs = defaultdict(list)
    by_round = defaultdict(dict)
    variants, keys = [], []
    with open(path) as f:
        for line in f:
            round_, config, variant, case, median = line.split()[:5]
            runs[(config, case, variant)].append(float(median))
            by_round[(config, case, variant)][round_] = float(median)
            if variant not in variants:
                variants.append(variant)
            if (config, case) not in keys:
                keys.append((config, case))
    # djl-X against torch-X, where -avx512 (delta4j's alone) is left out of X: djl-avx512-tuned against torch-tuned.
    pairs = [(v, "torch" + v[3:].replace("-avx512", "")) for v in variants if v.startswith("djl")]
    pairs = [p for p in pairs if p[1] in variants]

    def cell(key):
        values = runs.get(key)
        if not values:
            return None, "-"
        m = statistics.median(values)
        return m, "%.1f (%.1f-%.1f)" % (m, min(values), max(values)) if len(values) > 1 else "%.1f" % m

    for table in dict.fromkeys(table_of(config, case) for config, case in keys):
        rows = [(config, case) for config, case in keys if table_of(config, case) == table]
        shown = [v for v in variants if any(runs.get((config, case, v)) for config, case in rows)]
        shown_pairs = [p for p in pairs if p[0] in shown and p[1] in shown]
        print("\n%s\n" % table)
        print("| case | " + " | ".join("%s ms" % v for v in shown) + " | "
              + " | ".join("%s / %s" % p for p in shown_pairs) + " |")
        print("|---" * (1 + len(shown) + len(shown_pairs)) + "|")
        for config, case in rows:
            cells = [cell((config, case, v)) for v in shown]
            ratios = [paired(by_round, (config, case, djl), (config, case, torch), "%.2fx")
                      for djl, torch in shown_pairs]
            print("| %s | %s | %s |" % (case, " | ".join(c[1] for c in cells), " | ".join(ratios)))
    rounds = max((len(v) for v in runs.values()), default=0)
    print("\nms per call: median over %d rounds of each run's median (range over rounds). Ratios: median over rounds of"
          " the round's delta4j / PyTorch (range over rounds); > 1: delta4j slower." % rounds)
    lora_overheads(by_round, variants, keys)
    decode_speedups(by_round, variants, keys)


def paired(by_round, a, b, fmt):
    """a / b per round where both ran, as the median over rounds with the range in brackets; '-' if none."""
    ratios = sorted(by_round[a][r] / by_round[b][r] for r in by_round.get(a, {}) if r in by_round.get(b, {}))
    if not ratios:
        return "-"
    m = fmt % statistics.median(ratios)
    return m if len(ratios) == 1 else "%s (%s-%s)" % (m, fmt % ratios[0], fmt % ratios[-1])


def table_of(config, case):
    return config + (" decoding" if re.search(r"-b\d+$", case) else "")


def lora_overheads(by_round, variants, keys):
    """Per config and side: forward-lora / forward, paired by round (the goal: at most 1.03x)."""
    lora_cases = [c for c in ("forward-lora", "forward-lora-merged") if any(case == c for _, case in keys)]
    configs = [c for c, case in keys if case == "forward" and any((c, l) in keys for l in lora_cases)]
    if not configs:
        return
    columns = [(v, l) for l in lora_cases for v in variants if any(by_round.get((c, l, v)) for c in configs)]
    print("\n| config | " + " | ".join("%s: %s / forward" % column for column in columns) + " |")
    print("|---" * (1 + len(columns)) + "|")
    for config in configs:
        cells = [paired(by_round, (config, lora_case, v), (config, "forward", v), "%.3fx") for v, lora_case in columns]
        print("| %s | %s |" % (config, " | ".join(cells)))
    print("\nWhat LoRA (r 8 on the family's PEFT targets) costs in an eval forward, per side: the backbone with LoRA"
          " attached, unmerged (forward-lora; the goal: at most 1.03x) or merged (forward-lora-merged), over the plain"
          " backbone (median over rounds of each round's ratio, range in brackets).")


def decode_speedups(by_round, variants, keys):
    """Per side: recompute-<length>-b<batch> / decode-cached-b<batch>, paired by round (the goal: at least 5x)."""
    rows = []
    for config, case in keys:
        m = re.fullmatch(r"recompute-(\d+)-b(\d+)", case)
        if m and (config, "decode-cached-b" + m.group(2)) in keys:
            rows.append((config, m.group(2), m.group(1), case, "decode-cached-b" + m.group(2)))
    if not rows:
        return
    variants = [v for v in variants if any(by_round.get((c, r, v)) for c, _, _, r, _ in rows)]
    print("\n| config | batch | " + " | ".join("%s: recompute / cached" % v for v in variants) + " |")
    print("|---" * (2 + len(variants)) + "|")
    for config, batch, length, recompute, cached in rows:
        cells = [paired(by_round, (config, recompute, v), (config, cached, v), "%.1fx") for v in variants]
        print("| %s | %s | %s |" % (config, batch, " | ".join(cells)))
    print("\nHow much faster cached decoding is per new token than one forward over the whole %s-token sequence"
          " (median over rounds of each round's ratio); decode-cached and its step-* parts are ms per new token."
          % rows[0][2])


def peak_rss(path):
    rss = {}
    with open(path) as f:
        for line in f:
            _, variant, case, kb = line.split()
            rss[(variant, case)] = int(kb) / 1024
    if not rss:
        return
    print("\n| side | train-full peak RSS MiB | train-lora peak RSS MiB | lora / full |")
    print("|---|---|---|---|")
    for variant in dict.fromkeys(v for v, _ in rss):
        full, lora = rss.get((variant, "train-full")), rss.get((variant, "train-lora"))
        ratio = "%.2fx" % (lora / full) if full and lora else "-"
        print("| %s | %s | %s | %s |" % (variant, "%.0f" % full if full else "-", "%.0f" % lora if lora else "-",
                                          ratio))


def llama_memory(path):
    """Peak RSS (and delta4j's Java heap) of the Llama-family model, one process per case, delta4j / PyTorch."""
    rss, heap = {}, {}
    with open(path) as f:
        for line in f:
            kind, variant, case, value = line.split()
            if kind == "PEAKRSS":
                rss[(variant, case)] = int(value) / 1024
            else:
                heap[(variant, case)] = float(value)
    if not rss:
        return
    print("\n| case | " + " | ".join("%s peak RSS MiB" % v for v in dict.fromkeys(v for v, _ in rss))
          + " | djl / torch | djl Java heap MiB |")
    variants = list(dict.fromkeys(v for v, _ in rss))
    print("|---" * (3 + len(variants)) + "|")
    for case in dict.fromkeys(c for _, c in rss):
        cells = ["%.0f" % rss[(v, case)] if (v, case) in rss else "-" for v in variants]
        djl, torch = rss.get(("djl", case)), rss.get(("torch", case))
        ratio = "%.2fx" % (djl / torch) if djl and torch else "-"
        used = "%.1f" % heap[("djl", case)] if ("djl", case) in heap else "-"
        print("| %s | %s | %s | %s |" % (case, " | ".join(cells), ratio, used))
    print("\nLlama-family model: each case in a process of its own (load: loading alone; train-lora: loading, LoRA"
          " attached, the steps); Java heap: in use after a GC with the case's model loaded.")


def serve_throughput(path):
    """Requests per second of each serving case (ServeBench), with the cores and threads it kept busy."""
    ms, cpu = {}, {}
    with open(path) as f:
        for line in f:
            fields = line.split()
            if fields[0] == "RESULT":
                ms[fields[2]] = float(fields[3])
            elif fields[0] == "CPU":
                cpu[fields[2]] = fields[3:5]
    if not ms:
        return
    print("\n| serving case | ms per request | requests/s | cores busy | threads busy |")
    print("|---|---|---|---|---|")
    for case, value in ms.items():
        cores, threads = cpu.get(case, ["-", "-"])
        print("| %s | %.1f | %.1f | %s | %s |" % (case, value, 1000 / value, cores, threads))
    print("\nServing (delta4j): serial-1xT one request at a time with T intra-op threads; parallel-NxT/N N workers"
          " splitting them; oversubscribed-NxT N workers with T each; mixed-*: requests of mixed lengths one at a"
          " time, batched in arrival order (each batch padded to its longest), and bucketed by length. Threads busy:"
          " threads with at least a fifth of the busiest one's CPU time.")


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        peak_rss(sys.argv[2])
    if len(sys.argv) > 3:
        llama_memory(sys.argv[3])
    if len(sys.argv) > 4:
        serve_throughput(sys.argv[4])
