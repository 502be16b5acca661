package org.delta4j.delta.host;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Hosts deltas around any block: one of delta4j's own models' modules, which their parents reach
 * through the child list, or a module that a DJL parent holds in a field of type {@link Block}.
 * Around a DJL {@code Linear}, which DJL parents usually hold in fields typed {@code
 * ai.djl.nn.core.Linear}, {@link LinearDeltaHost} takes its place.
 */
public final class DeltaHost extends AbstractBlock implements DeltaHosting {
    private static final byte VERSION = 1;

    private final DeltaStack stack;

    /**
     * @param hosted the module the deltas modify
     */
    public DeltaHost(Block hosted) {
        super(VERSION);
        this.stack = new DeltaStack(hosted, children);
    }

    @Override
    public DeltaStack stack() {
        return stack;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return stack.forward(ps, inputs, training, params);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        stack.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return stack.hosted().getOutputShapes(inputShapes);
    }
}
