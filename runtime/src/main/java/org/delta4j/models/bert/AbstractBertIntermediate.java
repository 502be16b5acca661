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
 * HF's {@code BertIntermediate}: the first feed-forward layer, {@code
 * intermediate_act_fn(dense(x))}.
 */
public abstract class AbstractBertIntermediate extends HfBlock implements SizedBlock {
    private final long size;
    private final long input;
    private final Child dense;
    private final Child intermediateActFn;

    /**
     * @param config the model configuration
     */
    protected AbstractBertIntermediate(BertConfig config) {
        this.size = config.intermediateSize();
        this.input = config.hiddenSize();
        this.dense =
                child(
                        "dense",
                        Linear.create(config.hiddenSize(), size, true, config.initializerRange()));
        this.intermediateActFn =
                child("intermediate_act_fn", HfActivation.forName(config.hiddenAct()));
    }

    /**
     * @return the intermediate size, the last axis of this block's output
     */
    @Override
    public long hiddenSize() {
        return size;
    }

    /**
     * @return the hidden size, the last axis of this block's input
     */
    @Override
    public long inputSize() {
        return input;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                Functional.chain(ps, training, params, inputs.head(), dense, intermediateActFn));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(size)};
    }
}
