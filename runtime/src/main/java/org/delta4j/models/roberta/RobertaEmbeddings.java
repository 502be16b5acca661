package org.delta4j.models.roberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.delta4j.models.bert.AbstractBertEmbeddings;
import org.delta4j.models.bert.BertConfig;
import org.delta4j.models.bert.BertFamily;
import org.delta4j.nn.Functional;

/**
 * HF's {@code RobertaEmbeddings}: BERT's embeddings with fairseq positions, which start at {@code
 * pad_token_id + 1} and skip padding (a padding token gets position {@code pad_token_id}, the
 * table's zero-initialised padding row). The {@code position_ids} buffer is kept for the state
 * dict; HF's RoBERTa does not read it.
 */
public final class RobertaEmbeddings extends AbstractBertEmbeddings {
    private final int padding;

    /**
     * @param config the model configuration
     */
    public RobertaEmbeddings(BertConfig config) {
        super(
                config,
                BertFamily.paddedTable(
                        config.maxPositionEmbeddings(),
                        config.hiddenSize(),
                        config.initializerRange(),
                        config.padTokenId()));
        this.padding = config.padTokenId();
    }

    /**
     * HF's {@code create_position_ids_from_input_ids}: {@code cumsum(ids != pad) * (ids != pad) +
     * pad}. For {@code inputs_embeds}, where padding cannot be seen, {@code pad + 1, pad + 2, ...}
     * as HF's {@code create_position_ids_from_inputs_embeds}.
     *
     * @return {@code [batch, length]} for ids, {@code [1, length]} (broadcast over the batch) for
     *     embeddings
     */
    @Override
    protected NDArray positionIds(NDArray tokens, NDArray buffer) {
        if (BertFamily.isEmbedded(tokens)) {
            int length = Math.toIntExact(tokens.getShape().get(1));
            return tokens.getManager()
                    .arange(padding + 1, padding + 1 + length, 1, DataType.INT64)
                    .reshape(1, length);
        }
        NDArray real = tokens.neq(padding).toType(DataType.INT64, false);
        return Functional.plus(real.cumSum(1).mul(real), padding);
    }
}
