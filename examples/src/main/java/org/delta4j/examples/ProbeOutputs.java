package org.delta4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * The walkthrough's probe outputs: raw logits in inference mode, and inputs copied to another
 * model.
 */
final class ProbeOutputs {
    private ProbeOutputs() {}

    /** The model's logits on the inputs, in inference mode. */
    static NDArray logits(Block model, NDList inputs, NDManager manager) {
        return model.forward(new ParameterStore(manager, false), inputs, false).get("logits");
    }

    /** A copy of the inputs, names kept, owned by another manager (a fresh model's). */
    static NDList copy(NDList inputs, NDManager manager) {
        NDList out = new NDList();
        for (NDArray a : inputs) {
            NDArray c = a.duplicate();
            c.attach(manager);
            c.setName(a.getName());
            out.add(c);
        }
        return out;
    }
}
