package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The benchmark's training loss: {@code mean(last_hidden_state^2)}, plus {@code
 * mean(pooler_output^2)} for a model with a pooler (BERT), so every weight gets a gradient, with no
 * labels (T5's encoder gets its gradient through the decoder's cross-attention). Only array-array
 * operations: DJL's scalar operations are unsafe under autograd (see {@link
 * org.delta4j.nn.Functional#times}).
 */
final class SquaredOutputLoss extends Loss {
    SquaredOutputLoss() {
        super("SquaredOutput");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray sequence = predictions.get("last_hidden_state");
        NDArray pooled = predictions.get("pooler_output");
        NDArray loss = sequence.square().mean();
        return pooled == null ? loss : loss.add(pooled.square().mean());
    }
}
