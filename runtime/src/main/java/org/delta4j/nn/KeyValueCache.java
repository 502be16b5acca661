package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.util.PairList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The keys and values a decoder's attention blocks keep between generation steps (HF's {@code
 * past_key_values}). A caller puts it in a forward pass's extra parameters ({@link #params}); each
 * attention block that finds it there ({@link #of}) stores under its own identity:
 *
 * <ul>
 *   <li>a causal self-attention appends the keys and values of the new positions to those of the
 *       earlier steps; an {@link AttentionPrefix} goes in front once, on the first step;
 *   <li>a cross-attention computes the encoder's keys and values on the first step and reuses them.
 * </ul>
 *
 * <p>Arrays are {@code [batch, heads, positions, head_dim]} and live in this cache's own manager,
 * so a step's other arrays can be freed with the step. A cache belongs to one decoding call on one
 * thread; {@link #close} frees it.
 */
public final class KeyValueCache implements AutoCloseable {
    /** The key of the cache in a forward pass's extra parameters. */
    public static final String PARAM = "delta4j.key_value_cache";

    private final NDManager manager;
    private final Map<Object, Entry> entries = new IdentityHashMap<>();
    private Entry firstSelf;
    private NDManager borrower;

    /**
     * @param parent the manager whose child holds the cached arrays
     */
    public KeyValueCache(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /**
     * @param params a forward pass's extra parameters, possibly null
     * @return the cache among them, or null when the pass runs without one
     */
    public static KeyValueCache of(PairList<String, Object> params) {
        return params == null ? null : (KeyValueCache) params.get(PARAM);
    }

    /**
     * A decoder's mask must cover every position attended to, the cached ones included.
     *
     * @param owner the decoder's class, for the message, such as {@code BartDecoder}
     * @param mask the {@code decoder_attention_mask} given
     * @param width the number of cached positions plus new ones
     * @return the mask
     * @throws IllegalArgumentException when it is not {@code [batch, width]}
     */
    public static NDArray requireDecoderMaskWidth(String owner, NDArray mask, long width) {
        if (mask.getShape().dimension() != 2 || mask.getShape().get(1) != width) {
            throw new IllegalArgumentException(
                    owner
                            + ": decoder_attention_mask must be [batch, "
                            + width
                            + "] (the cached positions and the new ones), got "
                            + mask.getShape());
        }
        return mask;
    }

    /**
     * @return extra forward parameters that hand this cache to the model's attention blocks
     */
    public PairList<String, Object> params() {
        PairList<String, Object> params = new PairList<>();
        params.add(PARAM, this);
        return params;
    }

    /**
     * @return the number of sequence positions the self-attention blocks have seen in earlier steps
     *     (a soft prompt's included, an attention prefix's not): the position of the next token
     */
    public long length() {
        return firstSelf == null ? 0 : firstSelf.keys.getShape().get(2) - firstSelf.prefixLength;
    }

    /** Where an attention block sits, which decides what it does with a cache. */
    public enum Role {
        /** An encoder's self-attention, which runs once per input: never cached. */
        ENCODER_SELF,
        /** A decoder's causal self-attention: the new positions join the cached ones. */
        DECODER_SELF,
        /** A decoder's attention on the encoder output: computed on the first step only. */
        CROSS
    }

    /**
     * An attention block's keys and values for a pass, the prefix in front: through the pass's
     * cache as the block's role says, else computed.
     *
     * @param params the pass's extra parameters
     * @param owner the attention block
     * @param role where the block sits
     * @param keys computes the keys of this pass's positions {@code [batch, heads, new, head_dim]}
     *     (not called for a cached cross-attention)
     * @param values computes their values, of the same shape
     * @param prefix the block's prefix
     * @return keys and values {@code [batch, heads, p + past + new, head_dim]}
     */
    public static NDList keysAndValues(
            PairList<String, Object> params,
            Object owner,
            Role role,
            Supplier<NDArray> keys,
            Supplier<NDArray> values,
            AttentionPrefix prefix) {
        KeyValueCache cache = role == Role.ENCODER_SELF ? null : of(params);
        Supplier<NDList> prefixed =
                () -> new NDList(prefix.keys(keys.get()), prefix.values(values.get()));
        if (cache == null) {
            return prefixed.get();
        }
        return role == Role.CROSS
                ? cache.crossAttention(owner, prefixed)
                : cache.selfAttention(owner, keys.get(), values.get(), prefix);
    }

    /**
     * {@link #keysAndValues} for a decoder's self-attention whose keys and values are computed
     * already.
     *
     * @param params the pass's extra parameters
     * @param owner the attention block
     * @param keys the new positions' keys {@code [batch, heads, new, head_dim]}
     * @param values their values, of the same shape
     * @param prefix the block's prefix
     * @return keys and values {@code [batch, heads, p + past + new, head_dim]}
     */
    public static NDList selfAttention(
            PairList<String, Object> params,
            Object owner,
            NDArray keys,
            NDArray values,
            AttentionPrefix prefix) {
        return keysAndValues(params, owner, Role.DECODER_SELF, () -> keys, () -> values, prefix);
    }

    /**
     * A causal self-attention's keys and values for this step: the cached ones followed by the new
     * ones, which join the cache.
     *
     * @param owner the attention block
     * @param keys the new positions' keys {@code [batch, heads, new, head_dim]}
     * @param values their values, of the same shape
     * @param prefix the block's prefix, put in front on the first step; later steps must pass one
     *     of the same length (it is already cached)
     * @return keys and values {@code [batch, heads, p + past + new, head_dim]}
     * @throws IllegalStateException when the batch or the prefix length differs from the first
     *     step's
     */
    public NDList selfAttention(
            Object owner, NDArray keys, NDArray values, AttentionPrefix prefix) {
        Entry entry = entries.get(owner);
        if (entry == null) {
            entry =
                    new Entry(
                            keep(prefix.keys(keys)),
                            keep(prefix.values(values)),
                            prefix.length(),
                            true);
            entries.put(owner, entry);
            if (firstSelf == null) {
                firstSelf = entry;
            }
        } else {
            requireSameStep(entry, keys, prefix);
            entry.keys = append(entry.keys, keys);
            entry.values = append(entry.values, values);
        }
        return new NDList(entry.keys, entry.values);
    }

    /**
     * A cross-attention's keys and values, computed on the first step and reused after.
     *
     * @param owner the attention block
     * @param compute makes the keys and values, {@code [batch, heads, source, head_dim]}
     * @return the cached keys and values
     */
    public NDList crossAttention(Object owner, Supplier<NDList> compute) {
        Entry entry = entries.get(owner);
        if (entry == null) {
            NDList made = compute.get();
            entry = new Entry(keep(made.get(0)), keep(made.get(1)), 0, false);
            entries.put(owner, entry);
        }
        return new NDList(entry.keys, entry.values);
    }

    /**
     * Reorders the batch rows of every self-attention entry (beam search). Cross-attention entries
     * stay: the sources of a row lie within the same input's beams, whose encoder states are equal.
     *
     * @param sources for each row, the row whose keys and values it takes
     */
    public void reorder(int[] sources) {
        long[] order = new long[sources.length];
        for (int i = 0; i < sources.length; i++) {
            order[i] = sources[i];
        }
        try (NDArray index = manager.create(order)) {
            for (Entry entry : entries.values()) {
                if (entry.self) {
                    entry.keys = replace(entry.keys, entry.keys.get(index));
                    entry.values = replace(entry.values, entry.values.get(index));
                }
            }
        }
    }

    /**
     * Lends every cached array to a step's manager until that manager closes, when they come back
     * to the cache. DJL puts an operation's result in its first operand's manager: without the
     * loan, what a step computes from the cached arrays (transposed keys, say) would outlive the
     * step in the cache's manager. Arrays the cache takes in while the step runs are lent too.
     *
     * @param step the manager of one decoding step
     */
    public void lendTo(NDManager step) {
        borrower = step;
        for (Entry entry : entries.values()) {
            entry.keys.tempAttach(step);
            entry.values.tempAttach(step);
        }
    }

    /** Frees every cached array. */
    @Override
    public void close() {
        entries.clear();
        firstSelf = null;
        borrower = null;
        manager.close();
    }

    private void requireSameStep(Entry entry, NDArray keys, AttentionPrefix prefix) {
        if (keys.getShape().get(0) != entry.keys.getShape().get(0)) {
            throw new IllegalStateException(
                    "The key/value cache holds "
                            + entry.keys.getShape().get(0)
                            + " rows; this step has "
                            + keys.getShape().get(0)
                            + ". Start a new cache for a new batch.");
        }
        if (prefix.length() != entry.prefixLength) {
            throw new IllegalStateException(
                    "The attention prefix has "
                            + prefix.length()
                            + " positions; the cache was started with "
                            + entry.prefixLength
                            + ". Deltas must not change during decoding.");
        }
    }

    private NDArray append(NDArray cached, NDArray fresh) {
        return replace(cached, NDArrays.concat(new NDList(cached, fresh), 2));
    }

    private NDArray replace(NDArray old, NDArray fresh) {
        NDArray kept = keep(fresh);
        old.close();
        return kept;
    }

    private NDArray keep(NDArray array) {
        array.attach(manager);
        if (borrower != null && borrower.isOpen()) {
            array.tempAttach(borrower);
        }
        return array;
    }

    /** One attention block's cached keys and values. */
    private static final class Entry {
        NDArray keys;
        NDArray values;
        final long prefixLength;
        final boolean self;

        Entry(NDArray keys, NDArray values, long prefixLength, boolean self) {
            this.keys = keys;
            this.values = values;
            this.prefixLength = prefixLength;
            this.self = self;
        }
    }
}
