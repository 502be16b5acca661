package org.delta4j.models.llama;

import org.delta4j.models.ModelConfig;

/**
 * Tiny Llama, Mistral and Qwen2 configurations for tests that need no fixtures: the fixtures' sizes
 * (grouped-query attention with 2 key-value heads), dropout on the attention, and a sliding window
 * shorter than the inputs for Mistral.
 */
public final class TinyLlamaFamily {
    private TinyLlamaFamily() {}

    /**
     * @param architecture the model class, such as {@code MistralForCausalLM}
     * @return its configuration
     */
    public static ModelConfig config(String architecture) {
        return config(architecture, 2);
    }

    /**
     * @param architecture the model class, such as {@code MistralForCausalLM}
     * @param layers the number of decoder layers
     * @return its configuration
     */
    public static ModelConfig config(String architecture, int layers) {
        String json =
                "{\"architectures\": [\""
                        + architecture
                        + "\"], \"hidden_size\": 32, \"num_hidden_layers\": "
                        + layers
                        + ","
                        + " \"num_attention_heads\": 4, \"num_key_value_heads\": 2,"
                        + " \"intermediate_size\": 56, \"vocab_size\": 99,"
                        + " \"max_position_embeddings\": 64, \"attention_dropout\": 0.1,"
                        + " \"pad_token_id\": 0";
        if (architecture.startsWith("Mistral")) {
            return MistralConfig.fromJson(
                    json + ", \"model_type\": \"mistral\", \"sliding_window\": 3}");
        }
        if (architecture.startsWith("Qwen2")) {
            return Qwen2Config.fromJson(
                    json + ", \"model_type\": \"qwen2\", \"tie_word_embeddings\": true}");
        }
        return LlamaConfig.fromJson(json + "}");
    }
}
