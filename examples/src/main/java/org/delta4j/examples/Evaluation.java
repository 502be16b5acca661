package org.delta4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** The walkthrough's inference-mode passes: accuracy on a probe batch, and raw logits. */
final class Evaluation {
    private Evaluation() {}

    /**
     * @param model the model
     * @param batch inputs and labels
     * @param manager the parent of the scratch manager the pass runs in, closed after scoring
     * @return the share of labelled tokens the model predicts
     */
    static float accuracy(Block model, NDList[] batch, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDList outputs =
                    model.forward(new ParameterStore(scope, false), copy(batch[0], scope), false);
            return TokenCrossEntropy.accuracy(batch[1].head(), outputs);
        }
    }

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
