package org.delta4j.delta.host;

import ai.djl.nn.Block;

/** A block that a delta method runs around a module, and where it runs. */
public interface DeltaLayer extends Block {
    /** @return where this layer runs relative to the module */
    Placement placement();
}
