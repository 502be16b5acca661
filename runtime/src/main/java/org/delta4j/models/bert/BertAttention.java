package org.delta4j.models.bert;

/** HF's {@code BertAttention}: {@link BertSelfAttention} and {@link BertSelfOutput}. */
public final class BertAttention extends AbstractBertAttention {
    /**
     * @param config the model configuration
     */
    public BertAttention(BertConfig config) {
        super(config.hiddenSize(), new BertSelfAttention(config), new BertSelfOutput(config));
    }
}
