package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.delta4j.io.Safetensors;
import org.delta4j.models.hf.HfModels;

/** Model folders made from a fixture with edited weights, and the errors loading them gives. */
public final class FixtureEdits {
    private FixtureEdits() {}

    /**
     * Writes the fixture's config and its weights after {@code edit} into {@code target}.
     *
     * @param fixture a case under {@code models/}
     * @param target an empty folder
     * @param edit changes the state dict by key
     * @return {@code target}
     */
    public static Path copy(String fixture, Path target, Consumer<Map<String, NDArray>> edit)
            throws IOException {
        Path dir = Fixtures.model(fixture);
        Files.copy(dir.resolve("config.json"), target.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> weights =
                    new LinkedHashMap<>(
                            Safetensors.read(dir.resolve("model.safetensors"), manager));
            edit.accept(weights);
            Safetensors.write(target.resolve("model.safetensors"), weights, Map.of());
        }
        return target;
    }

    /**
     * @param dir a model folder that must not load
     * @return the error message, after checking the failed load kept no arrays
     */
    public static String loadError(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e = assertThrows(Exception.class, () -> HfModels.load(dir, manager));
            assertEquals(0, manager.getManagedArrays().size(), "a failed load must keep no arrays");
            return e.getMessage();
        }
    }
}
