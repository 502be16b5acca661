package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.models.hf.HfModels;

/**
 * Checks a model fixture end to end: load the folder, run {@code inputs.json}, compare every
 * expected output.
 */
public final class FixtureOutputs {
    /** The fixtures' tolerance: absolute, on every element. */
    public static final float TOLERANCE = 1e-5f;

    private FixtureOutputs() {}

    /**
     * Loads the fixture's model, runs its inputs in inference mode and asserts each output of
     * {@code expected.safetensors} is there, with its shape, within {@link #TOLERANCE}; prints each
     * difference.
     *
     * @param fixture a case under {@code models/}
     */
    public static void assertMatch(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(dir, manager);
            NDList out =
                    model.forward(
                            new ParameterStore(manager, false),
                            ModelInputs.fromJson(manager, dir.resolve("inputs.json")),
                            false);
            Map<String, NDArray> expected =
                    Safetensors.read(dir.resolve("expected.safetensors"), manager);
            for (Map.Entry<String, NDArray> e : expected.entrySet()) {
                NDArray actual = out.get(e.getKey());
                assertTrue(actual != null, fixture + ": no output named " + e.getKey());
                assertEquals(
                        e.getValue().getShape(), actual.getShape(), fixture + " " + e.getKey());
                float diff = Fixtures.maxAbsDiff(actual, e.getValue());
                System.out.printf("%s %s max abs diff %.3g%n", fixture, e.getKey(), diff);
                assertTrue(diff <= TOLERANCE, fixture + " " + e.getKey() + " differs by " + diff);
            }
        }
    }
}
