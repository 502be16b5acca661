package org.delta4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * How a block reaches one of its children: by name, in the parent's child list as it is at each
 * call. A block keeps the handle, never the child itself, so whatever stands at that name now (a
 * delta host put there by surgery, say) is what runs, and no field ever needs rewriting.
 */
public final class Child {
    private final String owner;
    private final String name;
    private final BlockList siblings;
    // Where the name was last found: checked before use, so a list that changed since (or a value
    // another thread
    // wrote) only costs a search. Surgery keeps positions, so the search is rare.
    private int index;

    /**
     * @param owner the parent's class name, for error messages
     * @param name the child's name in the parent's list
     * @param siblings the parent's live child list, which already holds the child
     */
    Child(String owner, String name, BlockList siblings) {
        this.owner = owner;
        this.name = name;
        this.siblings = siblings;
        this.index = siblings.indexOf(name);
    }

    /**
     * @return the block now registered under this name
     * @throws IllegalStateException when the parent no longer has a child of this name
     */
    public Block block() {
        List<String> keys = siblings.keys();
        int i = index;
        if (i >= keys.size() || !name.equals(keys.get(i))) {
            i = keys.indexOf(name);
            if (i < 0) {
                throw new IllegalStateException(
                        owner
                                + " has no child named \""
                                + name
                                + "\" any more; its children "
                                + "are "
                                + keys
                                + ". Replace a child in place (same name) rather than removing it.");
            }
            index = i;
        }
        return siblings.valueAt(i);
    }

    /**
     * Runs the child as it is now.
     *
     * @param ps the parameter store
     * @param inputs the child's inputs
     * @param training whether this is a training pass
     * @param params the extra forward parameters, passed through
     * @return the child's outputs
     */
    public NDList forward(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return block().forward(ps, inputs, training, params);
    }

    /**
     * Runs the child as it is now, without extra forward parameters.
     *
     * @param ps the parameter store
     * @param inputs the child's inputs
     * @param training whether this is a training pass
     * @return the child's outputs
     */
    public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
        return block().forward(ps, inputs, training);
    }

    /**
     * @param inputShapes the child's input shapes
     * @return the shapes of its outputs, as the child now registered computes them
     */
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return block().getOutputShapes(inputShapes);
    }
}
