package org.delta4j.models.bert;

/** HF's {@code BertSelfAttention}; see {@link AbstractBertSelfAttention}. */
public final class BertSelfAttention extends AbstractBertSelfAttention {
    /**
     * @param config the model configuration
     */
    public BertSelfAttention(BertConfig config) {
        super(config);
    }
}
