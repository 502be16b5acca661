package org.delta4j.examples.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.delta4j.Delta4j;
import org.delta4j.models.bert.BertConfig;

/**
 * Times a BERT-shaped encoder in delta4j: for each case ({@link BenchCases}) it builds a fresh
 * model, runs the case {@code --warmup} times untimed and {@code --iters} times timed, and prints
 * the median and spread. Run by {@code bench/run.sh}, which runs {@code bench/encoder_bench.py}
 * (PyTorch eager) with the same arguments and compares. {@code --help} prints the usage.
 */
public final class EncoderBench {
    private EncoderBench() {}

    /**
     * @param args see {@link BenchOptions#USAGE}
     * @throws IOException when the config cannot be read or the export cannot be written
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        BertConfig config =
                BertConfig.fromJson(Files.readString(options.config(), StandardCharsets.UTF_8));
        EncoderSetup setup =
                new EncoderSetup(config, options.batch(), options.length(), options.seed());
        if (options.export() != null) {
            CrossCheckExport.write(setup, options.export());
            System.out.println("exported to " + options.export());
            return;
        }
        Engine engine = Engine.getInstance();
        System.out.printf(
                Locale.ROOT,
                "# %s %s, %d layers, hidden %d, %d heads, ffn %d, vocab %d; batch %d x seq %d;"
                        + " warmup %d, timed %d%n",
                engine.getEngineName(),
                engine.getVersion(),
                config.numHiddenLayers(),
                config.hiddenSize(),
                config.numAttentionHeads(),
                config.intermediateSize(),
                config.vocabSize(),
                options.batch(),
                options.length(),
                options.warmup(),
                options.iters());
        for (String name : options.cases()) {
            System.out.println(time(name, setup, options).resultLine(options.label(), name));
        }
        System.out.printf(
                Locale.ROOT,
                "PEAKRSS %s %s %d%n",
                options.label(),
                String.join(",", options.cases()),
                peakRssKb());
    }

    /** The process's peak resident set size (VmHWM of /proc/self/status), in kB; -1 if unknown. */
    static long peakRssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Timings time(String name, EncoderSetup setup, BenchOptions options) {
        try (BenchCase c = BenchCases.create(name, setup)) {
            for (int i = 0; i < options.warmup(); i++) {
                c.runOnce();
            }
            System.gc();
            long[] nanos = new long[options.iters()];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                c.runOnce();
                nanos[i] = System.nanoTime() - start;
            }
            return Timings.of(nanos);
        }
    }
}
