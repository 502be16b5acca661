package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;

/** The steps BART's encoder and decoder layers share, run on the layers' children. */
final class BartSublayers {
    private BartSublayers() {}

    /**
     * The post-LN residual step: {@code norm(residual + dropout(output))}.
     *
     * @return the normalised sum
     */
    static NDArray addAndNorm(
            Child norm,
            NDArray residual,
            NDArray output,
            float dropout,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        NDArray sum = residual.add(Functional.dropout(output, dropout, training));
        return Functional.call(norm, ps, training, params, sum);
    }

    /**
     * The feed-forward step without its residual: {@code fc2(dropout(act(fc1(x))))}.
     *
     * @return the feed-forward output
     */
    static NDArray feedForward(
            Child fc1,
            Child activation,
            Child fc2,
            float activationDropout,
            NDArray x,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        NDArray h = Functional.chain(ps, training, params, x, fc1, activation);
        return Functional.call(
                fc2, ps, training, params, Functional.dropout(h, activationDropout, training));
    }
}
