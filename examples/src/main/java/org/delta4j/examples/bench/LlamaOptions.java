package org.delta4j.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Llama-family benchmark's command line; see {@link #USAGE}. Either {@code --write} (with
 * {@code --config}) or {@code --model}.
 *
 * @param config the {@code config.json} to write random weights for, or {@code null}
 * @param write the HF folder to write them to, or {@code null}
 * @param model the HF folder to benchmark, or {@code null}
 * @param export where to write inputs and logits for the cross-check, or {@code null}
 * @param batch the batch size
 * @param length the sequence length
 * @param cases the case names, in run order
 * @param warmup untimed runs of each case before timing, at least
 * @param warmupSeconds untimed seconds of each case before timing, at least
 * @param iters timed runs of each case
 * @param seed the seed of the weights ({@code --write}) or of the token ids
 * @param label the first column of the result lines (such as {@code djl})
 */
public record LlamaOptions(
        Path config,
        Path write,
        Path model,
        Path export,
        int batch,
        int length,
        List<String> cases,
        int warmup,
        double warmupSeconds,
        int iters,
        int seed,
        String label) {
    /** How to call the benchmark. */
    public static final String USAGE =
            "usage: LlamaBench --config FILE --write DIR [--seed 42]\n"
                    + "       LlamaBench --model DIR [--batch 1] [--seq 256] [--cases load,forward,train-lora]"
                    + " [--warmup 1] [--warmup-seconds 0] [--iters 3] [--seed 42] [--label djl]"
                    + " [--export DIR]\n"
                    + "--write DIR writes random weights for the config as an HF folder (config.json,"
                    + " model.safetensors in BF16).\n"
                    + "--model DIR times each case on the model loaded from DIR and prints RESULT <label> <case>"
                    + " <median ms> <p10 ms> <p90 ms> <timed runs>, then HEAP <label> <case> <MiB> (Java heap in"
                    + " use after a GC, the case's model still loaded), and at the end PEAKRSS <label> <cases> <kB>.\n"
                    + "--export DIR writes io.safetensors (input_ids, eval-mode logits of the model) and times"
                    + " nothing.";

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException when the command line is wrong, saying why
     */
    public static LlamaOptions parse(String[] args) {
        Path config = null;
        Path write = null;
        Path model = null;
        Path export = null;
        int batch = 1;
        int length = 256;
        int warmup = 1;
        double warmupSeconds = 0;
        int iters = 3;
        int seed = 42;
        String label = "djl";
        List<String> cases = new ArrayList<>(LlamaCases.names());
        for (Map.Entry<String, String> option : CommandLine.pairs(args).entrySet()) {
            String key = option.getKey();
            String value = option.getValue();
            switch (key) {
                case "--config" -> config = Path.of(value);
                case "--write" -> write = Path.of(value);
                case "--model" -> model = Path.of(value);
                case "--export" -> export = Path.of(value);
                case "--batch" -> batch = CommandLine.atLeast(key, value, 1);
                case "--seq" -> length = CommandLine.atLeast(key, value, 2);
                case "--warmup" -> warmup = CommandLine.atLeast(key, value, 0);
                case "--warmup-seconds" -> warmupSeconds = CommandLine.seconds(key, value);
                case "--iters" -> iters = CommandLine.atLeast(key, value, 1);
                case "--seed" -> seed = CommandLine.atLeast(key, value, 0);
                case "--label" -> label = value;
                case "--cases" -> cases = List.of(value.split(","));
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        if ((write == null) == (model == null)) {
            throw new IllegalArgumentException(
                    "give either --write DIR (with --config FILE) or --model DIR");
        }
        if ((write == null) != (config == null)) {
            throw new IllegalArgumentException(
                    write == null
                            ? "--config only goes with --write; --model DIR reads DIR/config.json"
                            : "--write needs --config FILE, the config.json to write weights for");
        }
        for (String c : cases) {
            if (!LlamaCases.names().contains(c)) {
                throw new IllegalArgumentException(
                        "unknown case \"" + c + "\"; the cases are " + LlamaCases.names());
            }
        }
        return new LlamaOptions(
                config,
                write,
                model,
                export,
                batch,
                length,
                List.copyOf(cases),
                warmup,
                warmupSeconds,
                iters,
                seed,
                label);
    }
}
