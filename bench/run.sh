#!/usr/bin/env bash
# delta4j benchmark: the same BERT-shaped encoder in delta4j (DJL 0.36, libtorch 2.7.1) and in PyTorch eager
# (Debian's python3-torch), forward (plain and with LoRA unmerged) and training step, the same cases on a GPT-2, a T5
# and a Llama-family base model, greedy decoding of a GPT-2-shaped model with the key/value
# cache, and a Llama-family model at real size (Qwen2-0.5B's shape: loading, forward, LoRA step, memory), in one run,
# as ratios. See BENCHMARKS.md.
#
#   bench/run.sh                    # from anywhere; run as root (or with sudo available) for the apt-get step
#
# Environment (all optional):
#   ROUNDS=3            interleaved rounds; each runs every variant once, in a rotated order
#   VARIANTS="djl djl-avx512 torch"   djl-avx512: delta4j with bench/mkl_on_amd.c preloaded, so that libtorch's
#                       MKL takes its AVX-512 kernels on a CPU that is not Intel's (built here with gcc; compared with
#                       torch). A -tuned suffix (djl-tuned, djl-avx512-tuned, torch-tuned) runs with glibc's malloc
#                       keeping what it frees (TUNED_MALLOC below, BENCHMARKS.md); djl-X-tuned is compared with
#                       torch-tuned
#   SCALED="bench/bert-scaled.json 8 64 5 20"   config, batch, seq, warmup, timed runs (empty: skip)
#   INFERENCE_ITERS=20  timed runs of the forward cases at every encoder-style shape (SCALED, BASE, GPT2, T5,
#                       LLAMA_SHAPE), which run in turns, and of the profiled forward; the shape's timed runs are for
#                       its training cases. Unmerged LoRA is held to 3% of the plain forward, finer than 5 runs of
#                       each can tell (QUICK=1: 5)
#   BASE="bench/bert-base.json 1 128 2 5"      the same for the BERT-base shape (empty: skip)
#   CASES=forward,forward-lora,forward-lora-merged,train-full,train-lora,update-full,fwdbwd-full   (forward-lora:
#                       forward with LoRA r 8 attached, unmerged, on the family's PEFT targets; forward-lora-merged: the
#                       same LoRA merged into the weights, still attached; update-full: the AdamW update alone;
#                       fwdbwd-full: train-full without the optimiser update)
#   GPT2="bench/gpt2-small.json 1 128 1 5"     the encoder-style cases on GPT2Model (causal mask; LoRA on c_attn):
#                       config, batch, seq, warmup, timed runs (empty: skip)
#   T5="bench/t5-small.json 1 128 1 5"         the same on T5Model (encoder and decoder, decoder_input_ids as long
#                       as input_ids; LoRA on q, v)
#   LLAMA_SHAPE="bench/qwen2-100m.json 1 128 1 5"   the same on a ~100M Qwen2Model (random weights, built in
#                       memory; LoRA on q_proj, v_proj); any llama/qwen2 config
#   SHAPE_CASES=forward,forward-lora,train-full,train-lora,fwdbwd-full   the cases of GPT2, T5 and LLAMA_SHAPE
#   SHAPE_VARIANTS="djl djl-avx512 torch"   their variants (as VARIANTS), in the same rounds. Every family with a shape set is
#                       cross-checked first (on bench/gpt2-scaled.json, t5-scaled.json, qwen2-scaled.json): torch
#                       loads delta4j's random weights and must reproduce its outputs
#   RSS="bench/bert-base.json 1 128 2 5"   peak RSS of train-full and train-lora, each in its own process, both
#                       sides (empty: skip)
#   DECODE="bench/gpt2-small.json 1,8 128 64 1 3"   greedy decoding: config, batch sizes, prompt length, new tokens,
#                       warmup, timed runs; each run decodes every batch size (empty: skip). Cases: prefill,
#                       decode-cached (ms per new token), its parts, recompute-<prompt+new> (one forward over the whole
#                       sequence, no cache), and diagnostics: kv-concat-<prompt+new> (a step's cache appends),
#                       lm-head (the head alone, one position), logits-copy (delta4j only). DECODE alone:
#                       SCALED= BASE= RSS= bench/run.sh
#   DECODE_VARIANTS="djl torch"   the variants (as VARIANTS) that decode, in the same rounds
#   LLAMA="bench/qwen2-0.5b.json 1 256 1 3"   a Llama-family model at real size: config, batch, seq, warmup, timed
#                       runs. Random weights are written once as a BF16 HF folder (under $OUT/llama), which both
#                       sides load; LLAMA_CASES are timed in the rounds, then load and train-lora (LoRA r 8 on
#                       q_proj, v_proj) each run in a process of their own for peak RSS and, for delta4j, the Java
#                       heap with the model loaded (empty: skip). LLAMA alone: SCALED= BASE= RSS= DECODE= bench/run.sh
#   LLAMA_CASES=load,forward,train-lora
#   LLAMA_VARIANTS="djl torch"   the variants (as VARIANTS) of the Llama runs, in the same rounds
#   SERVE="bench/bert-base.json 128 16 2 3"   serving throughput, delta4j only (ServeBench, org.delta4j.serve): config,
#                       request length, requests per timed run, warmup, timed runs; requests per second one at a time
#                       with all THREADS, on SERVE_WORKERS workers × THREADS/SERVE_WORKERS threads (and × THREADS,
#                       oversubscribed), and a mixed-length workload one at a time, batched in arrival order and
#                       bucketed by length, into $OUT/serve.txt (empty: skip)
#   SERVE_WORKERS=2     the workers of the parallel serving case
#   THREADS=$(nproc)    intra-op threads on both sides
#   NICE=0              niceness of the timed processes, both sides; on a machine shared with other jobs, NICE=-20
#                       (as root) lets the benchmark win the CPUs (the other jobs slow down meanwhile). With the
#                       kernel's autogroup scheduling, niceness only ranks processes of one session, so the
#                       script's own session (autogroup) gets it too, and 0 again at exit.
#   MVN_FLAGS=          extra Maven flags, e.g. -o
#   OUT=target/bench    where raw results and the summary go
#   QUICK=1             about a minute: the scaled shape only, 1 round, variants djl and torch, cases forward,
#                       forward-lora, train-full and train-lora, 2 warm-up runs (and WARMUP_S=1) and 5 timed runs; no
#                       BERT-base, GPT-2, T5 or Llama shapes, RSS, decoding, Llama or serving (each setting above still
#                       overrides)
#   WARMUP_S=4          untimed seconds of each encoder-style case, profiled forward and LLAMA case before timing,
#                       on both sides, at least (besides the warm-up runs of each shape): a JVM compiles hot code in
#                       background threads for its first seconds, on the cores the timed work needs (BENCHMARKS.md,
#                       "Warm-up"); QUICK=1: 1
#   PROFILE=1           also profile one eval forward of each encoder-style shape (BERT, GPT-2, T5, Llama) on both
#                       sides (ForwardProfile and bench/profile.py: native calls, time in GEMMs, other ops and outside
#                       libtorch, the fraction of the GEMM limit reached) into $OUT/profile.md
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${QUICK:-0}" = 1 ]; then
    ROUNDS=${ROUNDS:-1} VARIANTS=${VARIANTS:-"djl torch"} CASES=${CASES:-forward,forward-lora,train-full,train-lora}
    SCALED=${SCALED-"bench/bert-scaled.json 8 64 2 5"} BASE=${BASE-} RSS=${RSS-} DECODE=${DECODE-} LLAMA=${LLAMA-}
    SERVE=${SERVE-} GPT2=${GPT2-} T5=${T5-} LLAMA_SHAPE=${LLAMA_SHAPE-} WARMUP_S=${WARMUP_S:-1}
    INFERENCE_ITERS=${INFERENCE_ITERS:-5}
