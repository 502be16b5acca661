package org.delta4j.serve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * One request's row of a padded batch's outputs. Rows are padded on the right, so the request's
 * tokens are the first {@link #length()} positions of its row.
 *
 * @param outputs the batch's outputs, named ({@code logits}, {@code last_hidden_state}, ...)
 * @param index the request's row in the batch
 * @param length the request's length in tokens
 */
public record BatchRow(NDList outputs, int index, int length) {
    /**
     * @param name an output of the model
     * @return that output's row for this request, padding included
     * @throws IllegalArgumentException when the model has no such output, naming those it has
     */
    public NDArray output(String name) {
        NDArray all = outputs.get(name);
        if (all == null) {
            throw new IllegalArgumentException(
                    "the model has no output \""
                            + name
                            + "\"; its outputs are "
                            + outputs.stream().map(NDArray::getName).toList());
        }
        return all.get(index);
    }

    /**
     * @param name an output with one value per row, such as a classifier's {@code logits} or {@code
     *     pooler_output}
     * @return this request's values of it
     */
    public float[] values(String name) {
        return output(name).toFloatArray();
    }

    /**
     * @param name an output with one value per token, such as {@code last_hidden_state}
     * @return this request's tokens of it, without padding: {@code [length, ...]} flattened
     */
    public float[] tokens(String name) {
        return output(name).get(new NDIndex(":{}", length)).toFloatArray();
    }
}
