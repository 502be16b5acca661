package org.delta4j.models.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.models.FixtureEdits;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading GPT-2 folders: exact fit, errors that name keys and shapes, tied keys optional. */
class Gpt2LoadTest {
    @TempDir Path temp;

    private static NDArray logits(Path dir, NDManager manager) throws IOException {
        Block model = HfModels.load(dir, manager);
        return model.forward(
                        new ParameterStore(manager, false),
                        ModelInputs.fromJson(
                                manager, Fixtures.model("gpt2_lm_head").resolve("inputs.json")),
                        false)
                .get("logits");
    }

    @Test
    void missingParameterIsNamed() throws IOException {
        FixtureEdits.copy("gpt2", temp, w -> w.remove("h.1.mlp.c_fc.bias"));
        String message = FixtureEdits.loadError(temp);
        assertTrue(message.contains("missing key h.1.mlp.c_fc.bias"), message);
    }

    @Test
    void missingCausalBuffersAreComputed() throws IOException {
        FixtureEdits.copy(
                "gpt2_lm_head",
                temp,
                w ->
                        w.keySet()
                                .removeIf(
                                        k ->
                                                k.endsWith(".attn.bias")
                                                        || k.endsWith(".attn.masked_bias")));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(logits(Fixtures.model("gpt2_lm_head"), manager), logits(temp, manager));
        }
    }

    @Test
    void linearLayoutIsAShapeMismatch() throws IOException {
        // A weight stored [out, in] (nn.Linear's layout) does not fit Conv1D's [in, out].
        try (NDManager manager = NDManager.newBaseManager()) {
            FixtureEdits.copy(
                    "gpt2",
                    temp,
                    w -> w.put("h.0.attn.c_attn.weight", manager.zeros(new Shape(96, 32))));
        }
        String message = FixtureEdits.loadError(temp);
        assertTrue(
                message.contains(
                        "shape mismatch for h.0.attn.c_attn.weight: checkpoint (96, 32), model (32, 96)"),
                message);
    }

    @Test
    void tiedHeadKeyMayBeLeftOut() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray expected = logits(Fixtures.model("gpt2_lm_head"), manager);
            FixtureEdits.copy("gpt2_lm_head", temp, w -> w.remove("lm_head.weight"));
            assertEquals(expected, logits(temp, manager));
        }
    }
}
