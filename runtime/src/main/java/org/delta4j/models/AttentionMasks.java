package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention masks as HF builds them: 0 where attending is allowed, the lowest float32
 * value where it is not, added to the attention scores before the softmax.
 */
public final class AttentionMasks {
    /** HF's {@code torch.finfo(torch.float32).min}. */
    public static final float MIN = -Float.MAX_VALUE;

    private AttentionMasks() {}

    /**
     * HF's {@code _expand_mask}, left to broadcast over heads and query positions.
     *
     * @param mask {@code [batch, keys]}, 1 for tokens to attend to, 0 for padding
     * @return {@code [batch, 1, 1, keys]} float32: 0 for ones, {@link #MIN} for anything else
     */
    public static NDArray padding(NDArray mask) {
        Shape s = mask.getShape();
        return additive(mask.neq(1)).reshape(s.get(0), 1, 1, s.get(1));
    }

    /**
     * HF's {@code _make_causal_mask}: position {@code i} sees positions {@code 0..i}.
     *
     * @param manager where to create it
     * @param length the sequence length
     * @return {@code [1, 1, length, length]} float32: 0 on and below the diagonal, {@link #MIN}
     *     above
     */
    public static NDArray causal(NDManager manager, long length) {
        return causal(manager, 0, length);
    }

    /**
     * The causal mask of a decoding step: {@code length} new positions after {@code past} cached
     * ones, each seeing the cached positions and the new ones up to itself.
     *
     * @param manager where to create it
     * @param past the number of cached positions
     * @param length the number of new positions
     * @return {@code [1, 1, length, past + length]} float32: 0 where a query may look, {@link #MIN}
     *     where it may not
     */
    public static NDArray causal(NDManager manager, long past, long length) {
        long keys = past + length;
        NDArray keyPositions = manager.arange(0, Math.toIntExact(keys), 1, DataType.INT64);
        NDArray queryPositions =
                manager.arange(Math.toIntExact(past), Math.toIntExact(keys), 1, DataType.INT64);
        NDArray future = keyPositions.reshape(1, keys).gt(queryPositions.reshape(length, 1));
        return additive(future).reshape(1, 1, length, keys);
    }

    /**
     * HF's decoder mask for a causal self-attention that may continue a key/value cache: query
     * {@code i} sits at position {@code past + i} and sees the keys at or before it that are not
     * padding and, with a window, lie fewer than {@code window} positions back.
     *
     * @param mask {@code [batch, past + length]}, 1 for tokens to attend to, 0 for padding
     * @param past the number of cached positions
     * @param length the number of new positions (queries)
     * @param window the sliding window, or 0 for none
     * @return {@code [batch, 1, length, past + length]} float32: 0 where a query attends, {@link
     *     #MIN} elsewhere
     */
    public static NDArray causalPadded(NDArray mask, long past, long length, long window) {
        NDManager manager = mask.getManager();
        long keys = past + length;
        NDArray keyPositions = manager.arange(0, Math.toIntExact(keys), 1, DataType.INT64);
        NDArray queryPositions =
                manager.arange(Math.toIntExact(past), Math.toIntExact(keys), 1, DataType.INT64)
                        .reshape(length, 1);
        NDArray blocked = keyPositions.reshape(1, keys).gt(queryPositions);
        if (window > 0) {
            blocked = blocked.logicalOr(queryPositions.sub(keyPositions).gte(window));
        }
        NDArray padding = mask.neq(1).reshape(mask.getShape().get(0), 1, 1, keys);
        return additive(padding.logicalOr(blocked.reshape(1, 1, length, keys)));
    }

    /**
     * @param mask a given {@code attention_mask}, or null
     * @param batch the batch size
     * @param length the positions it must cover, the cached ones included
     * @param manager where to create the default
     * @param owner the model's class name, for the error message
     * @return the mask, or all ones {@code [batch, length]} when none is given
     * @throws IllegalArgumentException when the mask is not {@code [batch, length]}
     */
    public static NDArray requireWidth(
            NDArray mask, long batch, long length, NDManager manager, String owner) {
        if (mask == null) {
            return manager.ones(new Shape(batch, length), DataType.INT64);
        }
        if (mask.getShape().dimension() != 2 || mask.getShape().get(1) != length) {
            throw new IllegalArgumentException(
                    owner
                            + ": attention_mask must be [batch, "
                            + length
                            + "] (the cached positions and the new ones), got "
                            + mask.getShape());
        }
        return mask;
    }

    /**
     * {@link #MIN} where {@code blocked}, +0 elsewhere (a product with MIN would give -0 there).
     */
    private static NDArray additive(NDArray blocked) {
        NDManager manager = blocked.getManager();
        Shape s = blocked.getShape();
        return NDArrays.where(blocked, manager.full(s, MIN), manager.zeros(s));
    }
}
