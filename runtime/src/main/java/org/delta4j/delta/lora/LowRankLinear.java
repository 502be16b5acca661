package org.delta4j.delta.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * OpenDelta's {@code LowRankLinear}, run in parallel to a linear layer: {@code dropout(x) A^T B^T * alpha / r}.
 * {@code lora_A [r, in]} starts uniform in +-1/sqrt(in) (PyTorch's kaiming-uniform with a = sqrt(5)) and
 * {@code lora_B [out, r]} at zero, so the layer's output is unchanged until B trains.
 */
public final class LowRankLinear extends HfBlock implements DeltaLayer {
    private final Parameter loraA;
    private final Parameter loraB;
    private final float scaling;
    private final float dropout;

    /**
     * @param in the linear layer's input size
     * @param out its output size
     * @param spec rank, alpha and dropout
     */
    public LowRankLinear(long in, long out, LoraSpec spec) {
        this.loraA = parameter("lora_A", Parameter.Type.WEIGHT, new Shape(spec.r(), in),
                new UniformInitializer((float) (1 / Math.sqrt(in))));
        this.loraB = parameter("lora_B", Parameter.Type.WEIGHT, new Shape(out, spec.r()), Initializer.ZEROS);
        this.scaling = (float) (spec.alpha() / spec.r());
        this.dropout = (float) spec.dropout();
    }

    /** Adds {@code dropout(x) A^T B^T * alpha / r} of the module's input {@code x} to its output. */
    @Override
    public NDList after(ParameterStore ps, NDList outputs, NDList inputs, boolean training) {
        NDList delta = forward(ps, new NDList(inputs.head()), training);
        return DeltaLayer.withHead(outputs, outputs.head().add(delta.head()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (training && dropout > 0) {
            x = Dropout.dropout(x, dropout, true).head();
        }
        NDArray a = ps.getValue(loraA, x.getDevice(), training);
        NDArray b = ps.getValue(loraB, x.getDevice(), training);
        NDArray down = Linear.linear(x, a).head();
        return new NDList(Functional.times(Linear.linear(down, b).head(), scaling));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(loraB.getShape().get(0))};
    }
}
