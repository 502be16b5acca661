package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.HfBlock;

/**
 * A stand-in for a prefix delta in tests: swapped in for an attention block, it passes fixed prefix
 * keys and values to it as the named extra inputs. It can drop the attention's extra outputs, as
 * OpenDelta's T5 prefix layer drops the position bias.
 */
public final class PrefixedAttention extends HfBlock {
    private final Child attention;
    private final NDArray key;
    private final NDArray value;
    private final boolean dropExtraOutputs;

    /**
     * @param attention the attention block
     * @param key {@code [batch or 1, heads, p, head_dim]}
     * @param value the same shape
     * @param dropExtraOutputs whether to return only the attention's first output
     */
    public PrefixedAttention(
            Block attention, NDArray key, NDArray value, boolean dropExtraOutputs) {
        this.attention = child("attention", attention);
        this.key = key;
        this.value = value;
        this.dropExtraOutputs = dropExtraOutputs;
        key.setName(AttentionPrefix.KEY);
        value.setName(AttentionPrefix.VALUE);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList withPrefix = new NDList(inputs);
        withPrefix.add(key);
        withPrefix.add(value);
        NDList out = attention.forward(ps, withPrefix, training, params);
        return dropExtraOutputs ? new NDList(out.head()) : out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return attention.getOutputShapes(inputShapes);
    }
}
