package org.delta4j.examples.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * The serving benchmark's command line; see {@link #USAGE}.
 *
 * @param config the BERT {@code config.json}
 * @param length the length of the fixed-length requests, and the longest mixed-length one
 * @param requests how many requests one timed run serves
 * @param workers the workers of the parallel case
 * @param threads the intra-op threads in all: the serial case's, split between the workers
 * @param batch the most requests in one batch of the mixed-length cases
 * @param warmup untimed runs of each case before timing
 * @param iters timed runs of each case
 * @param seed the seed of weights and inputs
 * @param label the first column of the result lines (such as {@code djl})
 */
public record ServeOptions(
        Path config,
        int length,
        int requests,
        int workers,
        int threads,
        int batch,
        int warmup,
        int iters,
        int seed,
        String label) {
    /** How to call the benchmark. */
    public static final String USAGE =
            "usage: ServeBench --config FILE [--seq 128] [--requests 16] [--workers 2] [--threads 2]"
                    + " [--batch 8] [--warmup 2] [--iters 3] [--seed 42] [--label djl]\n"
                    + "Prints RESULT <label> <case> <median ms per request> <p10> <p90> <timed runs> and"
                    + " CPU <label> <case> <cores busy> <threads busy> per case: serial-1x<threads> (one request at a time"
                    + " with all threads), parallel-<workers>x<threads/workers>, oversubscribed-<workers>x"
                    + "<threads> (when threads > 1), and a mixed-length workload (lengths 8..seq) run"
                    + " one request at a time (mixed-single), in batches in arrival order padded to each"
                    + " batch's longest (mixed-arrival) and bucketed by length (mixed-bucketed).";

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException when the command line is wrong, saying why
     */
    public static ServeOptions parse(String[] args) {
        Path config = null;
        int length = 128;
        int requests = 16;
        int workers = 2;
        int threads = 2;
        int batch = 8;
        int warmup = 2;
        int iters = 3;
        int seed = 42;
        String label = "djl";
        for (Map.Entry<String, String> option : CommandLine.pairs(args).entrySet()) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "--config" -> config = Path.of(value);
                case "--seq" -> length = CommandLine.atLeast(key, value, 8);
                case "--requests" -> requests = CommandLine.atLeast(key, value, 1);
                case "--workers" -> workers = CommandLine.atLeast(key, value, 1);
                case "--threads" -> threads = CommandLine.atLeast(key, value, 1);
                case "--batch" -> batch = CommandLine.atLeast(key, value, 1);
                case "--warmup" -> warmup = CommandLine.atLeast(key, value, 0);
                case "--iters" -> iters = CommandLine.atLeast(key, value, 1);
                case "--seed" -> seed = CommandLine.atLeast(key, value, 0);
                case "--label" -> label = value;
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        CommandLine.requireConfig(config);
        return new ServeOptions(
                config, length, requests, workers, threads, batch, warmup, iters, seed, label);
    }
}
