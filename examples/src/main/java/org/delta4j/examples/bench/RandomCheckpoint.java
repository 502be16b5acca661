package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.delta4j.io.AtomicFolder;
import org.delta4j.io.Safetensors;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;

/**
 * Writes a model with random weights (HF's initialisation, seeded) as HF publishes it: a folder
 * with {@code config.json} and one {@code model.safetensors} in BF16, each parameter once (a tied
 * weight under its first path only, as {@code save_pretrained} leaves {@code lm_head.weight} out
 * when it is the embedding's), without buffers the model computes.
 */
final class RandomCheckpoint {
    private RandomCheckpoint() {}

    /**
     * @param configFile the model's {@code config.json}
     * @param dir the folder to write; replaced whole, and left as it was on failure
     * @param seed the seed of the weights
     * @throws IOException when the config cannot be read or the folder cannot be written
     * @throws IllegalArgumentException when the config is invalid or names an unsupported model
     */
    static void write(Path configFile, Path dir, int seed) throws IOException {
        AtomicFolder.write(
                dir,
                tmp -> {
                    Files.copy(configFile, tmp.resolve("config.json"));
                    try (Model model = Model.newInstance("bench-random-checkpoint")) {
                        Block block =
                                HfModels.random(
                                        HfModels.readConfig(tmp), model.getNDManager(), seed);
                        model.setBlock(block);
                        Safetensors.writeBf16(
                                tmp.resolve("model.safetensors"),
                                eachParameterOnce(block),
                                Map.of("format", "pt"));
                    }
                });
    }

    private static Map<String, NDArray> eachParameterOnce(Block block) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, NDArray> out = new LinkedHashMap<>();
        ModuleTree.of(block)
                .parameters()
                .forEach(
                        (path, p) -> {
                            if (seen.add(p)) {
                                out.put(path, p.getArray());
                            }
                        });
        return out;
    }
}
