package org.delta4j.delta.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;

/** A block that a delta method runs around a module, and where it runs. */
public interface DeltaLayer extends Block {
    /** @return where this layer runs relative to the module */
    Placement placement();

    /**
     * A module's outputs with the first replaced: deltas change the hidden states and pass the rest (attention
     * weights, caches) through.
     *
     * @param outputs the module's outputs
     * @param head the new first output
     * @return {@code head} followed by the other outputs
     */
    static NDList withHead(NDList outputs, NDArray head) {
        NDList out = new NDList(head);
        for (int i = 1; i < outputs.size(); i++) {
            out.add(outputs.get(i));
        }
        return out;
    }
}
