package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertEncoder;
import org.delta4j.models.bert.BertConfig;

/** HF's {@code RobertaEncoder}: {@code num_hidden_layers} {@link RobertaLayer}s. */
public final class RobertaEncoder extends AbstractBertEncoder {
    /**
     * @param config the model configuration
     */
    public RobertaEncoder(BertConfig config) {
        super(config.hiddenSize(), config.numHiddenLayers(), () -> new RobertaLayer(config));
    }
}
