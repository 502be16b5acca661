package org.delta4j.models.distilbert;

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
 * HF's DistilBERT {@code FFN}: {@code dropout(lin2(activation(lin1(x))))}, children {@code
 * dropout}, {@code lin1}, {@code lin2}, {@code activation} in HF's registration order.
 */
public final class FFN extends HfBlock implements SizedBlock {
    private final long dim;
    private final Child dropout;
    private final Child lin1;
    private final Child lin2;
    private final Child activation;

    /**
     * @param config the model configuration
     */
    public FFN(DistilBertConfig config) {
        float std = config.initializerRange();
        this.dim = config.dim();
        this.dropout = child("dropout", new Dropout(config.dropout()));
        this.lin1 = child("lin1", Linear.create(dim, config.hiddenDim(), true, std));
        this.lin2 = child("lin2", Linear.create(config.hiddenDim(), dim, true, std));
        this.activation = child("activation", HfActivation.forName(config.activation()));
    }

    @Override
    public long hiddenSize() {
        return dim;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                Functional.chain(
                        ps, training, params, inputs.head(), lin1, activation, lin2, dropout));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
