package org.delta4j.tree;

import ai.djl.nn.Block;
import java.util.List;

/**
 * An element of a list that holds a child: a parent's DJL child list, or a list field of a DJL
 * block.
 */
final class ListSlot implements Slot {
    private final List<?> list;
    private final int index;
    private final String where;

    ListSlot(List<?> list, int index, String where) {
        this.list = list;
        this.index = index;
        this.where = where;
    }

    @Override
    public void check(Block replacement) {
        try {
            set(list.get(index) instanceof Block ? (Block) list.get(index) : replacement);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(
                    "List " + where + " is unmodifiable; delta4j cannot replace its element.", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void set(Block value) {
        ((List<Object>) list).set(index, value);
    }

    @Override
    public void verify(Block expected) {
        if (list.get(index) != expected) {
            throw new IllegalStateException(where + " did not take the new block");
        }
    }
}
