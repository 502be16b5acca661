package org.delta4j.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

/**
 * The 0-dimensional arrays that {@link Functional} multiplies, divides and adds by, made once per
 * value, data type and device and then shared by every pass and thread. A fresh scalar for each
 * {@code x * c} costs a native allocation and a call per use, and in a forward pass every small
 * call is slow: the matrix product before it has flushed the caches (LoRA's scaling at hidden size
 * 256 took 28 us of its module's 130).
 *
 * <p>A shared constant is only ever read: libtorch takes it as an operand, and autograd keeps its
 * own reference for the backward pass. The constants live for the life of the process, in a manager
 * per device. Their values come from model configs (attention scales, LoRA's {@code alpha / r},
 * epsilons), so there are few; past the limit an operation makes its own scalar and frees it once
 * the operation returns.
 */
final class Constants {
    /** The constants {@link Functional} uses: at most 1,024. */
    static final Constants SHARED = new Constants(1024);

    private final int limit;
    private final Map<Key, NDArray> values = new ConcurrentHashMap<>();
    private final Map<Device, NDManager> owners = new ConcurrentHashMap<>();

    private record Key(int bits, DataType dataType, Device device) {}

    /**
     * @param limit the most constants kept, across values, data types and devices
     */
    Constants(int limit) {
        this.limit = limit;
    }

    /**
     * Applies a binary operation to an array and a scalar.
     *
     * @param x the array, the operation's first operand (its manager owns the result)
     * @param c the scalar, taken in {@code x}'s data type and on its device
     * @param op the operation, such as {@link NDArray#mul(NDArray)}
     * @return {@code op(x, c)}
     */
    NDArray apply(NDArray x, float c, BinaryOperator<NDArray> op) {
        NDArray shared = shared(x, c);
        if (shared != null) {
            return op.apply(x, shared);
        }
        try (NDArray own = x.getManager().full(new Shape(), c, x.getDataType())) {
            return op.apply(x, own);
        }
    }

    /**
     * @return how many constants are kept
     */
    int count() {
        return values.size();
    }

    private NDArray shared(NDArray like, float c) {
        Key key = new Key(Float.floatToIntBits(c), like.getDataType(), like.getDevice());
        NDArray known = values.get(key);
        if (known != null || values.size() >= limit) {
            return known;
        }
        return values.computeIfAbsent(key, k -> owner(like).full(new Shape(), c, k.dataType()));
    }

    private NDManager owner(NDArray like) {
        return owners.computeIfAbsent(
                like.getDevice(), d -> like.getManager().getEngine().newBaseManager(d));
    }
}
