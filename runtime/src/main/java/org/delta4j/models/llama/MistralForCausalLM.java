package org.delta4j.models.llama;

/**
 * HF's {@code MistralForCausalLM}: a {@link MistralModel} ({@code model}) and {@code lm_head}, as
 * {@link LlamaFamilyForCausalLM} describes them.
 */
public final class MistralForCausalLM extends LlamaFamilyForCausalLM {
    /**
     * @param config the model configuration
     */
    public MistralForCausalLM(MistralConfig config) {
        super(config, new MistralModel(config));
    }
}
