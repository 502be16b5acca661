package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.Linear;
import org.delta4j.nn.SizedBlock;

/**
 * The post-LN residual step of HF's {@code BertSelfOutput} and {@code BertOutput}: {@code
 * LayerNorm(dropout(dense(x)) + residual)}, with children {@code dense}, {@code LayerNorm}, {@code
 * dropout}.
 */
public abstract class AbstractBertResidualOutput extends HfBlock implements SizedBlock {
    private final long hidden;
    private final long input;
    private final Child dense;
    private final Child layerNorm;
    private final Child dropout;

    /**
     * @param config the model configuration
     * @param inFeatures the size of {@code x}: the hidden size after attention, the intermediate
     *     size after the feed-forward layer
     */
    protected AbstractBertResidualOutput(BertConfig config, long inFeatures) {
        this.hidden = config.hiddenSize();
        this.input = inFeatures;
        this.dense =
                child("dense", Linear.create(inFeatures, hidden, true, config.initializerRange()));
        this.layerNorm = child("LayerNorm", new LayerNorm(hidden, config.layerNormEps()));
        this.dropout = child("dropout", new Dropout(config.hiddenDropoutProb()));
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    @Override
    public long inputSize() {
        return input;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, in]} and {@code input_tensor [batch,
     *     length, hidden]} (the residual)
     * @return the normalised sum {@code [batch, length, hidden]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = Functional.chain(ps, training, params, inputs.get(0), dense, dropout);
        return new NDList(Functional.call(layerNorm, ps, training, params, h.add(inputs.get(1))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[1]};
    }
}
