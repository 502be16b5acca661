package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * How prefix tuning plugs into an attention block (HF's {@code past_key_value}). Besides its positional inputs, an
 * attention block accepts two named arrays, {@value #KEY} and {@value #VALUE}, each
 * {@code [batch, heads, prefix, head_dim]}. When present they are put before the projected keys and values (along
 * the key axis), and the additive attention mask gets {@code prefix} zeros (attend) in front of its key axis. A
 * prefix of length 0 is the same as none. A prefix delta adds the two arrays to the inputs of the block it wraps;
 * parents pass only positional inputs on.
 */
public final class AttentionPrefix {
    /** The name of the prefix keys among an attention block's inputs. */
    public static final String KEY = "prefix_key";

    /** The name of the prefix values among an attention block's inputs. */
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
     * @return the prefix among them; empty when there is none or it has length 0
     * @throws IllegalArgumentException when only one of the two arrays is given, or their shapes differ or are not
     *     4-dimensional
     */
    public static AttentionPrefix of(NDList inputs) {
        NDArray key = inputs.get(KEY);
        NDArray value = inputs.get(VALUE);
        if (key == null && value == null) {
            return NONE;
        }
        if (key == null || value == null) {
            throw new IllegalArgumentException("a prefix needs both " + KEY + " and " + VALUE + ", got only "
                    + (key == null ? VALUE : KEY));
        }
        if (key.getShape().dimension() != 4 || !key.getShape().equals(value.getShape())) {
            throw new IllegalArgumentException(KEY + " and " + VALUE + " must both be [batch, heads, prefix, "
                    + "head_dim], got " + key.getShape() + " and " + value.getShape());
        }
        return key.getShape().get(2) == 0 ? NONE : new AttentionPrefix(key, value);
    }

    /**
     * @param inputs an attention block's inputs
     * @return the inputs other than the prefix, in order
     */
    public static NDList positional(NDList inputs) {
        NDList out = new NDList(inputs.size());
        for (NDArray array : inputs) {
            if (!KEY.equals(array.getName()) && !VALUE.equals(array.getName())) {
                out.add(array);
            }
        }
        return out;
    }

    /** @return the prefix arrays, for a container to pass on to its attention block; empty when there is none */
    public NDList arrays() {
        return key == null ? new NDList() : new NDList(key, value);
    }

    /**
     * @param projected the projected keys {@code [batch, heads, keys, head_dim]}
     * @return the prefix keys followed by {@code projected}, or {@code projected} itself without a prefix
     */
    public NDArray keys(NDArray projected) {
        return prepend(key, projected);
    }

    /**
     * @param projected the projected values {@code [batch, heads, keys, head_dim]}
     * @return the prefix values followed by {@code projected}, or {@code projected} itself without a prefix
     */
    public NDArray values(NDArray projected) {
        return prepend(value, projected);
    }

    /**
     * @param mask an additive attention mask whose last axis is the key axis
     * @return the mask with one zero (attend) per prefix position in front, or {@code mask} itself without a prefix
     */
    public NDArray mask(NDArray mask) {
        if (key == null) {
            return mask;
        }
        Shape s = mask.getShape();
        Shape zeros = s.slice(0, s.dimension() - 1).add(key.getShape().get(2));
        return mask.getManager().zeros(zeros, mask.getDataType()).concat(mask, s.dimension() - 1);
    }

    private static NDArray prepend(NDArray prefix, NDArray projected) {
        if (prefix == null) {
            return projected;
        }
        Shape p = prefix.getShape();
        Shape s = projected.getShape();
        if (p.get(0) != s.get(0) || p.get(1) != s.get(1) || p.get(3) != s.get(3)) {
            throw new IllegalArgumentException("the prefix " + p + " does not fit the projected keys and values "
                    + s + ": batch, heads and head_dim must be equal");
        }
        return prefix.concat(projected, 2);
    }
}