fi

ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-"djl djl-avx512 torch"}
SCALED=${SCALED-"bench/bert-scaled.json 8 64 5 20"}
BASE=${BASE-"bench/bert-base.json 1 128 2 5"}
DECODE=${DECODE-"bench/gpt2-small.json 1,8 128 64 1 3"}
DECODE_VARIANTS=${DECODE_VARIANTS:-"djl torch"}
LLAMA=${LLAMA-"bench/qwen2-0.5b.json 1 256 1 3"}
LLAMA_CASES=${LLAMA_CASES:-load,forward,train-lora}
LLAMA_VARIANTS=${LLAMA_VARIANTS:-"djl torch"}
SERVE=${SERVE-"bench/bert-base.json 128 16 2 3"}
SERVE_WORKERS=${SERVE_WORKERS:-2}
CASES=${CASES:-forward,forward-lora,forward-lora-merged,train-full,train-lora,update-full,fwdbwd-full}
GPT2=${GPT2-"bench/gpt2-small.json 1 128 1 5"}
T5=${T5-"bench/t5-small.json 1 128 1 5"}
LLAMA_SHAPE=${LLAMA_SHAPE-"bench/qwen2-100m.json 1 128 1 5"}
SHAPE_CASES=${SHAPE_CASES:-forward,forward-lora,train-full,train-lora,fwdbwd-full}
SHAPE_VARIANTS=${SHAPE_VARIANTS:-"djl djl-avx512 torch"}
RSS=${RSS-"bench/bert-base.json 1 128 2 5"}
WARMUP_S=${WARMUP_S:-4}
INFERENCE_ITERS=${INFERENCE_ITERS:-20}
THREADS=${THREADS:-$(nproc)}
NICE=${NICE:-0}
if [ "$NICE" != 0 ] && [ -w /proc/self/autogroup ] && echo "$NICE" 2>/dev/null > /proc/$$/autogroup; then
    trap 'echo 0 > /proc/$$/autogroup' EXIT
