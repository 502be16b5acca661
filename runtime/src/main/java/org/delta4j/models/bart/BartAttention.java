package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.backbone.PrefixableAttention;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.KeyValueCache.Role;
import org.delta4j.nn.Linear;

/**
 * HF's {@code BartAttention}: multi-head scaled dot-product attention with biased {@code k_proj},
 * {@code v_proj}, {@code q_proj}, {@code out_proj} (in HF's registration order). Self-attention
 * when the keys come from the same sequence, cross-attention when they come from the encoder.
 *
 * <p>Its {@link Role} says what it does with a {@link KeyValueCache} in the pass's parameters: the
 * decoder's self-attention appends the new positions' keys and values to the cached ones, the
 * cross-attention projects the encoder states on the first step only, and the encoder's
 * self-attention (which runs once per input) ignores the cache.
 */
public final class BartAttention extends HfBlock implements PrefixableAttention {
    private final Role role;
    private final long embedDim;
    private final long heads;
    private final float scaling;
    private final float dropout;
    private final Child kProj;
    private final Child vProj;
    private final Child qProj;
    private final Child outProj;

    /**
     * @param role where the attention sits
     * @param embedDim the hidden size
     * @param heads the number of heads; must divide {@code embedDim}
     * @param dropout the dropout on attention probabilities
     * @param std the standard deviation of fresh weights
     */
    public BartAttention(Role role, long embedDim, long heads, float dropout, float std) {
        if (embedDim % heads != 0) {
            throw new IllegalArgumentException(
                    "embed_dim " + embedDim + " is not divisible by num_heads " + heads);
        }
        this.role = role;
        this.embedDim = embedDim;
        this.heads = heads;
        this.scaling = (float) Math.pow(embedDim / heads, -0.5);
        this.dropout = dropout;
        this.kProj = child("k_proj", Linear.create(embedDim, embedDim, true, std));
        this.vProj = child("v_proj", Linear.create(embedDim, embedDim, true, std));
        this.qProj = child("q_proj", Linear.create(embedDim, embedDim, true, std));
        this.outProj = child("out_proj", Linear.create(embedDim, embedDim, true, std));
    }

    /**
     * @param inputs {@code hidden_states [batch, queries, dim]}, {@code key_value_states [batch,
     *     keys, dim]} (the same array for self-attention) and an additive {@code attention_mask}
     *     broadcastable to {@code [batch, heads, queries, keys]}; optionally an {@link
     *     AttentionPrefix} in front of the keys and values
     * @return the attention output {@code [batch, queries, dim]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray keyValue = inputs.get(1);
        // HF scales the projected queries, bias included, before the product.
        NDArray q =
                AttentionHeads.split(
                        Functional.times(
                                Functional.call(qProj, ps, training, params, hidden), scaling),
                        heads);
        AttentionPrefix prefix = AttentionPrefix.of(inputs);
        NDList kv =
                KeyValueCache.keysAndValues(
                        params,
                        this,
                        role,
                        () -> AttentionHeads.project(kProj, keyValue, heads, ps, training, params),
                        () -> AttentionHeads.project(vProj, keyValue, heads, ps, training, params),
                        prefix);
        NDArray k = kv.get(0);
        NDArray v = kv.get(1);
        NDArray context =
                AttentionHeads.attend(
                        AttentionHeads.scores(q, k),
                        prefix.mask(inputs.get(2)),
                        p -> Functional.dropout(p, dropout, training),
                        v);
        return new NDList(Functional.call(outProj, ps, training, params, context));
    }

    @Override
    public long heads() {
        return heads;
    }

    @Override
    public long hiddenSize() {
        return embedDim;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
