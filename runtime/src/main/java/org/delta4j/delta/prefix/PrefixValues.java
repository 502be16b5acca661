package org.delta4j.delta.prefix;

import ai.djl.ndarray.NDArray;

/**
 * The prefix keys and values that a {@link ReparameterizeFunction} computes once per forward pass
 * for every {@link PrefixLayer} of a delta. Written when the first modified module runs, read by
 * each prefix layer after it. They are the calling thread's, so forward passes in several threads
 * at once each read their own, and a layer's pair is dropped once the layer has read it: the arrays
 * live in the forward pass's manager, which may close after it.
 */
final class PrefixValues {
    private final ThreadLocal<NDArray[]> keys;
    private final ThreadLocal<NDArray[]> values;
    private final String computedAt;

    PrefixValues(int layers, String computedAt) {
        this.keys = ThreadLocal.withInitial(() -> new NDArray[layers]);
        this.values = ThreadLocal.withInitial(() -> new NDArray[layers]);
        this.computedAt = computedAt;
    }

    void set(int layer, NDArray key, NDArray value) {
        keys.get()[layer] = key;
        values.get()[layer] = value;
    }

    /** Reads a layer's keys; call before {@link #value}. */
    NDArray key(int layer) {
        return checked(keys.get()[layer]);
    }

    /** Reads a layer's values and drops its pair. */
    NDArray value(int layer) {
        NDArray v = checked(values.get()[layer]);
        keys.get()[layer] = null;
        values.get()[layer] = null;
        return v;
    }

    private NDArray checked(NDArray a) {
        if (a == null) {
            throw new IllegalStateException(
                    "The prefix keys and values are computed when "
                            + computedAt
                            + " runs; run the whole model, not a part after it.");
        }
        return a;
    }
}
