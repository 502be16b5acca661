package org.delta4j.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written WordLevel tokenizer, run offline: ids, padding, masks and token types as HF gives
 * them.
 */
class TextInputsTest {
    /**
     * BERT-style: lower-cased words, [CLS] A [SEP] (B [SEP]); the pad token is not id 0, so padding
     * shows.
     */
    private static final String TOKENIZER =
            """
            {
              "version": "1.0",
              "truncation": null,
              "padding": %s,
              "added_tokens": [
                {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true},
                {"id": 1, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true},
                {"id": 2, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true},
                {"id": 3, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true}
              ],
              "normalizer": {"type": "Lowercase"},
              "pre_tokenizer": {"type": "Whitespace"},
              "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {
                  "[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]},
                  "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}
                }
              },
              "decoder": null,
              "model": {"type": "WordLevel", "unk_token": "[UNK]",
                        "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[PAD]": 3, "hello": 4, "world": 5}}
            }
            """;

    private static final String PADDING =
            "{\"strategy\": \"BatchLongest\", \"direction\": \"Right\", "
                    + "\"pad_to_multiple_of\": null, \"pad_id\": 3, \"pad_type_id\": 0, \"pad_token\": \"[PAD]\"}";

    @TempDir Path temp;

    private Path folder(String padding) throws IOException {
        Files.writeString(
                temp.resolve(TextInputs.TOKENIZER_FILE), String.format(TOKENIZER, padding));
        return temp;
    }

