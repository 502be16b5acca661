package org.delta4j.models.llama;

/**
 * HF's {@code MistralModel}: the bare Mistral decoder, as {@link LlamaFamilyModel} describes it.
 */
public final class MistralModel extends LlamaFamilyModel {
    /**
     * @param config the model configuration
     */
    public MistralModel(MistralConfig config) {
        super(config);
    }
}
