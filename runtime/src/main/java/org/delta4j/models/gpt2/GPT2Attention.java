package org.delta4j.models.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.backbone.PrefixableAttention;
import org.delta4j.models.AttentionMasks;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.Conv1D;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;

/**
 * HF's {@code GPT2Attention}: causal multi-head self-attention with a fused query-key-value
 * projection {@code c_attn}, output projection {@code c_proj}, and dropouts {@code attn_dropout},
 * {@code resid_dropout}. Its buffers are those of HF's state dict: {@code bias}, the
 * lower-triangular causal table {@code uint8 [1, 1, n_positions, n_positions]}, and {@code
 * masked_bias}, a scalar HF keeps but no longer reads.
 *
 * <p>Accepts an {@link AttentionPrefix}: the prefix is HF's {@code layer_past}, and every query
 * sees all of it. With a {@link KeyValueCache} in the pass's parameters the new positions' keys and
 * values join the earlier steps' and the queries sit after them.
 */
public final class GPT2Attention extends HfBlock implements PrefixableAttention {
    /** The value HF stores in {@code masked_bias}. */
    private static final float MASKED_BIAS = -1e4f;

    private final long embedDim;
    private final long heads;
    private final long headDim;
    private final long maxPositions;
    private final boolean scaleByHeadDim;
    private final int layerDivisor;
    private final boolean foldScaling;
    private final Parameter bias;
    private final Child cAttn;
    private final Child cProj;
    private final Child attnDropout;
    private final Child residDropout;

    /**
     * @param config the model configuration
     * @param layerIdx the index of the block this attention belongs to (for {@code
     *     scale_attn_by_inverse_layer_idx})
     */
    public GPT2Attention(GPT2Config config, int layerIdx) {
        this.embedDim = config.nEmbd();
        this.heads = config.nHead();
        this.headDim = embedDim / heads;
        this.maxPositions = config.nPositions();
        this.scaleByHeadDim = config.scaleAttnWeights();
        this.layerDivisor = config.scaleAttnByInverseLayerIdx() ? layerIdx + 1 : 1;
        this.foldScaling = config.reorderAndUpcastAttn();
        float std = config.initializerRange();
        this.bias =
                buffer(
                        "bias",
                        new Shape(1, 1, maxPositions, maxPositions),
                        GPT2Attention::lowerTriangle);
        buffer("masked_bias", new Shape(), (m, shape, type) -> m.full(shape, MASKED_BIAS));
        this.cAttn = child("c_attn", Conv1D.create(embedDim, 3 * embedDim, std));
        this.cProj = child("c_proj", Conv1D.create(embedDim, embedDim, config.cProjStd()));
        this.attnDropout = child("attn_dropout", new Dropout(config.attnPdrop()));
        this.residDropout = child("resid_dropout", new Dropout(config.residPdrop()));
    }

    @Override
    public long heads() {
        return heads;
    }

    @Override
    public long hiddenSize() {
        return embedDim;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, n_embd]} and the additive padding {@code
     *     attention_mask} {@code [batch, 1, 1, length]}, optionally followed by an {@link
     *     AttentionPrefix}
     * @return the attention output {@code [batch, length, n_embd]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList own = AttentionPrefix.others(inputs);
        NDArray hidden = own.get(0);
        AttentionPrefix prefix = AttentionPrefix.of(inputs);
        NDList qkv = Functional.call(cAttn, ps, training, params, hidden).split(3, 2);
        NDArray q = AttentionHeads.split(qkv.get(0), heads);
        NDList kv =
                KeyValueCache.selfAttention(
                        params,
                        this,
                        AttentionHeads.split(qkv.get(1), heads),
                        AttentionHeads.split(qkv.get(2), heads),
                        prefix);
        NDArray k = kv.get(0);
        NDArray v = kv.get(1);
        NDArray scores = scores(q, k);
        // DJL's where needs the condition in the scores' own shape.
        NDArray causal = causal(ps, training, q, k).broadcast(scores.getShape());
        scores = Functional.where(causal, scores, AttentionMasks.MIN);
        NDArray context =
                AttentionHeads.attend(
                        scores,
                        prefix.mask(own.get(1)),
                        p -> Functional.call(attnDropout, ps, training, params, p),
                        v);
        NDArray out = Functional.call(cProj, ps, training, params, context);
        return new NDList(Functional.call(residDropout, ps, training, params, out));
    }

    /**
     * The raw scores {@code q k^T}, scaled as the configuration says and in HF's order of
     * operations.
     */
    private NDArray scores(NDArray q, NDArray k) {
        NDArray scores = AttentionHeads.scores(q, k);
        if (foldScaling) {
            // HF's reordered path multiplies by one combined factor, computed in double.
            double factor = (scaleByHeadDim ? 1.0 / Math.sqrt(headDim) : 1.0) / layerDivisor;
            return Functional.times(scores, (float) factor);
        }
        if (scaleByHeadDim) {
            scores = Functional.dividedBy(scores, (float) Math.sqrt(headDim));
        }
        return layerDivisor == 1 ? scores : Functional.dividedBy(scores, layerDivisor);
    }

    /**
     * HF's slice of the causal table, {@code bias[:, :, keys - queries : keys, :keys]}: query
     * {@code i} sits at position {@code keys - queries + i}, so it sees every prefix position and
     * the tokens up to itself.
     */
    private NDArray causal(ParameterStore ps, boolean training, NDArray q, NDArray k) {
        long queries = q.getShape().get(2);
        long keys = k.getShape().get(2);
        if (keys > maxPositions) {
            throw new IllegalArgumentException(
                    "GPT-2 attends over at most n_positions = "
                            + maxPositions
                            + " positions; got "
                            + keys
                            + " (prefix included)");
        }
        NDArray table = ps.getValue(bias, q.getDevice(), training);
        // Built, not parsed from a string: this runs in every layer of every forward pass.
        NDIndex window =
                new NDIndex().addAllDim(2).addSliceDim(keys - queries, keys).addSliceDim(0, keys);
        return Functional.onParameter(table, t -> t.get(window), q).toType(DataType.BOOLEAN, false);
    }

    /** The causal table: 1 where the key position is at or before the query position. */
    private static NDArray lowerTriangle(NDManager manager, Shape shape, DataType ignored) {
        long n = shape.get(3);
        NDArray positions = manager.arange(0, Math.toIntExact(n), 1, DataType.INT64);
        return positions
                .reshape(1, n)
                .lte(positions.reshape(n, 1))
                .toType(DataType.UINT8, false)
                .reshape(shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
