package org.delta4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * PyTorch's {@code nn.ModuleList}: children named {@code 0, 1, ...} that its owner runs itself.
 * Like PyTorch's, it has no forward pass of its own. The children are always read from the live
 * child list, so a child swapped in by delta surgery is the one the owner runs.
 */
public final class ModuleList extends HfBlock {
    /**
     * @param blocks the children, registered as {@code "0"}, {@code "1"}, ... in this order
     */
    public ModuleList(List<? extends Block> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            child(Integer.toString(i), blocks.get(i));
        }
    }

    /**
     * @param count the number of children
     * @param newBlock makes the child at an index; called for {@code 0 .. count - 1} in order
     * @return a list of {@code count} new children
     */
    public static ModuleList of(int count, IntFunction<? extends Block> newBlock) {
        List<Block> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(newBlock.apply(i));
        }
        return new ModuleList(blocks);
    }

    /**
     * @return the number of children
     */
    public int size() {
        return children.size();
    }

    /**
     * @param index a position
     * @return the child at that position, as it is now
     */
    public Block get(int index) {
        return children.valueAt(index);
    }

    /**
     * @return the children in order, as they are now
     */
    public List<Block> blocks() {
        return new ArrayList<>(children.values());
    }

    /** A module list only holds blocks; its owner decides how they run. */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                "ModuleList has no forward pass; its owner runs its children");
    }

    /** The shapes are those of the input: a module list does not transform anything itself. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
