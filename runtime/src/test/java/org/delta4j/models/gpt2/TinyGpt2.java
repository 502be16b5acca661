package org.delta4j.models.gpt2;

/**
 * A tiny GPT-2 configuration for tests that need no fixtures: the fixtures' sizes, with dropout
 * everywhere.
 */
public final class TinyGpt2 {
    private TinyGpt2() {}

    /**
     * @param architecture the model class to name in {@code architectures}
     * @param extra more JSON fields, such as {@code , "tie_word_embeddings": false}, or empty
     * @return the configuration
     */
    public static GPT2Config config(String architecture, String extra) {
        return config(architecture, 2, extra);
    }

    /**
     * @param architecture the model class to name in {@code architectures}
     * @param layers the number of blocks
     * @param extra more JSON fields, or empty
     * @return the configuration
     */
    public static GPT2Config config(String architecture, int layers, String extra) {
        return GPT2Config.fromJson(
                "{\"model_type\": \"gpt2\", \"architectures\": [\""
                        + architecture
                        + "\"],"
                        + " \"n_embd\": 32, \"n_layer\": "
                        + layers
                        + ", \"n_head\": 4, \"n_inner\": 37, \"vocab_size\": 99,"
                        + " \"n_positions\": 64"
                        + extra
                        + "}");
    }
}
