package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.io.Safetensors;

/**
 * Writes what {@code bench/llama_bench.py --check} needs to show that its PyTorch Qwen2 computes
 * what delta4j's does on the same folder: {@code io.safetensors} with the inputs ({@code
 * input_ids}) and delta4j's eval-mode {@code logits} of the model loaded from the folder.
 */
final class LlamaExport {
    private LlamaExport() {}

    static void write(LlamaSetup setup, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Model model = setup.load("bench-llama-export")) {
            NDList inputs = setup.inputs(model.getNDManager());
            NDList outputs =
                    model.getBlock()
                            .forward(
                                    new ParameterStore(model.getNDManager(), false), inputs, false);
            Map<String, NDArray> io = new LinkedHashMap<>();
            io.put("input_ids", inputs.get("input_ids"));
            io.put("logits", outputs.get("logits"));
            Safetensors.write(dir.resolve("io.safetensors"), io, Map.of());
        }
    }
}