fi
OUT=${OUT:-target/bench}
PY=/usr/bin/python3
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-openmp
# One arena, no mmap and no trimming: freed memory stays in the heap, so a step does not page-fault on memory the
# previous step gave back. One arena because a JVM runs Java's main on a thread of its own, whose arena mmaps
# whatever does not fit a 64 MiB arena heap whatever M_MMAP_MAX says (a 154 MB embedding gradient does not).
TUNED_MALLOC=(MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736)
export OPT_OUT_TRACKING=true DJL_OFFLINE=true

# 1. PyTorch from Debian, with OpenBLAS (with only the reference libblas3, torch's GEMMs are ~20x slower).
if ! "$PY" -c 'import torch' 2>/dev/null || [ ! -e "$OPENBLAS/libblas.so.3" ]; then
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    packages=(python3-torch libopenblas0-openmp)
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}" \
        || { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"; }
fi

# 2. delta4j: build the examples module and its reactor dependencies (no install), and get its class path.
echo "building examples ..." >&2
# shellcheck disable=SC2086
mvn -B -q -Dstyle.color=never ${MVN_FLAGS:-} -DskipTests package dependency:build-classpath -pl examples -am \
    -Dmdep.outputFile=target/bench-classpath.txt
CP="examples/target/classes:$(cat examples/target/bench-classpath.txt)"

mkdir -p "$OUT"
RAW="$OUT/results.txt"
# The MKL vendor-check answer for the djl-avx512 variant (bench/mkl_on_amd.c says what it does).
MKL_ON_AMD="$(cd "$OUT" && pwd)/libmkl_on_amd.so"
if [[ " $VARIANTS $DECODE_VARIANTS $LLAMA_VARIANTS $SHAPE_VARIANTS " == *-avx512* ]]; then
    command -v gcc > /dev/null || { SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y gcc; }
    gcc -O2 -shared -fPIC -o "$MKL_ON_AMD" bench/mkl_on_amd.c
fi
: > "$RAW"
started=$(date +%s)

# 3. The machine and versions, for BENCHMARKS.md.
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) vCPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -r)," \
        "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "djl: $(tr ':' '\n' <<< "$CP" | sed -n 's|.*/ai/djl/api/\([^/]*\)/.*|\1|p'), libtorch" \
        "$(tr ':' '\n' <<< "$CP" | sed -n 's|.*/pytorch-native-cpu/\([^/]*\)/.*|\1|p' | head -1)"
    echo "python: $("$PY" --version 2>&1), python3-torch $(dpkg-query -W -f='${Version}' python3-torch)," \
        "libopenblas0-openmp $(dpkg-query -W -f='${Version}' libopenblas0-openmp)"
    echo "threads: $THREADS; niceness: $NICE; rounds: $ROUNDS; variants: $VARIANTS;" \
        "shape variants: $SHAPE_VARIANTS; decode variants: $DECODE_VARIANTS; llama variants: $LLAMA_VARIANTS"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

