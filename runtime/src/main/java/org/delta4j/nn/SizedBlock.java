package org.delta4j.nn;

import ai.djl.nn.Block;

/**
 * A module whose first output has a known last-axis size, such as an attention block or a transformer layer
 * (hidden size) or a layer norm; delta methods that act on a module's output read it from here.
 */
public interface SizedBlock extends Block {
    /** @return the last-axis size of the module's first output */
    long hiddenSize();
}
