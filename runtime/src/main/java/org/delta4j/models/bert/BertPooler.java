package org.delta4j.models.bert;

/** HF's {@code BertPooler}; see {@link AbstractBertPooler}. */
public final class BertPooler extends AbstractBertPooler {
    /**
     * @param config the model configuration
     */
    public BertPooler(BertConfig config) {
        super(config);
    }
}
