package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Layer normalisation over the last axis with HF's names: {@code weight} (ones) and {@code bias}
 * (zeros).
 */
public final class LayerNorm extends HfBlock implements SizedBlock {
    private final long size;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param size the normalised (last) axis size
     * @param eps the variance epsilon
     */
    public LayerNorm(long size, float eps) {
        this.size = size;
        this.eps = eps;
        this.weight = parameter("weight", Parameter.Type.GAMMA, new Shape(size), Initializer.ONES);
        this.bias = parameter("bias", Parameter.Type.BETA, new Shape(size), Initializer.ZEROS);
    }

    @Override
    public long hiddenSize() {
        return size;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(size), w, b, eps);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
