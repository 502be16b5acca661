package org.delta4j.train.data;

/**
 * One training row as read, before padding. Exactly one kind of label is set, as {@link Batch} has:
 * {@code tokenLabels}, or a class id ({@code classLabel >= 0}), or a regression target.
 *
 * @param inputIds the token ids
 * @param attentionMask 0 or 1 per token, as long as {@code inputIds}
 * @param tokenTypeIds segment ids, as long as {@code inputIds}, or null
 * @param tokenLabels per-token labels ({@code -100} ignored), or null
 * @param classLabel the class id, or -1
 * @param regressionTarget the value to regress to ({@code NaN} when the row has another label)
 */
record Row(
        int[] inputIds,
        int[] attentionMask,
        int[] tokenTypeIds,
        int[] tokenLabels,
        int classLabel,
        float regressionTarget) {

    /**
     * @return the tokens this row holds, for the file's total
     */
    long tokens() {
        return inputIds.length + (tokenLabels == null ? 0L : tokenLabels.length);
    }
}
