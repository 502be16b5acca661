package org.delta4j.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's command line; see {@link #USAGE}.
 *
 * @param config the {@code config.json} (BERT, GPT-2, T5, Llama or Qwen2)
 * @param batch the batch size
 * @param length the sequence length
 * @param cases the case names, in run order
 * @param warmup untimed runs of each case before timing, at least
 * @param warmupSeconds untimed seconds of each case before timing, at least
 * @param iters timed runs of each training case
 * @param inferenceIters timed runs of each inference case ({@code forward...}), which run in turns
 * @param seed the seed of weights and inputs
 * @param label the first column of the result lines (such as {@code djl})
 * @param export where to write weights, inputs and eval outputs for the cross-check, or {@code
 *     null}
 */
public record BenchOptions(
        Path config,
        int batch,
        int length,
        List<String> cases,
        int warmup,
        double warmupSeconds,
        int iters,
        int inferenceIters,
        int seed,
        String label,
        Path export) {
    /** How to call the benchmark. */
    public static final String USAGE =
            "usage: EncoderBench --config FILE [--batch 8] [--seq 64]"
                    + " [--cases forward,forward-lora,forward-lora-merged,train-full,train-lora,update-full,fwdbwd-full] [--warmup 3] [--warmup-seconds 0] [--iters 10] [--inference-iters ITERS] [--seed 42] [--label djl]"
                    + " [--export DIR]\n"
                    + "Prints one line per case: RESULT <label> <case> <median ms> <p10 ms> <p90 ms> <timed runs>.\n"
                    + "--inference-iters: timed runs of each forward case, which run in turns (default: --iters).\n"
                    + "--export DIR writes model.safetensors (weights) and io.safetensors (inputs and eval outputs) and"
                    + " times nothing.";

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException when the command line is wrong, saying why
     */
    public static BenchOptions parse(String[] args) {
        Path config = null;
        Path export = null;
        int batch = 8;
        int length = 64;
        int warmup = 3;
        double warmupSeconds = 0;
        int iters = 10;
        int inferenceIters = 0;
        int seed = 42;
        String label = "djl";
        List<String> cases = new ArrayList<>(BenchCases.names());
        for (Map.Entry<String, String> option : CommandLine.pairs(args).entrySet()) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "--config" -> config = Path.of(value);
                case "--export" -> export = Path.of(value);
                case "--batch" -> batch = CommandLine.atLeast(key, value, 1);
                case "--seq" -> length = CommandLine.atLeast(key, value, 1);
                case "--warmup" -> warmup = CommandLine.atLeast(key, value, 0);
                case "--warmup-seconds" -> warmupSeconds = CommandLine.seconds(key, value);
                case "--iters" -> iters = CommandLine.atLeast(key, value, 1);
                case "--inference-iters" -> inferenceIters = CommandLine.atLeast(key, value, 1);
                case "--seed" -> seed = CommandLine.atLeast(key, value, 0);
                case "--label" -> label = value;
                case "--cases" -> cases = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        CommandLine.requireConfigAndKnownCases(config, cases, BenchCases.names());
        return new BenchOptions(
                config,
                batch,
                length,
                List.copyOf(cases),
                warmup,
                warmupSeconds,
                iters,
                inferenceIters == 0 ? iters : inferenceIters,
                seed,
                label,
                export);
    }
}
