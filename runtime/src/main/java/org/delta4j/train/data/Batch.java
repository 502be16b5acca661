package org.delta4j.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of training rows, padded to one length and held on the host until a step turns it into
 * arrays in its own scope. The arrays are not copied: do not change them after building.
 *
 * <p>Exactly one kind of label is present: {@code tokenLabels} (causal and sequence-to-sequence LM,
 * {@code -100} on positions the loss ignores; for seq2seq their length is the target's), or {@code
 * classLabels} (sequence classification), or {@code regressionTargets} (a classifier with one
 * label).
 *
 * @param inputIds token ids, {@code [rows][length]}
 * @param attentionMask 1 for a real token, 0 for padding, {@code [rows][length]}
 * @param tokenTypeIds segment ids {@code [rows][length]}, or null when the rows have none
 * @param tokenLabels per-token labels {@code [rows][labelLength]}, or null
 * @param classLabels one class id per row, or null
 * @param regressionTargets one value per row, or null
 */
public record Batch(
        long[][] inputIds,
        long[][] attentionMask,
        long[][] tokenTypeIds,
        long[][] tokenLabels,
        long[] classLabels,
        float[] regressionTargets) {

    /**
     * @throws IllegalArgumentException when the rows are empty or ragged, an array has another
     *     number of rows, or not exactly one kind of label is given
     */
    public Batch {
        int rows = inputIds.length;
        if (rows == 0) {
            throw new IllegalArgumentException("a batch needs at least one row");
        }
        int length = requireRectangular("input_ids", inputIds, rows, -1);
        requireRectangular("attention_mask", attentionMask, rows, length);
        if (tokenTypeIds != null) {
            requireRectangular("token_type_ids", tokenTypeIds, rows, length);
        }
        int kinds = 0;
        if (tokenLabels != null) {
            requireRectangular("labels", tokenLabels, rows, -1);
            kinds++;
        }
        if (classLabels != null) {
            requireRows("labels", classLabels.length, rows);
            kinds++;
        }
        if (regressionTargets != null) {
            requireRows("labels", regressionTargets.length, rows);
            kinds++;
        }
        if (kinds != 1) {
            throw new IllegalArgumentException(
                    "a batch needs exactly one kind of labels (per token, class ids or regression"
                            + " targets), got "
                            + kinds);
        }
    }

    /**
     * @return the number of rows
     */
    public int rows() {
        return inputIds.length;
    }

    /**
     * @return the padded length of the inputs
     */
    public int length() {
        return inputIds[0].length;
    }

    /**
     * @param manager where the arrays live (a step's scope)
     * @return {@code input_ids}, {@code attention_mask} and, when present, {@code token_type_ids},
     *     int64 and named with HF's argument names
     */
    public NDList modelInputs(NDManager manager) {
        List<NDArray> arrays = new ArrayList<>(3);
        arrays.add(named(manager, inputIds, "input_ids"));
        arrays.add(named(manager, attentionMask, "attention_mask"));
        if (tokenTypeIds != null) {
            arrays.add(named(manager, tokenTypeIds, "token_type_ids"));
        }
        return new NDList(arrays);
    }

    /**
     * @param manager where the array lives
     * @return the labels: int64 {@code [rows, labelLength]} or {@code [rows]}, or float32 {@code
     *     [rows]} for regression targets
     */
    public NDArray labels(NDManager manager) {
        if (tokenLabels != null) {
            return manager.create(tokenLabels);
        }
        return classLabels != null
                ? manager.create(classLabels)
                : manager.create(regressionTargets);
    }

    private static NDArray named(NDManager manager, long[][] values, String name) {
        NDArray array = manager.create(values);
        array.setName(name);
        return array;
    }

    private static int requireRectangular(String name, long[][] values, int rows, int length) {
        requireRows(name, values.length, rows);
        int expected = length < 0 ? values[0].length : length;
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != expected) {
                throw new IllegalArgumentException(
                        name
                                + " row "
                                + r
                                + " has "
                                + values[r].length
                                + " values, expected "
                                + expected
                                + " (rows of a batch are padded to one length)");
            }
        }
        if (expected == 0) {
            throw new IllegalArgumentException(name + " rows are empty");
        }
        return expected;
    }

    private static void requireRows(String name, int got, int rows) {
        if (got != rows) {
            throw new IllegalArgumentException(
                    name + " has " + got + " rows, input_ids has " + rows);
        }
    }
}
