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
import org.delta4j.backbone.NamedInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelInputsTest {
    private static final List<String> NAMES =
            List.of("input_ids", "attention_mask", "decoder_input_ids");

    @TempDir Path temp;

    @Test
    void jsonInputsAreNamedInt64Arrays() throws IOException {
        Path file = temp.resolve("inputs.json");
        Files.writeString(
                file,
                "{\"input_ids\": [[1, 2, 3], [4, 5, 6]], \"attention_mask\": [[1, 1, 1], [1, 1, 0]]}");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in = ModelInputs.fromJson(manager, file);
            assertEquals("input_ids", in.get(0).getName());
            assertEquals(DataType.INT64, in.get(1).getDataType());
            assertEquals(new Shape(2, 3), in.get("attention_mask").getShape());
            Files.writeString(file, "[1, 2]");
            assertThrows(IOException.class, () -> ModelInputs.fromJson(manager, file));
            Files.writeString(file, "{\"input_ids\": [[1, 2], [3]]}");
            IOException ragged =
                    assertThrows(IOException.class, () -> ModelInputs.fromJson(manager, file));
            assertTrue(ragged.getMessage().startsWith(file.toString()), ragged.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ModelInputs.of(manager, Map.of("input_ids", new long[][] {{1, 2}, {3}})));
        }
    }

    /**
     * Regression: {@code null} gave a NullPointerException message, non-UTF-8 "Input length = 1",
     * and Gson's lenient mode let comments, single quotes and numeric strings through.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"input_ids\": null} | \"input_ids\" must be a matrix of integers such as [[0, 31414, 2]], got null",
                "{\"input_ids\": [null]} | \"input_ids\"[0] must be a row of integers such as [0, 31414, 2], got null",
                "{\"input_ids\": [[1, null]]} | \"input_ids\"[0][1] must be an integer, got null",
                "{\"input_ids\": [[1, \"5\"]]} | \"input_ids\"[0][1] must be an integer, got a string",
                "{\"input_ids\": [[1, 2.5]]} | \"input_ids\"[0][1] must be an integer, got 2.5",
                "{\"input_ids\": [[1, 1e3]]} | \"input_ids\"[0][1] must be an integer, got 1e3",
                "{\"input_ids\": [[1, true]]} | \"input_ids\"[0][1] must be an integer, got a boolean",
                "{\"input_ids\": [[99999999999999999999]]}"
                        + " | \"input_ids\"[0][0] is 99999999999999999999, beyond a 64-bit integer",
                "{\"input_ids\": [[1]], \"input_ids\": [[2]]} | \"input_ids\" is given twice",
                "[[1, 2]] | expected a JSON object of integer matrices by input name",
                "`` | expected a JSON object of integer matrices by input name, such as {\"input_ids\": [[0, 31414, 2]],"
                        + " \"attention_mask\": [[1, 1, 1]]}, got nothing (the file is empty)",
                "{\"input_ids\": [[1]]} x | not valid JSON: malformed at line 1 column 23 path $ (comments, single quotes,"
                        + " unquoted names and text after the object are not JSON)",
                "{\"input_ids\": [[1]]} // ids | not valid JSON: ",
                "{'input_ids': [[1]]} | not valid JSON: ",
                "{input_ids: [[1]]} | not valid JSON: ",
                "{\"input_ids\": [[1,]]} | not valid JSON: "
            })
    void inputsFilesMustBeStrictJsonOfIntegerMatrices(String json, String problem)
            throws IOException {
        Path file = temp.resolve("inputs.json");
        Files.writeString(file, json);
        try (NDManager manager = NDManager.newBaseManager()) {
            IOException e =
                    assertThrows(IOException.class, () -> ModelInputs.fromJson(manager, file));
            assertTrue(e.getMessage().startsWith(file + ": " + problem), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertEquals(0, manager.getManagedArrays().size());
        }
    }

    @Test
    void inputsFilesMustBeUtf8() throws IOException {
        Path file =
                Files.write(
                        temp.resolve("inputs.json"),
                        new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
        try (NDManager manager = NDManager.newBaseManager()) {
            IOException e =
                    assertThrows(IOException.class, () -> ModelInputs.fromJson(manager, file));
            assertEquals(
                    file
                            + " is not UTF-8 text: the byte at offset 2 is not valid UTF-8; save it as UTF-8",
                    e.getMessage());
        }
    }

    @Test
    void namesWinAndUnnamedArraysArePositional() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[] {1});
            NDArray decoder = manager.create(new long[] {2});
            decoder.setName("decoder_input_ids");
            Map<String, NDArray> resolved =
                    NamedInputs.resolve(new NDList(ids, decoder), NAMES, "M");
            assertEquals(List.of("input_ids", "decoder_input_ids"), List.copyOf(resolved.keySet()));
            assertSame(decoder, resolved.get("decoder_input_ids"));
            NDArray twice = manager.create(new long[] {3});
            twice.setName("input_ids");
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> NamedInputs.resolve(new NDList(ids, twice), NAMES, "M"));
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> NamedInputs.resolve(new NDList(ids, ids, ids, ids), NAMES, "M"));
            IllegalArgumentException missing =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> NamedInputs.require(Map.of(), "input_ids", "M"));
            assertTrue(missing.getMessage().contains("input_ids"), missing.getMessage());
        }
    }
}
