package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * How prefix tuning reaches an attention block: extra named inputs {@value #KEY} and {@value #VALUE}, each
 * {@code [batch, heads, p, head_dim]}, that the block puts in front of its projected keys and values (HF's
 * {@code past_key_value}), with {@code p} more attended positions in front of its additive mask.
 */
public final class PrefixInputs {
    /** The name of the prefix keys among an attention block's inputs. */
    public static final String KEY = "prefix_key";
    /** The name of the prefix values among an attention block's inputs. */
    public static final String VALUE = "prefix_value";

    private PrefixInputs() {}

    /**
     * @param inputs an attention block's inputs
     * @param name {@link #KEY} or {@link #VALUE}
     * @return that prefix array, or {@code null} when there is none
     */
    public static NDArray find(NDList inputs, String name) {
        for (NDArray a : inputs) {
            if (name.equals(a.getName())) {
                return a;
            }
        }
        return null;
    }

    /**
     * @param prefix {@code [batch, heads, p, head_dim]}, or {@code null}
     * @param states keys or values {@code [batch, heads, keys, head_dim]}, or {@code null}
     * @return {@code prefix} then {@code states} along the key axis (either alone when the other is absent)
     */
    public static NDArray prepend(NDArray prefix, NDArray states) {
        if (prefix == null || states == null) {
            return prefix == null ? states : prefix;
        }
        return NDArrays.concat(new NDList(prefix, states), 2);
    }

    /**
     * @param mask an additive mask whose last axis is the key axis
     * @param prefix the prefix keys, or {@code null}
     * @return the mask with a zero (attend) for every prefix position in front
     */
    public static NDArray extendMask(NDArray mask, NDArray prefix) {
        if (prefix == null) {
            return mask;
        }
        Shape s = mask.getShape();
        Shape zeros = s.slice(0, s.dimension() - 1).add(prefix.getShape().get(2));
        return NDArrays.concat(new NDList(mask.getManager().zeros(zeros, mask.getDataType()), mask), -1);
    }
}
