package org.delta4j.nn;

import ai.djl.nn.Block;

/**
 * A module whose first input and first output have known last-axis sizes, such as an attention
 * block, a transformer layer or a layer norm (both the hidden size); delta methods size their
 * layers from them.
 */
public interface SizedBlock extends Block {
    /**
     * @return the last-axis size of the module's first output
     */
    long hiddenSize();

    /**
     * @return the last-axis size of the module's first input; the output's, unless the module
     *     changes it
     */
    default long inputSize() {
        return hiddenSize();
    }
}
