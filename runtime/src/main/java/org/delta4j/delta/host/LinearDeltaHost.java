package org.delta4j.delta.host;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Hosts deltas around a DJL {@link Linear}, which a DJL parent usually holds in a field typed
 * {@code Linear} (DJL's own blocks, and many user models, declare them so; delta4j's own models
 * have no such fields). It is itself a {@code Linear}, with none of Linear's own parameters, so it
 * fits that field; everything else behaves as {@link DeltaHost}.
 */
public final class LinearDeltaHost extends Linear implements DeltaHosting {
    private final DeltaStack stack;

    /**
     * @param hosted the initialised linear layer the deltas modify
     */
    public LinearDeltaHost(Linear hosted) {
        super(
                Linear.builder()
                        .setUnits(
                                hosted.getParameters().get("weight").getArray().getShape().get(0)));
        parameters.clear();
        this.stack = new DeltaStack(hosted, children);
    }

    @Override
    public DeltaStack stack() {
        return stack;
    }

    @Override
    public void prepare(Shape[] inputShapes) {}

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
