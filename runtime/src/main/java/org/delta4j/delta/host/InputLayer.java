package org.delta4j.delta.host;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.HfBlock;

/**
 * A layer that changes a module's inputs (prefix keys and values, soft prompt tokens). Its forward
 * pass is its {@link #before} hook; it runs before the module.
 */
public abstract class InputLayer extends HfBlock implements DeltaLayer {
    /** Only subclasses build. */
    protected InputLayer() {}

    @Override
    public abstract NDList before(ParameterStore ps, NDList inputs, boolean training);

    @Override
    protected final NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return before(ps, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
