package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.backbone.PrefixableAttention;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.KeyValueCache.Role;
import org.delta4j.nn.Linear;

/**
 * HF's {@code T5Attention}: multi-head attention without biases and without score scaling ({@code
 * q}, {@code k}, {@code v}, {@code o}), plus, in the first block's self-attention only, the
 * relative position table {@code relative_attention_bias [num_buckets, heads]}. Self-attention when
 * given no key-value states, cross-attention when given the encoder's.
 *
 * <p>Position bias: like HF, the attention that owns the table computes the bias, returns it, and
 * the stack hands it to the later blocks, as an extra input named {@link #POSITION_BIAS}. Unlike
 * HF, the bias travels without the attention mask; each attention adds its own mask. An attention
 * with neither a table nor a bias adds none.
 *
 * <p>Accepts an {@link AttentionPrefix} (HF's {@code past_key_value} of length {@code p}): the
 * queries then sit at positions {@code p .. p + length - 1}, so the owner's bias is that of {@code
 * compute_bias(p + length, p + length)} without its first {@code p} rows. An incoming bias whose
 * key axis does not fit the prefixed keys was made for another prefix length; as OpenDelta's prefix
 * layer does, it is dropped and the bias is computed afresh (from the table) or left out (no
 * table). For cross-attention the prefix comes before the projected encoder states.
 *
 * <p>With a {@link KeyValueCache} in the pass's parameters, the decoder's self-attention appends
 * the new positions' keys and values to the cached ones (its queries then sit after the cached
 * positions, and the bias is that of the last rows, as HF's), the decoder's cross-attention
 * projects the encoder states on the first step only, and the encoder's attention ignores the
 * cache.
 */
public final class T5Attention extends HfBlock implements PrefixableAttention {
    /**
     * The name of the position bias input and output, {@code [1 or batch, heads, queries, keys]}.
     */
    public static final String POSITION_BIAS = "position_bias";

    private final long dModel;
    private final long heads;
    private final long dKv;
    private final boolean isDecoder;
    private final boolean bidirectional;
    private final int numBuckets;
    private final int maxDistance;
    private final float dropout;
    private final Child q;
    private final Child k;
    private final Child v;
    private final Child o;
    private final Child relativeAttentionBias;

    /**
     * @param config the model configuration
     * @param isDecoder whether it belongs to the decoder (relative positions are then
     *     one-directional)
     * @param hasRelativeAttentionBias whether it owns the relative position table (the first
     *     block's self-attention)
     */
    public T5Attention(T5Config config, boolean isDecoder, boolean hasRelativeAttentionBias) {
        this.dModel = config.dModel();
        this.heads = config.numHeads();
        this.isDecoder = isDecoder;
        this.bidirectional = !isDecoder;
        this.numBuckets = config.relativeAttentionNumBuckets();
        this.maxDistance = config.relativeAttentionMaxDistance();
        this.dropout = config.dropoutRate();
        this.dKv = config.dKv();
        long inner = heads * this.dKv;
        float factor = config.initializerFactor();
        this.q =
                child(
                        "q",
                        Linear.create(
                                dModel,
                                inner,
                                false,
                                (float) (factor / Math.sqrt((double) dModel * dKv))));
        this.k =
                child(
                        "k",
                        Linear.create(dModel, inner, false, (float) (factor / Math.sqrt(dModel))));
        this.v =
                child(
                        "v",
                        Linear.create(dModel, inner, false, (float) (factor / Math.sqrt(dModel))));
        this.o =
                child(
                        "o",
                        Linear.create(inner, dModel, false, (float) (factor / Math.sqrt(inner))));
        this.relativeAttentionBias =
                hasRelativeAttentionBias
                        ? child(
                                "relative_attention_bias",
                                Embedding.create(
                                        numBuckets, heads, (float) (factor / Math.sqrt(dModel))))
                        : null;
    }

