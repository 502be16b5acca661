package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertPooler;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaPooler}, which is BERT's; see {@link AbstractBertPooler}. */
public final class RobertaPooler extends AbstractBertPooler {
    /**
     * @param config the model configuration
     */
    public RobertaPooler(BertConfig config) {
        super(config);
    }
}
