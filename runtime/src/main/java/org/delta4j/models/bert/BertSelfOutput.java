package org.delta4j.models.bert;

/** HF's {@code BertSelfOutput}: the attention's output projection and residual step. */
public final class BertSelfOutput extends AbstractBertResidualOutput {
    /**
     * @param config the model configuration
     */
    public BertSelfOutput(BertConfig config) {
        super(config, config.hiddenSize());
    }
}
