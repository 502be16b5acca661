package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.delta4j.Delta4j;
import org.delta4j.models.gpt2.GPT2Config;
import org.delta4j.models.gpt2.GPT2LMHeadModel;

/**
 * Times greedy decoding of a GPT-2-shaped language model in delta4j: for each batch size, the
 * prompt's pass and the time per new token with the key/value cache, against one forward pass over
 * the whole sequence without it, each case run {@code --warmup} times untimed and {@code --iters}
 * times timed. One model (random, seeded) serves every case. Run by {@code bench/run.sh}, which
 * runs {@code bench/decode_bench.py} (PyTorch eager, a hand-written cached loop) with the same
 * arguments and compares. {@code --help} prints the usage.
 */
public final class DecodeBench {
    private DecodeBench() {}

    /**
     * @param args see {@link DecodeOptions#USAGE}
     * @throws IOException when the config cannot be read or the export cannot be written
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        DecodeOptions options =
                CommandLine.parseOrExit(args, DecodeOptions.USAGE, DecodeOptions::parse);
        if (options == null) {
            return;
        }
        GPT2Config config =
                GPT2Config.fromJson(Files.readString(options.config(), StandardCharsets.UTF_8));
        if (options.export() != null) {
            DecodeExport.write(setup(config, options.batches().get(0), options), options.export());
            System.out.println("exported to " + options.export());
            return;
        }
        Engine engine = Engine.getInstance();
        System.out.printf(
                Locale.ROOT,
                "# %s %s, %d layers, n_embd %d, %d heads, vocab %d; batches %s, prompt %d, new %d;"
                        + " warmup %d, timed %d%n",
                engine.getEngineName(),
                engine.getVersion(),
                config.nLayer(),
                config.nEmbd(),
                config.nHead(),
                config.vocabSize(),
                options.batches(),
                options.prompt(),
                options.newTokens(),
                options.warmup(),
                options.iters());
        try (Model model = Model.newInstance("bench-decode")) {
            GPT2LMHeadModel gpt2 = setup(config, 1, options).newModel(model.getNDManager());
            model.setBlock(gpt2);
            for (int batch : options.batches()) {
                DecodeCases cases =
                        new DecodeCases(
                                gpt2, model.getNDManager(), setup(config, batch, options), options);
                for (String name : options.cases()) {
                    cases.run(name).forEach(System.out::println);
                    System.out.flush();
                }
            }
        }
    }

    private static DecodeSetup setup(GPT2Config config, int batch, DecodeOptions options) {
        return new DecodeSetup(
                config, batch, options.prompt(), options.newTokens(), options.seed());
    }
}
