package org.delta4j.models.bert;

/** HF's {@code BertEncoder}: {@code num_hidden_layers} {@link BertLayer}s. */
public final class BertEncoder extends AbstractBertEncoder {
    /**
     * @param config the model configuration
     */
    public BertEncoder(BertConfig config) {
        super(config.hiddenSize(), config.numHiddenLayers(), () -> new BertLayer(config));
    }
}
