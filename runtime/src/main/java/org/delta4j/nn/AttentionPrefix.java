package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Key and value states put in front of an attention block's own (prefix tuning; HF's {@code
 * past_key_value} or GPT-2's {@code layer_past}). A prefix delta passes them to the attention block
 * as two extra inputs named {@link #KEY} and {@link #VALUE}, each {@code [batch, heads, p,
 * head_dim]} (batch 1 is broadcast). The block prepends them to its projected keys and values and
 * lets every query attend to them: its additive mask gets {@code p} zeros at the front of the key
 * axis.
 */
public final class AttentionPrefix {
    /** The input name of the prefix keys. */
    public static final String KEY = "prefix_key";

    /** The input name of the prefix values. */
    public static final String VALUE = "prefix_value";

    private static final AttentionPrefix NONE = new AttentionPrefix(null, null);

    private final NDArray key;
    private final NDArray value;

    private AttentionPrefix(NDArray key, NDArray value) {
        this.key = key;
        this.value = value;
    }

    /**
     * @param inputs an attention block's inputs
     * @return the prefix they carry, empty (length 0) when they carry none
     * @throws IllegalArgumentException when only one of the two arrays is given, either is given
     *     twice, or they are not two equal-shaped 4-d arrays
     */
    public static AttentionPrefix of(NDList inputs) {
        NDArray key = find(inputs, KEY);
        NDArray value = find(inputs, VALUE);
        if (key == null && value == null) {
            return NONE;
        }
        if (key == null || value == null) {
            throw new IllegalArgumentException(
                    "An attention prefix needs both "
                            + KEY
                            + " and "
                            + VALUE
                            + ", got only "
                            + (key == null ? VALUE : KEY));
        }
        if (key.getShape().dimension() != 4 || !key.getShape().equals(value.getShape())) {
            throw new IllegalArgumentException(
                    KEY
                            + " and "
                            + VALUE
                            + " must both be [batch, heads, p, head_dim], got "
                            + key.getShape()
                            + " and "
                            + value.getShape());
        }
        return key.getShape().get(2) == 0 ? NONE : new AttentionPrefix(key, value);
    }

    /**
     * @param inputs an attention block's inputs
     * @return the inputs other than the prefix arrays, in order: the block's own inputs
     */
    public static NDList others(NDList inputs) {
        NDList out = new NDList(inputs.size());
        for (NDArray a : inputs) {
            if (!KEY.equals(a.getName()) && !VALUE.equals(a.getName())) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * @return the prefix arrays, for a container to pass on to its attention block; empty when
     *     there is none
     */
    public NDList arrays() {
        return key == null ? new NDList() : new NDList(key, value);
    }

    /**
     * @return the number of prefix positions {@code p}, 0 without a prefix
     */
    public long length() {
        return key == null ? 0 : key.getShape().get(2);
    }

    /**
     * @param projected the block's keys {@code [batch, heads, keys, head_dim]}
     * @return the prefix keys followed by them, {@code [batch, heads, p + keys, head_dim]}
     */
    public NDArray keys(NDArray projected) {
        return prepend(key, projected);
    }

    /**
     * @param projected the block's values {@code [batch, heads, keys, head_dim]}
     * @return the prefix values followed by them, {@code [batch, heads, p + keys, head_dim]}
     */
    public NDArray values(NDArray projected) {
        return prepend(value, projected);
    }

    /**
     * @param additive an additive attention mask whose last axis is the key axis
     * @return the mask with {@code p} zeros (attend) in front of the key axis
     */
    public NDArray mask(NDArray additive) {
        if (key == null) {
            return additive;
        }
        Shape s = additive.getShape();
        Shape zerosShape = s.slice(0, s.dimension() - 1).add(length());
        NDArray zeros = additive.getManager().zeros(zerosShape, additive.getDataType());
        return NDArrays.concat(new NDList(zeros, additive), -1);
    }

    private static NDArray prepend(NDArray prefix, NDArray projected) {
        if (prefix == null) {
            return projected;
        }
        Shape s = projected.getShape();
        Shape p = prefix.getShape();
        boolean batchFits = p.get(0) == s.get(0) || p.get(0) == 1;
        if (!batchFits || p.get(1) != s.get(1) || p.get(3) != s.get(3)) {
            throw new IllegalArgumentException(
                    "The attention prefix "
                            + p
                            + " does not fit keys and values of shape "
                            + s
                            + ": it must be [batch or 1, heads, p, head_dim]");
        }
        NDArray batched =
                p.get(0) == s.get(0)
                        ? prefix
                        : prefix.broadcast(s.get(0), p.get(1), p.get(2), p.get(3));
        return NDArrays.concat(new NDList(batched, projected), 2);
    }

    private static NDArray find(NDList inputs, String name) {
        NDArray found = null;
        for (NDArray a : inputs) {
            if (name.equals(a.getName())) {
                if (found != null) {
                    throw new IllegalArgumentException(
                            "The attention input " + name + " is given twice");
                }
                found = a;
            }
        }
        return found;
    }
}
