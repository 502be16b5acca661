package org.delta4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Llama-family configs: HF's defaults and per-family differences, and one clear line for each
 * bad input (an unknown rope scaling, head counts that do not divide, a checkpoint saved with
 * another number of key-value heads).
 */
class LlamaFamilyConfigTest {
    @TempDir Path tmp;

    private static final String TINY =
            "\"hidden_size\": 32, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
                    + " \"intermediate_size\": 56, \"vocab_size\": 128";

    @Test
    void familiesDifferAsHfsConfigsSay() {
        LlamaConfig llama = LlamaConfig.fromJson("{" + TINY + "}");
        assertEquals(4, llama.keyValueHeads());
        assertEquals(8, llama.headDim());
        assertEquals(false, llama.qkvBias());
        assertEquals(0, llama.slidingWindow(1));
        assertEquals("default", llama.ropeScaling().type());
        LlamaConfig biased =
                LlamaConfig.fromJson("{" + TINY + ", \"attention_bias\": true, \"head_dim\": 16}");
        assertEquals(true, biased.outputBias());
        assertEquals(16, biased.headDim());
        MistralConfig mistral =
                MistralConfig.fromJson(
                        "{\"model_type\": \"mistral\", \"num_key_value_heads\": 2, " + TINY + "}");
        assertEquals(4096, mistral.slidingWindow(0));
        assertEquals(
                0,
                MistralConfig.fromJson(
                                "{\"model_type\": \"mistral\", \"sliding_window\": null,"
                                        + " \"num_key_value_heads\": 2, "
                                        + TINY
                                        + "}")
                        .slidingWindow(0));
        Qwen2Config qwen2 = Qwen2Config.fromJson("{\"model_type\": \"qwen2\", " + TINY + "}");
        assertEquals(true, qwen2.qkvBias());
        assertEquals(false, qwen2.outputBias());
        assertEquals(0, qwen2.slidingWindow(1));
        Qwen2Config windowed =
                Qwen2Config.fromJson(
                        "{\"model_type\": \"qwen2\", \"use_sliding_window\": true,"
                                + " \"sliding_window\": 16, \"max_window_layers\": 1, "
                                + TINY
                                + "}");
        assertEquals(0, windowed.slidingWindow(0));
        assertEquals(16, windowed.slidingWindow(1));
    }

    @Test
    void anUnknownRopeScalingIsNamedWithTheSupportedOnes() {
        String message =
                refusal(
                        "{"
                                + TINY
                                + ", \"rope_scaling\": {\"type\": \"yarn\","
                                + " \"factor\": 4.0}}");
        assertEquals(
                "rope_scaling type \"yarn\" is not supported; supported: linear, dynamic, llama3"
                        + " (or rope_scaling null)",
                message);
        String factor =
                refusal("{" + TINY + ", \"rope_scaling\": {\"rope_type\":" + " \"linear\"}}");
        assertTrue(factor.contains("\"factor\""), factor);
    }

    @Test
    void headCountsThatDoNotDivideAreNamed() {
        String kv = refusal("{" + TINY + ", \"num_key_value_heads\": 3}");
        assertTrue(
                kv.startsWith("num_attention_heads 4 is not divisible by num_key_value_heads 3"),
                kv);
        String hidden = refusal("{\"hidden_size\": 30, \"num_attention_heads\": 4}");
        assertEquals("hidden_size 30 is not divisible by num_attention_heads 4", hidden);
    }

    @Test
    void aCheckpointWithOtherKeyValueHeadsSaysWhichCountItHas() throws IOException {
        Path fixture = Fixtures.model("llama_for_causal_lm");
        Path dir = Files.createDirectories(tmp.resolve("four_kv_heads"));
        Files.writeString(
                dir.resolve("config.json"),
                Files.readString(fixture.resolve("config.json"))
                        .replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4"));
        Files.copy(fixture.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        try (NDManager manager = NDManager.newBaseManager()) {
            String message =
                    assertThrows(IOException.class, () -> HfModels.load(dir, manager)).getMessage();
            assertEquals(
                    dir.resolve("model.safetensors")
                            + ": model.layers.0.self_attn.k_proj.weight has 16 rows, but"
                            + " num_key_value_heads 4 x head_dim 8 = 32; it was saved with 2"
                            + " key-value heads: set num_key_value_heads to 2 in config.json",
                    message);
        }
    }

    /** The message of LlamaConfig's refusal of a config.json text. */
    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> LlamaConfig.fromJson(json))
                .getMessage();
    }
}
