package org.delta4j.models.llama;

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
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.Linear;

/**
 * HF's {@code LlamaAttention} (and Mistral's and Qwen2's, eager): grouped-query self-attention.
 * {@code q_proj} makes {@code num_attention_heads} query heads, {@code k_proj} and {@code v_proj}
 * {@code num_key_value_heads} key-value heads; rotary embeddings ({@code rotary_emb}) turn queries
 * and keys; each key-value head serves {@code num_attention_heads / num_key_value_heads}
 * consecutive query heads (HF's {@code repeat_kv}); {@code o_proj} projects the context back.
 *
 * <p>An {@link AttentionPrefix} has {@code num_key_value_heads} heads and is not rotated (HF's
 * {@code past_key_value}). A {@link KeyValueCache} in the pass's parameters stores the key-value
 * heads, not the repeated ones.
 */
public final class LlamaAttention extends LlamaFamilyBlock implements PrefixableAttention {
    private final long heads;
    private final long kvHeads;
    private final long headDim;
    private final float dropout;
    private final Child qProj;
    private final Child kProj;
    private final Child vProj;
    private final Child oProj;
    private final Child rotaryEmb;

    /**
     * @param config the model configuration
     */
    public LlamaAttention(LlamaFamilyConfig config) {
        super(config, "Attention");
        long hidden = hiddenSize();
        this.heads = config.numAttentionHeads();
        this.kvHeads = config.keyValueHeads();
        this.headDim = config.headDim();
        this.dropout = config.attentionDropout();
        float std = config.initializerRange();
        boolean qkvBias = config.qkvBias();
        this.qProj = child("q_proj", Linear.create(hidden, heads * headDim, qkvBias, std));
        this.kProj = child("k_proj", Linear.create(hidden, kvHeads * headDim, qkvBias, std));
        this.vProj = child("v_proj", Linear.create(hidden, kvHeads * headDim, qkvBias, std));
        this.oProj =
                child("o_proj", Linear.create(heads * headDim, hidden, config.outputBias(), std));
        this.rotaryEmb = child("rotary_emb", new LlamaRotaryEmbedding(config));
    }

    /**
     * @return {@code num_key_value_heads}: a prefix has the key-value heads
     */
    @Override
    public long heads() {
        return kvHeads;
    }

    @Override
    public long headDim() {
        return headDim;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden_size]}, the additive attention mask
     *     {@code [batch, 1, length, keys]} (causal, padding and window; keys are the cached
     *     positions and the new ones) and {@code position_ids [batch or 1, length]}, optionally
     *     followed by an {@link AttentionPrefix}
     * @return the attention output {@code [batch, length, hidden_size]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList own = AttentionPrefix.others(inputs);
        NDArray x = own.get(0);
        AttentionPrefix prefix = AttentionPrefix.of(inputs);
        NDList cosSin = rotaryEmb.forward(ps, new NDList(own.get(2)), training, params);
        NDArray cos = cosSin.get(0);
        NDArray sin = cosSin.get(1);
        NDArray q = rotated(qProj, heads, x, cos, sin, ps, training, params);
        NDArray k = rotated(kProj, kvHeads, x, cos, sin, ps, training, params);
        NDArray v = AttentionHeads.split(Functional.call(vProj, ps, training, params, x), kvHeads);
        NDList kv = KeyValueCache.selfAttention(params, this, k, v, prefix);
        NDArray scores =
                Functional.dividedBy(
                        AttentionHeads.scores(q, repeatKv(kv.get(0))), (float) Math.sqrt(headDim));
        NDArray context =
                AttentionHeads.attend(
                        scores,
                        prefix.mask(own.get(1)),
                        p -> Functional.dropout(p, dropout, training),
                        repeatKv(kv.get(1)));
        return new NDList(Functional.call(oProj, ps, training, params, context));
    }

    private static NDArray rotated(
            Child projection,
            long headCount,
            NDArray x,
            NDArray cos,
            NDArray sin,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        NDArray projected = Functional.call(projection, ps, training, params, x);
        return LlamaRotaryEmbedding.rotate(AttentionHeads.split(projected, headCount), cos, sin);
    }

    /**
     * HF's {@code repeat_kv}: {@code [batch, kv_heads, keys, d]} to {@code [batch, heads, keys,
     * d]}, each key-value head repeated for its group of consecutive query heads.
     */
    private NDArray repeatKv(NDArray x) {
        long groups = heads / kvHeads;
        if (groups == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(2)
                .broadcast(new Shape(s.get(0), s.get(1), groups, s.get(2), s.get(3)))
                .reshape(s.get(0), heads, s.get(2), s.get(3));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
