package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/** A lookup table with HF's name {@code weight [num, dim]}; fresh rows are drawn from N(0, std). */
public final class Embedding extends HfBlock {
    private final Parameter weight;

    private Embedding(long num, long dim, float std) {
        this.weight =
                parameter(
                        "weight",
                        Parameter.Type.WEIGHT,
                        new Shape(num, dim),
                        new NormalInitializer(std));
    }

    private Embedding(Parameter tiedWeight) {
        this.weight = shared(tiedWeight);
    }

    /**
     * @param num the number of rows (vocabulary or positions)
     * @param dim the embedding size
     * @param std the standard deviation of fresh rows
     * @return a new table
     */
    public static Embedding create(long num, long dim, float std) {
        return new Embedding(num, dim, std);
    }

    /**
     * A table whose weight is another block's parameter (HF's tied token embeddings).
     *
     * @param weight the shared weight
     * @return a new table
     */
    public static Embedding tied(Parameter weight) {
        return new Embedding(weight);
    }

    /**
     * @return the weight parameter, for tying
     */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, ids.getDevice(), training);
        return ai.djl.nn.core.Embedding.embedding(ids, w, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(weight.getShape().get(1))};
    }
}
