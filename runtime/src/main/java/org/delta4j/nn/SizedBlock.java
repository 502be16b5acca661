package org.delta4j.nn;

import ai.djl.nn.Block;

/**
 * A module whose first input and first output have the same known last-axis size, such as an attention block, a
 * transformer layer or a layer norm (the hidden size); delta methods size their layers from it.
 */
public interface SizedBlock extends Block {
    /** @return the last-axis size of the module's first output */
    long hiddenSize();
}
