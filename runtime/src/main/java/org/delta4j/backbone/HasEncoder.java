package org.delta4j.backbone;

/**
 * An encoder-decoder model. Its encoder takes {@code (input_ids or inputs_embeds, attention_mask)}
 * and returns {@code (last_hidden_state, attention_mask)}, the mask the decoder's cross-attention
 * uses; a soft prompt goes on the encoder and lengthens both.
 */
public interface HasEncoder {
    /**
     * @return the module path of the encoder from the model's root, such as {@code model.encoder}
     */
    String encoderPath();
}
