package org.delta4j.models.bert;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfActivation;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code BertPooler}: {@code tanh(dense(x[:, 0]))}, the first token's state as the sequence
 * summary.
 */
public abstract class AbstractBertPooler extends HfBlock implements SizedBlock {
    private final long hidden;
    private final Child dense;
    private final Child activation;

    /**
     * @param config the model configuration
     */
    protected AbstractBertPooler(BertConfig config) {
        this.hidden = config.hiddenSize();
        this.dense = child("dense", Linear.create(hidden, hidden, true, config.initializerRange()));
        this.activation = child("activation", HfActivation.forName("tanh"));
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden]}
     * @return {@code pooler_output [batch, hidden]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                Functional.chain(
                        ps, training, params, inputs.head().get(":, 0"), dense, activation));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hidden)};
    }
}
