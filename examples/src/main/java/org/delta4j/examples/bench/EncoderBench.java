package org.delta4j.examples.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.delta4j.Delta4j;

/**
 * Times the base model of a BERT, GPT-2, T5 or Llama-family config in delta4j: for each case
 * ({@link BenchCases}) it builds a fresh model, runs the case {@code --warmup} times untimed and
 * {@code --iters} times timed, and prints the median and spread; the inference cases ({@code
 * forward...}) run in turns, one call of each per turn, {@code --inference-iters} turns. Run by
 * {@code bench/run.sh}, which runs {@code bench/encoder_bench.py} (PyTorch eager) with the same
 * arguments and compares. {@code --help} prints the usage.
 */
public final class EncoderBench {
    private EncoderBench() {}

    /**
     * @param args see {@link BenchOptions#USAGE}
     * @throws IOException when the config cannot be read or the export cannot be written
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        BenchOptions options =
                CommandLine.parseOrExit(args, BenchOptions.USAGE, BenchOptions::parse);
        if (options == null) {
            return;
        }
        EncoderSetup setup =
                EncoderSetup.read(
                        options.config(), options.batch(), options.length(), options.seed());
        if (options.export() != null) {
            CrossCheckExport.write(setup, options.export());
            System.out.println("exported to " + options.export());
            return;
        }
        Engine engine = Engine.getInstance();
        System.out.printf(
                Locale.ROOT,
                "# %s %s, %s (%s), vocab %d; batch %d x seq %d; warmup %d, timed %d (inference %d)%n",
                engine.getEngineName(),
                engine.getVersion(),
                setup.config().modelType(),
                options.config(),
                setup.vocabSize(),
                options.batch(),
                options.length(),
                options.warmup(),
                options.iters(),
                options.inferenceIters());
        // The inference cases are timed in turns, as their ratios to each other are what counts
        // (unmerged LoRA against the plain backbone); the training cases one after another.
        List<String> inference =
                options.cases().stream().filter(n -> n.startsWith("forward")).toList();
        List<BenchCase> built = new ArrayList<>();
        try {
            for (String name : inference) {
                built.add(BenchCases.create(name, setup));
            }
            List<Timings> timings =
                    Timings.measureInTurns(
                            built,
                            options.warmup(),
                            options.warmupSeconds(),
                            options.inferenceIters());
            for (int i = 0; i < inference.size(); i++) {
                System.out.println(timings.get(i).resultLine(options.label(), inference.get(i)));
            }
        } finally {
            built.forEach(BenchCase::close);
        }
        for (String name : options.cases()) {
            if (!inference.contains(name)) {
                System.out.println(time(name, setup, options).resultLine(options.label(), name));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "PEAKRSS %s %s %d%n",
                options.label(),
                String.join(",", options.cases()),
                ProcessMemory.peakRssKb());
    }

    private static Timings time(String name, EncoderSetup setup, BenchOptions options) {
        try (BenchCase c = BenchCases.create(name, setup)) {
            return Timings.measure(c, options.warmup(), options.warmupSeconds(), options.iters());
        }
    }
}
