package org.delta4j.models.bert;

/**
 * HF's {@code BertModel} with its pooler; inputs and outputs as {@link AbstractBertModel}
 * describes.
 */
public final class BertModel extends AbstractBertModel {
    /**
     * @param config the model configuration
     */
    public BertModel(BertConfig config) {
        super(
                config,
                new BertEmbeddings(config),
                new BertEncoder(config),
                new BertPooler(config),
                0);
    }
}
