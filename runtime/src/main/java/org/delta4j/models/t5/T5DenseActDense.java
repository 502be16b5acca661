package org.delta4j.models.t5;

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
 * HF's {@code T5DenseActDense}: {@code wo(dropout(act(wi(x))))}, bias-free, children in HF's order.
 */
public final class T5DenseActDense extends HfBlock implements SizedBlock {
    private final long dModel;
    private final Child wi;
    private final Child wo;
    private final Child dropout;
    private final Child act;

    /**
     * @param config the model configuration
     */
    public T5DenseActDense(T5Config config) {
        this.dModel = config.dModel();
        this.wi = child("wi", Linear.create(dModel, config.dFf(), false, config.wiStd()));
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
        return new NDList(
                Functional.chain(ps, training, params, inputs.head(), wi, act, dropout, wo));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
