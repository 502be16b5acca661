package org.delta4j.delta.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.HfBlock;

/**
 * A layer that adds a term to a module's first output: {@code h + f(h)} (adapters, BitFit's bias
 * layer). Its forward pass is that residual; it runs after the module.
 */
public abstract class ResidualLayer extends HfBlock implements DeltaLayer {
    /** Only subclasses build. */
    protected ResidualLayer() {}

    /**
     * @param ps the parameter store
     * @param h the module's first output
     * @param training whether this is a training pass
     * @return the term added to {@code h}
     */
    protected abstract NDArray term(ParameterStore ps, NDArray h, boolean training);

    @Override
    protected final NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        return DeltaLayer.withHead(inputs, h.add(term(ps, h, training)));
    }

    @Override
    public final NDList after(ParameterStore ps, NDList outputs, NDList inputs, boolean training) {
        return forward(ps, outputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
