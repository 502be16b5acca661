package org.delta4j.delta.prefix;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * The prefix keys and values that a {@link ReparameterizeFunction} computes once per forward pass
 * for every {@link PrefixLayer} of a delta. Written when the first modified module runs, read by
 * each prefix layer after it. They are the calling thread's, so forward passes in several threads
 * at once each read their own, and a layer's pair is dropped once the layer has read it: the arrays
 * live in the forward pass's manager, which may close after it.
 *
 * <p>A pass that skips the first modified module (a decoding step that gives {@code
 * encoder_outputs} instead of running the encoder) finds no pair: the reparameterisation then
 * computes them for the layer that asks.
 */
final class PrefixValues {
    private final ThreadLocal<NDArray[]> keys;
    private final ThreadLocal<NDArray[]> values;
    private final String computedAt;
    private ReparameterizeFunction source;

    PrefixValues(int layers, String computedAt) {
        this.keys = ThreadLocal.withInitial(() -> new NDArray[layers]);
        this.values = ThreadLocal.withInitial(() -> new NDArray[layers]);
        this.computedAt = computedAt;
    }

    /** Sets what computes the pairs on demand. */
    void computedBy(ReparameterizeFunction function) {
        this.source = function;
    }

    /**
     * Reads a layer's keys, computing every pair first when this pass has not yet; call before
     * {@link #value}.
     *
     * @param caller an array of the pass, whose manager and device the computed pairs take
     */
    NDArray key(int layer, ParameterStore ps, NDArray caller, boolean training) {
        if (keys.get()[layer] == null && source != null) {
            source.compute(ps, caller, training);
        }
        return key(layer);
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
