package org.delta4j.delta.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A block that a delta method runs around a module. Its hooks see the module's inputs before the
 * module runs and its outputs after; a layer overrides the hooks it needs (an adapter changes the
 * output, LoRA adds to it, a prefix adds arrays to the input). Hooks run inside the forward pass
 * and allocate only in the manager of its inputs, as {@link org.delta4j.nn.HfBlock#compute} does.
 */
public interface DeltaLayer extends Block {
    /**
     * Runs before the module (and before the layers attached earlier, which it wraps).
     *
     * @param ps the parameter store
     * @param inputs the inputs this layer receives
     * @param training whether this is a training pass
     * @return the inputs passed on
     */
    default NDList before(ParameterStore ps, NDList inputs, boolean training) {
        return inputs;
    }

    /**
     * Runs after the module (and after the layers attached earlier).
     *
     * @param ps the parameter store
     * @param outputs the outputs this layer receives
     * @param inputs the inputs this layer received, before its own {@link #before}
     * @param training whether this is a training pass
     * @return the outputs passed on
     */
    default NDList after(ParameterStore ps, NDList outputs, NDList inputs, boolean training) {
        return outputs;
    }

    /**
     * Called when the layer is taken off a module, before it is freed. A layer that changed the
     * module itself (a LoRA layer merged into the module's weight) undoes that here, so detaching
     * leaves the module as it was.
     */
    default void onRemove() {}

    /**
     * A module's outputs with the first replaced: deltas change the hidden states and pass the rest
     * (attention weights, caches) through.
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
