package org.delta4j.models.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.ModuleList;
import org.delta4j.nn.SizedBlock;

/** HF's DistilBERT {@code Transformer}: the module list {@code layer} of {@link TransformerBlock}s, run in order. */
public final class Transformer extends HfBlock implements SizedBlock {
    private final long dim;
    // Not final and typed Block: delta surgery swaps this child for a wrapper, and forward reads it each call.
    private Block layer;

    /** @param config the model configuration */
    public Transformer(DistilBertConfig config) {
        this.dim = config.dim();
        List<Block> stack = new ArrayList<>();
        for (int i = 0; i < config.nLayers(); i++) {
            stack.add(new TransformerBlock(config));
        }
        this.layer = child("layer", new ModuleList(stack));
    }

    @Override
    public long hiddenSize() {
        return dim;
    }

    /**
     * @param inputs {@code x [batch, length, dim]} and the additive {@code attn_mask} {@code [batch, 1, 1, length]}
     * @return the last layer's hidden states
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        // The live child list, so a layer swapped in by delta surgery is the one that runs.
        for (Block l : layer.getChildren().values()) {
            hidden = Functional.call(l, ps, training, params, hidden, inputs.get(1));
        }
        return new NDList(hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
