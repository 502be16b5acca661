package org.delta4j.models.t5;

/**
 * HF's {@code T5LayerSelfAttention}: pre-norm self-attention ({@code SelfAttention}, {@code
 * layer_norm}, {@code dropout}) with a residual connection.
 *
 * <p>Inputs: {@code hidden_states [batch, length, d_model]}, the additive mask and, by name, an
 * optional {@link T5Attention#POSITION_BIAS}. Outputs: the new hidden states, then the position
 * bias if the attention used one.
 */
public final class T5LayerSelfAttention extends T5AttentionLayer {
    /**
     * @param config the model configuration
     * @param isDecoder whether it belongs to the decoder
     * @param hasRelativeAttentionBias whether its attention owns the relative position table
     */
    public T5LayerSelfAttention(
            T5Config config, boolean isDecoder, boolean hasRelativeAttentionBias) {
        super(
                "SelfAttention",
                new T5Attention(config, isDecoder, hasRelativeAttentionBias),
                config);
    }
}
