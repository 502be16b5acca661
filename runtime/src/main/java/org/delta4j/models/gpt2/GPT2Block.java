package org.delta4j.models.gpt2;

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
 * HF's {@code GPT2Block}: pre-LN self-attention ({@code ln_1}, {@code attn}), then a pre-LN MLP
 * ({@code ln_2}, {@code mlp}), each with a residual connection.
 */
public final class GPT2Block extends HfBlock implements SizedBlock {
    private final long embedDim;
    private final Child ln1;
    private final Child attn;
    private final Child ln2;
    private final Child mlp;

    /**
     * @param config the model configuration
     * @param layerIdx this block's index in {@code h}
     */
    public GPT2Block(GPT2Config config, int layerIdx) {
        this.embedDim = config.nEmbd();
        this.ln1 = child("ln_1", new LayerNorm(embedDim, config.layerNormEpsilon()));
        this.attn = child("attn", new GPT2Attention(config, layerIdx));
        this.ln2 = child("ln_2", new LayerNorm(embedDim, config.layerNormEpsilon()));
        this.mlp = child("mlp", new GPT2MLP(config));
    }

    @Override
    public long hiddenSize() {
        return embedDim;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, n_embd]} and the additive padding {@code
     *     attention_mask} {@code [batch, 1, 1, length]}
     * @return the new hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray normed = Functional.call(ln1, ps, training, params, hidden);
        hidden = Functional.call(attn, ps, training, params, normed, inputs.get(1)).add(hidden);
        NDArray ff =
                Functional.call(
                        mlp,
                        ps,
                        training,
                        params,
                        Functional.call(ln2, ps, training, params, hidden));
        return new NDList(hidden.add(ff));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
