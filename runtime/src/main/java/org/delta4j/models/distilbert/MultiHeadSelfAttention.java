package org.delta4j.models.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.backbone.PrefixableAttention;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;

/**
 * HF's DistilBERT {@code MultiHeadSelfAttention}: {@code dropout} on the probabilities and the
 * biased projections {@code q_lin}, {@code k_lin}, {@code v_lin}, {@code out_lin} (in HF's
 * registration order). It takes an optional prefix ({@link AttentionPrefix}).
 */
public final class MultiHeadSelfAttention extends HfBlock implements PrefixableAttention {
    private final long dim;
    private final long heads;
    private final float scale;
    private final Child dropout;
    private final Child qLin;
    private final Child kLin;
    private final Child vLin;
    private final Child outLin;

    /**
     * @param config the model configuration
     */
    public MultiHeadSelfAttention(DistilBertConfig config) {
        int d = config.dim();
        float std = config.initializerRange();
        this.dim = d;
        this.heads = config.nHeads();
        this.scale = (float) (1 / Math.sqrt((double) d / heads));
        this.dropout = child("dropout", new Dropout(config.attentionDropout()));
        this.qLin = child("q_lin", Linear.create(d, d, true, std));
        this.kLin = child("k_lin", Linear.create(d, d, true, std));
        this.vLin = child("v_lin", Linear.create(d, d, true, std));
        this.outLin = child("out_lin", Linear.create(d, d, true, std));
    }

    @Override
    public long heads() {
        return heads;
    }

    @Override
    public long hiddenSize() {
        return dim;
    }

    /**
     * @param inputs {@code query}, {@code key}, {@code value} (each {@code [batch, length, dim]},
     *     the same array in self-attention) and the additive {@code mask} {@code [batch, 1, 1,
     *     length]} (HF takes the 0/1 mask and fills with the same minimum), optionally followed by
     *     a named prefix ({@link AttentionPrefix})
     * @return the attention output {@code [batch, length, dim]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList positional = AttentionPrefix.others(inputs);
        AttentionPrefix prefix = AttentionPrefix.of(inputs);
        // HF scales the projected queries, bias included, before the product.
        NDArray q =
                AttentionHeads.split(
                        Functional.times(
                                Functional.call(qLin, ps, training, params, positional.get(0)),
                                scale),
                        heads);
        NDArray k =
                prefix.keys(
                        AttentionHeads.split(
                                Functional.call(kLin, ps, training, params, positional.get(1)),
                                heads));
        NDArray v =
                prefix.values(
                        AttentionHeads.split(
                                Functional.call(vLin, ps, training, params, positional.get(2)),
                                heads));
        NDArray context =
                AttentionHeads.attend(
                        AttentionHeads.scores(q, k),
                        prefix.mask(positional.get(3)),
                        p -> Functional.call(dropout, ps, training, params, p),
                        v);
        return new NDList(Functional.call(outLin, ps, training, params, context));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
