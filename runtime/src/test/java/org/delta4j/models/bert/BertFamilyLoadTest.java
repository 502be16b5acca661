package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.delta4j.io.Safetensors;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading BERT-family checkpoints that do not fit: every problem is named, and nothing is kept. */
class BertFamilyLoadTest {
    @TempDir Path temp;

    /** Copies a fixture's config and writes its weights after {@code edit}. */
    private Path folder(String fixture, Consumer<Map<String, NDArray>> edit) throws IOException {
        Path dir = Fixtures.model(fixture);
        Files.copy(dir.resolve("config.json"), temp.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> weights =
                    new LinkedHashMap<>(
                            Safetensors.read(dir.resolve("model.safetensors"), manager));
            edit.accept(weights);
            Safetensors.write(temp.resolve("model.safetensors"), weights, Map.of());
        }
        return temp;
    }

    private static String loadError(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e = assertThrows(IOException.class, () -> HfModels.load(dir, manager));
            assertEquals(0, manager.getManagedArrays().size(), "a failed load must keep no arrays");
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "bert, encoder.layer.1.attention.self.value.bias",
        "bert_for_sequence_classification, classifier.weight",
        "roberta, embeddings.word_embeddings.weight",
        "distilbert, transformer.layer.0.ffn.lin2.weight"
    })
    void missingKeyIsNamed(String fixture, String key) throws IOException {
        String message = loadError(folder(fixture, w -> w.remove(key)));
        assertTrue(message.contains("missing key " + key), message);
    }

    @ParameterizedTest
    @CsvSource({
        "bert, encoder.layer.0.intermediate.dense.weight, 36, 32, (37, 32)",
        "bert_for_sequence_classification, classifier.weight, 3, 32, (2, 32)",
        "roberta, embeddings.position_embeddings.weight, 66, 32, (64, 32)",
        "distilbert, transformer.layer.1.attention.q_lin.weight, 32, 16, (32, 32)"
    })
    void shapeMismatchNamesKeyAndShapes(
            String fixture, String key, long rows, long cols, String modelShape)
            throws IOException {
        String message =
                loadError(
                        folder(
                                fixture,
                                w ->
                                        w.put(
                                                key,
                                                w.get(key)
                                                        .getManager()
                                                        .zeros(new Shape(rows, cols)))));
        assertTrue(
                message.contains(
                        "shape mismatch for "
                                + key
                                + ": checkpoint ("
                                + rows
                                + ", "
                                + cols
                                + "), model "
                                + modelShape),
                message);
    }

    @ParameterizedTest
    @CsvSource({"bert, embeddings.token_type_ids", "distilbert, embeddings.position_ids"})
    void nonPersistentBuffersAreUnexpected(String fixture, String key) throws IOException {
        String message =
                loadError(
                        folder(
                                fixture,
                                w ->
                                        w.put(
                                                key,
                                                w.values()
                                                        .iterator()
                                                        .next()
                                                        .getManager()
                                                        .zeros(new Shape(1, 64)))));
        assertTrue(message.contains("unexpected key " + key), message);
    }
}
