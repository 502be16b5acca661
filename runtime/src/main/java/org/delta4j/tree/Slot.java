package org.delta4j.tree;

import ai.djl.nn.Block;

/** One place that holds a reference to a child that {@link Surgery} replaces. */
interface Slot {
    /**
     * @param replacement the block to put here
     * @throws IllegalArgumentException when this place cannot hold it; nothing has changed then
     */
    void check(Block replacement);

    /**
     * @param value the block to put here
     */
    void set(Block value);

    /**
     * @param expected the block that must be here now
     * @throws IllegalStateException when it is not
     */
    void verify(Block expected);
}
