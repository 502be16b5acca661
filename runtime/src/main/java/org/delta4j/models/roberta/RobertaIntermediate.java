package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertIntermediate;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaIntermediate}, which is BERT's; see {@link AbstractBertIntermediate}. */
public final class RobertaIntermediate extends AbstractBertIntermediate {
    /**
     * @param config the model configuration
     */
    public RobertaIntermediate(BertConfig config) {
        super(config);
    }
}
