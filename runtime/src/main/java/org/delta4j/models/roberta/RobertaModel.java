package org.delta4j.models.roberta;

import org.delta4j.models.bert.AbstractBertModel;

/**
 * HF's {@code RobertaModel} with its pooler; inputs and outputs as {@link AbstractBertModel}
 * describes.
 */
public final class RobertaModel extends AbstractBertModel {
    /**
     * @param config the model configuration
     */
    public RobertaModel(RobertaConfig config) {
        super(
                config,
                new RobertaEmbeddings(config),
                new RobertaEncoder(config),
                new RobertaPooler(config),
                config.padTokenId() + 1);
    }
}
