package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.SizedBlock;
import org.delta4j.nn.T5LayerNorm;

/**
 * What T5's self- and cross-attention layers share: {@code x + dropout(attention(layer_norm(x),
 * ...))}, with children registered as the attention (under the subclass's HF name), {@code
 * layer_norm}, {@code dropout}.
 */
abstract class T5AttentionLayer extends HfBlock implements SizedBlock {
    private final long dModel;
    private final Child attention;
    private final Child layerNorm;
    private final Child dropout;

    /**
     * @param attentionName HF's name of the attention child
     * @param attention the attention
     * @param config the model configuration
     */
    T5AttentionLayer(String attentionName, T5Attention attention, T5Config config) {
        this.dModel = config.dModel();
        this.attention = child(attentionName, attention);
        this.layerNorm =
                child(
                        "layer_norm",
                        new T5LayerNorm(
                                dModel, config.layerNormEpsilon(), config.initializerFactor()));
        this.dropout = child("dropout", new Dropout(config.dropoutRate()));
    }

    @Override
    public final long hiddenSize() {
        return dModel;
    }

    /**
     * @param inputs {@code hidden_states}, then the attention's other inputs (see {@link
     *     T5Attention})
     * @return the new hidden states, then the attention's other outputs (the position bias)
     */
    @Override
    protected final NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        // The attention gets the normed states in place of the hidden states, and the rest
        // unchanged.
        NDList attentionInputs = AttentionPrefix.others(inputs);
        attentionInputs.set(0, Functional.call(layerNorm, ps, training, params, hidden));
        NDList attended = attention.forward(ps, attentionInputs, training, params);
        NDList out =
                new NDList(
                        hidden.add(
                                Functional.call(dropout, ps, training, params, attended.head())));
        for (int i = 1; i < attended.size(); i++) {
            out.add(attended.get(i));
        }
        return out;
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
