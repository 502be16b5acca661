package org.delta4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's {@code nn.Dropout} as a module: HF models that register their dropout as a child
 * (BERT's {@code embeddings.dropout}, DistilBERT's {@code attention.dropout}) list it among their
 * named modules, so the tree carries it under HF's name. Active only in a training forward pass.
 */
public final class Dropout extends HfBlock {
    private final float rate;

    /**
     * @param rate the drop probability
     */
    public Dropout(float rate) {
        if (rate < 0f || rate > 1f) {
            throw new IllegalArgumentException(
                    "dropout probability has to be between 0 and 1, got " + rate);
        }
        this.rate = rate;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(Functional.dropout(inputs.singletonOrThrow(), rate, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
