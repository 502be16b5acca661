package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * HF's {@code Conv1D} (GPT-2's projections): a fully connected layer that stores its weight
 * transposed, {@code weight [in, out]} and {@code bias [out]}, computing {@code y = x W + b}. The
 * layout is kept so GPT-2 checkpoints load unchanged; code that treats it as a {@link Linear}
 * ({@code weight [out, in]}) must transpose the weight, as PEFT's {@code fan_in_fan_out} does.
 */
public final class Conv1D extends HfBlock {
    private final long inFeatures;
    private final long outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    private Conv1D(long inFeatures, long outFeatures, float std) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight =
                parameter(
                        "weight",
                        Parameter.Type.WEIGHT,
                        new Shape(inFeatures, outFeatures),
                        new NormalInitializer(std));
        this.bias =
                parameter("bias", Parameter.Type.BIAS, new Shape(outFeatures), Initializer.ZEROS);
    }

    /**
     * @param inFeatures input size ({@code nx} in HF)
     * @param outFeatures output size ({@code nf} in HF)
     * @param std the standard deviation of fresh weights (biases start at zero)
     * @return a new layer
     */
    public static Conv1D create(long inFeatures, long outFeatures, float std) {
        return new Conv1D(inFeatures, outFeatures, std);
    }

    /**
     * @return the input size
     */
    public long inFeatures() {
        return inFeatures;
    }

    /**
     * @return the output size
     */
    public long outFeatures() {
        return outFeatures;
    }

    /**
     * @return always true: the weight is stored {@code [in, out]} (fan-in first), the transpose of
     *     a {@link Linear}'s (PEFT's {@code fan_in_fan_out})
     */
    public boolean fanInFanOut() {
        return true;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        // linear(x, W^T, b) on the transposed view is the same addmm as HF's addmm(b, x, W),
        // without a copy.
        return ai.djl.nn.core.Linear.linear(x, Functional.onParameter(w, NDArray::transpose, x), b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }
}
