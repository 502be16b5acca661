package org.delta4j.models.gpt2;

import org.delta4j.models.DecoderWithLmHead;

/**
 * HF's {@code GPT2LMHeadModel}: a {@link GPT2Model} ({@code transformer}) and a bias-free
 * language-model head {@code lm_head}, whose weight is {@code transformer.wte}'s unless {@code
 * tie_word_embeddings} is false.
 *
 * <p>Inputs are those of {@link GPT2Model}. Outputs, named: {@code logits [batch, length, vocab]}
 * and {@code last_hidden_state}.
 */
public final class GPT2LMHeadModel extends DecoderWithLmHead<GPT2Model> {
    /**
     * @param config the model configuration
     */
    public GPT2LMHeadModel(GPT2Config config) {
        super(
                "transformer",
                new GPT2Model(config),
                GPT2Model.class,
                GPT2Model.INPUTS,
                owner -> GPT2Model.inputLimits(config, owner),
                config.tieWordEmbeddings(),
                config.nEmbd(),
                config.vocabSize(),
                config.initializerRange());
    }
}
