package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Supplier;
import org.delta4j.nn.Child;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerScope;
import org.delta4j.nn.ModuleList;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code BertEncoder}: the module list {@code layer}, run in order on the hidden states and
 * the attention mask. DistilBERT's {@code Transformer} has the same form.
 */
public abstract class AbstractBertEncoder extends HfBlock implements SizedBlock {
    private final long hidden;
    private final Child layer;

    /**
     * @param hiddenSize the hidden size
     * @param layers the number of layers
     * @param newLayer makes one layer ({@code BertLayer} or its variant's class)
     */
    protected AbstractBertEncoder(long hiddenSize, int layers, Supplier<Block> newLayer) {
        this.hidden = hiddenSize;
        this.layer = child("layer", ModuleList.of(layers, i -> newLayer.get()));
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden]} and the additive {@code
     *     attention_mask} {@code [batch, 1, 1, length]}
     * @return the last layer's hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hiddenStates = inputs.get(0);
        LayerScope scopes = new LayerScope(training);
        for (Block l : layer.block().getChildren().values()) {
            hiddenStates = scopes.call(l, ps, params, hiddenStates, inputs.get(1));
        }
        return new NDList(hiddenStates);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
