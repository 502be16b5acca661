package org.delta4j.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The decoding benchmark's command line; see {@link #USAGE}.
 *
 * @param config the GPT-2 {@code config.json}
 * @param batches the batch sizes, each timed in turn
 * @param prompt the prompt length
 * @param newTokens the new tokens decoded after the prompt (the cached steps timed)
 * @param cases the case names ({@link #CASES}), in run order
 * @param warmup untimed runs of each case before timing
 * @param iters timed runs of each case
 * @param seed the seed of weights and token ids
 * @param label the first column of the result lines (such as {@code djl})
 * @param export where to write weights, tokens and logits for the cross-check, or {@code null}
 */
public record DecodeOptions(
        Path config,
        List<Integer> batches,
        int prompt,
        int newTokens,
        List<String> cases,
        int warmup,
        int iters,
        int seed,
        String label,
        Path export) {
    /**
     * The cases: {@code decode} (prefill, then one cached step per new token), {@code recompute}
     * (one forward over prompt and new tokens, no cache), and diagnostics: {@code concat} (a step's
     * cache appends alone, at that length), {@code head} (the language-model head alone on one
     * position) and {@code copy} (one position's logits copied to Java).
     */
    public static final List<String> CASES =
            List.of("decode", "recompute", "concat", "head", "copy");

    /** How to call the benchmark. */
    public static final String USAGE =
            "usage: DecodeBench --config FILE [--batch 1,8] [--prompt 128] [--new 64]"
                    + " [--cases decode,recompute,concat,head,copy] [--warmup 1] [--iters 3] [--seed 42] [--label djl]"
                    + " [--export DIR]\n"
                    + "Prints RESULT <label> <case>-b<batch> <median ms> <p10 ms> <p90 ms> <timed runs> lines:"
                    + " prefill, decode-cached (ms per new token), step-next, step-argmax"
                    + " (decode-cached's parts), recompute-<prompt+new>, kv-concat-<prompt+new>, lm-head, logits-copy.\n"
                    + "--export DIR decodes greedily at the first batch size and writes model.safetensors (weights)"
                    + " and io.safetensors (prompt, tokens, logits of every step); it times nothing.";

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException when the command line is wrong, saying why
     */
    public static DecodeOptions parse(String[] args) {
        Path config = null;
        Path export = null;
        List<Integer> batches = List.of(1, 8);
        int prompt = 128;
        int newTokens = 64;
        int warmup = 1;
        int iters = 3;
        int seed = 42;
        String label = "djl";
        List<String> cases = CASES;
        for (Map.Entry<String, String> option : CommandLine.pairs(args).entrySet()) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "--config" -> config = Path.of(value);
                case "--export" -> export = Path.of(value);
                case "--batch" -> batches = batches(key, value);
                case "--prompt" -> prompt = CommandLine.atLeast(key, value, 1);
                case "--new" -> newTokens = CommandLine.atLeast(key, value, 1);
                case "--warmup" -> warmup = CommandLine.atLeast(key, value, 0);
                case "--iters" -> iters = CommandLine.atLeast(key, value, 1);
                case "--seed" -> seed = CommandLine.atLeast(key, value, 0);
                case "--label" -> label = value;
                case "--cases" -> cases = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        CommandLine.requireConfigAndKnownCases(config, cases, CASES);
        return new DecodeOptions(
                config, batches, prompt, newTokens, cases, warmup, iters, seed, label, export);
    }

    private static List<Integer> batches(String key, String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(CommandLine.atLeast(key, part, 1));
        }
        return List.copyOf(out);
    }
}
