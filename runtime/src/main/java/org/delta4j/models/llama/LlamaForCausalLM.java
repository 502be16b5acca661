package org.delta4j.models.llama;

/**
 * HF's {@code LlamaForCausalLM}: a {@link LlamaModel} ({@code model}) and {@code lm_head}, as
 * {@link LlamaFamilyForCausalLM} describes them.
 */
public final class LlamaForCausalLM extends LlamaFamilyForCausalLM {
    /**
     * @param config the model configuration
     */
    public LlamaForCausalLM(LlamaConfig config) {
        super(config, new LlamaModel(config));
    }
}
