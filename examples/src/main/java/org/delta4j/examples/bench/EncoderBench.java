package org.delta4j.examples.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        BenchOptions options =
                CommandLine.parseOrExit(args, BenchOptions.USAGE, BenchOptions::parse);
        if (options == null) {
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
                ProcessMemory.peakRssKb());
    }

    private static Timings time(String name, EncoderSetup setup, BenchOptions options) {
        try (BenchCase c = BenchCases.create(name, setup)) {
            return Timings.measure(c, options.warmup(), options.iters());
        }
    }
}