    private static List<long[]> rows(NDArray array) {
        assertEquals(DataType.INT64, array.getDataType(), array.getName());
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < array.getShape().get(0); i++) {
            rows.add(array.get(i).toLongArray());
        }
        return rows;
    }

    @Test
    void textsArePaddedToTheLongestWithAMask() throws IOException {
        try (TextInputs tokenizer = TextInputs.open(folder(PADDING));
                NDManager manager = NDManager.newBaseManager()) {
            NDList in = tokenizer.encode(manager, List.of("Hello world", "hello", "hello there"));
            assertEquals(
                    List.of("input_ids", "attention_mask"),
                    List.of(in.get(0).getName(), in.get(1).getName()));
            assertEquals(2, in.size(), "all-zero token types are left out");
            List<long[]> ids = rows(in.get("input_ids"));
            assertArrayEquals(new long[] {1, 4, 5, 2}, ids.get(0));
            assertArrayEquals(
                    new long[] {1, 4, 2, 3}, ids.get(1), "padded with [PAD] from tokenizer.json");
            assertArrayEquals(new long[] {1, 4, 0, 2}, ids.get(2), "an unknown word is [UNK]");
            assertArrayEquals(new long[] {1, 1, 1, 0}, rows(in.get("attention_mask")).get(1));
        }
    }

    /**
     * One tokenizer shared by threads gives each the encoding of its own texts, as the README says
     * it may.
     */
    @Test
    void oneTokenizerServesSeveralThreads() throws Exception {
        List<List<String>> batches =
                List.of(
                        List.of("Hello world"),
                        List.of("hello", "hello there"),
                        List.of("world hello world"),
                        List.of("there"));
        try (TextInputs tokenizer = TextInputs.open(folder(PADDING));
                NDManager manager = NDManager.newBaseManager()) {
            List<long[]> alone = new ArrayList<>();
            for (List<String> texts : batches) {
                alone.add(tokenizer.encode(manager, texts).get("input_ids").toLongArray());
            }
            ExecutorService pool = Executors.newFixedThreadPool(batches.size());
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < batches.size(); t++) {
                    int k = t;
                    runs.add(
                            pool.submit(
                                    () -> {
                                        for (int i = 0; i < 300; i++) {
                                            try (NDManager request = manager.newSubManager()) {
                                                long[] ids =
                                                        tokenizer
                                                                .encode(request, batches.get(k))
                                                                .get("input_ids")
                                                                .toLongArray();
                                                assertArrayEquals(
                                                        alone.get(k),
                                                        ids,
                                                        "thread " + k + " call " + i);
                                            }
                                        }
                                        return null;
                                    }));
                }
                for (Future<?> f : runs) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void padTokenMayComeFromTheTokenizerConfig() throws IOException {
        Path dir = folder("null");
        Files.writeString(dir.resolve(TextInputs.CONFIG_FILE), "{\"pad_token\": \"[PAD]\"}");
        try (TextInputs tokenizer = TextInputs.open(dir);
                NDManager manager = NDManager.newBaseManager()) {
            NDList in = tokenizer.encode(manager, List.of("hello world", "world"));
            assertArrayEquals(new long[] {1, 5, 2, 3}, rows(in.get("input_ids")).get(1));
        }
    }

    @Test
    void pairsMarkTheSecondTextWithTokenTypeOne() throws IOException {
        try (TextInputs tokenizer = TextInputs.open(folder(PADDING));
                NDManager manager = NDManager.newBaseManager()) {
            NDList in =
                    tokenizer.encode(
                            manager, List.of("hello", "hello"), List.of("world", "world world"));
            assertArrayEquals(new long[] {1, 4, 2, 5, 2, 3}, rows(in.get("input_ids")).get(0));
            assertArrayEquals(new long[] {0, 0, 0, 1, 1, 0}, rows(in.get("token_type_ids")).get(0));
            assertArrayEquals(new long[] {0, 0, 0, 1, 1, 1}, rows(in.get("token_type_ids")).get(1));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> tokenizer.encode(manager, List.of("hello"), List.of("a", "b")));
            assertThrows(
                    IllegalArgumentException.class, () -> tokenizer.encode(manager, List.of()));
        }
    }

    @Test
    void missingOrMalformedTokenizerIsNamed() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> TextInputs.open(temp));
        assertTrue(missing.getMessage().contains(TextInputs.TOKENIZER_FILE), missing.getMessage());

        Files.writeString(temp.resolve(TextInputs.TOKENIZER_FILE), "{\"model\": 3}");
        IOException malformed = assertThrows(IOException.class, () -> TextInputs.open(temp));
        assertTrue(
                malformed.getMessage().contains("is not a valid tokenizer"),
                malformed.getMessage());

        folder(PADDING);
        Files.writeString(temp.resolve(TextInputs.CONFIG_FILE), "{\"pad_token\": ");
        IOException config = assertThrows(IOException.class, () -> TextInputs.open(temp));
        assertTrue(config.getMessage().contains(TextInputs.CONFIG_FILE), config.getMessage());
    }

    @Test
    void promptsArePaddedOnTheAskedSideAndDecodeWithoutSpecialTokens() throws IOException {
        try (TextInputs tokenizer = TextInputs.open(folder(PADDING))) {
            PromptBatch left = tokenizer.prompts(List.of("hello world", "world"), 3, true);
            assertArrayEquals(new long[][] {{1, 4, 5, 2}, {3, 1, 5, 2}}, left.inputIds());
            assertArrayEquals(new long[][] {{1, 1, 1, 1}, {0, 1, 1, 1}}, left.attentionMask());
            PromptBatch right = tokenizer.prompts(List.of("world", "hello world"), 3, false);
            assertArrayEquals(new long[][] {{1, 5, 2, 3}, {1, 4, 5, 2}}, right.inputIds());
            assertArrayEquals(new long[][] {{1, 1, 1, 0}, {1, 1, 1, 1}}, right.attentionMask());
            assertEquals("hello world", tokenizer.decode(new long[] {3, 1, 4, 5, 2}));
        }
    }

    @Test
    void anEmptyPromptIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptBatch.pad(List.of(new long[] {1}, new long[0]), 0, true));
        assertEquals("prompt 1 has no tokens", e.getMessage());
    }
}
