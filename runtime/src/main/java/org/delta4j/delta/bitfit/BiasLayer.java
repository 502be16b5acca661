package org.delta4j.delta.bitfit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.delta4j.delta.host.ResidualLayer;

/**
 * OpenDelta's {@code BiasLayer}: a trainable {@code bias}, zero at first, added to the output of a
 * module that has parameters but no bias of its own to train.
 */
public final class BiasLayer extends ResidualLayer {
    private final Parameter bias;

    /**
     * @param size the module's output size
     */
    public BiasLayer(long size) {
        this.bias = parameter("bias", Parameter.Type.BIAS, new Shape(size), Initializer.ZEROS);
    }

    @Override
    protected NDArray term(ParameterStore ps, NDArray h, boolean training) {
        return ps.getValue(bias, h.getDevice(), training);
    }
}
