package org.delta4j.examples.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.Locale;
import org.delta4j.Delta4j;
import org.delta4j.models.llama.LlamaFamilyConfig;

/**
 * Memory and speed of a Llama-family model at real size in delta4j: writes random weights as a BF16
 * HF folder ({@code --write}), or loads such a folder and times loading, a forward pass and a LoRA
 * training step ({@code --model}), printing the Java heap in use with each case's model loaded and
 * the process's peak RSS. Run by {@code bench/run.sh} (its {@code LLAMA} setting), which runs
 * {@code bench/llama_bench.py} (PyTorch eager) on the same folder and compares. {@code --help}
 * prints the usage.
 */
public final class LlamaBench {
    private LlamaBench() {}

    /**
     * @param args see {@link LlamaOptions#USAGE}
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        LlamaOptions options =
                CommandLine.parseOrExit(args, LlamaOptions.USAGE, LlamaOptions::parse);
        if (options == null) {
            return;
        }
        if (options.write() != null) {
            RandomCheckpoint.write(options.config(), options.write(), options.seed());
            System.out.println("wrote " + options.write());
            return;
        }
        LlamaSetup setup =
                LlamaSetup.read(options.model(), options.batch(), options.length(), options.seed());
        if (options.export() != null) {
            LlamaExport.write(setup, options.export());
            System.out.println("exported to " + options.export());
            return;
        }
        run(setup, options);
    }

    private static void run(LlamaSetup setup, LlamaOptions options) {
        Engine engine = Engine.getInstance();
        LlamaFamilyConfig config = setup.config();
        System.out.printf(
                Locale.ROOT,
                "# %s %s, %s: %d layers, hidden %d, %d heads (%d key/value), ffn %d, vocab %d;"
                        + " batch %d x seq %d; warmup %d, timed %d%n",
                engine.getEngineName(),
                engine.getVersion(),
                config.architectures().get(0),
                config.numHiddenLayers(),
                config.hiddenSize(),
                config.numAttentionHeads(),
                config.keyValueHeads(),
                config.intermediateSize(),
                config.vocabSize(),
                options.batch(),
                options.length(),
                options.warmup(),
                options.iters());
        for (String name : options.cases()) {
            try (BenchCase c = LlamaCases.create(name, setup)) {
                Timings timings =
                        Timings.measure(
                                c, options.warmup(), options.warmupSeconds(), options.iters());
                System.out.println(timings.resultLine(options.label(), name));
                System.out.printf(
                        Locale.ROOT,
                        "HEAP %s %s %.1f%n",
                        options.label(),
                        name,
                        ProcessMemory.heapUsedMib());
                System.out.flush();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "PEAKRSS %s %s %d%n",
                options.label(),
                String.join(",", options.cases()),
                ProcessMemory.peakRssKb());
    }
}
