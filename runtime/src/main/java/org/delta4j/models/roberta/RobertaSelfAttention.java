package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertSelfAttention;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaSelfAttention}, which is BERT's; see {@link AbstractBertSelfAttention}. */
public final class RobertaSelfAttention extends AbstractBertSelfAttention {
    /**
     * @param config the model configuration
     */
    public RobertaSelfAttention(BertConfig config) {
        super(config);
    }
}