# 4. Same function on both sides: torch loads delta4j's random weights and must reproduce its outputs, for each family
#    on a scaled-down config (for decoding: the greedy tokens and the logits of every step, on a scaled-down GPT-2).
check() { # class script config export-args...
    local check_dir status=0
    check_dir=$(mktemp -d)
    java -cp "$CP" "org.delta4j.examples.bench.$1" --config "$3" "${@:4}" --export "$check_dir" 2>/dev/null >/dev/null
    LD_LIBRARY_PATH=$OPENBLAS "$PY" "bench/$2" --config "$3" --check "$check_dir" || status=$?
    rm -rf "$check_dir"
    return "$status"
}
llama_check() { # config: random weights written, loaded by both sides, logits compared
    local check_dir status=0
    check_dir=$(mktemp -d)
    java -cp "$CP" org.delta4j.examples.bench.LlamaBench --config "$1" --write "$check_dir/model" 2>/dev/null >/dev/null
    java -cp "$CP" org.delta4j.examples.bench.LlamaBench --model "$check_dir/model" --batch 3 --seq 11 \
        --export "$check_dir" 2>/dev/null >/dev/null
    LD_LIBRARY_PATH=$OPENBLAS "$PY" bench/llama_bench.py --model "$check_dir/model" --check "$check_dir" || status=$?
    rm -rf "$check_dir"
    return "$status"
}
{
    if [ -n "$SCALED$BASE" ]; then check EncoderBench encoder_bench.py bench/bert-scaled.json; fi
    if [ -n "$GPT2" ]; then check EncoderBench encoder_bench.py bench/gpt2-scaled.json; fi
    if [ -n "$T5" ]; then check EncoderBench encoder_bench.py bench/t5-scaled.json; fi
    if [ -n "$LLAMA_SHAPE" ]; then check EncoderBench encoder_bench.py bench/qwen2-scaled.json; fi
    if [ -n "$DECODE" ]; then
        check DecodeBench decode_bench.py bench/gpt2-scaled.json --batch 3 --prompt 8 --new 5
    fi
    if [ -n "$LLAMA" ]; then llama_check bench/qwen2-scaled.json; fi
} | tee "$OUT/check.txt"

# The Llama-family model's random weights, written once as a BF16 HF folder, for both sides to load.
if [ -n "$LLAMA" ]; then
    read -r LLAMA_CONFIG _ <<< "$LLAMA"
    LLAMA_DIR="$OUT/llama/$(basename "$LLAMA_CONFIG" .json)"
    echo "writing random weights for $LLAMA_CONFIG to $LLAMA_DIR ..." >&2
    java -cp "$CP" org.delta4j.examples.bench.LlamaBench --config "$LLAMA_CONFIG" --write "$LLAMA_DIR" 2>/dev/null >&2
fi

