package org.delta4j.examples;

/**
 * The examples' stand-in for a pretrained BART: small enough to build, train and save in seconds.
 */
final class TinyBart {
    /** Its HF {@code config.json}. */
    static final String CONFIG =
            "{\"model_type\": \"bart\", \"architectures\": [\"BartForConditionalGeneration\"],"
                    + " \"vocab_size\": 24, \"d_model\": 64, \"encoder_layers\": 2, \"decoder_layers\": 2,"
                    + " \"encoder_attention_heads\": 4, \"decoder_attention_heads\": 4, \"encoder_ffn_dim\": 128,"
                    + " \"decoder_ffn_dim\": 128, \"max_position_embeddings\": 32, \"dropout\": 0.0,"
                    + " \"attention_dropout\": 0.0, \"activation_dropout\": 0.0, \"activation_function\": \"gelu\","
                    + " \"init_std\": 0.02, \"scale_embedding\": false, \"pad_token_id\": 1, \"bos_token_id\": 0,"
                    + " \"eos_token_id\": 2, \"decoder_start_token_id\": 2}";

    private TinyBart() {}
}
