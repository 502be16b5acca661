package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;

/**
 * HF's {@code BartLearnedPositionalEmbedding}: a learned table of {@code max_position_embeddings +
 * 2} rows, looked up at positions {@code 2, 3, ...}. The offset of 2 is a fairseq legacy that the
 * checkpoints keep.
 *
 * <p>The decoder's table continues after the positions a {@link KeyValueCache} in the pass's
 * parameters has seen (HF's {@code past_key_values_length}); the encoder's, which runs once per
 * input, always starts at the first.
 */
public final class BartLearnedPositionalEmbedding extends HfBlock {
    /** The first position's row in the table. */
    public static final int OFFSET = 2;

    private final Parameter weight;
    private final boolean continuesCache;

    /**
     * @param maxPositions {@code max_position_embeddings}
     * @param dim the embedding size
     * @param std the standard deviation of fresh rows
     * @param continuesCache whether positions continue after a key/value cache's (the decoder's)
     */
    public BartLearnedPositionalEmbedding(
            long maxPositions, long dim, float std, boolean continuesCache) {
        this.continuesCache = continuesCache;
        this.weight =
                parameter(
                        "weight",
                        Parameter.Type.WEIGHT,
                        new Shape(maxPositions + OFFSET, dim),
                        new NormalInitializer(std));
    }

    /**
     * Looks up the positions of a batch of token ids.
     *
     * @param inputs {@code input_ids [batch, length]}; only the shape is used
     * @return {@code [batch, length, dim]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.head();
        long batch = ids.getShape().get(0);
        int length = Math.toIntExact(ids.getShape().get(1));
        KeyValueCache cache = continuesCache ? KeyValueCache.of(params) : null;
        int past = cache == null ? 0 : Math.toIntExact(cache.length());
        long max = weight.getShape().get(0) - OFFSET;
        if (past + length > max) {
            throw new IllegalArgumentException(
                    "The sequence has "
                            + (past + length)
                            + " positions (soft prompt tokens "
                            + "and cached positions included); this model has max_position_embeddings = "
                            + max
                            + ".");
        }
        NDArray positions =
                ids.getManager()
                        .arange(OFFSET + past, OFFSET + past + length, 1, DataType.INT64)
                        .reshape(1, length)
                        .broadcast(batch, length);
        NDArray w = ps.getValue(weight, ids.getDevice(), training);
        return ai.djl.nn.core.Embedding.embedding(positions, w, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(weight.getShape().get(1))};
    }
}