    @Override
    public long heads() {
        return heads;
    }

    @Override
    public long headDim() {
        return dKv;
    }

    @Override
    public long hiddenSize() {
        return dModel;
    }

    /**
     * @param arrays the inputs or outputs of a T5 attention, attention layer or block; the first,
     *     the hidden states, is not looked at
     * @return the position bias among them, or null when there is none
     */
    public static NDArray positionBias(NDList arrays) {
        for (int i = 1; i < arrays.size(); i++) {
            if (POSITION_BIAS.equals(arrays.get(i).getName())) {
                return arrays.get(i);
            }
        }
        return null;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, d_model]}, the additive {@code mask}
     *     broadcastable to {@code [batch, heads, length, keys]} and, for cross-attention, {@code
     *     key_value_states [batch, keys, d_model]}; optionally a {@link #POSITION_BIAS} and an
     *     {@link AttentionPrefix}, by name
     * @return the attention output {@code [batch, length, d_model]}, then the position bias used
     *     (named {@link #POSITION_BIAS}) if there was one
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        List<NDArray> positional = new ArrayList<>();
        NDArray incomingBias = null;
        for (NDArray a : AttentionPrefix.others(inputs)) {
            if (POSITION_BIAS.equals(a.getName())) {
                incomingBias = a;
            } else {
                positional.add(a);
            }
        }
        NDArray hidden = positional.get(0);
        boolean cross = positional.size() > 2;
        NDArray source = cross ? positional.get(2) : hidden;
        AttentionPrefix prefix = AttentionPrefix.of(inputs);
        NDArray query =
                AttentionHeads.split(Functional.call(q, ps, training, params, hidden), heads);
        NDList kv =
                KeyValueCache.keysAndValues(
                        params,
                        this,
                        !isDecoder ? Role.ENCODER_SELF : cross ? Role.CROSS : Role.DECODER_SELF,
                        () -> AttentionHeads.project(k, source, heads, ps, training, params),
                        () -> AttentionHeads.project(v, source, heads, ps, training, params),
                        prefix);
        NDArray key = kv.get(0);
        NDArray value = kv.get(1);
        NDArray scores = AttentionHeads.scores(query, key);
        long queries = query.getShape().get(2);
        long keys = key.getShape().get(2);
        NDArray bias =
                incomingBias != null && incomingBias.getShape().get(3) == keys
                        ? incomingBias
                        : computeBias(
                                hidden.getManager(),
                                cross ? 0 : keys - queries,
                                queries,
                                keys,
                                ps,
                                training,
                                params);
        NDArray mask = prefix.mask(positional.get(1));
        // HF adds the mask to the bias first, then the sum to the scores.
        NDArray context =
                AttentionHeads.attend(
                        scores,
                        bias == null ? mask : bias.add(mask),
                        p -> Functional.dropout(p, dropout, training),
                        value);
        NDList out = new NDList(Functional.call(o, ps, training, params, context));
        if (bias != null) {
            bias.setName(POSITION_BIAS);
            out.add(bias);
        }
        return out;
    }

    /**
     * HF's {@code compute_bias} for queries at {@code queryOffset ..} against keys at {@code 0 ..}.
     *
     * @return {@code [1, heads, queries, keys]}, or null without a table
     */
    private NDArray computeBias(
            NDManager manager,
            long queryOffset,
            long queries,
            long keys,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        if (relativeAttentionBias == null) {
            return null;
        }
        long[] buckets =
                T5RelativePositions.buckets(
                        queryOffset,
                        Math.toIntExact(queries),
                        Math.toIntExact(keys),
                        bidirectional,
                        numBuckets,
                        maxDistance);
        NDArray values =
                Functional.call(
                        relativeAttentionBias,
                        ps,
                        training,
                        params,
                        Functional.indices(manager, buckets, new Shape(queries, keys)));
        return values.transpose(2, 0, 1).expandDims(0);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
