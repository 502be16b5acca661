package org.delta4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Named children run one after another, as PyTorch's {@code nn.Sequential} with named modules. */
public final class Sequential extends HfBlock {
    /**
     * Appends a child.
     *
     * @param name its HF name
     * @param block the child
     * @return this block
     */
    public Sequential append(String name, Block block) {
        child(name, block);
        return this;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block b : children.values()) {
            x = b.forward(ps, x, training);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] s = inputShapes;
        for (Block b : children.values()) {
            s = b.getOutputShapes(s);
        }
        return s;
    }
}
