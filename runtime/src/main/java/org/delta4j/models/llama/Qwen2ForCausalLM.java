package org.delta4j.models.llama;

/**
 * HF's {@code Qwen2ForCausalLM}: a {@link Qwen2Model} ({@code model}) and {@code lm_head}, as
 * {@link LlamaFamilyForCausalLM} describes them.
 */
public final class Qwen2ForCausalLM extends LlamaFamilyForCausalLM {
    /**
     * @param config the model configuration
     */
    public Qwen2ForCausalLM(Qwen2Config config) {
        super(config, new Qwen2Model(config));
    }
}
