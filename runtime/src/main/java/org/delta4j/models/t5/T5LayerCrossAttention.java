package org.delta4j.models.t5;

/**
 * HF's {@code T5LayerCrossAttention}: pre-norm attention on the encoder output ({@code
 * EncDecAttention}, {@code layer_norm}, {@code dropout}) with a residual connection.
 * Cross-attention has no relative position table.
 *
 * <p>Inputs: {@code hidden_states [batch, length, d_model]}, the additive encoder mask {@code
 * [batch, 1, 1, source]} and {@code key_value_states [batch, source, d_model]} (the encoder
 * output). Output: the new hidden states.
 */
public final class T5LayerCrossAttention extends T5AttentionLayer {
    /**
     * @param config the model configuration
     */
    public T5LayerCrossAttention(T5Config config) {
        super("EncDecAttention", new T5Attention(config, true, false), config);
    }
}