# 5. Interleaved rounds.
run_side() { # variant class script args...: runs one side's benchmark, prints its output
    local variant=$1 class=$2 script=$3 env=()
    [[ $variant == *-tuned ]] && env=("${TUNED_MALLOC[@]}")
    [[ $variant == *-avx512* ]] && env+=("LD_PRELOAD=$MKL_ON_AMD")
    if [[ $variant == djl* ]]; then
        nice -n "$NICE" env "${env[@]}" java -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP" \
            "org.delta4j.examples.bench.$class" "${@:4}" --label "$variant" 2>/dev/null
    else
        nice -n "$NICE" env "${env[@]}" LD_LIBRARY_PATH=$OPENBLAS \
            "$PY" "bench/$script" --threads "$THREADS" "${@:4}" --label "$variant"
    fi
}
run_variant() { # variant config batch seq warmup iters: the encoder-style cases' RESULT lines (CASES)
    run_side "$1" EncoderBench encoder_bench.py --config "$2" --batch "$3" --seq "$4" --warmup "$5" --iters "$6" \
        --inference-iters "$INFERENCE_ITERS" --warmup-seconds "$WARMUP_S" --cases "$CASES"
}
run_shape() { # variant config batch seq warmup iters: as run_variant, with SHAPE_CASES
    CASES=$SHAPE_CASES run_variant "$@"
}
run_llama() { # variant config batch seq warmup iters [cases]: the Llama benchmark's output (RESULT, HEAP, PEAKRSS)
    run_side "$1" LlamaBench llama_bench.py --model "$LLAMA_DIR" --batch "$3" --seq "$4" --warmup "$5" \
        --warmup-seconds "$WARMUP_S" --iters "$6" --cases "${7:-$LLAMA_CASES}"
}
run_decode() { # variant config batches prompt new warmup iters: decoding's RESULT lines
    run_side "$1" DecodeBench decode_bench.py --config "$2" --batch "$3" --prompt "$4" --new "$5" --warmup "$6" \
        --iters "$7"
}
# CPU seconds used by the whole machine, and by this script's finished children: their difference over a run is
# what other processes took, logged so that runs disturbed by a busy machine can be recognised.
machine_cpu_s() {
    awk -v hz="$(getconf CLK_TCK)" '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}
# `times` must run in this shell, not in a $(...) subshell, to see this shell's children.
own_cpu_s() { times > "$OUT/.times"; awk 'NR == 2 {for (i = 1; i <= 2; i++) {sub(/s$/, "", $i); split($i, t, "m")
    s += t[1] * 60 + t[2]}; printf "%.2f", s}' "$OUT/.times"; }

measured_run() { # round runner variant config args...: results to $RAW, machine use to $LOG
    local round=$1 runner=$2 variant=$3 name t0 m0
    name=$(basename "$4" .json)
    echo "round $round/$ROUNDS: $variant $name (${*:5})" >&2
    own_cpu_s > "$OUT/.own0"
    t0=$(date +%s.%N) m0=$(machine_cpu_s)
    "$runner" "${@:3}" | grep '^RESULT' | sed "s|^RESULT|$round $name|" | tee -a "$RAW" >&2
    own_cpu_s > "$OUT/.own1"
    awk -v r="$round" -v v="$variant" -v n="$name" -v t0="$t0" -v t1="$(date +%s.%N)" -v m0="$m0" \
        -v m1="$(machine_cpu_s)" -v o0="$(cat "$OUT/.own0")" -v o1="$(cat "$OUT/.own1")" -v cpus="$(nproc)" 'BEGIN {
            w = t1 - t0; own = o1 - o0; other = (m1 - m0) - own; if (other < 0) other = 0
            printf "round %d %s %s: %.0f s wall, this run %.0f%% of the machine, other processes %.0f%%\n",
                r, v, n, w, 100 * own / (w * cpus), 100 * other / (w * cpus)}' | tee -a "$LOG" >&2
}

