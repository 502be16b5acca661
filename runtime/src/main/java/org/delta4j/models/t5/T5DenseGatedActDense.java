package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfActivation;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code T5DenseGatedActDense} (T5 v1.1, {@code gated-gelu}): {@code wo(dropout(act(wi_0(x)) *
 * wi_1(x)))}, bias-free, children in HF's order.
 */
public final class T5DenseGatedActDense extends HfBlock implements SizedBlock {
    private final long dModel;
    private final Child wi0;
    private final Child wi1;
    private final Child wo;
    private final Child dropout;
    private final Child act;

    /**
     * @param config the model configuration
     */
    public T5DenseGatedActDense(T5Config config) {
        this.dModel = config.dModel();
        float inStd = config.wiStd();
        this.wi0 = child("wi_0", Linear.create(dModel, config.dFf(), false, inStd));
        this.wi1 = child("wi_1", Linear.create(dModel, config.dFf(), false, inStd));
        this.wo = child("wo", Linear.create(config.dFf(), dModel, false, config.woStd()));
        this.dropout = child("dropout", new Dropout(config.dropoutRate()));
        this.act = child("act", HfActivation.forName(config.denseActFn()));
    }

    @Override
    public long hiddenSize() {
        return dModel;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, d_model]}
     * @return the feed-forward output {@code [batch, length, d_model]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray gate =
                Functional.call(
                        act, ps, training, params, Functional.call(wi0, ps, training, params, x));
        NDArray h = gate.mul(Functional.call(wi1, ps, training, params, x));
        return new NDList(Functional.chain(ps, training, params, h, dropout, wo));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
