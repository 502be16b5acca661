package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInputsTest {
    private static final List<String> NAMES = List.of("input_ids", "attention_mask", "decoder_input_ids");

    @TempDir
    Path temp;

    @Test
    void jsonInputsAreNamedInt64Arrays() throws IOException {
        Path file = temp.resolve("inputs.json");
        Files.writeString(file, "{\"input_ids\": [[1, 2, 3], [4, 5, 6]], \"attention_mask\": [[1, 1, 1], [1, 1, 0]]}");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in = ModelInputs.fromJson(manager, file);
            assertEquals("input_ids", in.get(0).getName());
            assertEquals(DataType.INT64, in.get(1).getDataType());
            assertEquals(new Shape(2, 3), in.get("attention_mask").getShape());
            Files.writeString(file, "[1, 2]");
            assertThrows(IOException.class, () -> ModelInputs.fromJson(manager, file));
            Files.writeString(file, "{\"input_ids\": [[1, 2], [3]]}");
            IOException ragged = assertThrows(IOException.class, () -> ModelInputs.fromJson(manager, file));
            assertTrue(ragged.getMessage().startsWith(file.toString()), ragged.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ModelInputs.of(manager, Map.of("input_ids", new long[][] {{1, 2}, {3}})));
        }
    }

    @Test
    void namesWinAndUnnamedArraysArePositional() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[] {1});
            NDArray decoder = manager.create(new long[] {2});
            decoder.setName("decoder_input_ids");
            Map<String, NDArray> resolved = NamedInputs.resolve(new NDList(ids, decoder), NAMES, "M");
            assertEquals(List.of("input_ids", "decoder_input_ids"), List.copyOf(resolved.keySet()));
            assertSame(decoder, resolved.get("decoder_input_ids"));
            NDArray twice = manager.create(new long[] {3});
            twice.setName("input_ids");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NamedInputs.resolve(new NDList(ids, twice), NAMES, "M"));
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> NamedInputs.resolve(new NDList(ids, ids, ids, ids), NAMES, "M"));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> NamedInputs.require(Map.of(), "input_ids", "M"));
            assertTrue(missing.getMessage().contains("input_ids"), missing.getMessage());
        }
    }
}
