package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.delta4j.io.StrictJson;
import org.delta4j.io.UserFiles;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.train.task.Task;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batches of every training fixture, written as JSONL rows in order, read back through {@link
 * TrainingRows} and {@link Batcher} with the rules and pad id of the fixture's model: exactly the
 * batches PyTorch trained on.
 */
class FixtureBatchesTest {
    private static final Gson GSON = new Gson();

    @TempDir Path temp;

    static Stream<String> cases() throws IOException {
        Path train = Fixtures.root().resolve("train");
        try (Stream<Path> dirs = Files.list(train)) {
            return dirs
                    .filter(d -> Files.exists(d.resolve("batches.json")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void jsonlRowsGiveTheFixtureBatches(String name) throws IOException {
        Path dir = Fixtures.root().resolve("train").resolve(name);
        JsonObject fixture =
                StrictJson.parse(UserFiles.readUtf8(dir.resolve("batches.json"))).getAsJsonObject();
        String modelFixture =
                StrictJson.parse(UserFiles.readUtf8(dir.resolve("case.json")))
                        .getAsJsonObject()
                        .get("model_fixture")
                        .getAsString();
        Path modelDir = Fixtures.root().resolve(modelFixture);
        JsonArray batches = fixture.getAsJsonArray("batches");
        Path file = Files.write(temp.resolve("train.jsonl"), rowsOf(batches));

        RowRules rules;
        try (NDManager manager = NDManager.newBaseManager()) {
            rules = RowRules.of(HfModels.load(modelDir, manager));
        }
        assertEquals(99, rules.vocabSize());
        assertEquals(64, rules.maxTokens());
        int padId = PadId.resolve(modelDir);
        assertEquals(fixture.get("pad_token_id").getAsInt(), padId, "pad id as the fixture's");

        TrainingRows rows = TrainingRows.read(file, rules, modelDir);
        int batchSize = batches.get(0).getAsJsonObject().getAsJsonArray("input_ids").size();
        Batcher batcher = Batcher.inOrder(rows, batchSize, padId);
        assertEquals(batches.size(), batcher.perEpoch());
        for (int b = 0; b < batches.size(); b++) {
            JsonObject expected = batches.get(b).getAsJsonObject();
            Batch batch = batcher.get(0, b);
            String at = name + " batch " + b;
            assertArrayEquals(matrix(expected, "input_ids"), batch.inputIds(), at);
            assertArrayEquals(matrix(expected, "attention_mask"), batch.attentionMask(), at);
            assertNull(batch.tokenTypeIds(), at);
            if (rules.task() == Task.SEQUENCE_CLASSIFICATION) {
                assertEquals(2, rules.numLabels());
                assertArrayEquals(
                        GSON.fromJson(expected.get("labels"), long[].class),
                        batch.classLabels(),
                        at);
            } else {
                assertArrayEquals(matrix(expected, "labels"), batch.tokenLabels(), at);
            }
        }
        assertTrue(batches.size() >= 4, "a fixture has at least 4 batches");
    }

    /** One JSONL line per row of every batch, with the fixture's own field names. */
    private static List<String> rowsOf(JsonArray batches) {
        List<String> lines = new ArrayList<>();
        for (JsonElement element : batches) {
            JsonObject batch = element.getAsJsonObject();
            int rows = batch.getAsJsonArray("input_ids").size();
            for (int r = 0; r < rows; r++) {
                JsonObject row = new JsonObject();
                for (String field : batch.keySet()) {
                    row.add(field, batch.getAsJsonArray(field).get(r));
                }
                lines.add(GSON.toJson(row));
            }
        }
        return lines;
    }

    private static long[][] matrix(JsonObject batch, String field) {
        return GSON.fromJson(batch.get(field), long[][].class);
    }
}
