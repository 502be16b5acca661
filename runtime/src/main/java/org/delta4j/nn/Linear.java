package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * A fully connected layer with HF's layout: {@code weight [out, in]}, optional {@code bias [out]},
 * {@code y = x W^T + b}. Fresh weights are drawn from N(0, std), as HF initialises its linear
 * layers.
 */
public final class Linear extends HfBlock {
    private final long inFeatures;
    private final long outFeatures;
    private final Parameter weight;
    private Parameter bias;

    private Linear(
            long inFeatures,
            long outFeatures,
            Parameter sharedWeight,
            Initializer weightInit,
            Initializer biasInit) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight =
                sharedWeight != null
                        ? shared(sharedWeight)
                        : parameter(
                                "weight",
                                Parameter.Type.WEIGHT,
                                new Shape(outFeatures, inFeatures),
                                weightInit);
        if (biasInit != null) {
            bias = parameter("bias", Parameter.Type.BIAS, new Shape(outFeatures), biasInit);
        }
    }

    /**
     * @param inFeatures input size
     * @param outFeatures output size
     * @param bias whether the layer has a bias
     * @param std the standard deviation of fresh weights
     * @return a new layer
     */
    public static Linear create(long inFeatures, long outFeatures, boolean bias, float std) {
        return new Linear(
                inFeatures,
                outFeatures,
                null,
                new NormalInitializer(std),
                bias ? Initializer.ZEROS : null);
    }

    /**
     * A layer initialised as a fresh PyTorch {@code nn.Linear}: weight and bias uniform in
     * +-1/sqrt(in) (kaiming-uniform with a = sqrt(5)), as the delta modules OpenDelta builds from
     * plain {@code nn.Linear}s.
     *
     * @param inFeatures input size
     * @param outFeatures output size
     * @return a new layer with a bias
     */
    public static Linear torchDefault(long inFeatures, long outFeatures) {
        Initializer uniform = new UniformInitializer((float) (1 / Math.sqrt(inFeatures)));
        return new Linear(inFeatures, outFeatures, null, uniform, uniform);
    }

    /**
     * A bias-free layer whose weight is another block's parameter (HF's tied output embedding).
     *
     * @param weight the shared {@code [out, in]} weight
     * @return a new layer
     */
    public static Linear tied(Parameter weight) {
        Shape s = weight.getShape();
        return new Linear(s.get(1), s.get(0), weight, null, null);
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
     * @return whether the layer has a bias
     */
    public boolean hasBias() {
        return bias != null;
    }

    /**
     * Adds a zero bias to a layer that has none (BitFit trains biases everywhere).
     *
     * @return the new bias parameter
     * @throws IllegalStateException when the layer already has one
     */
    public Parameter addBias() {
        if (bias != null) {
            throw new IllegalStateException("this Linear already has a bias");
        }
        bias = parameter("bias", Parameter.Type.BIAS, new Shape(outFeatures), Initializer.ZEROS);
        return bias;
    }

    /**
     * Removes a bias added by {@link #addBias()}; used to undo a failed or detached modification.
     *
     * @param added the parameter {@link #addBias()} returned
     */
    public void removeBias(Parameter added) {
        if (bias != added) {
            throw new IllegalStateException("that parameter is not this layer's bias");
        }
        parameters.remove("bias");
        bias = null;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return ai.djl.nn.core.Linear.linear(x, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }
}
