package org.delta4j.models.distilbert;

import org.delta4j.models.bert.AbstractBertEncoder;

/**
 * HF's DistilBERT {@code Transformer}: the module list {@code layer} of {@link TransformerBlock}s,
 * run in order, as {@link AbstractBertEncoder} runs BERT's.
 */
public final class Transformer extends AbstractBertEncoder {
    /**
     * @param config the model configuration
     */
    public Transformer(DistilBertConfig config) {
        super(config.dim(), config.nLayers(), () -> new TransformerBlock(config));
    }
}
