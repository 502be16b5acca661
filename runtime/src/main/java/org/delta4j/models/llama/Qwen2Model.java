package org.delta4j.models.llama;

/** HF's {@code Qwen2Model}: the bare Qwen2 decoder, as {@link LlamaFamilyModel} describes it. */
public final class Qwen2Model extends LlamaFamilyModel {
    /**
     * @param config the model configuration
     */
    public Qwen2Model(Qwen2Config config) {
        super(config);
    }
}
