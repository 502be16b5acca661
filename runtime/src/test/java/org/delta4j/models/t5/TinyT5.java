package org.delta4j.models.t5;

/** A tiny T5 configuration for tests that need no fixtures: the fixtures' sizes, with dropout. */
public final class TinyT5 {
    private TinyT5() {}

    /**
     * @param architecture the model class to name in {@code architectures}
     * @param extra more JSON fields, such as {@code , "feed_forward_proj": "gated-gelu"}, or empty
     * @return the configuration
     */
    public static T5Config config(String architecture, String extra) {
        return config(architecture, 2, extra);
    }

    /**
     * @param architecture the model class to name in {@code architectures}
     * @param layers the number of encoder blocks and of decoder blocks
     * @param extra more JSON fields, or empty
     * @return the configuration
     */
    public static T5Config config(String architecture, int layers, String extra) {
        return T5Config.fromJson(
                "{\"model_type\": \"t5\", \"architectures\": [\""
                        + architecture
                        + "\"],"
                        + " \"d_model\": 32, \"d_kv\": 8, \"d_ff\": 37, \"num_layers\": "
                        + layers
                        + ", \"num_heads\": 4,"
                        + " \"vocab_size\": 99, \"decoder_start_token_id\": 0"
                        + extra
                        + "}");
    }
}
