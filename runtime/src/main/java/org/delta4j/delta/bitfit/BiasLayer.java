package org.delta4j.delta.bitfit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.delta.host.Placement;
import org.delta4j.nn.HfBlock;

/**
 * OpenDelta's {@code BiasLayer}: a trainable {@code bias}, zero at first, added to the output of a module that has
 * parameters but no bias of its own to train.
 */
public final class BiasLayer extends HfBlock implements DeltaLayer {
    private final Parameter bias;

    /** @param size the module's output size */
    public BiasLayer(long size) {
        this.bias = parameter("bias", Parameter.Type.BIAS, new Shape(size), Initializer.ZEROS);
    }

    @Override
    public Placement placement() {
        return Placement.AFTER;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        return DeltaLayer.withHead(inputs, h.add(ps.getValue(bias, h.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
