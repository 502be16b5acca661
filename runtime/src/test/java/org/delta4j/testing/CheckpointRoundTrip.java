package org.delta4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;

/**
 * A delta on a fixture model with a {@code logits} output: away from its identity-at-init values it
 * changes the logits, and it saves and loads onto a fresh model with the same logits.
 */
public final class CheckpointRoundTrip {
    private CheckpointRoundTrip() {}

    /**
     * @param model a fixture model folder with an {@code inputs.json}
     * @param spec the delta to attach
     * @param tmp a folder to save the checkpoint under (in a sub-folder named after the method)
     */
    public static void assertChangesTheLogitsAndRoundTrips(Path model, DeltaSpec spec, Path tmp)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = ModelInputs.fromJson(manager, model.resolve("inputs.json"));
            Block base = HfModels.load(model, manager);
            float[] plain = logits(base, inputs, manager);
            Tuning tuning = TuningSpec.builder().add(spec).build().attach(base);
            // Away from the identity-at-init values, so a lost tensor would show.
            tuning.deltaParameters()
                    .forEach(
                            (path, p) -> {
                                if (p.requiresGradient()) {
                                    ParameterValues.assign(
                                            p,
                                            manager.randomNormal(
                                                    0,
                                                    0.1f,
                                                    p.getShape(),
                                                    p.getArray().getDataType()));
                                }
                            });
            float[] tuned = logits(base, inputs, manager);
            assertFalse(Arrays.equals(plain, tuned), spec.method() + " did not change the output");
            Path dir = tmp.resolve(spec.method());
            DeltaCheckpoint.save(tuning, dir);

            Block fresh = HfModels.load(model, manager);
            Tuning loaded = DeltaCheckpoint.load(dir, fresh);
            assertEquals(tuning.deltaParameters().keySet(), loaded.deltaParameters().keySet());
            assertArrayEquals(tuned, logits(fresh, inputs, manager));
        }
    }

    private static float[] logits(Block model, NDList inputs, NDManager manager) {
        return model.forward(new ParameterStore(manager, false), inputs, false)
                .get("logits")
                .toFloatArray();
    }
}
