package org.delta4j.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.nn.Functional;

/**
 * A stand-in for a delta in surgery tests: swapped in for a block, it runs the block and doubles
 * its first output, so a test can tell whether the swapped-in block is the one that runs.
 */
public final class Doubling extends AbstractBlock {
    private final Block inner;

    /**
     * @param inner the block it replaces
     */
    public Doubling(Block inner) {
        this.inner = inner;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = inner.forward(ps, inputs, training, params);
        return DeltaLayer.withHead(out, Functional.times(out.head(), 2f));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inner.getOutputShapes(inputShapes);
    }
}
