package org.delta4j.delta.prefix;

import ai.djl.ndarray.NDArray;

/**
 * The prefix keys and values that a {@link ReparameterizeFunction} computes once per forward pass for every
 * {@link PrefixLayer} of a delta. Written when the first modified module runs, read by each prefix layer after it.
 */
final class PrefixValues {
    private final NDArray[] keys;
    private final NDArray[] values;
    private final String computedAt;

    PrefixValues(int layers, String computedAt) {
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.computedAt = computedAt;
    }

    void set(int layer, NDArray key, NDArray value) {
        keys[layer] = key;
        values[layer] = value;
    }

    NDArray key(int layer) {
        return checked(keys[layer]);
    }

    NDArray value(int layer) {
        return checked(values[layer]);
    }

    private NDArray checked(NDArray a) {
        if (a == null) {
            throw new IllegalStateException("The prefix keys and values are computed when " + computedAt
                    + " runs; run the whole model, not a part after it.");
        }
        return a;
    }
}
