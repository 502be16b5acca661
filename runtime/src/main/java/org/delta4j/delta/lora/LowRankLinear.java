package org.delta4j.delta.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * OpenDelta's {@code LowRankLinear}, run in parallel to a linear layer: {@code dropout(x) A^T B^T *
 * alpha / r} (computed as {@code (dropout(x) A^T * alpha / r) B^T}). {@code lora_A [r, in]} starts
 * uniform in +-1/sqrt(in) (PyTorch's kaiming-uniform with a = sqrt(5)) and {@code lora_B [out, r]}
 * at zero, so the layer's output is unchanged until B trains.
 *
 * <p>It can be merged into the layer's weight, {@code W += B A * alpha / r} (transposed for a
 * {@code [in, out]} weight, PEFT's {@code fan_in_fan_out}), after which it adds nothing itself, and
 * unmerged again; see {@link LoraMerge}. Taking it off its module unmerges it first.
 */
public final class LowRankLinear extends HfBlock implements DeltaLayer {
    private final Parameter loraA;
    private final Parameter loraB;
    private final float scaling;
    private final float dropout;
    private final LinearWeight base;
    // Read by forward passes, written under the backbone's ForwardGate.
    private volatile boolean merged;

    /**
     * @param in the linear layer's input size
     * @param out its output size
     * @param spec rank, alpha and dropout
     * @param base the linear layer's weight, where a merge goes
     */
    LowRankLinear(long in, long out, LoraSpec spec, LinearWeight base) {
        this.loraA =
                parameter(
                        "lora_A",
                        Parameter.Type.WEIGHT,
                        new Shape(spec.r(), in),
                        new UniformInitializer((float) (1 / Math.sqrt(in))));
        this.loraB =
                parameter(
                        "lora_B",
                        Parameter.Type.WEIGHT,
                        new Shape(out, spec.r()),
                        Initializer.ZEROS);
        this.scaling = (float) (spec.alpha() / spec.r());
        this.dropout = (float) spec.dropout();
        this.base = base;
    }

    /**
     * @return whether the linear layer's weight is stored {@code [in, out]} (PEFT's {@code
     *     fan_in_fan_out})
     */
    public boolean fanInFanOut() {
        return base.fanInFanOut();
    }

    /**
     * @return whether the update is merged into the linear layer's weight
     */
    public boolean isMerged() {
        return merged;
    }

    /**
     * @return the linear layer's weight
     */
    Parameter baseWeight() {
        return base.weight();
    }

    /**
     * @param merged whether the update is now in the linear layer's weight (set by {@link
     *     LoraMerge} after it wrote the weight, or cleared to leave a merged update there for good)
     */
    void setMerged(boolean merged) {
        this.merged = merged;
    }

    /**
     * The linear layer's weight with the update added or taken away, {@code W + sign * B A * alpha
     * / r} (transposed for a {@code [in, out]} weight).
     *
     * @param sign {@code 1} to merge, {@code -1} to unmerge
     * @param scratch where the result and its temporaries go
     * @return the new weight values
     */
    NDArray weightWith(int sign, NDManager scratch) {
        NDArray w = base.weight().getArray();
        NDArray ba = loraB.getArray().matMul(loraA.getArray());
        ba.attach(scratch);
        NDArray update = Functional.times(ba, sign * scaling);
        NDArray laidOut = base.fanInFanOut() ? update.transpose() : update;
        NDArray sum = w.add(laidOut.toType(w.getDataType(), false));
        sum.attach(scratch);
        return sum;
    }

    /** Unmerges before the layer leaves its module, so the module's weight is as before. */
    @Override
    public void onRemove() {
        LoraMerge.unmerge(List.of(this));
    }

    /**
     * Adds {@code dropout(x) A^T B^T * alpha / r} of the module's input {@code x} to its output,
     * unless merged.
     */
    @Override
    public NDList after(ParameterStore ps, NDList outputs, NDList inputs, boolean training) {
        if (merged) {
            return outputs;
        }
        // The update is dead once added, so its memory goes back before the module's next
        // operation allocates (autograd keeps its own reference where it needs one).
        try (NDArray delta = forward(ps, new NDList(inputs.head()), training).head()) {
            // In inference the module's fresh output takes the update in place (one output-sized
            // array less per adapted module); in training autograd may hold that output.
            NDArray out = training ? outputs.head().add(delta) : outputs.head().addi(delta);
            return DeltaLayer.withHead(outputs, out);
        }
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Functional.dropout(inputs.head(), dropout, training);
        NDArray a = ps.getValue(loraA, x.getDevice(), training);
        NDArray b = ps.getValue(loraB, x.getDevice(), training);
        // Scaled at rank r, not at the output's width: the same product within rounding, for an
        // r-wide multiply instead of an output-wide one (forward and backward). In place, as the
        // linear product's backward does not read its own output.
        try (NDArray down = Functional.timesInPlace(Linear.linear(x, a).head(), scaling)) {
            return new NDList(Linear.linear(down, b).head());
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(loraB.getShape().get(0))};
    }
}
