package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertResidualOutput;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaSelfOutput}: the attention's output projection and residual step. */
public final class RobertaSelfOutput extends AbstractBertResidualOutput {
    /**
     * @param config the model configuration
     */
    public RobertaSelfOutput(BertConfig config) {
        super(config, config.hiddenSize());
    }
}
