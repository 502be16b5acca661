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

/**
 * HF's {@code BartLearnedPositionalEmbedding}: a learned table of {@code max_position_embeddings +
 * 2} rows, looked up at positions {@code 2, 3, ...}. The offset of 2 is a fairseq legacy that the
 * checkpoints keep.
 */
public final class BartLearnedPositionalEmbedding extends HfBlock {
    /** The first position's row in the table. */
    public static final int OFFSET = 2;

    private final Parameter weight;

    /**
     * @param maxPositions {@code max_position_embeddings}
     * @param dim the embedding size
     * @param std the standard deviation of fresh rows
     */
    public BartLearnedPositionalEmbedding(long maxPositions, long dim, float std) {
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
        long max = weight.getShape().get(0) - OFFSET;
        if (length > max) {
            throw new IllegalArgumentException(
                    "The sequence has "
                            + length
                            + " positions (soft prompt tokens "
                            + "included); this model has max_position_embeddings = "
                            + max
                            + ".");
        }
        NDArray positions =
                ids.getManager()
                        .arange(OFFSET, OFFSET + length, 1, DataType.INT64)
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
