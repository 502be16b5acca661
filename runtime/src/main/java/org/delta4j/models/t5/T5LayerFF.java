package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.SizedBlock;
import org.delta4j.nn.T5LayerNorm;

/**
 * HF's {@code T5LayerFF}: {@code x + dropout(DenseReluDense(layer_norm(x)))}, where {@code
 * DenseReluDense} is a {@link T5DenseActDense} or, for gated configurations, a {@link
 * T5DenseGatedActDense}.
 */
public final class T5LayerFF extends HfBlock implements SizedBlock {
    private final long dModel;
    private final Child denseReluDense;
    private final Child layerNorm;
    private final Child dropout;

    /**
     * @param config the model configuration
     */
    public T5LayerFF(T5Config config) {
        this.dModel = config.dModel();
        this.denseReluDense =
                child(
                        "DenseReluDense",
                        config.isGatedAct()
                                ? new T5DenseGatedActDense(config)
                                : new T5DenseActDense(config));
        this.layerNorm =
                child(
                        "layer_norm",
                        new T5LayerNorm(
                                dModel, config.layerNormEpsilon(), config.initializerFactor()));
        this.dropout = child("dropout", new Dropout(config.dropoutRate()));
    }

    @Override
    public long hiddenSize() {
        return dModel;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, d_model]}
     * @return the new hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.head();
        NDArray ff =
                Functional.chain(ps, training, params, hidden, layerNorm, denseReluDense, dropout);
        return new NDList(hidden.add(ff));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
