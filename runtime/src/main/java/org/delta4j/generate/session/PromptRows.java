package org.delta4j.generate.session;

import java.util.Arrays;

/**
 * Checks the rows a decoding call starts from: {@code input_ids} in the vocabulary, all rows of one
 * length, and an {@code attention_mask} of 0 and 1 of the same shape.
 */
public final class PromptRows {
    private PromptRows() {}

    /**
     * @param inputIds {@code [batch][length]}
     * @param attentionMask {@code [batch][length]} of 0 and 1, or null for all ones
     * @param vocabSize the model's {@code vocab_size}
     * @return the mask (all ones when none was given)
     * @throws IllegalArgumentException naming the input, the place and the problem
     */
    public static long[][] check(long[][] inputIds, long[][] attentionMask, long vocabSize) {
        if (inputIds == null
                || inputIds.length == 0
                || inputIds[0] == null
                || inputIds[0].length == 0) {
            throw new IllegalArgumentException(
                    "input_ids is empty: generate needs at least one row of at least one token");
        }
        int width = inputIds[0].length;
        for (int r = 0; r < inputIds.length; r++) {
            if (inputIds[r] == null || inputIds[r].length != width) {
                throw new IllegalArgumentException(
                        "input_ids rows must all be "
                                + width
                                + " long (pad them), row "
                                + r
                                + " is not");
            }
            for (int i = 0; i < width; i++) {
                if (inputIds[r][i] < 0 || inputIds[r][i] >= vocabSize) {
                    throw new IllegalArgumentException(
                            "input_ids["
                                    + r
                                    + "]["
                                    + i
                                    + "] = "
                                    + inputIds[r][i]
                                    + " is outside the vocabulary 0.."
                                    + (vocabSize - 1)
                                    + " (vocab_size = "
                                    + vocabSize
                                    + ")");
                }
            }
        }
        if (attentionMask == null) {
            long[][] ones = new long[inputIds.length][width];
            for (long[] row : ones) {
                Arrays.fill(row, 1);
            }
            return ones;
        }
        if (attentionMask.length != inputIds.length) {
            throw new IllegalArgumentException(
                    "attention_mask has "
                            + attentionMask.length
                            + " rows, input_ids "
                            + inputIds.length
                            + "; give one mask row per input row");
        }
        for (int r = 0; r < attentionMask.length; r++) {
            if (attentionMask[r] == null || attentionMask[r].length != width) {
                throw new IllegalArgumentException(
                        "attention_mask row "
                                + r
                                + " must be "
                                + width
                                + " long, as input_ids' rows");
            }
            for (long m : attentionMask[r]) {
                if (m != 0 && m != 1) {
                    throw new IllegalArgumentException(
                            "attention_mask row "
                                    + r
                                    + " holds "
                                    + m
                                    + "; it must be 1 on tokens and 0 on padding");
                }
            }
        }
        return attentionMask;
    }
}
