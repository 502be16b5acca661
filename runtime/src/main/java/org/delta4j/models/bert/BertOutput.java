package org.delta4j.models.bert;

/** HF's {@code BertOutput}: the feed-forward network's second layer and residual step. */
public final class BertOutput extends AbstractBertResidualOutput {
    /**
     * @param config the model configuration
     */
    public BertOutput(BertConfig config) {
        super(config, config.intermediateSize());
    }
}
