package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertLayer;
import org.delta4j.models.bert.BertConfig;

/**
 * HF's {@code RobertaLayer}: {@link RobertaAttention}, {@link RobertaIntermediate} and {@link
 * RobertaOutput}.
 */
public final class RobertaLayer extends AbstractBertLayer {
    /**
     * @param config the model configuration
     */
    public RobertaLayer(BertConfig config) {
        super(
                config.hiddenSize(),
                new RobertaAttention(config),
                new RobertaIntermediate(config),
                new RobertaOutput(config));
    }
}
