package org.delta4j.delta.prefix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.delta4j.delta.host.InputLayer;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Functional;

/**
 * OpenDelta's prefix layer on one attention block: before the block runs, it adds {@code p} prefix
 * keys and values, {@code [batch, heads, p, head_dim]}, to the block's inputs (an {@link
 * AttentionPrefix}). The values come from the delta's {@link ReparameterizeFunction}, or, without
 * reparameterisation, from this layer's own {@code past_key} and {@code past_value} {@code [p,
 * hidden]} (N(0, 1), as OpenDelta's {@code torch.randn}).
 */
public final class PrefixLayer extends InputLayer {
    private final int index;
    private final long heads;
    private final long tokens;
    private final long hidden;
    private final PrefixValues shared;
    private final Parameter pastKey;
    private final Parameter pastValue;

    private PrefixLayer(int index, long heads, long tokens, long hidden, PrefixValues shared) {
        this.index = index;
        this.heads = heads;
        this.tokens = tokens;
        this.hidden = hidden;
        this.shared = shared;
        if (shared == null) {
            this.pastKey =
                    parameter(
                            "past_key",
                            Parameter.Type.WEIGHT,
                            new Shape(tokens, hidden),
                            new NormalInitializer(1));
            this.pastValue =
                    parameter(
                            "past_value",
                            Parameter.Type.WEIGHT,
                            new Shape(tokens, hidden),
                            new NormalInitializer(1));
        } else {
            this.pastKey = null;
            this.pastValue = null;
        }
    }

    /** A layer whose keys and values a reparameterisation computes. */
    static PrefixLayer reparameterized(
            int index, long heads, long tokens, long hidden, PrefixValues shared) {
        return new PrefixLayer(index, heads, tokens, hidden, shared);
    }

    /** A layer that trains its own keys and values. */
    static PrefixLayer direct(long heads, long tokens, long hidden) {
        return new PrefixLayer(0, heads, tokens, hidden, null);
    }

    @Override
    public NDList before(ParameterStore ps, NDList inputs, boolean training) {
        long batch = inputs.head().getShape().get(0);
        NDArray key =
                shared != null
                        ? shared.key(index, ps, inputs.head(), training)
                        : ps.getValue(pastKey, inputs.head().getDevice(), training);
        NDArray value =
                shared != null
                        ? shared.value(index)
                        : ps.getValue(pastValue, inputs.head().getDevice(), training);
        // A prefix another delta put on this block already stays in front of ours.
        AttentionPrefix earlier = AttentionPrefix.of(inputs);
        NDList out = AttentionPrefix.others(inputs);
        out.add(named(earlier.keys(perHead(key, inputs.head(), batch)), AttentionPrefix.KEY));
        out.add(named(earlier.values(perHead(value, inputs.head(), batch)), AttentionPrefix.VALUE));
        return out;
    }

    /**
     * Passes on only the attention output. A block's other outputs were computed for the prefixed
     * keys: T5's position bias, which OpenDelta's T5 prefix layer drops too, so the next block
     * computes its own.
     */
    @Override
    public NDList after(ParameterStore ps, NDList outputs, NDList inputs, boolean training) {
        return new NDList(outputs.head());
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    /**
     * {@code [p, hidden]} to {@code [batch, heads, p, head_dim]}, as OpenDelta's {@code
     * expand_batchsize}.
     */
    private NDArray perHead(NDArray x, NDArray caller, long batch) {
        // x is a parameter (the direct prefix) or a value of this pass (reparameterised); the
        // result is the pass's.
        NDArray h =
                Functional.onParameter(x, v -> v.reshape(tokens, heads, hidden / heads), caller)
                        .transpose(1, 0, 2);
        return h.expandDims(0).broadcast(batch, heads, tokens, hidden / heads);
    }
}
