package org.delta4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsDType;
import org.delta4j.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Llama-family benchmark's parts work on a tiny Qwen2 written by the benchmark itself; nothing
 * here measures or asserts a time.
 */
class LlamaBenchTest {
    private static final String TINY =
            "{\"model_type\": \"qwen2\", \"architectures\": [\"Qwen2ForCausalLM\"],"
                    + " \"vocab_size\": 50, \"hidden_size\": 16, \"num_hidden_layers\": 2,"
                    + " \"num_attention_heads\": 4, \"num_key_value_heads\": 2,"
                    + " \"intermediate_size\": 24, \"max_position_embeddings\": 32,"
                    + " \"tie_word_embeddings\": true, \"rope_theta\": 1000000.0}";

    @TempDir Path tmp;

    private Path tinyFolder() throws Exception {
        Path config = tmp.resolve("tiny.json");
        Files.writeString(config, TINY);
        Path folder = tmp.resolve("tiny");
        RandomCheckpoint.write(config, folder, 7);
        return folder;
    }

    @Test
    void writesAnHfFolderInBf16WithTheTiedHeadLeftOut() throws Exception {
        Path folder = tinyFolder();
        assertEquals(TINY, Files.readString(folder.resolve("config.json")));
        try (SafetensorsFile weights = Safetensors.open(folder.resolve("model.safetensors"))) {
            assertTrue(weights.names().contains("model.embed_tokens.weight"));
            assertFalse(weights.names().contains("lm_head.weight"), "tied, as HF saves it");
            for (String name : weights.names()) {
                assertEquals(SafetensorsDType.BF16, weights.info(name).dtype(), name);
            }
        }
    }

    @Test
    void everyCaseRunsRepeatedlyOnTheWrittenFolder() throws Exception {
        LlamaSetup setup = LlamaSetup.read(tinyFolder(), 2, 6, 1);
        for (String name : LlamaCases.names()) {
            try (BenchCase c = LlamaCases.create(name, setup)) {
                Timings timings = Timings.measure(c, 1, 2);
                assertEquals(2, timings.count(), name);
            }
        }
    }

    @Test
    void exportWritesTheInputsAndTheLogits() throws Exception {
        LlamaSetup setup = LlamaSetup.read(tinyFolder(), 2, 6, 1);
        Path out = tmp.resolve("io");
        LlamaExport.write(setup, out);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> io = Safetensors.read(out.resolve("io.safetensors"), manager);
            assertArrayEquals(new long[] {2, 6}, io.get("input_ids").getShape().getShape());
            assertArrayEquals(new long[] {2, 6, 50}, io.get("logits").getShape().getShape());
        }
    }

    @Test
    void aFolderOfAnotherFamilyIsRefusedNamingItsConfig() throws Exception {
        Path bert = Files.createDirectories(tmp.resolve("bert"));
        Files.writeString(
                bert.resolve("config.json"),
                "{\"model_type\": \"bert\", \"architectures\": [\"BertModel\"]}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LlamaSetup.read(bert, 1, 4, 1));
        assertTrue(e.getMessage().contains(bert.resolve("config.json").toString()));
        assertTrue(e.getMessage().contains("Llama-family"));
    }

    @Test
    void optionsHaveDefaultsAndRejectMistakes() {
        LlamaOptions run = LlamaOptions.parse(new String[] {"--model", "m"});
        assertEquals(List.of("load", "forward", "train-lora"), run.cases());
        assertEquals(1, run.batch());
        assertEquals(256, run.length());
        assertEquals(0, run.warmupSeconds());
        assertNull(run.write());
        assertEquals(
                4.5,
                LlamaOptions.parse(new String[] {"--model", "m", "--warmup-seconds", "4.5"})
                        .warmupSeconds());
        LlamaOptions write =
                LlamaOptions.parse(new String[] {"--config", "c.json", "--write", "out"});
        assertEquals(Path.of("out"), write.write());
        assertNull(write.model());
        assertMistake("either --write", "--seq", "8");
        assertMistake("either --write", "--model", "m", "--write", "out", "--config", "c.json");
        assertMistake("--write needs --config", "--write", "out");
        assertMistake("--config only goes with --write", "--model", "m", "--config", "c.json");
        assertMistake("unknown case \"backward\"", "--model", "m", "--cases", "backward");
        assertMistake("--seq must be at least 2", "--model", "m", "--seq", "1");
        assertMistake("unknown option --batches", "--model", "m", "--batches", "1");
        assertMistake("--warmup-seconds", "--model", "m", "--warmup-seconds", "-1");
    }

    private static void assertMistake(String expected, String... args) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LlamaOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
