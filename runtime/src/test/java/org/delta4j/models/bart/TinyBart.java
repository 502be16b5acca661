package org.delta4j.models.bart;

/**
 * A tiny BART configuration for tests that need no fixtures: the fixtures' sizes, with dropout
 * everywhere.
 */
public final class TinyBart {
    private TinyBart() {}

    /**
     * @param architecture the model class to name in {@code architectures}
     * @return the configuration
     */
    public static BartConfig config(String architecture) {
        return config(architecture, 2);
    }

    /**
     * @param architecture the model class to name in {@code architectures}
     * @param layers the number of encoder layers and of decoder layers
     * @return the configuration
     */
    public static BartConfig config(String architecture, int layers) {
        return BartConfig.fromJson(
                "{\"model_type\": \"bart\", \"architectures\": [\""
                        + architecture
                        + "\"],"
                        + " \"d_model\": 32, \"encoder_layers\": "
                        + layers
                        + ", \"decoder_layers\": "
                        + layers
                        + ", \"encoder_attention_heads\": 4,"
                        + " \"decoder_attention_heads\": 4, \"encoder_ffn_dim\": 37, \"decoder_ffn_dim\": 37,"
                        + " \"vocab_size\": 99, \"max_position_embeddings\": 64, \"dropout\": 0.1,"
                        + " \"attention_dropout\": 0.1, \"activation_dropout\": 0.1}");
    }
}
