package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code forward --delta} and {@code merge} on PEFT 0.10's Llama and Qwen2 LoRA fixtures: PEFT's
 * outputs before the merge; a merged folder with the original checkpoint's keys (Qwen2's tied head
 * left out, as {@code save_pretrained} does) holding PEFT's merged weights, which runs with the
 * merged outputs.
 */
class LlamaPeftCommandsTest {
    private static final float TOLERANCE = 1e-5f;

    @TempDir Path temp;

    @ParameterizedTest
    @CsvSource({
        "llama_lora_q_v_r4, llama_for_causal_lm",
        "qwen2_lora_all_linear_r4, qwen2_for_causal_lm"
    })
    void forwardAndMergeGivePeftsOutputsAndWeights(String peftCase, String modelCase)
            throws IOException {
        String root = System.getProperty("delta4j.fixtures");
        assumeTrue(root != null, "delta4j.fixtures is not set; skipping");
        Path peft = Path.of(root, "peft", peftCase);
        Path model = Path.of(root, "models", modelCase);
        assumeTrue(Files.isDirectory(peft), "no PEFT fixture at " + peft + "; skipping");
        Path inputs = peft.resolve("inputs.json");
        Path adapter = peft.resolve("adapter");

        Path before = temp.resolve("before.safetensors");
        Cli.Result run =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--delta",
                        adapter.toString(),
                        "-o",
                        before.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertOutputs(peft.resolve("expected_before_merge.safetensors"), before);

        Path merged = temp.resolve("merged");
        Cli.Result merge =
                Cli.run(
                        "merge",
                        model.toString(),
                        "--delta",
                        adapter.toString(),
                        "--output",
                        merged.toString());
        assertEquals(0, merge.exitCode(), merge::toString);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> written =
                    Safetensors.read(merged.resolve("model.safetensors"), manager);
            Map<String, NDArray> peftMerged =
                    Safetensors.read(peft.resolve("merged_model.safetensors"), manager);
            // The whole state dict, as PEFT's merged one: Qwen2's tied head under both its paths,
            // which from_pretrained loads.
            assertEquals(peftMerged.keySet(), written.keySet());
            written.forEach(
                    (key, value) -> {
                        float diff = ModelFixtures.maxAbsDiff(value, peftMerged.get(key));
                        assertTrue(diff <= TOLERANCE, key + " differs by " + diff);
                    });
        }
        Path after = temp.resolve("after.safetensors");
        Cli.Result forward =
                Cli.run(
                        "forward",
                        merged.toString(),
                        "--inputs",
                        inputs.toString(),
                        "-o",
                        after.toString());
        assertEquals(0, forward.exitCode(), forward::toString);
        assertOutputs(peft.resolve("expected_after_merge.safetensors"), after);
    }

    private static void assertOutputs(Path expectedFile, Path out) throws IOException {
        ModelFixtures.assertOutputsMatch(expectedFile, out, TOLERANCE);
    }
}
