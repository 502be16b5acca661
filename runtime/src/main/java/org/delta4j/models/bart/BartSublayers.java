package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.delta4j.nn.Functional;

/** The steps BART's encoder and decoder layers share. The blocks are passed in from the layers' fields. */
final class BartSublayers {
    private BartSublayers() {}

    /**
     * The post-LN residual step: {@code norm(residual + dropout(output))}.
     *
     * @return the normalised sum
     */
    static NDArray addAndNorm(Block norm, NDArray residual, NDArray output, float dropout, ParameterStore ps,
            boolean training, PairList<String, Object> params) {
        NDArray sum = residual.add(Functional.dropout(output, dropout, training));
        return Functional.call(norm, ps, training, params, sum);
    }

    /**
     * The feed-forward step without its residual: {@code fc2(dropout(act(fc1(x))))}.
     *
     * @return the feed-forward output
     */
    static NDArray feedForward(Block fc1, Block activation, Block fc2, float activationDropout, NDArray x,
            ParameterStore ps, boolean training, PairList<String, Object> params) {
        NDArray h = Functional.call(activation, ps, training, params, Functional.call(fc1, ps, training, params, x));
        return Functional.call(fc2, ps, training, params, Functional.dropout(h, activationDropout, training));
    }

    /**
     * The layers that run in this pass: all of them, except that while training each is skipped with probability
     * {@code layerdrop} (HF's LayerDrop).
     *
     * @param layers the {@code layers} module list, read from the owner's field
     * @return the layers to run, in order
     */
    static List<Block> activeLayers(Block layers, float layerdrop, boolean training) {
        List<Block> active = new ArrayList<>();
        for (Block layer : layers.getChildren().values()) {
            if (!training || layerdrop == 0f || ThreadLocalRandom.current().nextFloat() >= layerdrop) {
                active.add(layer);
            }
        }
        return active;
    }

    /**
     * The embedding step of the encoder and the decoder:
     * {@code dropout(layernorm_embedding(embed_tokens(ids) * scale + embed_positions(ids)))}. Given embeddings
     * ({@code inputs_embeds}, floating point) instead of ids, they are used as they are, as HF does.
     *
     * @return the first hidden states {@code [batch, length, d_model]}
     */
    static NDArray embed(Block tokens, Block positions, Block norm, float embedScale, float dropout, NDArray ids,
            ParameterStore ps, boolean training, PairList<String, Object> params) {
        NDArray embedded = ids.getDataType().isFloating()
                ? ids
                : Functional.times(Functional.call(tokens, ps, training, params, ids), embedScale);
        // Positions only read the [batch, length] shape, which embeddings share in their first two axes.
        NDArray hidden = embedded.add(Functional.call(positions, ps, training, params, ids));
        hidden = Functional.call(norm, ps, training, params, hidden);
        return Functional.dropout(hidden, dropout, training);
    }
}
