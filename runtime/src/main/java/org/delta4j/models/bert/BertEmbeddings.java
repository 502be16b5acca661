package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;

/**
 * HF's {@code BertEmbeddings}: absolute positions {@code 0, 1, ...}, read from the {@code
 * position_ids} buffer.
 */
public final class BertEmbeddings extends AbstractBertEmbeddings {
    /**
     * @param config the model configuration
     */
    public BertEmbeddings(BertConfig config) {
        super(
                config,
                Embedding.create(
                        config.maxPositionEmbeddings(),
                        config.hiddenSize(),
                        config.initializerRange()));
    }

    /**
     * @return the buffer's first {@code length} ids, {@code [1, length]} (broadcast over the batch)
     */
    @Override
    protected NDArray positionIds(NDArray tokens, NDArray buffer) {
        return Functional.onParameter(
                buffer, b -> b.get(":, :{}", tokens.getShape().get(1)), tokens);
    }
}
