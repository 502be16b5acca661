package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * The head layout of multi-head attention, as HF's attention blocks split and merge it, and the
 * scaled dot-product core they share. Each model scales where HF does (the queries, or the scores),
 * so that part stays with it.
 */
public final class AttentionHeads {
    private AttentionHeads() {}

    /**
     * @param x projected states {@code [batch, length, heads * head_dim]}
     * @param heads the number of heads
     * @return {@code [batch, heads, length, head_dim]}
     */
    public static NDArray split(NDArray x, long heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /**
     * @param projection a linear projection to {@code heads * head_dim}
     * @param states the states it projects {@code [batch, length, hidden]}
     * @param heads the number of heads
     * @param ps the parameter store of the pass
     * @param training whether the pass trains
     * @param params the pass's parameters
     * @return the projected states split into heads, {@code [batch, heads, length, head_dim]}
     */
    public static NDArray project(
            Child projection,
            NDArray states,
            long heads,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        return split(Functional.call(projection, ps, training, params, states), heads);
    }

    /**
     * @param x per-head states {@code [batch, heads, length, head_dim]}
     * @return {@code [batch, length, heads * head_dim]}
     */
    public static NDArray merge(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    /**
     * @param q queries {@code [batch, heads, queries, head_dim]}
     * @param k keys {@code [batch, heads, keys, head_dim]}
     * @return the raw scores {@code q k^T}, {@code [batch, heads, queries, keys]}
     */
    public static NDArray scores(NDArray q, NDArray k) {
        return q.matMul(k.transpose(0, 1, 3, 2));
    }

    /**
     * The rest of HF's eager attention once the scores are scaled: {@code
     * merge(dropout(softmax(scores + mask)) v)}.
     *
     * @param scores scaled scores {@code [batch, heads, queries, keys]}
     * @param mask an additive mask broadcastable to the scores (any position bias already added to
     *     it)
     * @param dropout the dropout on the probabilities: the block's {@code dropout} child or a
     *     functional one
     * @param v values {@code [batch, heads, keys, head_dim]}
     * @return the context {@code [batch, queries, heads * head_dim]}, before any output projection
     */
    public static NDArray attend(
            NDArray scores, NDArray mask, UnaryOperator<NDArray> dropout, NDArray v) {
        NDArray probs = dropout.apply(scores.add(mask).softmax(-1));
        return merge(probs.matMul(v));
    }
}
