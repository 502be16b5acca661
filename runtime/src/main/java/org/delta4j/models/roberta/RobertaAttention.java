package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertAttention;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaAttention}: {@link RobertaSelfAttention} and {@link RobertaSelfOutput}. */
public final class RobertaAttention extends AbstractBertAttention {
    /**
     * @param config the model configuration
     */
    public RobertaAttention(BertConfig config) {
        super(config.hiddenSize(), new RobertaSelfAttention(config), new RobertaSelfOutput(config));
    }
}
