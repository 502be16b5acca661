package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What a model's config allows in its inputs, checked at the top of the root model's forward pass
 * so that the Java API and the command line give the same one-line errors, naming the input, the
 * offending value and the config field, before any lookup fails with the engine's "index out of
 * range in self" or a tensor-size mismatch: token ids must be rows of the vocabulary ({@code
 * vocab_size}) and sequences no longer than the position table allows.
 */
public final class InputLimits {
    private final String owner;
    private final long vocabSize;
    private final long maxTokens;
    private final String lengthRule;

    /**
     * @param owner the model's class name, for error messages
     * @param vocabSize {@code vocab_size}
     * @param maxTokens the longest sequence the model takes
     * @param lengthRule the config field that sets it and how, for error messages, such as {@code
     *     n_positions = 1024}, possibly with a note on how to raise it
     */
    public InputLimits(String owner, long vocabSize, long maxTokens, String lengthRule) {
        this.owner = owner;
        this.vocabSize = vocabSize;
        this.maxTokens = maxTokens;
        this.lengthRule = lengthRule;
    }

    /**
     * @return the size of the vocabulary: token ids lie in {@code 0 .. vocabSize - 1}
     */
    public long vocabSize() {
        return vocabSize;
    }

    /**
     * @return the longest sequence the model takes, in tokens
     */
    public long maxTokens() {
        return maxTokens;
    }

    /**
     * Checks the token inputs among a model's resolved inputs: the ids of each that holds ids, and
     * the length of each.
     *
     * @param inputs the resolved inputs
     * @param names the token inputs to check when present, such as {@code input_ids}, {@code
     *     inputs_embeds} and {@code decoder_input_ids}; integer arrays are ids, floating ones
     *     embeddings
     * @throws IllegalArgumentException naming the input, the offending id or length, and the config
     *     field
     */
    public void check(Map<String, NDArray> inputs, String... names) {
        for (String name : names) {
            NDArray tokens = inputs.get(name);
            if (tokens != null) {
                requireIds(inputs, name);
                requireLength(tokens.getShape().get(1), name);
            }
        }
    }

    /**
     * @param inputs the resolved inputs
     * @param name a token input, checked when present and integer (floating arrays are embeddings)
     * @throws IllegalArgumentException when an id is not a row of the vocabulary, naming it and
     *     {@code vocab_size}
     */
    public void requireIds(Map<String, NDArray> inputs, String name) {
        NDArray ids = inputs.get(name);
        if (ids != null && !ids.getDataType().isFloating()) {
            requireIdsBelow(ids, name, "vocab_size", vocabSize, owner);
        }
    }

    /**
     * @param length a sequence's length, in tokens
     * @param what what has that length, such as {@code input_ids} or {@code input_ids with the soft
     *     prompt}
     * @throws IllegalArgumentException when it is longer than the model takes
     */
    public void requireLength(long length, String what) {
        if (length > maxTokens) {
            throw new IllegalArgumentException(
                    owner
                            + ": "
                            + what
                            + " has "
                            + length
                            + " tokens; it takes at most "
                            + maxTokens
                            + " ("
                            + lengthRule
                            + ")");
        }
    }

    /**
     * @param ids integer ids {@code [batch, length]}
     * @param name the input's name, such as {@code token_type_ids}
     * @param field the config field that bounds them, such as {@code type_vocab_size}
     * @param size its value: the ids must lie in {@code 0 .. size - 1}
     * @param owner the model's class name, for error messages
     * @throws IllegalArgumentException when the array is not {@code [batch, length]} integers or an
     *     id is out of range, naming the input, the id and the field
     */
    public static void requireIdsBelow(
            NDArray ids, String name, String field, long size, String owner) {
        if (ids.getShape().dimension() != 2 || ids.getDataType().isFloating()) {
            throw new IllegalArgumentException(
                    owner
                            + ": "
                            + name
                            + " must be integer ids [batch, length], got "
                            + ids.getDataType()
                            + " "
                            + ids.getShape());
        }
        if (ids.size() == 0) {
            return;
        }
        long min;
        long max;
        try (NDArray lo = ids.min();
                NDArray hi = ids.max()) {
            min = lo.toArray()[0].longValue();
            max = hi.toArray()[0].longValue();
        }
        if (min < 0 || max >= size) {
            throw new IllegalArgumentException(
                    owner
                            + ": "
                            + name
                            + " holds "
                            + (min < 0 ? min : max)
                            + ", outside 0.."
                            + (size - 1)
                            + " ("
                            + field
                            + " = "
                            + size
                            + ")");
        }
    }
}
