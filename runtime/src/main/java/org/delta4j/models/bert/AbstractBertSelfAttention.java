package org.delta4j.models.bert;

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
 * HF's {@code BertSelfAttention} (absolute positions, encoder only): biased {@code query}, {@code
 * key}, {@code value} projections, scaled dot-product scores plus the additive mask, softmax,
 * {@code dropout} on the probabilities. It takes an optional prefix ({@link AttentionPrefix}).
 * {@link BertSelfAttention} and RoBERTa's class are this block under HF's class names.
 */
public abstract class AbstractBertSelfAttention extends HfBlock implements PrefixableAttention {
    private final long hidden;
    private final long heads;
    private final float scale;
    private final Child query;
    private final Child key;
    private final Child value;
    private final Child dropout;

    /**
     * @param config the model configuration
     */
    protected AbstractBertSelfAttention(BertConfig config) {
        int h = config.hiddenSize();
        float std = config.initializerRange();
        this.hidden = h;
        this.heads = config.numAttentionHeads();
        this.scale = (float) (1 / Math.sqrt((double) h / heads));
        this.query = child("query", Linear.create(h, h, true, std));
        this.key = child("key", Linear.create(h, h, true, std));
        this.value = child("value", Linear.create(h, h, true, std));
        this.dropout = child("dropout", new Dropout(config.attentionProbsDropoutProb()));
    }

    @Override
    public long heads() {
        return heads;
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden]} and the additive {@code
     *     attention_mask} {@code [batch, 1, 1, length]}, optionally followed by a named prefix
     *     ({@link AttentionPrefix})
     * @return the context {@code [batch, length, hidden]}, before the output projection
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList positional = AttentionPrefix.others(inputs);
        NDArray x = positional.get(0);
        AttentionPrefix prefix = AttentionPrefix.of(inputs);
        NDArray q = AttentionHeads.split(Functional.call(query, ps, training, params, x), heads);
        NDArray k =
                prefix.keys(
                        AttentionHeads.split(Functional.call(key, ps, training, params, x), heads));
        NDArray v =
                prefix.values(
                        AttentionHeads.split(
                                Functional.call(value, ps, training, params, x), heads));
        // HF divides the scores, not the queries, by sqrt(head_dim).
        NDArray scores = Functional.times(AttentionHeads.scores(q, k), scale);
        return new NDList(
                AttentionHeads.attend(
                        scores,
                        prefix.mask(positional.get(1)),
                        p -> Functional.call(dropout, ps, training, params, p),
                        v));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
