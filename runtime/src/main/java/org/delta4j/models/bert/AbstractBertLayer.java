package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code BertLayer}: {@code attention}, then the feed-forward {@code intermediate} and {@code
 * output}.
 */
public abstract class AbstractBertLayer extends HfBlock implements SizedBlock {
    private final long hidden;
    private final Child attention;
    private final Child intermediate;
    private final Child output;

    /**
     * @param hidden the hidden size
     * @param attention the attention ({@code BertAttention} or its variant's class)
     * @param intermediate the first feed-forward step ({@code BertIntermediate} or its variant's
     *     class)
     * @param output the second feed-forward step with its residual ({@code BertOutput} or its
     *     variant's class)
     */
    protected AbstractBertLayer(long hidden, Block attention, Block intermediate, Block output) {
        this.hidden = hidden;
        this.attention = child("attention", attention);
        this.intermediate = child("intermediate", intermediate);
        this.output = child("output", output);
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden]} and the additive {@code
     *     attention_mask} {@code [batch, 1, 1, length]}
     * @return the new hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray attended =
                Functional.call(attention, ps, training, params, inputs.get(0), inputs.get(1));
        NDArray expanded = Functional.call(intermediate, ps, training, params, attended);
        return new NDList(Functional.call(output, ps, training, params, expanded, attended));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
