package org.delta4j.models.t5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.models.FixtureEdits;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading T5 folders: exact fit, errors that name keys and shapes, tied aliases optional. */
class T5LoadTest {
    private static final String FIXTURE = "t5_for_conditional_generation";

    @TempDir Path temp;

    private static NDArray logits(Path dir, NDManager manager) throws IOException {
        return HfModels.load(dir, manager)
                .forward(
                        new ParameterStore(manager, false),
                        ModelInputs.fromJson(
                                manager, Fixtures.model(FIXTURE).resolve("inputs.json")),
                        false)
                .get("logits");
    }

    @Test
    void missingKeyIsNamed() throws IOException {
        FixtureEdits.copy(
                FIXTURE,
                temp,
                w ->
                        w.remove(
                                "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
        String message = FixtureEdits.loadError(temp);
        assertTrue(
                message.contains(
                        "missing key decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"),
                message);
    }

    @Test
    void shapeMismatchNamesKeyAndShapes() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            FixtureEdits.copy(
                    FIXTURE,
                    temp,
                    w ->
                            w.put(
                                    "encoder.block.1.layer.1.DenseReluDense.wi.weight",
                                    manager.zeros(new Shape(36, 32))));
        }
        String message = FixtureEdits.loadError(temp);
        assertTrue(
                message.contains(
                        "shape mismatch for encoder.block.1.layer.1.DenseReluDense.wi.weight: "
                                + "checkpoint (36, 32), model (37, 32)"),
                message);
    }

    @Test
    void tiedAliasesMayBeLeftOut() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray expected = logits(Fixtures.model(FIXTURE), manager);
            FixtureEdits.copy(
                    FIXTURE,
                    temp,
                    w -> {
                        w.remove("encoder.embed_tokens.weight");
                        w.remove("decoder.embed_tokens.weight");
                        w.remove("lm_head.weight");
                    });
            assertEquals(expected, logits(temp, manager));
        }
    }
}
