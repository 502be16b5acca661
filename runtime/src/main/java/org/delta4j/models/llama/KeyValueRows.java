package org.delta4j.models.llama;

import java.io.IOException;
import org.delta4j.io.TensorSource;

/** Recognises a checkpoint saved with another number of key-value heads. */
final class KeyValueRows {
    private KeyValueRows() {}

    /**
     * @param weights a Llama, Mistral or Qwen2 state dict
     * @param config the configuration the model was built with
     * @throws IOException naming the first key or value projection whose rows are not {@code
     *     num_key_value_heads * head_dim}, and the head count the checkpoint has
     */
    static void check(TensorSource weights, LlamaFamilyConfig config) throws IOException {
        long want = (long) config.keyValueHeads() * config.headDim();
        for (String key : weights.names()) {
            if (!key.endsWith("self_attn.k_proj.weight")
                    && !key.endsWith("self_attn.v_proj.weight")) {
                continue;
            }
            long rows = weights.info(key).shape().get(0);
            if (rows != want) {
                String saved =
                        rows % config.headDim() == 0
                                ? "it was saved with "
                                        + rows / config.headDim()
                                        + " key-value heads: set num_key_value_heads to "
                                        + rows / config.headDim()
                                        + " in config.json"
                                : "it does not fit any number of key-value heads of head_dim "
                                        + config.headDim();
                throw new IOException(
                        weights.location()
                                + ": "
                                + key
                                + " has "
                                + rows
                                + " rows, but num_key_value_heads "
                                + config.keyValueHeads()
                                + " x head_dim "
                                + config.headDim()
                                + " = "
                                + want
                                + "; "
                                + saved);
            }
        }
    }
}
