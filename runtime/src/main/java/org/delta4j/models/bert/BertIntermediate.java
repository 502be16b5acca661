package org.delta4j.models.bert;

/** HF's {@code BertIntermediate}; see {@link AbstractBertIntermediate}. */
public final class BertIntermediate extends AbstractBertIntermediate {
    /**
     * @param config the model configuration
     */
    public BertIntermediate(BertConfig config) {
        super(config);
    }
}
