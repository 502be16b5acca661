package org.delta4j.models.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.SizedBlock;

/**
 * HF's DistilBERT {@code TransformerBlock}: post-LN self-attention ({@code attention}, {@code
 * sa_layer_norm}), then a post-LN feed-forward network ({@code ffn}, {@code output_layer_norm}).
 */
public final class TransformerBlock extends HfBlock implements SizedBlock {
    private final long dim;
    private final Child attention;
    private final Child saLayerNorm;
    private final Child ffn;
    private final Child outputLayerNorm;

    /**
     * @param config the model configuration
     */
    public TransformerBlock(DistilBertConfig config) {
        this.dim = config.dim();
        this.attention = child("attention", new MultiHeadSelfAttention(config));
        this.saLayerNorm =
                child("sa_layer_norm", new LayerNorm(dim, DistilBertConfig.LAYER_NORM_EPS));
        this.ffn = child("ffn", new FFN(config));
        this.outputLayerNorm =
                child("output_layer_norm", new LayerNorm(dim, DistilBertConfig.LAYER_NORM_EPS));
    }

    @Override
    public long hiddenSize() {
        return dim;
    }

    /**
     * @param inputs {@code x [batch, length, dim]} and the additive {@code attn_mask} {@code
     *     [batch, 1, 1, length]}
     * @return the new hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray attended = Functional.call(attention, ps, training, params, x, x, x, inputs.get(1));
        attended = Functional.call(saLayerNorm, ps, training, params, attended.add(x));
        NDArray fed = Functional.call(ffn, ps, training, params, attended);
        return new NDList(
                Functional.call(outputLayerNorm, ps, training, params, fed.add(attended)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
