package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code BertEmbeddings}: {@code LayerNorm(words + token types + positions)}, then {@code
 * dropout}, with the buffer {@code position_ids [1, max_position_embeddings]} (INT64, {@code 0, 1,
 * ...}). Variants differ in where the default positions come from ({@link #positionIds}).
 */
public abstract class AbstractBertEmbeddings extends HfBlock implements SizedBlock {
    private final long hidden;
    private final Parameter positionIdsBuffer;
    private final Child wordEmbeddings;
    private final Child positionEmbeddings;
    private final Child tokenTypeEmbeddings;
    private final Child layerNorm;
    private final Child dropout;

    /**
     * @param config the model configuration
     * @param positionTable the {@code position_embeddings} table {@code [max_position_embeddings,
     *     hidden]}
     */
    protected AbstractBertEmbeddings(BertConfig config, Embedding positionTable) {
        int h = config.hiddenSize();
        float std = config.initializerRange();
        int positions = config.maxPositionEmbeddings();
        this.hidden = h;
        // INT64 whatever float type the model is initialised with, as HF's buffer.
        this.positionIdsBuffer =
                buffer(
                        "position_ids",
                        new Shape(1, positions),
                        (manager, shape, type) ->
                                manager.arange(0, positions, 1, DataType.INT64).reshape(shape));
        this.wordEmbeddings =
                child(
                        "word_embeddings",
                        BertFamily.paddedTable(config.vocabSize(), h, std, config.padTokenId()));
        this.positionEmbeddings = child("position_embeddings", positionTable);
        this.tokenTypeEmbeddings =
                child("token_type_embeddings", Embedding.create(config.typeVocabSize(), h, std));
        this.layerNorm = child("LayerNorm", new LayerNorm(h, config.layerNormEps()));
        this.dropout = child("dropout", new Dropout(config.hiddenDropoutProb()));
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    /**
     * The positions used when the caller gives none.
     *
     * @param tokens {@code input_ids [batch, length]} or {@code inputs_embeds [batch, length,
     *     hidden]}
     * @param buffer the {@code position_ids} buffer {@code [1, max_position_embeddings]}
     * @return INT64 position ids {@code [batch or 1, length]}
     */
    protected abstract NDArray positionIds(NDArray tokens, NDArray buffer);

    /**
     * @param inputs {@code input_ids [batch, length]} or {@code inputs_embeds [batch, length,
     *     hidden]} (told apart by rank), {@code token_type_ids [batch, length]} and optionally
     *     {@code position_ids [batch, length]}
     * @return the embeddings {@code [batch, length, hidden]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        NDArray words = TokenInputs.embed(wordEmbeddings, tokens, ps, training, params);
        NDArray positions =
                inputs.size() > 2
                        ? inputs.get(2)
                        : positionIds(
                                tokens,
                                ps.getValue(positionIdsBuffer, tokens.getDevice(), training));
        // HF's order: words + token types, then + positions.
        NDArray sum =
                words.add(Functional.call(tokenTypeEmbeddings, ps, training, params, inputs.get(1)))
                        .add(Functional.call(positionEmbeddings, ps, training, params, positions));
        return new NDList(Functional.chain(ps, training, params, sum, layerNorm, dropout));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {tokens.dimension() == 3 ? tokens : tokens.add(hidden)};
    }
}
