package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.delta.StateDict;
import org.delta4j.io.Safetensors;
import org.delta4j.models.gpt2.GPT2LMHeadModel;

/**
 * Writes what {@code bench/decode_bench.py --check} needs to show that its cached PyTorch loop
 * decodes what delta4j's does: the random weights ({@code model.safetensors}, HF names) and, in
 * {@code io.safetensors}, the prompt ({@code input_ids}), the greedy tokens delta4j chose ({@code
 * tokens [batch, new + 1]}) and the logits behind them ({@code logits [new + 1, batch, vocab]}).
 */
final class DecodeExport {
    private DecodeExport() {}

    static void write(DecodeSetup setup, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Model model = Model.newInstance("bench-decode-export")) {
            NDManager manager = model.getNDManager();
            GPT2LMHeadModel gpt2 = setup.newModel(manager);
            model.setBlock(gpt2);
            long[][] prompt = setup.tokens(setup.prompt());
            CachedGreedyDecoding.Run run =
                    new CachedGreedyDecoding(gpt2, manager).run(prompt, setup.newTokens(), true);
            Safetensors.write(
                    dir.resolve("model.safetensors"), StateDict.of(gpt2), Map.of("format", "pt"));
            Map<String, NDArray> io = new LinkedHashMap<>();
            io.put("input_ids", manager.create(prompt));
            io.put("tokens", manager.create(run.tokens()));
            io.put("logits", stacked(manager, run.logits()));
            Safetensors.write(dir.resolve("io.safetensors"), io, Map.of());
        }
    }

    /** {@code [steps][batch][vocab]} as one array. */
    private static NDArray stacked(NDManager manager, float[][][] logits) {
        int batch = logits[0].length;
        int vocab = logits[0][0].length;
        float[] flat = new float[logits.length * batch * vocab];
        int at = 0;
        for (float[][] step : logits) {
            for (float[] row : step) {
                System.arraycopy(row, 0, flat, at, vocab);
                at += vocab;
            }
        }
        return manager.create(flat, new Shape(logits.length, batch, vocab));
    }
}
