package org.delta4j.models.llama;

/** HF's {@code LlamaModel}: the bare Llama decoder, as {@link LlamaFamilyModel} describes it. */
public final class LlamaModel extends LlamaFamilyModel {
    /**
     * @param config the model configuration
     */
    public LlamaModel(LlamaConfig config) {
        super(config);
    }
}
