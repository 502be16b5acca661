package org.delta4j.models.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.models.bert.BertFamily;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.SizedBlock;

/**
 * HF's DistilBERT {@code Embeddings}: {@code dropout(LayerNorm(words + positions))} with learned
 * positions {@code 0, 1, ...} and no token types. HF's {@code position_ids} buffer is not
 * persistent, so it is computed here.
 */
public final class Embeddings extends HfBlock implements SizedBlock {
    private final long dim;
    private final Child wordEmbeddings;
    private final Child positionEmbeddings;
    private final Child layerNorm;
    private final Child dropout;

    /**
     * @param config the model configuration
     */
    public Embeddings(DistilBertConfig config) {
        float std = config.initializerRange();
        this.dim = config.dim();
        this.wordEmbeddings =
                child(
                        "word_embeddings",
                        BertFamily.paddedTable(config.vocabSize(), dim, std, config.padTokenId()));
        this.positionEmbeddings =
                child(
                        "position_embeddings",
                        Embedding.create(config.maxPositionEmbeddings(), dim, std));
        this.layerNorm = child("LayerNorm", new LayerNorm(dim, DistilBertConfig.LAYER_NORM_EPS));
        this.dropout = child("dropout", new Dropout(config.dropout()));
    }

    @Override
    public long hiddenSize() {
        return dim;
    }

    /**
     * @param inputs {@code input_ids [batch, length]} or {@code inputs_embeds [batch, length, dim]}
     *     (told apart by rank)
     * @return the embeddings {@code [batch, length, dim]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        NDArray words = TokenInputs.embed(wordEmbeddings, tokens, ps, training, params);
        int length = Math.toIntExact(tokens.getShape().get(1));
        NDArray positions =
                tokens.getManager().arange(0, length, 1, DataType.INT64).reshape(1, length);
        NDArray sum =
                words.add(Functional.call(positionEmbeddings, ps, training, params, positions));
        return new NDList(Functional.chain(ps, training, params, sum, layerNorm, dropout));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {tokens.dimension() == 3 ? tokens : tokens.add(dim)};
    }
}
