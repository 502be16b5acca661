package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.delta.StateDict;
import org.delta4j.io.Safetensors;

/**
 * Writes what {@code bench/encoder_bench.py --check} needs to show that its PyTorch model of the
 * family computes what delta4j's does: the random weights ({@code model.safetensors}, HF names) and
 * the inputs with delta4j's eval-mode outputs ({@code io.safetensors}).
 */
final class CrossCheckExport {
    private CrossCheckExport() {}

    static void write(EncoderSetup setup, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Model model = Model.newInstance("bench-export")) {
            Block block = setup.newModel(model.getNDManager());
            model.setBlock(block);
            NDList inputs = setup.inputs(model.getNDManager());
            NDList outputs =
                    block.forward(new ParameterStore(model.getNDManager(), false), inputs, false);
            Safetensors.write(
                    dir.resolve("model.safetensors"), StateDict.of(block), Map.of("format", "pt"));
            Map<String, NDArray> io = new LinkedHashMap<>();
            for (NDArray a : inputs) {
                io.put(a.getName(), a);
            }
            for (NDArray a : outputs) {
                io.put(a.getName(), a);
            }
            Safetensors.write(dir.resolve("io.safetensors"), io, Map.of());
        }
    }
}
