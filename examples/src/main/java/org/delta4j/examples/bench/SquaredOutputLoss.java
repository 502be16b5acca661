package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The benchmark's training loss: {@code mean(last_hidden_state^2) + mean(pooler_output^2)}, so
 * every weight (pooler included) gets a gradient, with no labels. Only array-array operations:
 * DJL's scalar operations are unsafe under autograd (see {@link org.delta4j.nn.Functional#times}).
 */
final class SquaredOutputLoss extends Loss {
    SquaredOutputLoss() {
        super("SquaredOutput");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray sequence = predictions.get("last_hidden_state");
        NDArray pooled = predictions.get("pooler_output");
        return sequence.square().mean().add(pooled.square().mean());
    }
}
