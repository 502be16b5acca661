package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertResidualOutput;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaOutput}: the feed-forward network's second layer and residual step. */
public final class RobertaOutput extends AbstractBertResidualOutput {
    /**
     * @param config the model configuration
     */
    public RobertaOutput(BertConfig config) {
        super(config, config.intermediateSize());
    }
}
