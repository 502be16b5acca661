package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * HF's {@code T5LayerNorm}: root-mean-square normalisation over the last axis, without centring and
 * without a bias, {@code weight * x / sqrt(mean(x^2) + eps)}.
 */
public final class T5LayerNorm extends HfBlock implements SizedBlock {
    private final long size;
    private final float eps;
    private final Parameter weight;

    /**
     * @param size the normalised (last) axis size
     * @param eps the variance epsilon
     * @param initialWeight the value a fresh weight is filled with (HF: {@code initializer_factor})
     */
    public T5LayerNorm(long size, float eps, float initialWeight) {
        this.size = size;
        this.eps = eps;
        this.weight =
                parameter(
                        "weight",
                        Parameter.Type.GAMMA,
                        new Shape(size),
                        new ConstantInitializer(initialWeight));
    }

    @Override
    public long hiddenSize() {
        return size;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(normalize(x, ps.getValue(weight, x.getDevice(), training), eps));
    }

    /**
     * Root-mean-square normalisation as HF's T5 and Llama norms compute it.
     *
     * @param x the input
     * @param weight the per-feature scale
     * @param eps the variance epsilon
     * @return {@code weight * x / sqrt(mean(x^2) + eps)} over the last axis
     */
    public static NDArray normalize(NDArray x, NDArray weight, float eps) {
        NDArray variance = x.square().mean(new int[] {-1}, true);
        // HF multiplies by rsqrt; DJL has none, and dividing by the square root differs by at most
        // an ulp. HF's weight * x, with the operands swapped (same bits) so the result is the
        // caller's, not the weight's.
        return x.div(Functional.plus(variance, eps).sqrt()).mul(weight);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
