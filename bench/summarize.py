#!/usr/bin/python3
"""Summarises bench/run.sh's raw results as a Markdown table with delta4j / PyTorch ratios.

Input lines: <round> <config> <variant> <case> <median ms> <p10 ms> <p90 ms> <timed runs>. Each cell of the table
is the median over rounds of the per-run medians, with the range over rounds in brackets. An optional second file
holds `PEAKRSS <variant> <case> <kB>` lines (one process per case): a table of peak RSS, LoRA against full.
"""
import statistics
import sys
from collections import defaultdict


def main(path):
    runs = defaultdict(list)
    variants, keys = [], []
    with open(path) as f:
        for line in f:
            _, config, variant, case, median = line.split()[:5]
            runs[(config, case, variant)].append(float(median))
            if variant not in variants:
                variants.append(variant)
            if (config, case) not in keys:
                keys.append((config, case))
    pairs = [(v, "torch" + v[3:]) for v in variants if v.startswith("djl") and "torch" + v[3:] in variants]

    def cell(key):
        values = runs.get(key)
        if not values:
            return None, "-"
        m = statistics.median(values)
        return m, "%.1f (%.1f-%.1f)" % (m, min(values), max(values)) if len(values) > 1 else "%.1f" % m

    print("| config | case | " + " | ".join("%s ms" % v for v in variants) + " | "
          + " | ".join("%s / %s" % p for p in pairs) + " |")
    print("|---" * (2 + len(variants) + len(pairs)) + "|")
    for config, case in keys:
        cells = [cell((config, case, v)) for v in variants]
        medians = dict(zip(variants, (c[0] for c in cells)))
        ratios = []
        for djl, torch in pairs:
            a, b = medians.get(djl), medians.get(torch)
            ratios.append("%.2fx" % (a / b) if a and b else "-")
        print("| %s | %s | %s | %s |" % (config, case, " | ".join(c[1] for c in cells), " | ".join(ratios)))
    rounds = max((len(v) for v in runs.values()), default=0)
    print("\nms per call: median over %d rounds of each run's median (range over rounds); ratio > 1: delta4j slower."
          % rounds)


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


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        peak_rss(sys.argv[2])
