package org.delta4j.models.llama;

import java.io.IOException;
import org.delta4j.io.TensorSource;
import org.delta4j.models.ChecksCheckpoint;
import org.delta4j.models.DecoderWithLmHead;

/**
 * The causal language model Llama, Mistral and Qwen2 share ({@code LlamaForCausalLM}, ...): the
 * decoder ({@code model}) and a bias-free head {@code lm_head}, whose weight is {@code
 * model.embed_tokens}'s when {@code tie_word_embeddings} is true.
 *
 * <p>Inputs are those of {@link LlamaFamilyModel}. Outputs, named: {@code logits [batch, length,
 * vocab]} and {@code last_hidden_state}.
 */
public abstract class LlamaFamilyForCausalLM extends DecoderWithLmHead<LlamaFamilyModel>
        implements ChecksCheckpoint {
    /**
     * @param config the model configuration
     * @param decoder the family's decoder, built from the same configuration
     */
    protected LlamaFamilyForCausalLM(LlamaFamilyConfig config, LlamaFamilyModel decoder) {
        super(
                "model",
                decoder,
                LlamaFamilyModel.class,
                LlamaFamilyModel.INPUTS,
                owner -> LlamaFamilyModel.inputLimits(config, owner),
                config.tieWordEmbeddings(),
                config.hiddenSize(),
                config.vocabSize(),
                config.initializerRange());
    }

    @Override
    public void requireFits(TensorSource weights) throws IOException {
        decoder().requireFits(weights);
    }
}