LOG="$OUT/log.txt"
: > "$LOG"
rotated() { # round variant...: the variants in the order that round runs them, rotated so none always runs first
    local round=$1 i
    shift
    local list=("$@")
    for ((i = 0; i < ${#list[@]}; i++)); do
        echo "${list[(i + round - 1) % ${#list[@]}]}"
    done
}
for ((round = 1; round <= ROUNDS; round++)); do
    # shellcheck disable=SC2086
    for variant in $(rotated "$round" $VARIANTS); do
        for shape in "$SCALED" "$BASE"; do
            [ -z "$shape" ] || measured_run "$round" run_variant "$variant" $shape
        done
    done
    # shellcheck disable=SC2086
    for variant in $(rotated "$round" $SHAPE_VARIANTS); do
        for shape in "$GPT2" "$T5" "$LLAMA_SHAPE"; do
            [ -z "$shape" ] || measured_run "$round" run_shape "$variant" $shape
        done
    done
    # shellcheck disable=SC2086
    for variant in $(rotated "$round" $DECODE_VARIANTS); do
        [ -z "$DECODE" ] || measured_run "$round" run_decode "$variant" $DECODE
    done
    # shellcheck disable=SC2086
    for variant in $(rotated "$round" $LLAMA_VARIANTS); do
        [ -z "$LLAMA" ] || measured_run "$round" run_llama "$variant" $LLAMA
    done
done
rm -f "$OUT/.times" "$OUT/.own0" "$OUT/.own1"
{
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); took $(( $(date +%s) - started )) s"
    awk '{sub(/%$/, "", $NF); if ($NF + 0 > max) max = $NF + 0}
        END {printf "other processes during the runs: at most %d%% of the machine (%s)\n", max, FILENAME}' "$LOG"
} | tee -a "$OUT/machine.txt"

# 6. Peak RSS of a LoRA run and of a full fine-tuning run of the same model, each in a process of its own.
: > "$OUT/rss.txt"
if [ -n "$RSS" ]; then
    for variant in djl torch; do
        for case in train-full train-lora; do
            echo "peak RSS: $variant $case" >&2
            # shellcheck disable=SC2086
            CASES=$case run_variant "$variant" $RSS | grep '^PEAKRSS' | tee -a "$OUT/rss.txt" >&2
        done
    done
fi

# 7. The Llama-family model's memory: loading alone, and LoRA training, each in a process of its own.
: > "$OUT/llama-memory.txt"
if [ -n "$LLAMA" ]; then
    for variant in djl torch; do
        for case in load train-lora; do
            echo "memory: $variant $case" >&2
            # shellcheck disable=SC2086
            run_llama "$variant" $LLAMA "$case" | grep -E '^(PEAKRSS|HEAP)' | tee -a "$OUT/llama-memory.txt" >&2
        done
    done
fi

# 7b. Serving throughput (delta4j only): thread models and bucketed batching, in one process.
: > "$OUT/serve.txt"
if [ -n "$SERVE" ]; then
    read -r config seq requests warmup iters <<< "$SERVE"
    echo "serving: $config" >&2
    nice -n "$NICE" java -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP" org.delta4j.examples.bench.ServeBench \
        --config "$config" --seq "$seq" --requests "$requests" --warmup "$warmup" --iters "$iters" \
        --workers "$SERVE_WORKERS" --threads "$THREADS" --label djl 2>/dev/null | grep -E '^(RESULT|CPU)' \
        | tee "$OUT/serve.txt" >&2
fi

# 8. Where one forward pass goes, both sides.
if [ "${PROFILE:-0}" = 1 ]; then
    : > "$OUT/profile.md"
    for shape in "$SCALED" "$BASE" "$GPT2" "$T5" "$LLAMA_SHAPE"; do
        [ -n "$shape" ] || continue
        read -r config batch seq warmup _ <<< "$shape"
        trace="$OUT/trace-$(basename "$config" .json).json"
        echo "profile: $config" >&2
        line=$(nice -n "$NICE" java -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP" \
            org.delta4j.examples.bench.ForwardProfile --config "$config" --batch "$batch" --seq "$seq" \
            --warmup "$warmup" --warmup-seconds "$WARMUP_S" --iters "$INFERENCE_ITERS" --trace "$trace" 2>/dev/null \
            | grep '^PROFILE')
        read -r _ _ _ wall _ _ _ arrays _ rss _ gflops _ <<< "$line"
        echo "delta4j peak RSS of the profile run: $((rss / 1024)) MiB" >> "$OUT/profile.md"
        nice -n "$NICE" env LD_LIBRARY_PATH=$OPENBLAS "$PY" bench/profile.py --config "$config" --batch "$batch" \
            --seq "$seq" --warmup "$warmup" --warmup-seconds "$WARMUP_S" --iters "$INFERENCE_ITERS" --threads "$THREADS" \
            --djl-trace "$trace" --djl-wall "$wall" --djl-arrays "$arrays" --djl-gemm-gflops "$gflops" \
            >> "$OUT/profile.md"
    done
    cat "$OUT/profile.md"
fi

# 9. Medians over rounds and the ratios.
"$PY" bench/summarize.py "$RAW" "$OUT/rss.txt" "$OUT/llama-memory.txt" "$OUT/serve.txt" | tee "$OUT/summary.md"
