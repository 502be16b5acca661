package org.delta4j.models.bert;

/**
 * HF's {@code BertLayer}: {@link BertAttention}, {@link BertIntermediate} and {@link BertOutput}.
 */
public final class BertLayer extends AbstractBertLayer {
    /**
     * @param config the model configuration
     */
    public BertLayer(BertConfig config) {
        super(
                config.hiddenSize(),
                new BertAttention(config),
                new BertIntermediate(config),
                new BertOutput(config));
    }
}
